/**
 * The restic runner against real remote places on loopback (test/helpers/backup-servers.ts): an
 * SFTP "NAS" (an sshd of its own), REST repositories (`rclone serve restic`, append-only or not)
 * and an S3 stand-in over HTTPS. A backup, a copy to the second target, a restore test from the
 * copy; append-only proved by a refused delete (and disproved by one that succeeds); a target that
 * is down is a failed run with its code; no secret in anything returned.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
  backup,
  check,
  copy,
  init,
  proveAppendOnly,
  type ResticRepo,
  restoreTest,
  snapshots,
} from '../src/backup/restic/index.ts';
import { startRestServer, startS3, startSftpNas } from './helpers/backup-servers.ts';

const PASSWORD = 'remote-Pw-41b7a0';

describe('restic runner, remote repositories', { timeout: 120_000 }, () => {
  let dir: string;
  let data: string;
  const stops: (() => Promise<void>)[] = [];
  const said: unknown[] = [];
  const secrets: string[] = [PASSWORD];
  const withCache = (r: ResticRepo): ResticRepo => ({ ...r, cacheDir: join(dir, 'cache') });

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bascule-restic-remote-'));
    data = join(dir, 'data');
    mkdirSync(data);
    for (let i = 0; i < 10; i++) writeFileSync(join(data, `r${i}.txt`), `remote ${i}\n`.repeat(300));
  });
  after(async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  it('SFTP NAS and S3 over HTTPS: backup to the NAS, copy to S3, restore test from the copy, check', async () => {
    const nas = await startSftpNas();
    stops.push(() => nas.stop());
    const s3 = await startS3(['acme']);
    stops.push(() => s3.stop());
    const first = withCache(nas.repo('bascule', PASSWORD));
    const second = withCache(s3.repo('acme', 'second-Pw-88c2'));
    secrets.push('second-Pw-88c2');
    for (const r of [first, second]) {
      const made = await init(r);
      said.push(made);
      assert.deepEqual(
        made,
        { ok: true, created: true },
        `${r.repository} ${JSON.stringify(made.error)} ${nas.log()}`,
      );
    }
    const run = await backup(first, { paths: [data] });
    said.push(run);
    assert.equal(run.ok, true, `${JSON.stringify(run.error)} ${nas.log()}`);
    const copied = await copy(first, second, run.snapshotId!);
    said.push(copied);
    assert.equal(copied.ok, true, JSON.stringify(copied.error));
    assert.match(copied.snapshotId ?? '', /^[0-9a-f]{64}$/);
    assert.notEqual(copied.snapshotId, run.snapshotId, 'a copy is a new snapshot in the other repository');
    const again = await copy(first, second, run.snapshotId!);
    assert.equal(again.snapshotId, copied.snapshotId, 'copied once: restic says where it went');
    const test = await restoreTest(second, { snapshot: copied.snapshotId!, manifest: run.manifest! });
    said.push(test);
    assert.equal(test.ok, true, test.mismatch ?? JSON.stringify(test.error));
    const checked = await check(second, { readDataSubset: '100%' });
    said.push(checked);
    assert.equal(checked.ok, true, JSON.stringify(checked.error));
    // A NAS that is down: a failed run saying so.
    await nas.stop();
    const down = await backup(first, { paths: [data] }, { timeoutMs: 30_000 });
    said.push(down);
    assert.equal(down.ok, false);
    assert.equal(down.error?.code, 'BASCULE_E_RESTIC_UNREACHABLE', JSON.stringify(down.error));
  });

  it('append-only proved by a refused HTTP DELETE; a REST repository that deletes is not immutable', async () => {
    const vault = await startRestServer({ appendOnly: true });
    stops.push(() => vault.stop());
    const open = await startRestServer();
    stops.push(() => open.stop());
    secrets.push(vault.pass, open.pass);
    const locked = withCache(vault.repo('acme', PASSWORD));
    const plain = withCache(open.repo('acme', PASSWORD));
    for (const r of [locked, plain]) {
      const made = await init(r);
      assert.equal(made.ok, true, `${JSON.stringify(made.error)} ${vault.log()} ${open.log()}`);
    }

    const started = Date.now();
    const proof = await proveAppendOnly(locked);
    said.push(proof);
    assert.equal(proof.immutable, true, JSON.stringify(proof));
    assert.equal(proof.how, 'http-delete');
    assert.equal(proof.evidence, 'HTTP 403');
    assert.ok(Date.now() - started < 20_000, 'no wait on restic’s retries');
    const listed = await snapshots(locked);
    assert.ok(
      listed.ok && listed.snapshots.some((s) => s.id === proof.canary && s.tags.includes('bascule-canary')),
    );

    const not = await proveAppendOnly(plain);
    said.push(not);
    assert.equal(not.immutable, false, JSON.stringify(not));
    assert.match(not.evidence ?? '', /deleted/);
  });

  it('a local repository is not immutable: its canary is forgotten', async () => {
    const local = withCache({ repository: join(dir, 'local'), password: PASSWORD, env: {} });
    assert.equal((await init(local)).ok, true);
    const proof = await proveAppendOnly(local);
    said.push(proof);
    assert.equal(proof.immutable, false);
    assert.equal(proof.how, 'restic-forget');
  });

  it('a REST target that is not listening is a failed run, and no secret was returned', async () => {
    const gone = withCache({
      repository: 'rest:http://127.0.0.1:9/acme',
      password: PASSWORD,
      env: { RESTIC_REST_USERNAME: 'u', RESTIC_REST_PASSWORD: 'rest-secret-never-shown' },
    });
    secrets.push('rest-secret-never-shown');
    const run = await backup(gone, { paths: [data] }, { timeoutMs: 60_000 });
    said.push(run);
    assert.equal(run.ok, false);
    assert.equal(run.error?.code, 'BASCULE_E_RESTIC_UNREACHABLE', JSON.stringify(run.error));
    // restic names the repository it failed to create, credentials and all: they are scrubbed.
    const made = await init(gone);
    said.push(made);
    assert.equal(made.ok, false);
    assert.match(
      made.error?.detail ?? '',
      /create repository at rest:http:\/\/\[redacted\]@127\.0\.0\.1:9\/acme/,
    );
    const text = JSON.stringify(said);
    for (const s of secrets) assert.ok(!text.includes(s), `a secret was returned: ${s.slice(0, 3)}…`);
  });
});

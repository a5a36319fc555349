/**
 * `bascule backup init|run|verify|restore` end to end, through the CLI as a user runs it, with the
 * real restic, a local repository and a REST one (`rclone serve restic --append-only`) on loopback:
 * both made by init, a run backs up to the first and copies to the second, status says ok with the
 * snapshot ids, verify checks, restore-tests and proves the append-only target, restore gives the
 * files back byte for byte (and refuses a folder that is not empty). Then the faults, each a failed
 * run with its reason recorded and no false "ok": a missing path, a command that fails half-way, a
 * wrong password, an unreachable copy target (the backup on the first still good), restic killed
 * mid-run (the next run succeeds, its stale lock gone), a corrupted pack (verify exit 1). No secret
 * in anything printed or stored.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { listLocks, type ResticRepo } from '../src/backup/restic/index.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { freePort, startRestServer } from './helpers/backup-servers.ts';
import { type CliResult, runCli } from './helpers/cli.ts';
import { corruptDataPack } from './helpers/restic.ts';

const LOCAL_PW = 'local-Cli-pw-83e1a';
const VAULT_PW = 'vault-Cli-pw-5c2f7';
const WRONG_PW = 'wrong-Cli-pw-0d9b4';

describe('bascule backup init, run, verify, restore', { timeout: 180_000 }, () => {
  let dir: string;
  let data: string;
  let rest: Awaited<ReturnType<typeof startRestServer>>;
  let env: NodeJS.ProcessEnv;
  const said: CliResult[] = [];
  const local = (): ResticRepo => ({ repository: join(dir, 'repo'), password: LOCAL_PW, env: {} });

  const cli = async (...args: string[]) => {
    const r = await runCli(['backup', ...args], { cwd: dir, env });
    said.push(r);
    return r;
  };
  const errors = (r: CliResult) =>
    r.stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { code: string; message: string; exit: number });
  const status = async () => {
    const r = await cli('status', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as {
      datasets: {
        id: string;
        status: string;
        lastRun: { ok: boolean; error?: string } | null;
        targets: { id: string; snapshot: string | null; status: string }[];
      }[];
    };
  };
  const dataset = async (id: string) => (await status()).datasets.find((d) => d.id === id)!;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bascule-backup-cli-'));
    data = join(dir, 'data');
    mkdirSync(join(data, 'sub'), { recursive: true });
    for (let i = 0; i < 12; i++)
      writeFileSync(join(data, i % 2 ? 'sub' : '', `f${i}.txt`), `file ${i}\n`.repeat(300 + i));
    writeFileSync(join(dir, 'restic.pw'), `${LOCAL_PW}\n`);
    rest = await startRestServer({ appendOnly: true });
    const closed = await freePort();
    env = {
      LANG: 'en_US.UTF-8',
      BASCULE_ERRORS: 'json',
      VAULT_PW,
      WRONG_PW,
      REST_USER: rest.user,
      REST_PASS: rest.pass,
    };
    const restEnv = '{RESTIC_REST_USERNAME: {env: REST_USER}, RESTIC_REST_PASSWORD: {env: REST_PASS}}';
    writeFileSync(
      join(dir, 'bascule.yaml'),
      `version: 1
name: Acme
services:
  shop: {criticality: critical, rpo: 1h, dependsOn: [files]}
components:
  files: {provider: onprem, region: paris, kind: storage}
  nas: {provider: onprem, region: lyon, kind: nas}
  vault: {provider: hetzner, region: fsn1, kind: object-storage}
backups:
  targets:
    local: {repository: ./repo, password: {file: ./restic.pw}, component: nas}
    vault: {repository: "rest:${rest.url}/acme", password: {env: VAULT_PW}, component: vault, appendOnly: true, env: ${restEnv}}
    wrong: {repository: ./repo, password: {env: WRONG_PW}, component: nas}
    down: {repository: "rest:http://127.0.0.1:${closed}/none", password: {env: VAULT_PW}, component: vault}
  datasets:
    files: {component: files, paths: [./data], to: [local, vault], every: 1h, keep: {last: 3}, verify: {every: 1d, restore: true}}
    gone: {component: files, paths: [./data, ./not-there], to: [local], every: 1h}
    dump: {component: files, command: [sh, -c, "head -c 100000 /dev/zero; echo 'dump: connection lost' >&2; exit 7"], to: [local], every: 1h}
    locked-out: {component: files, paths: [./data], to: [wrong], every: 1h}
    offline: {component: files, paths: [./data], to: [local, down, vault], every: 1h}
    slow: {component: files, command: [sh, -c, "head -c 50000 /dev/urandom; if [ -f ${dir}/slow-once ]; then rm ${dir}/slow-once; sleep 30; fi"], to: [local], every: 1h}
`,
    );
  });
  after(async () => {
    await rest?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('init makes the repositories that do not exist yet, and says which were there', async () => {
    const first = await cli('init', 'local', 'vault', '--format', 'json');
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(
      JSON.parse(first.stdout).targets.map((t: { target: string; created: boolean }) => [
        t.target,
        t.created,
      ]),
      [
        ['local', true],
        ['vault', true],
      ],
    );
    const again = await cli('init', 'local', 'vault');
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /local\s+already there/);
    assert.match(again.stdout, /all 2 repositories are ready/);
  });

  it('run backs up to the first target and copies to the second; status says ok with both snapshot ids', async () => {
    const r = await cli('run', 'files');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /files: backup → local…/, 'a plain line per step when not a terminal');
    assert.match(r.stdout, /files\s+vault\s+copy\s+ok/);
    const d = await dataset('files');
    assert.equal(d.status, 'ok', JSON.stringify(d));
    assert.equal(d.lastRun?.ok, true);
    assert.deepEqual(
      d.targets.map((t) => t.status),
      ['ok', 'ok'],
    );
    for (const t of d.targets) assert.match(t.snapshot ?? '', /^[0-9a-f]{64}$/);
    assert.notEqual(d.targets[0]!.snapshot, d.targets[1]!.snapshot, 'the copy is a snapshot of its own');
  });

  it('verify checks both, restore-tests the snapshot and proves the append-only target: exit 0', async () => {
    const r = await cli('verify', 'files', '--format', 'json');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const [v] = JSON.parse(r.stdout).datasets;
    assert.deepEqual(
      v.checks.map((c: { target: string; ok: boolean; readData: string }) => [c.target, c.ok, c.readData]),
      [
        ['local', true, '5%'],
        ['vault', true, '5%'],
      ],
    );
    assert.equal(v.restores[0].ok, true);
    assert.equal(v.restores[0].compared.files.count, 12);
    assert.deepEqual(
      v.proofs.map((p: { target: string; immutable: boolean; how: string }) => [
        p.target,
        p.immutable,
        p.how,
      ]),
      [['vault', true, 'http-delete']],
    );
    // The restore test from the copy compares with the manifest saved for the copied snapshot.
    const fromVault = await cli('verify', 'files', '--target', 'vault', '--format', 'json');
    assert.equal(fromVault.code, 0, fromVault.stdout + fromVault.stderr);
    assert.equal(JSON.parse(fromVault.stdout).datasets[0].restores[0].target, 'vault');
  });

  it('restore gives the files back byte for byte; refuses a folder that is not empty without --force', async () => {
    const out = join(dir, 'out');
    const r = await cli('restore', 'files', '--to', out);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /restored files \(snapshot [0-9a-f]{8}, from local\)/);
    for (const f of ['f0.txt', 'sub/f1.txt', 'f10.txt'])
      assert.deepEqual(readFileSync(join(out, data, f)), readFileSync(join(data, f)));
    const refused = await cli('restore', 'files', '--to', out, '--target', 'vault');
    assert.equal(refused.code, 2);
    assert.deepEqual(
      errors(refused).map((e) => e.code),
      ['BASCULE_E_BACKUP_RESTORE_NOT_EMPTY'],
    );
    const forced = await cli('restore', 'files', '--to', out, '--target', 'vault', '--force');
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /from vault/);
  });

  it('an unknown dataset or target is a located did-you-mean error, exit 2', async () => {
    const r = await cli('run', 'fils', 'nope');
    assert.equal(r.code, 2);
    const e = errors(r);
    assert.deepEqual(
      e.map((x) => x.code),
      ['BASCULE_E_BACKUP_UNKNOWN_DATASET', 'BASCULE_E_BACKUP_UNKNOWN_DATASET'],
    );
    assert.match(e[0]!.message, /"fils".*did you mean "files"/);
    const t = await cli('init', 'vualt');
    assert.equal(t.code, 2);
    assert.equal(errors(t)[0]?.code, 'BASCULE_E_BACKUP_UNKNOWN_TARGET');
    const usage = await cli('restore', 'files');
    assert.equal(errors(usage)[0]?.code, 'BASCULE_E_USAGE_BACKUP');
    // A target whose password is missing is bad input before anything runs, for init as for run.
    const { VAULT_PW: _gone, ...without } = env;
    const missing = await runCli(['backup', 'init', 'vault'], { cwd: dir, env: without });
    assert.equal(missing.code, 2, missing.stdout + missing.stderr);
    assert.equal(errors(missing)[0]?.code, 'BASCULE_E_SECRET_MISSING');
  });

  it('a missing path, a command failing half-way, a wrong password: failed runs with their reasons, no false ok', async () => {
    const expected = {
      gone: 'BASCULE_E_RESTIC_SOURCE_MISSING',
      dump: 'BASCULE_E_RESTIC_PRODUCER_FAILED',
      'locked-out': 'BASCULE_E_RESTIC_WRONG_PASSWORD',
    };
    const r = await cli('run', 'gone', 'dump', 'locked-out', '--format', 'json');
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout).datasets as { dataset: string; ok: boolean; error: { code: string } }[];
    assert.deepEqual(
      Object.fromEntries(out.map((o) => [o.dataset, [o.ok, o.error.code]])),
      Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, [false, v]])),
    );
    const s = await status();
    for (const [id, code] of Object.entries(expected)) {
      const d = s.datasets.find((x) => x.id === id)!;
      assert.equal(d.status, 'breach', id);
      assert.equal(d.lastRun?.ok, false, id);
      assert.ok(d.lastRun?.error?.startsWith(code), `${id}: ${d.lastRun?.error}`);
      assert.ok(
        d.targets.every((t) => t.snapshot === null && t.status === 'breach'),
        id,
      );
    }
    assert.match(s.datasets.find((x) => x.id === 'dump')!.lastRun!.error!, /exit 7: dump: connection lost/);
    const text = await cli('run', 'gone');
    assert.match(text.stdout, /a path to back up does not exist \(.*not-there\)/);
  });

  it('an unreachable copy target: its copy fails, the next copy is made, the backup on the first target is still recorded good', async () => {
    const r = await cli('run', 'offline');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /offline\s+down\s+copy\s+failed.*cannot be reached/);
    const d = await dataset('offline');
    assert.equal(d.status, 'breach');
    const store = new SqliteStore(join(dir, '.bascule', 'bascule.db'));
    try {
      const [copy] = await store.backupRuns({ dataset: 'offline', target: 'down', limit: 1 });
      assert.deepEqual(
        [copy?.kind, copy?.ok, copy?.error?.code],
        ['copy', false, 'BASCULE_E_RESTIC_UNREACHABLE'],
      );
    } finally {
      await store.close();
    }
    const [first, down, vault] = d.targets;
    assert.equal(first!.status, 'ok');
    assert.match(first!.snapshot ?? '', /^[0-9a-f]{64}$/);
    assert.deepEqual([down!.snapshot, down!.status], [null, 'breach']);
    assert.equal(vault!.status, 'ok', 'the copy after the failed one was made all the same');
    assert.match(vault!.snapshot ?? '', /^[0-9a-f]{64}$/);
  });

  it('restic killed mid-run: a failed run; the next run succeeds and the stale lock is gone', async () => {
    writeFileSync(join(dir, 'slow-once'), '');
    const running = cli('run', 'slow');
    let pid = 0;
    for (let i = 0; i < 200 && pid === 0; i++) {
      await new Promise((res) => setTimeout(res, 100));
      const l = await listLocks(local());
      const mine = l.ok ? l.locks.find((x) => !x.exclusive) : undefined;
      if (mine) pid = mine.pid;
    }
    assert.ok(pid > 0, 'restic’s lock was seen');
    process.kill(pid, 'SIGKILL');
    const killed = await running;
    assert.equal(killed.code, 1);
    const d = await dataset('slow');
    assert.equal(d.status, 'breach');
    assert.match(d.lastRun?.error ?? '', /^BASCULE_E_RESTIC_KILLED/);
    const left = await listLocks(local());
    assert.ok(left.ok && left.locks.some((l) => l.pid === pid), 'the killed restic left its lock');

    const again = await cli('run', 'slow');
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.equal((await dataset('slow')).status, 'ok');
    const after = await listLocks(local());
    assert.ok(after.ok);
    assert.deepEqual(after.locks, [], 'the stale lock was removed');
  });

  it('a corrupted pack: verify exits 1 and the reason is recorded', async () => {
    corruptDataPack(local());
    const r = await cli('verify', 'files', '--read-data', '100%');
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /files\s+local\s+check \(100%\)\s+failed.*damaged data/);
    const store = new SqliteStore(join(dir, '.bascule', 'bascule.db'));
    try {
      const [check] = await store.backupEvents('check', { target: 'local', limit: 1 });
      assert.equal(check?.ok, false);
      assert.equal(check?.error?.code, 'BASCULE_E_RESTIC_CORRUPTED');
    } finally {
      await store.close();
    }
    const bad = await cli('verify', 'files', '--read-data', 'lots');
    assert.equal(errors(bad)[0]?.code, 'BASCULE_E_USAGE_FLAG_VALUE');
  });

  it('no secret in anything printed or stored', () => {
    const printed = JSON.stringify(said);
    assert.ok(printed.length > 5000);
    const stored = readdirSync(join(dir, '.bascule'))
      .filter((f) => f.startsWith('bascule.db'))
      .map((f) => readFileSync(join(dir, '.bascule', f)).toString('latin1'))
      .join('');
    assert.ok(stored.length > 1000);
    for (const secret of [LOCAL_PW, VAULT_PW, WRONG_PW, rest.pass]) {
      assert.ok(!printed.includes(secret), `printed: ${secret}`);
      assert.ok(!stored.includes(secret), `stored: ${secret}`);
    }
  });
});

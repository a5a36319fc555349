/**
 * The restic runner against a real restic (Debian's 0.14 or later) and a local repository: a good
 * run and its restore test, and the faults, each a failed run with its code and no false "ok":
 * a producer that fails half-way (its partial snapshot forgotten), a missing path, a wrong
 * password, no repository, a corrupted pack (found by a check that reads the data), restic killed
 * mid-run (its stale lock removed only once its process is gone), one operation per repository at
 * a time, and no password in any output or on restic's command line.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
  backup,
  check,
  detectVersion,
  forget,
  init,
  listLocks,
  type Progress,
  parseVersion,
  type ResticRepo,
  type RunOutcome,
  restore,
  restoreTest,
  snapshots,
  unlockStale,
} from '../src/backup/restic/index.ts';
import { corruptDataPack } from './helpers/restic.ts';

const PASSWORD = 'local-Pa55-9f3c1e';

describe('restic runner, local repository', { timeout: 120_000 }, () => {
  let dir: string;
  let repo: ResticRepo;
  let data: string;
  /** Everything the runner returned, to grep for the password at the end. */
  const said: unknown[] = [];
  const children: ChildProcess[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bascule-restic-local-'));
    repo = { repository: join(dir, 'repo'), password: PASSWORD, env: {}, cacheDir: join(dir, 'cache') };
    data = join(dir, 'data');
    mkdirSync(join(data, 'sub'), { recursive: true });
    for (let i = 0; i < 20; i++)
      writeFileSync(join(data, i % 2 ? 'sub' : '', `f${i}.txt`), `file ${i}\n`.repeat(500 + i));
    const made = await init(repo);
    said.push(made);
    assert.deepEqual(made, { ok: true, created: true });
  });
  after(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads restic’s version and what it can do (0.14 and current releases)', async () => {
    const v = await detectVersion();
    assert.ok(v.major > 0 || v.minor >= 14, v.version);
    assert.deepEqual(parseVersion('restic 0.14.0 compiled with go1.19.8 on linux/amd64')?.features, {
      exitCodes: false,
      stdinFromCommand: false,
      restoreJson: false,
    });
    assert.deepEqual(parseVersion('restic 0.18.1 compiled with go1.25.1 on linux/amd64')?.features, {
      exitCodes: true,
      stdinFromCommand: true,
      restoreJson: true,
    });
  });

  it('init leaves an existing repository as it is', async () => {
    const again = await init(repo);
    said.push(again);
    assert.deepEqual(again, { ok: true, created: false });
  });

  let good: RunOutcome;
  it('a good backup of paths: full snapshot id, summary, manifest, progress; its restore test passes', async () => {
    const seen: Progress[] = [];
    let cmdline = '';
    good = await backup(
      repo,
      { paths: [data] },
      {
        tags: ['t1'],
        onProgress: (p) => seen.push(p),
        onSpawn: (pid) => {
          try {
            cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
          } catch {
            cmdline = 'unread';
          }
        },
      },
    );
    said.push(good);
    assert.equal(good.ok, true, JSON.stringify(good.error));
    assert.match(good.snapshotId ?? '', /^[0-9a-f]{64}$/);
    assert.equal(good.summary?.filesNew, 20);
    assert.equal(good.manifest?.files?.count, 20);
    assert.ok(seen.length > 0 && seen.every((p) => p.fraction >= 0 && p.fraction <= 1));
    assert.ok(cmdline !== '' && !cmdline.includes(PASSWORD), 'the password is not on restic’s command line');
    const listed = await snapshots(repo);
    assert.ok(listed.ok && listed.snapshots.some((s) => s.id === good.snapshotId && s.tags.includes('t1')));
    // A local repository's full ids are read from its folder, not asked of restic (a process and a
    // key derivation each time): even a wrong password resolves a prefix there.
    const { fullId } = await import('../src/backup/restic/snapshots.ts');
    const prefix = good.snapshotId!.slice(0, 8);
    assert.equal(await fullId({ ...repo, password: 'not-the-password' }, prefix), good.snapshotId);
    assert.equal(
      await fullId({ ...repo, repository: `local:${repo.repository}`, password: 'x' }, prefix),
      good.snapshotId,
    );

    const test = await restoreTest(repo, { snapshot: good.snapshotId!, manifest: good.manifest! });
    said.push(test);
    assert.equal(test.ok, true, test.mismatch);
    assert.equal(test.compared?.files?.count, 20);
  });

  it('a restore test finds a file that differs from the manifest', async () => {
    const entries = { ...good.manifest!.files!.entries };
    const one = Object.keys(entries)[0]!;
    entries[one] = '0'.repeat(64);
    const { digestOf } = await import('../src/backup/restic/manifest-digest.ts');
    const tampered = { files: { count: 20, digest: digestOf(entries), entries } };
    const test = await restoreTest(repo, { snapshot: good.snapshotId!, manifest: tampered });
    said.push(test);
    assert.equal(test.ok, false);
    assert.equal(test.error?.code, 'BASCULE_E_RESTIC_RESTORE_MISMATCH');
    assert.match(test.mismatch ?? '', /1 differ/);
  });

  it('restores a snapshot to a directory, with progress measured on restic 0.14', async () => {
    const to = join(dir, 'restored');
    const seen: Progress[] = [];
    const r = await restore(repo, good.snapshotId!, to, { onProgress: (p) => seen.push(p) });
    said.push(r);
    assert.equal(r.ok, true, JSON.stringify(r.error));
    assert.equal(readFileSync(join(to, data, 'f0.txt'), 'utf8'), 'file 0\n'.repeat(500));
    const unknown = await restore(repo, 'deadbeef', join(dir, 'nowhere'));
    assert.equal(unknown.error?.code, 'BASCULE_E_RESTIC_SNAPSHOT_UNKNOWN');
  });

  it('a command that fails half-way: the run fails on its exit code and the partial snapshot is forgotten', async () => {
    const before = await snapshots(repo);
    const run = await backup(repo, {
      command: ['sh', '-c', 'head -c 200000 /dev/zero; echo "dump: connection lost" >&2; exit 7'],
      filename: 'dump.bin',
    });
    said.push(run);
    assert.equal(run.ok, false);
    assert.equal(run.error?.code, 'BASCULE_E_RESTIC_PRODUCER_FAILED');
    assert.match(run.error?.detail ?? '', /exit 7: dump: connection lost/);
    assert.equal(run.producerExitCode, 7);
    assert.equal(run.resticExit, 0, 'restic itself saw a stream that ended, and made a snapshot');
    assert.equal(run.partialSnapshot?.forgotten, true);
    const after = await snapshots(repo);
    assert.ok(before.ok && after.ok);
    assert.equal(after.snapshots.length, before.snapshots.length, 'the partial snapshot is gone');
    assert.ok(!after.snapshots.some((s) => s.id === run.partialSnapshot?.id));
  });

  it('a good command: its output is one file, hashed on the way', async () => {
    const run = await backup(repo, { command: ['sh', '-c', 'printf "hello\\n"'], filename: 'hello.txt' });
    said.push(run);
    assert.equal(run.ok, true, JSON.stringify(run.error));
    assert.deepEqual(Object.keys(run.manifest?.files?.entries ?? {}), ['/hello.txt']);
    const test = await restoreTest(repo, { snapshot: run.snapshotId!, manifest: run.manifest! });
    assert.equal(test.ok, true, test.mismatch);
  });

  it('a missing path fails the run (restic would skip it and exit 0)', async () => {
    const run = await backup(repo, { paths: [data, join(dir, 'not-there')] });
    said.push(run);
    assert.equal(run.ok, false);
    assert.equal(run.error?.code, 'BASCULE_E_RESTIC_SOURCE_MISSING');
    assert.match(run.error?.detail ?? '', /not-there/);
    assert.equal(run.resticExit, undefined, 'found before restic ran');
  });

  it('a wrong password, and no repository, are failed runs with their codes', async () => {
    const wrong = await backup({ ...repo, password: 'not-the-password' }, { paths: [data] });
    said.push(wrong);
    assert.equal(wrong.ok, false);
    assert.equal(wrong.error?.code, 'BASCULE_E_RESTIC_WRONG_PASSWORD');
    const none = await backup({ ...repo, repository: join(dir, 'no-repo') }, { paths: [data] });
    said.push(none);
    assert.equal(none.ok, false);
    assert.equal(none.error?.code, 'BASCULE_E_RESTIC_REPO_MISSING');
  });

  it('one operation per repository at a time in this process', async () => {
    const [a, b] = await Promise.all([
      backup(repo, { command: ['sh', '-c', 'echo a; sleep 0.3'] }),
      backup(repo, { command: ['sh', '-c', 'echo b'] }),
    ]);
    said.push(a, b);
    assert.equal(a.ok && b.ok, true, JSON.stringify([a.error, b.error]));
    assert.ok(b.startedAt >= a.finishedAt, 'the second waited for the first');
  });

  it('restic killed mid-run: a failed run, a stale lock kept while a restic runs, removed once its process is gone', async () => {
    let pid = 0;
    const run = backup(
      repo,
      { command: ['sh', '-c', 'head -c 100000 /dev/urandom; sleep 30'] },
      { onSpawn: (p) => (pid = p) },
    );
    // Once restic's lock can be read (hostname and pid written), kill it as a crash would.
    for (let i = 0; i < 100; i++) {
      const l = pid ? await listLocks(repo) : undefined;
      if (l?.ok && l.locks.some((x) => x.pid === pid)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(pid > 0);
    process.kill(pid, 'SIGKILL');
    const killed = await run;
    said.push(killed);
    assert.equal(killed.ok, false);
    assert.equal(killed.error?.code, 'BASCULE_E_RESTIC_KILLED');
    const locks = await listLocks(repo);
    assert.ok(locks.ok && locks.locks.some((l) => l.pid === pid), 'the killed restic left its lock');

    // A restic that still runs (started by hand, reading a stdin that never ends) keeps its lock.
    const live = spawn('restic', ['backup', '--stdin', '--cache-dir', repo.cacheDir!], {
      env: { ...process.env, RESTIC_REPOSITORY: repo.repository, RESTIC_PASSWORD: PASSWORD },
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    children.push(live);
    for (let i = 0; i < 100; i++) {
      const l = await listLocks(repo);
      if (l.ok && l.locks.some((x) => x.pid === live.pid)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const first = await unlockStale(repo);
    said.push(first);
    assert.deepEqual(
      first.removed.map((l) => l.pid),
      [pid],
    );
    assert.deepEqual(
      first.kept.map((k) => [k.lock.pid, k.reason]),
      [[live.pid, 'running']],
    );
    live.kill('SIGKILL');
    await new Promise((r) => live.once('exit', r));
    // An exclusive operation meets the lock of the restic just killed, removes it and goes on.
    const checked = await check(repo, { readDataSubset: '10%' });
    said.push(checked);
    assert.equal(checked.ok, true, JSON.stringify(checked.error));
    const left = await listLocks(repo);
    assert.ok(left.ok);
    assert.deepEqual(left.locks, []);
  });

  it('forget applies the retention', async () => {
    const r = await forget(repo, { last: 1 });
    said.push(r);
    assert.equal(r.ok, true, JSON.stringify(r.error));
    const listed = await snapshots(repo);
    assert.ok(listed.ok);
    // restic groups by host and paths: one snapshot is kept of the folder, of hello.txt, of stdin.
    assert.deepEqual(
      listed.snapshots.map((s) => s.paths.join()).sort(),
      [data, '/hello.txt', '/stdin'].sort(),
    );
    assert.ok(r.removed.length >= 1);
  });

  it('a corrupted pack passes a check that reads no data, and fails one that reads it all', async () => {
    corruptDataPack(repo);
    const blind = await check(repo, { readDataSubset: 'none' });
    said.push(blind);
    assert.equal(blind.ok, true, `restic’s plain check does not see it ${JSON.stringify(blind)}`);
    const full = await check(repo, { readDataSubset: '100%' });
    said.push(full);
    assert.equal(full.ok, false);
    assert.equal(full.error?.code, 'BASCULE_E_RESTIC_CORRUPTED');
  });

  it('no password in anything the runner returned', () => {
    const text = JSON.stringify(said);
    assert.ok(text.length > 1000);
    assert.ok(!text.includes(PASSWORD));
    assert.ok(!text.includes('not-the-password'));
  });
});

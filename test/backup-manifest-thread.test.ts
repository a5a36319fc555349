/**
 * The manifest's threads are kept between walks (no thread started per backup), at most
 * MAX_THREADS at once with the others queued, a failed walk leaves its thread usable, and an idle
 * kept thread does not keep the process alive.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { digestOf } from '../src/backup/restic/manifest-digest.ts';
import {
  keptThreads,
  MAX_THREADS,
  startedThreads,
  stopThreads,
  walkInThread,
} from '../src/backup/restic/manifest-thread.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('manifest threads', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bascule-manifest-thread-'));
    for (let i = 0; i < 5; i++) {
      mkdirSync(join(dir, `d${i}`));
      writeFileSync(join(dir, `d${i}`, 'f.txt'), `file ${i}\n`);
    }
  });
  afterEach(() => stopThreads());
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps one thread for walks one after the other, each answered with its entries and digest', async () => {
    const before = startedThreads();
    for (let i = 0; i < 3; i++) {
      const w = await walkInThread({ paths: [join(dir, `d${i}`)] });
      const path = join(dir, `d${i}`, 'f.txt');
      assert.deepEqual(w.entries, { [path]: sha(`file ${i}\n`) });
      assert.equal(w.digest, digestOf(w.entries));
    }
    assert.equal(keptThreads(), 1);
    assert.equal(startedThreads() - before, 1, 'one thread started for the three walks');
  });

  it('runs its walks in SCHED_IDLE, so a waking restic takes the CPU back at once', async () => {
    await walkInThread({ paths: [join(dir, 'd0')] });
    // /proc/<tid>/stat's 41st field is the scheduling policy; SCHED_IDLE is 5.
    const policies = readdirSync('/proc/self/task').map((tid) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[41 - 3]);
    });
    assert.equal(policies.filter((p) => p === 5).length, 1, `policies: ${policies.join(' ')}`);
  });

  it(`runs at most ${MAX_THREADS} at once and queues the rest, every walk answered with its own result`, async () => {
    const walks = [0, 1, 2, 3, 4].map((i) => walkInThread({ paths: [join(dir, `d${i}`)] }));
    assert.equal(keptThreads(), MAX_THREADS);
    const results = await Promise.all(walks);
    results.forEach((w, i) => {
      assert.deepEqual(Object.keys(w.entries), [join(dir, `d${i}`, 'f.txt')]);
    });
    assert.equal(keptThreads(), MAX_THREADS);
  });

  it('rejects a walk that fails with its reason and keeps the thread for the next one', async () => {
    const before = startedThreads();
    await assert.rejects(walkInThread({ paths: [join(dir, 'nowhere')] }), /ENOENT|no such file/);
    const w = await walkInThread({ paths: [join(dir, 'd0')] });
    assert.equal(Object.keys(w.entries).length, 1);
    assert.equal(keptThreads(), 1);
    assert.equal(startedThreads() - before, 1, 'the thread that failed the walk ran the next one');
  });

  it('does not keep the process alive once its walks are done', () => {
    const thread = fileURLToPath(new URL('../src/backup/restic/manifest-thread.ts', import.meta.url));
    const script = `const { walkInThread } = await import(${JSON.stringify(thread)});
      const w = await walkInThread({ paths: [${JSON.stringify(join(dir, 'd1'))}] });
      console.log(Object.keys(w.entries).length);`;
    const t0 = Date.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), '1');
    assert.ok(Date.now() - t0 < 15_000, 'the process exited by itself');
  });
});

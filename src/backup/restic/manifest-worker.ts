/**
 * A thread of manifest-thread.ts: walks (manifest-walk.ts) one after the other as they are posted,
 * each answered with its entries, stat keys and digest (or, given the previous walk, what changed).
 * It runs at the lowest priority (nice 19, then SCHED_IDLE: on Linux a thread's own), so restic,
 * which takes about 1.3 of this machine's 2 cores, runs as fast beside it as alone and the hashing
 * takes what it leaves.
 */
import { execFileSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';

import { deltaOf } from './manifest-delta.ts';
import { digestOf } from './manifest-digest.ts';
import { type PreviousWalk, walkEntries } from './manifest-walk.ts';

interface Job {
  readonly id: number;
  readonly paths: string[];
  readonly root?: string;
  readonly previous?: PreviousWalk;
}

try {
  setPriority(19);
} catch {
  // not allowed here: hash at the normal priority
}
idlePolicy();
parentPort?.on('message', ({ id, paths, root, previous }: Job) => {
  try {
    const walked = walkEntries(paths, root, previous);
    const digest = digestOf(walked.entries);
    // Given the previous walk, only what changed goes back (manifest-delta.ts).
    if (previous) parentPort?.postMessage({ id, ok: true, delta: deltaOf(walked, previous), digest });
    else parentPort?.postMessage({ id, ok: true, walked: { ...walked, digest } });
  } catch (e) {
    parentPort?.postMessage({ id, ok: false, message: (e as Error).message });
  }
});

/**
 * Linux's SCHED_IDLE for this thread (util-linux's `chrt`, once per thread): it then runs only on a
 * CPU nothing else wants, and a waking restic thread takes the CPU back at once, where nice 19
 * still gets its time slice. Without `chrt` (or off Linux) nice 19 is all.
 */
function idlePolicy(): void {
  try {
    const tid = readlinkSync('/proc/thread-self').split('/').pop();
    if (tid) execFileSync('chrt', ['--idle', '-p', '0', tid], { stdio: 'ignore', timeout: 2000 });
  } catch {
    // no /proc/thread-self or no chrt: nice 19 only
  }
}

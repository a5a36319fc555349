/**
 * The manifest's walk in a worker thread at the lowest priority (nice 19: on Linux a thread's own),
 * so restic, which takes about 1.3 of this machine's 2 cores, runs as fast beside it as alone and
 * the hashing takes what it leaves.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';

import { type PreviousWalk, walkEntries } from './manifest-walk.ts';

const { paths, root, previous } = workerData as { paths: string[]; root?: string; previous?: PreviousWalk };
try {
  setPriority(19);
} catch {
  // not allowed here: hash at the normal priority
}
try {
  parentPort?.postMessage({ ok: true, walked: walkEntries(paths, root, previous) });
} catch (e) {
  parentPort?.postMessage({ ok: false, message: (e as Error).message });
}

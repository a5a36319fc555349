/**
 * The manifest's walk in a worker thread at the lowest priority (nice 19: on Linux a thread's own),
 * so restic, which takes about 1.3 of this machine's 2 cores, runs as fast beside it as alone and
 * the hashing takes what it leaves.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';

import { walkEntries } from './manifest-walk.ts';

const { paths, root } = workerData as { paths: string[]; root?: string };
try {
  setPriority(19);
} catch {
  // not allowed here: hash at the normal priority
}
try {
  parentPort?.postMessage({ ok: true, entries: walkEntries(paths, root) });
} catch (e) {
  parentPort?.postMessage({ ok: false, message: (e as Error).message });
}

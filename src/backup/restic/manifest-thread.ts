/**
 * The threads the manifest walks run on (manifest-worker.ts): kept between walks, at most
 * MAX_THREADS at once, so a daemon that backs up every hour does not start a thread (a V8 isolate
 * and its modules: about 70 ms of CPU on this 2-core machine) for every backup and every restore
 * test. A thread waiting for work does not keep the process alive (it is unref'd while idle); one
 * that fails or exits is dropped, its walk rejected, and the next walk starts a new one.
 */
import type { Worker } from 'node:worker_threads';

import { startWorker, workerUrl } from '../../platform/worker.ts';
import { applyDelta, type WalkDelta } from './manifest-delta.ts';
import type { PreviousWalk, Walked } from './manifest-walk.ts';

export interface WalkJob {
  readonly paths: readonly string[];
  readonly root?: string;
  readonly previous?: PreviousWalk;
}

/** A walk's result, with the digest of its entries (made in the thread, off the event loop). */
export type WalkResult = Walked & { readonly digest: string };

/** Two backups or restore tests at once each get a thread (the daemon runs at most two jobs). */
export const MAX_THREADS = 2;

interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly walked?: WalkResult;
  /** Given a previous walk: what changed from it, and the digest of the whole. */
  readonly delta?: WalkDelta;
  readonly digest?: string;
  readonly message?: string;
}

interface Pending {
  readonly job: WalkJob;
  readonly ok: (w: WalkResult) => void;
  readonly ko: (e: Error) => void;
}

class Thread {
  private readonly worker: Worker;
  private current: (Pending & { id: number }) | undefined;

  constructor(
    private readonly onFree: (t: Thread) => void,
    private readonly onGone: (t: Thread) => void,
  ) {
    this.worker = startWorker(workerUrl('./manifest-worker', import.meta.url), undefined);
    this.worker.unref();
    this.worker.on('message', (m: Reply) => this.reply(m));
    this.worker.once('error', (e) => this.gone(e));
    this.worker.once('exit', (code) => this.gone(new Error(`manifest worker exited ${code}`)));
  }

  get busy(): boolean {
    return this.current !== undefined;
  }

  run(p: Pending, id: number): void {
    this.current = { ...p, id };
    this.worker.ref(); // a walk under way keeps the process alive until it is done
    this.worker.postMessage({ id, ...p.job });
  }

  private reply(m: Reply): void {
    const c = this.current;
    if (c === undefined || m.id !== c.id) return;
    this.current = undefined;
    this.worker.unref();
    if (m.ok && m.walked) c.ok(m.walked);
    else if (m.ok && m.delta && c.job.previous && m.digest)
      c.ok({ ...applyDelta(c.job.previous, m.delta), digest: m.digest });
    else c.ko(new Error(m.message ?? 'manifest walk failed'));
    this.onFree(this);
  }

  private gone(e: Error): void {
    const c = this.current;
    this.current = undefined;
    this.onGone(this);
    c?.ko(e);
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

let threads: Thread[] = [];
const queue: Pending[] = [];
let nextId = 1;
let started = 0;

function dispatch(t: Thread): void {
  const p = queue.shift();
  if (p !== undefined) t.run(p, nextId++);
}

function drop(t: Thread): void {
  threads = threads.filter((x) => x !== t);
  // A walk queued behind the lost thread gets a new one.
  if (queue.length > 0 && threads.length < MAX_THREADS) dispatch(spawn());
}

function spawn(): Thread {
  const t = new Thread(dispatch, drop);
  started++;
  threads.push(t);
  return t;
}

/** Runs a walk on an idle thread (a new one while fewer than MAX_THREADS run), else after the others. */
export function walkInThread(job: WalkJob): Promise<WalkResult> {
  return new Promise((ok, ko) => {
    queue.push({ job, ok, ko });
    const idle = threads.find((t) => !t.busy);
    if (idle !== undefined) dispatch(idle);
    else if (threads.length < MAX_THREADS) dispatch(spawn());
  });
}

/** The threads kept now (tests). */
export function keptThreads(): number {
  return threads.length;
}

/** The threads started since the process began (tests: a kept thread is not replaced by a new one). */
export function startedThreads(): number {
  return started;
}

/** Ends the kept threads (tests; a process exits without it, the threads being unref'd). */
export async function stopThreads(): Promise<void> {
  const all = threads;
  threads = [];
  await Promise.all(all.map((t) => t.stop()));
}

/**
 * A worker thread on a module of Bascule's, from its sources (`.ts`, under tsx: tests, benchmarks)
 * or built (`.js`, in dist/). tsx's loader, given to the main thread by `--import tsx`, does not
 * reach a worker on Node 20, so a `.ts` worker is started by a small module that registers tsx in
 * the worker first, then imports it.
 */
import { Worker } from 'node:worker_threads';

/**
 * `module` is the worker's URL as the caller sees it, with the caller's own extension:
 * `new URL('./x-worker.ts', import.meta.url)` under tsx or `./x-worker.js` once built — pass
 * `workerUrl('./x-worker', import.meta.url)`.
 */
export function startWorker(module: URL, workerData: unknown): Worker {
  if (!module.pathname.endsWith('.ts')) return new Worker(module, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `const { register } = await import(${JSON.stringify(tsx)}); register(); await import(${JSON.stringify(module.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData });
}

/** The URL of the worker module `name` (no extension) beside `base`, in the extension `base` has. */
export function workerUrl(name: string, base: string): URL {
  return new URL(`${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}

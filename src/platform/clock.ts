/**
 * The one source of time and timers: the scheduler, the daemon's stages, the notifier and the agent
 * take a Clock, so tests drive time (manual-clock.ts) instead of sleeping.
 */

/** A timer handle, opaque to its users. */
export type TimerHandle = unknown;

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  /** Resolves after `ms`, or at once when `signal` aborts (it never rejects). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/**
 * Calls `fn` every `ms` on `clock` until the returned function is called. A slow `fn` delays the
 * next call rather than overlapping it (the next one is armed when it settles).
 */
export function every(clock: Clock, ms: number, fn: () => unknown): () => void {
  let stopped = false;
  let handle: TimerHandle;
  const arm = () => {
    if (stopped) return;
    handle = clock.setTimeout(() => {
      Promise.resolve()
        .then(fn)
        .catch(() => {}) // a step reports its own errors; the rhythm goes on
        .finally(arm);
    }, ms);
    // A repeating timer never holds the process open on its own.
    (handle as { unref?: () => void } | undefined)?.unref?.();
  };
  arm();
  return () => {
    stopped = true;
    clock.clearTimeout(handle);
  };
}

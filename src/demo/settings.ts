/**
 * What `bascule demo` can be told (its timings, the load, how many rounds), with defaults and the
 * bounds the command line holds them to. Light on purpose: the CLI reads it at start-up, and loads
 * the rest of the demo only when it runs.
 */

export interface DemoSettings {
  /** How long before the primary is killed, each round (Enter kills it at once). */
  readonly killAfterMs: number;
  /** The probes' interval (the checks' timeout is half of it, at most 2 s). */
  readonly intervalMs: number;
  /** How long after the kill the primary is started again. */
  readonly restartAfterMs: number;
  /** The failover policy's failbackAfter (and minHold). */
  readonly failbackAfterMs: number;
  /** Requests a second the client sends through the proxy. */
  readonly rate: number;
  /** Kill-and-failback rounds; after the last one everything keeps running until Ctrl-C. */
  readonly rounds: number;
}

export const DEMO_DEFAULTS: DemoSettings = {
  killAfterMs: 20_000,
  intervalMs: 1_000,
  restartAfterMs: 10_000,
  failbackAfterMs: 10_000,
  rate: 20,
  rounds: 3,
};

/** [min, max] of each setting. */
export const DEMO_BOUNDS: Readonly<Record<keyof DemoSettings, readonly [number, number]>> = {
  killAfterMs: [0, 3_600_000],
  intervalMs: [1_000, 60_000],
  restartAfterMs: [1_000, 3_600_000],
  failbackAfterMs: [1_000, 3_600_000],
  rate: [1, 200],
  rounds: [1, 100],
};

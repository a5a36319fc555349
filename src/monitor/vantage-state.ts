/**
 * What one vantage point thinks of one check: consecutive failures and successes with hysteresis
 * (`failAfter` failures before DOWN, `recoverAfter` successes before UP again). Pure.
 */
import type { CompiledCheck } from './compile.ts';
import type { ProbeResult } from './types.ts';

export interface VantageState {
  readonly state: 'UP' | 'DOWN' | 'UNKNOWN';
  readonly failures: number;
  readonly successes: number;
  /** When this vantage point last reported on the check (epoch ms). */
  readonly lastAt: number;
  /** The last result, as people read it. */
  readonly last: ProbeResult;
}

export const INITIAL: VantageState = {
  state: 'UNKNOWN',
  failures: 0,
  successes: 0,
  lastAt: 0,
  last: { ok: true, latencyMs: 0 },
};

/**
 * The next state after one result. From UNKNOWN (a fresh start) one success is enough to say UP,
 * but DOWN still needs `failAfter` failures in a row: a restart never raises an alert by itself.
 */
export function observe(
  s: VantageState,
  result: ProbeResult,
  at: number,
  check: Pick<CompiledCheck, 'failAfter' | 'recoverAfter'>,
): VantageState {
  // A late, out-of-order result changes nothing, nor does one already counted (a replay).
  if (at <= s.lastAt) return s;
  // Bascule's own machine out of a resource saw nothing of the target: neither counted nor a sign
  // of life (a vantage point that can only fail so goes STALE).
  if (result.reason === 'local') return s;
  const failures = result.ok ? 0 : s.failures + 1;
  const successes = result.ok ? s.successes + 1 : 0;
  let state = s.state;
  if (!result.ok && failures >= check.failAfter) state = 'DOWN';
  else if (result.ok && (state === 'UNKNOWN' || (state === 'DOWN' && successes >= check.recoverAfter)))
    state = 'UP';
  return { state, failures, successes, lastAt: at, last: result };
}

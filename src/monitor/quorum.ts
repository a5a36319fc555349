/**
 * A check's state from its vantage points: DOWN only when a quorum of the vantage points still
 * reporting see it down (default: a majority of them); some but fewer is DEGRADED; a vantage point
 * silent for longer than `staleAfterMs` is stale and counts neither way. This is how "AWS is down"
 * is told apart from "our probe in AWS is cut off". Pure.
 */
import type { CompiledCheck } from './compile.ts';
import type { FailureReason, State, Warning } from './types.ts';
import type { VantageState } from './vantage-state.ts';

export interface VantageView {
  readonly vantage: string;
  /** UP / DOWN / UNKNOWN as this vantage point sees it, or STALE when it stopped reporting. */
  readonly state: VantageState['state'] | 'STALE';
  readonly lastAt: number;
  readonly reason?: FailureReason;
  readonly detail?: string;
  readonly latencyMs?: number;
}

export interface CheckView {
  readonly state: State;
  /** Vantage points reporting, and how many of them see it down. */
  readonly reporting: number;
  readonly down: number;
  readonly quorum: number;
  /** The reason and detail of a failing vantage point (the first one), for people. */
  readonly reason?: FailureReason;
  readonly detail?: string;
  readonly warning?: Warning;
  readonly vantages: readonly VantageView[];
}

/** Staleness when the runtime does not set it: three intervals, and at least 30 s. */
export function defaultStaleAfter(check: Pick<CompiledCheck, 'intervalMs' | 'timeoutMs'>): number {
  return Math.max(3 * check.intervalMs + check.timeoutMs, 30_000);
}

export function combine(
  check: Pick<CompiledCheck, 'from' | 'quorum'>,
  states: ReadonlyMap<string, VantageState>,
  now: number,
  staleAfterMs: number,
): CheckView {
  const vantages: VantageView[] = [];
  let reporting = 0;
  let down = 0;
  let known = 0;
  let failing: VantageState | undefined;
  let warning: Warning | undefined;
  for (const vantage of check.from) {
    const s = states.get(vantage);
    if (!s || s.lastAt === 0 || now - s.lastAt > staleAfterMs) {
      vantages.push({ vantage, state: s && s.lastAt > 0 ? 'STALE' : 'UNKNOWN', lastAt: s?.lastAt ?? 0 });
      continue;
    }
    reporting++;
    if (s.state !== 'UNKNOWN') known++;
    if (s.state === 'DOWN') {
      down++;
      failing ??= s;
    }
    if (s.state === 'UP' && s.last.warning) warning ??= s.last.warning;
    vantages.push({
      vantage,
      state: s.state,
      lastAt: s.lastAt,
      latencyMs: s.last.latencyMs,
      ...(s.last.ok ? {} : { reason: s.last.reason ?? 'error', detail: s.last.detail ?? '' }),
    });
  }
  const quorum = check.quorum ?? Math.floor(reporting / 2) + 1;
  let state: State;
  if (reporting === 0 || known === 0) state = 'UNKNOWN';
  else if (down >= quorum) state = 'DOWN';
  else if (down > 0 || warning) state = 'DEGRADED';
  else state = 'UP';
  return {
    state,
    reporting,
    down,
    quorum,
    ...(failing ? { reason: failing.last.reason ?? 'error', detail: failing.last.detail ?? '' } : {}),
    ...(warning ? { warning } : {}),
    vantages,
  };
}

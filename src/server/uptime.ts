/**
 * Uptime bars from state changes: how long a check, component or service spent UP, DEGRADED, DOWN
 * and UNKNOWN in each bar of a window (24 h in hours, 7 d in 6-hour bars, 90 d in days), read from
 * the stored transitions rather than from every probe result, so that 90 days cost as many rows as
 * there were changes. Before its first recorded change a subject is UNKNOWN (no data), and so is
 * a time Bascule was not running (no run of the watch record covers it): nothing was probed, so
 * it counts neither as up nor as down. Pure.
 */
import type { State } from '../monitor/types.ts';
import type { Interval, WatchRecord } from '../web/status/input.ts';
import { watchedSpans } from '../web/status/watched.ts';

const HOUR = 3_600_000;
/** The windows shown, each as a number of bars of a given length. */
export const WINDOWS = {
  '24h': { bars: 24, barMs: HOUR },
  '7d': { bars: 28, barMs: 6 * HOUR },
  '90d': { bars: 90, barMs: 24 * HOUR },
} as const;
export type WindowName = keyof typeof WINDOWS;
/** The longest window: how far back the transitions are read. */
export const LONGEST_MS = 90 * 24 * HOUR;

export interface UptimeBar {
  /** Epoch ms: the bar covers [start, end). */
  readonly start: number;
  readonly end: number;
  /** Milliseconds spent in each state within the bar. */
  readonly up: number;
  readonly degraded: number;
  readonly down: number;
  readonly unknown: number;
}

/** A change of state, as the store keeps it (only `at`, `from` and `to` matter here). */
export interface Change {
  readonly at: number;
  readonly from: State;
  readonly to: State;
}

const KEY: Readonly<Record<State, 'up' | 'degraded' | 'down' | 'unknown'>> = {
  UP: 'up',
  DEGRADED: 'degraded',
  DOWN: 'down',
  UNKNOWN: 'unknown',
};

/**
 * The bars of `window` ending at `now`. `changes` are the subject's transitions, oldest first;
 * `before` its state before the first of them (UNKNOWN when nothing older is known), or, without
 * any change, its state all along. `watched`: when Bascule was running (absent: no record, every
 * time counts as watched).
 */
export function uptimeBars(
  changes: readonly Change[],
  before: State,
  now: number,
  window: WindowName,
  watched?: WatchRecord,
): UptimeBar[] {
  const { bars, barMs } = WINDOWS[window];
  const start = now - bars * barMs;
  const out: { start: number; end: number; up: number; degraded: number; down: number; unknown: number }[] =
    [];
  for (let i = 0; i < bars; i++) {
    const s = start + i * barMs;
    out.push({ start: s, end: s + barMs, up: 0, degraded: 0, down: 0, unknown: 0 });
  }
  const spread = (a: number, b: number, key: (typeof KEY)[State]) => {
    while (a < b) {
      const i = Math.min(bars - 1, Math.floor((a - start) / barMs));
      const bar = out[i]!;
      const end = Math.min(b, bar.end);
      bar[key] += end - a;
      a = end;
    }
  };
  const spans: readonly Interval[] = watched
    ? watchedSpans(watched)
    : [{ from: Number.NEGATIVE_INFINITY, to: Number.POSITIVE_INFINITY }];
  let w = 0;
  // Segments of constant state: [at_i, at_{i+1}) in the state entered at at_i; what no span of
  // `watched` covers is unknown.
  let state = before;
  let from = start;
  const add = (until: number) => {
    let a = Math.max(from, start);
    const b = Math.min(until, now);
    while (w < spans.length && spans[w]!.to <= a) w++;
    for (let j = w; a < b && j < spans.length && spans[j]!.from < b; j++) {
      const s = spans[j]!;
      if (s.from > a) spread(a, s.from, 'unknown');
      const to = Math.min(b, s.to);
      spread(Math.max(a, s.from), to, KEY[state]);
      a = to;
    }
    if (a < b) spread(a, b, 'unknown');
  };
  for (const c of changes) {
    if (c.at > from) add(c.at);
    from = Math.max(from, c.at);
    state = c.to;
  }
  add(now);
  return out;
}

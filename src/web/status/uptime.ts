/**
 * Uptime per day (in the page's time zone, `statusPage.timezone`, default UTC) from a service's
 * stored state changes. Pure: the time is passed in.
 *
 * A day's ratio is over the time its state was known: UP and DEGRADED (still serving, with less
 * margin) count as available, DOWN as not; UNKNOWN, a time before the first record, and a time
 * Bascule was not watching (the daemon stopped: `watched` has no run there) count neither way,
 * so a day with no data has no ratio (`null`), never 100 %. `worst` is the worst state the day saw.
 */
import type { State } from '../../monitor/types.ts';
import { lastDays, UTC } from './days.ts';
import type { ServiceHistory, WatchRecord } from './input.ts';
import { watchedSpans } from './watched.ts';

export const DAY_MS = 86_400_000;
export const UPTIME_DAYS = 90;

export interface DayUptime {
  /** YYYY-MM-DD, in the page's time zone. */
  readonly date: string;
  /** Available time over known time; null when nothing is known of the day. */
  readonly upRatio: number | null;
  /** DOWN, else DEGRADED, else UP; UNKNOWN when nothing is known. */
  readonly worst: State;
  /** How much of the day (of its elapsed part, today) had a known state, 0 to 1. */
  readonly known: number;
  readonly upMs: number;
  readonly knownMs: number;
}

/** The start of the first of the last `days` days in the zone (how far back the page reads). */
export function windowStart(now: number, zone: string = UTC, days = UPTIME_DAYS): number {
  return lastDays(now, days, zone)[0]!.start;
}

/**
 * The last `days` days, oldest first, today (up to `now`) last. `history` undefined: nothing could
 * be read (every day unknown); its `transitions` empty: the state was `current` all along.
 */
export function dailyUptime(
  history: ServiceHistory | undefined,
  current: State,
  watched: WatchRecord | undefined,
  now: number,
  days = UPTIME_DAYS,
  zone: string = UTC,
): DayUptime[] {
  const bounds = lastDays(now, days, zone);
  const first = bounds[0]!.start;
  const up = new Array<number>(days).fill(0);
  const degraded = new Array<number>(days).fill(0);
  const down = new Array<number>(days).fill(0);
  // The day holding `a` (a >= first): the last whose start is at or before it.
  const dayOf = (a: number) => {
    let lo = 0;
    let hi = days - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (bounds[mid]!.start <= a) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const known = (a: number, b: number, s: State) => {
    for (let i = dayOf(a); i < days && bounds[i]!.start < b; i++) {
      const span = Math.min(b, bounds[i]!.end) - Math.max(a, bounds[i]!.start);
      if (span <= 0) continue;
      if (s === 'UP') up[i]! += span;
      else if (s === 'DEGRADED') degraded[i]! += span;
      else down[i]! += span;
    }
  };
  // Before the record began, nothing says Bascule was stopped: that time counts as watched.
  const spans = watched ? watchedSpans(watched) : undefined;
  let w = 0;
  const add = (from: number, to: number, s: State) => {
    const a = Math.max(from, first);
    const b = Math.min(to, now);
    if (s === 'UNKNOWN' || b <= a) return;
    if (!spans) return known(a, b, s);
    while (w < spans.length && spans[w]!.to <= a) w++;
    for (let j = w; j < spans.length && spans[j]!.from < b; j++)
      known(Math.max(a, spans[j]!.from), Math.min(b, spans[j]!.to), s);
  };
  if (history) {
    const from = Math.max(first, history.since);
    const changes = history.transitions.filter((t) => t.at <= now);
    const before = changes.filter((t) => t.at <= from).at(-1);
    const after = changes.filter((t) => t.at > from);
    let state: State = before ? before.to : (after[0]?.from ?? current);
    let cursor = from;
    for (const t of after) {
      add(cursor, t.at, state);
      cursor = t.at;
      state = t.to;
    }
    add(cursor, now, state);
  }
  return up.map((_, i) => {
    const { start, end, date } = bounds[i]!;
    const elapsed = Math.max(0, Math.min(now, end) - start);
    const knownMs = up[i]! + degraded[i]! + down[i]!;
    const upMs = up[i]! + degraded[i]!;
    const worst: State =
      down[i]! > 0 ? 'DOWN' : degraded[i]! > 0 ? 'DEGRADED' : up[i]! > 0 ? 'UP' : 'UNKNOWN';
    return {
      date,
      upRatio: knownMs > 0 ? upMs / knownMs : null,
      worst,
      known: elapsed > 0 ? knownMs / elapsed : 0,
      upMs,
      knownMs,
    };
  });
}

/** Available time over known time across days; null when nothing is known. */
export function overallUptime(days: readonly DayUptime[]): number | null {
  let upMs = 0;
  let knownMs = 0;
  for (const d of days) {
    upMs += d.upMs;
    knownMs += d.knownMs;
  }
  return knownMs > 0 ? upMs / knownMs : null;
}

/**
 * When Bascule was watching: the daemon's runs, as a small state document (`StateStore`), so a
 * day the daemon was stopped shows as "no data" on the uptime bars rather than as the last state
 * stored before it stopped (no transition marks a stop: a restart begins again from UNKNOWN).
 * Pure: the daemon's `watched` stage saves it, the page's loader reads it.
 */
import type { Interval, WatchRecord } from './input.ts';

export const WATCHED_KEY = 'status-page.watched';
/** How often a running daemon extends its current run (a stop is known to within this). */
export const WATCHED_EVERY_MS = 60_000;
/** Runs kept: a restart a day for years; older runs beyond the uptime window are dropped first. */
export const MAX_RUNS = 2_000;

interface WatchedDoc {
  readonly version: 1;
  /** When the record began: before it, nothing says whether Bascule was watching. */
  readonly since: number;
  /** [from, to] pairs, epoch ms, oldest first. */
  readonly runs: readonly (readonly [number, number])[];
}

/** The record a stored document holds; undefined when there is none (or it is not one). */
export function parseWatched(value: unknown): WatchRecord | undefined {
  const doc = value as Partial<WatchedDoc> | undefined;
  if (doc?.version !== 1 || !Array.isArray(doc.runs) || !Number.isFinite(doc.since)) return undefined;
  const runs = doc.runs
    .filter(
      (r): r is readonly [number, number] =>
        Array.isArray(r) && Number.isFinite(r[0]) && Number.isFinite(r[1]) && r[1] >= r[0],
    )
    .map(([from, to]) => ({ from, to }));
  return { since: doc.since as number, runs };
}

/**
 * The record with the run that started at `run.from` set to end at `run.to` (added if new; a new
 * record begins with it), runs that ended before `keepAfter` dropped, at most MAX_RUNS (the oldest
 * go). Dropping a run never loses a gap: `since` stays, so the time before the first run kept is
 * still known as not watched.
 */
export function recordRun(record: WatchRecord | undefined, run: Interval, keepAfter: number): WatchRecord {
  const others = (record?.runs ?? []).filter((r) => r.from !== run.from && r.to >= keepAfter);
  const runs = [...others, run].sort((a, b) => a.from - b.from).slice(-MAX_RUNS);
  return { since: record?.since ?? run.from, runs };
}

/**
 * The spans of time Bascule was watching, sorted and merged: its runs, and all the time before the
 * record began (nothing says it was stopped then). A time in none of them, it was not running.
 */
export function watchedSpans(record: WatchRecord): Interval[] {
  const sorted = [{ from: Number.NEGATIVE_INFINITY, to: record.since }, ...record.runs]
    .filter((i) => i.to > i.from)
    .sort((a, b) => a.from - b.from);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last && i.from <= last.to) out[out.length - 1] = { from: last.from, to: Math.max(last.to, i.to) };
    else out.push(i);
  }
  return out;
}

export function watchedDoc(record: WatchRecord): WatchedDoc {
  return { version: 1, since: record.since, runs: record.runs.map((r) => [r.from, r.to] as const) };
}

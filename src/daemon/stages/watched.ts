/**
 * Records when Bascule is watching (web/status/watched.ts): this run, from its start, extended every
 * minute and at stop, in a small state document. The uptime bars (the status page's, and the
 * dashboard's: GET /api/v1/history) then show a time the daemon was stopped as "no data", not as
 * the state it last stored.
 */
import type { StateStore } from '../../store/store.ts';
import type { WatchRecord } from '../../web/status/input.ts';
import { DAY_MS, UPTIME_DAYS } from '../../web/status/uptime.ts';
import {
  parseWatched,
  recordRun,
  WATCHED_EVERY_MS,
  WATCHED_KEY,
  watchedDoc,
} from '../../web/status/watched.ts';
import type { Stage } from '../pipeline.ts';

/** Runs that ended longer ago than this are dropped (the uptime window, and a day more). */
const KEEP_MS = (UPTIME_DAYS + 1) * DAY_MS;

export function watchedStage(store: StateStore, runningSince: number): Stage {
  // The stored record, read once (then kept here: this daemon is its only writer).
  let record: { value: WatchRecord | undefined } | undefined;
  const save = async (now: number) => {
    record ??= { value: parseWatched(await store.loadState(WATCHED_KEY)) };
    const run = { from: runningSince, to: Math.max(now, runningSince) };
    record.value = recordRun(record.value, run, now - KEEP_MS);
    await store.saveState(WATCHED_KEY, watchedDoc(record.value));
  };
  return { name: 'watched', tick: { every: WATCHED_EVERY_MS, atStart: true, run: save }, stop: save };
}

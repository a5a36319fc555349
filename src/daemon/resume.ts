/**
 * How a restarted daemon picks up where it was, without losing an acknowledged result and without
 * a false alert: the last monitor snapshot (taken every few seconds), then every observation stored
 * since it replayed on top in one batch (vantage points ignore what they already counted), keeping
 * only the net transitions that the stored transitions do not already record. Those are the ones a
 * crash cut off between storing results and acting on them: they are still to be stored and alerted.
 */
import type { CompiledCheck } from '../monitor/compile.ts';
import type { Monitor, MonitorSnapshot } from '../monitor/monitor.ts';
import type { State, Transition } from '../monitor/types.ts';
import type { Store } from '../store/store.ts';

export const SNAPSHOT_KEY = 'monitor';
/** Replayed on top of a snapshot at most; beyond it the oldest results are not replayed. */
const MAX_REPLAY = 1_000_000;

/**
 * How far before the snapshot to replay: a probe's result is stamped with its start and stored
 * when it ends, so results of probes in flight at the snapshot can carry an earlier time.
 */
export function replayMargin(checks: readonly CompiledCheck[]): number {
  let longest = 0;
  for (const c of checks) longest = Math.max(longest, c.timeoutMs);
  return longest + 15_000;
}

export interface Resumed {
  readonly transitions: Transition[];
  readonly replayed: number;
}

export async function resume(
  store: Store,
  monitor: Monitor,
  checks: readonly CompiledCheck[],
  now: number,
): Promise<Resumed> {
  const snapshot = (await store.loadState(SNAPSHOT_KEY)) as MonitorSnapshot | undefined;
  if (!snapshot) return { transitions: [], replayed: 0 };
  monitor.restore(snapshot, now);
  if (snapshot.at === undefined) return { transitions: [], replayed: 0 };
  const since = snapshot.at - replayMargin(checks);
  const replay = await store.recentObservations(since, MAX_REPLAY);
  const changed = monitor.ingest(replay, now);
  if (changed.length === 0) return { transitions: [], replayed: replay.length };
  // What was last recorded for each subject since then (newest first: the first seen wins).
  const recorded = new Map<string, State>();
  for (const t of await store.transitions({ since, limit: 1_000_000 })) {
    const key = `${t.type}:${t.id}`;
    if (!recorded.has(key)) recorded.set(key, t.to);
  }
  return {
    transitions: changed.filter((t) => recorded.get(`${t.type}:${t.id}`) !== t.to),
    replayed: replay.length,
  };
}

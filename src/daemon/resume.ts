/**
 * How a restarted daemon picks up where it was, without losing an acknowledged result and without
 * a false alert: the last monitor snapshot (taken every few seconds), then every observation stored
 * since it replayed on top (vantage points ignore what they already counted), keeping only the net
 * transitions that the stored transitions do not already record. Those are the ones a
 * crash cut off between storing results and acting on them: they are still to be stored and alerted.
 */
import type { CompiledCheck } from '../monitor/compile.ts';
import type { Monitor, MonitorSnapshot } from '../monitor/monitor.ts';
import type { State, Transition } from '../monitor/types.ts';
import type { Store } from '../store/store.ts';

export const SNAPSHOT_KEY = 'monitor';
/** Results read from the store at a time while replaying (bounds the memory a restart needs). */
const REPLAY_CHUNK = 20_000;

/**
 * How far before the snapshot to replay: a probe's result is stamped with its start and stored
 * when it ends, so results of probes in flight at the snapshot can carry an earlier time.
 */
function replayMargin(checks: readonly CompiledCheck[]): number {
  let longest = 0;
  for (const c of checks) longest = Math.max(longest, c.timeoutMs);
  return longest + 15_000;
}

export interface Resumed {
  readonly transitions: Transition[];
  readonly replayed: number;
}

/** Folds transitions into one per subject, from its first state to its last; drops round trips. */
function net(all: readonly Transition[]): Transition[] {
  const bySubject = new Map<string, Transition>();
  for (const t of all) {
    const key = `${t.type}:${t.id}`;
    const first = bySubject.get(key);
    // Deleted and set again so the order stays that of the last change (causes before effects).
    bySubject.delete(key);
    bySubject.set(key, first ? { ...t, from: first.from } : t);
  }
  return [...bySubject.values()].filter((t) => t.from !== t.to);
}

export async function resume(
  store: Store,
  monitor: Monitor,
  checks: readonly CompiledCheck[],
  now: number,
  chunkSize = REPLAY_CHUNK,
): Promise<Resumed> {
  const snapshot = (await store.loadState(SNAPSHOT_KEY)) as MonitorSnapshot | undefined;
  if (!snapshot) return { transitions: [], replayed: 0 };
  monitor.restore(snapshot, now);
  if (snapshot.at === undefined) return { transitions: [], replayed: 0 };
  const since = snapshot.at - replayMargin(checks);
  // Oldest first, a chunk at a time; a result read twice at a chunk's edge is ignored by its
  // vantage point (same time), so the cursor can restart at the last time seen.
  const changed: Transition[] = [];
  let replayed = 0;
  for (let cursor = since; ; ) {
    const chunk = await store.recentObservations(cursor, chunkSize);
    replayed += chunk.length;
    changed.push(...monitor.ingest(chunk, now));
    if (chunk.length < chunkSize) break;
    const last = chunk.at(-1)!.at;
    cursor = last > cursor ? last : cursor + 1; // a whole chunk in one millisecond: move on
  }
  const pending = net(changed);
  if (pending.length === 0) return { transitions: [], replayed };
  // What was last recorded for each subject since then (newest first: the first seen wins).
  const recorded = new Map<string, State>();
  for (const t of await store.transitions({ since, limit: 1_000_000 })) {
    const key = `${t.type}:${t.id}`;
    if (!recorded.has(key)) recorded.set(key, t.to);
  }
  return { transitions: pending.filter((t) => recorded.get(`${t.type}:${t.id}`) !== t.to), replayed };
}

/**
 * A walk given the previous manifest, told as what changed from it: the steady state's walk finds
 * a few files changed among thousands, and handing back only those (instead of every path's hash
 * and stat key) spares the event loop the copy of the whole manifest out of the walk's thread.
 */
import type { Entries, PreviousWalk, Stats, Walked } from './manifest-walk.ts';

export interface WalkDelta {
  /** Paths whose value is new or differs, with the value. */
  readonly entries: Entries;
  readonly stats: Stats;
  /** Paths the previous walk had and this one has not. */
  readonly goneEntries: readonly string[];
  readonly goneStats: readonly string[];
  readonly hashed: number;
  readonly reused: number;
}

function diff(now: Readonly<Record<string, string>>, before: Readonly<Record<string, string>>) {
  const changed: Record<string, string> = {};
  const gone: string[] = [];
  for (const p in now) if (before[p] !== now[p]) changed[p] = now[p]!;
  for (const p in before) if (!(p in now)) gone.push(p);
  return { changed, gone };
}

function patch(
  before: Readonly<Record<string, string>>,
  changed: Readonly<Record<string, string>>,
  gone: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = { ...before, ...changed };
  for (const p of gone) delete out[p];
  return out;
}

export function deltaOf(walked: Walked, previous: PreviousWalk): WalkDelta {
  const e = diff(walked.entries, previous.entries);
  const s = diff(walked.stats, previous.stats);
  return {
    entries: e.changed,
    stats: s.changed,
    goneEntries: e.gone,
    goneStats: s.gone,
    hashed: walked.hashed,
    reused: walked.reused,
  };
}

/** The walk `deltaOf` told, rebuilt on the previous one it was told against. */
export function applyDelta(previous: PreviousWalk, d: WalkDelta): Walked {
  return {
    entries: patch(previous.entries, d.entries, d.goneEntries),
    stats: patch(previous.stats, d.stats, d.goneStats),
    hashed: d.hashed,
    reused: d.reused,
  };
}

/**
 * The backup schedule, pure: from the map and the records' heads, when each dataset's next run and
 * next verification are due, and which runs are missed. Time is passed in.
 *
 * - A run is due `every` after the last recorded start of the dataset's backup (to its first
 *   target), whatever it gave: a restart does not run again a dataset backed up a minute ago, and a
 *   daemon down for a day runs it once, not once per period missed. Never run: due now.
 * - A verification is due `verify.every` after the oldest of its parts: each target's last check,
 *   and the dataset's last restore test when `restore: true`. One part never done: due now.
 * - A run is **missed** (the dead man's switch) when no good backup is recorded within `every`
 *   plus a grace of max(10 % of `every`, 5 min) — counted from the last good one, or from when
 *   Bascule began watching when there is none —, whatever the job said: a job that hangs, is never
 *   started, or a scheduler that broke is still caught, from the records alone.
 */
import { parseDuration } from '../model/duration.ts';
import type { Config } from '../model/schema.ts';
import type { BackupHeads } from '../store/backup-records.ts';

/** The least grace of the dead man's switch: 5 minutes. */
export const MISSED_GRACE_MIN_MS = 5 * 60_000;
/** The grace as a share of `every`. */
export const MISSED_GRACE_SHARE = 0.1;

export function missedGrace(everyMs: number): number {
  return Math.max(MISSED_GRACE_SHARE * everyMs, MISSED_GRACE_MIN_MS);
}

export interface DatasetSchedule {
  readonly id: string;
  readonly everyMs: number;
  /** The last recorded start of a backup of the dataset (to its first target), if any. */
  readonly lastStartAt: number | null;
  /** When the last good backup (to its first target) finished, if any. */
  readonly lastGoodAt: number | null;
  /** When the next run is due (in the past when overdue; `now` when never run). */
  readonly nextRunAt: number;
  /** When the next verification is due; null without `verify`. */
  readonly nextVerifyAt: number | null;
  /** The dead man's switch: the time by which a good run had to be recorded. */
  readonly deadline: number;
  /** No good run was recorded by `deadline`. */
  readonly missed: boolean;
}

/**
 * Every dataset of the map, in the map's order. `watchingSince` is when Bascule began watching
 * (the daemon's start): a dataset never backed up is missed only once `every` plus the grace has
 * passed since.
 */
export function backupSchedule(
  config: Config,
  heads: BackupHeads,
  now: number,
  watchingSince: number,
): DatasetSchedule[] {
  const datasets = config.backups?.datasets ?? {};
  const starts = new Map<string, number>();
  for (const r of heads.lastRuns) {
    if (r.kind !== 'backup') continue;
    const key = `${r.dataset} ${r.target}`;
    starts.set(key, Math.max(starts.get(key) ?? Number.NEGATIVE_INFINITY, r.startedAt));
  }
  const good = new Map<string, number>();
  for (const r of heads.goodRuns) {
    if (r.kind !== 'backup') continue;
    const key = `${r.dataset} ${r.target}`;
    good.set(key, Math.max(good.get(key) ?? Number.NEGATIVE_INFINITY, r.finishedAt));
  }
  const checks = new Map(heads.checks.map((c) => [c.target, c.at]));
  const restores = new Map<string, number>();
  for (const r of heads.restores) restores.set(r.dataset, Math.max(restores.get(r.dataset) ?? 0, r.at));
  return Object.entries(datasets).map(([id, d]): DatasetSchedule => {
    const everyMs = parseDuration(d.every) ?? 0;
    const first = `${id} ${d.to[0] ?? ''}`;
    const lastStartAt = starts.get(first) ?? null;
    const lastGoodAt = good.get(first) ?? null;
    let nextVerifyAt: number | null = null;
    if (d.verify) {
      const period = parseDuration(d.verify.every) ?? 0;
      const parts = d.to.map((t) => checks.get(t));
      if (d.verify.restore) parts.push(restores.get(id));
      const done = parts.filter((p): p is number => p !== undefined);
      nextVerifyAt = done.length < parts.length ? now : Math.min(...done) + period;
    }
    const deadline = (lastGoodAt ?? watchingSince) + everyMs + missedGrace(everyMs);
    return {
      id,
      everyMs,
      lastStartAt,
      lastGoodAt,
      nextRunAt: lastStartAt === null ? now : lastStartAt + everyMs,
      nextVerifyAt,
      deadline,
      missed: now > deadline,
    };
  });
}

/** Whether a run (or a verification) is due now. */
export const isDue = (at: number | null, now: number): boolean => at !== null && at <= now;

/**
 * `backup restore`: a snapshot of a dataset restored into a folder, with restic's progress. The
 * snapshot is the one asked (`--snapshot`, an id or a prefix), else the latest good one in Bascule's
 * records, else — on a machine that has no records (the day after the fire) — the latest snapshot
 * of the repository tagged for the dataset. The target is the one asked, else the dataset's first.
 * A folder that exists and is not empty is refused unless `force` is given (restic then replaces
 * files of the same name): a restore never overwrites data silently. restic lays the files out
 * under their absolute paths (`/srv/data/a` at `DIR/srv/data/a`; a dump at `DIR/<dataset>.dump`).
 */
import { readdir, stat } from 'node:fs/promises';

import { fail } from '../../errors.ts';
import { type ResticFailure, restore, snapshots } from '../restic/index.ts';
import type { Runner, RunnerOptions } from './context.ts';
import { datasetSpec } from './datasets.ts';
import { jobExclusive } from './job-lock.ts';
import { errorOf } from './records.ts';
import { datasetTag } from './source.ts';
import { knownTarget } from './targets.ts';
import { latestGood } from './verify-dataset.ts';

export interface RestoreDatasetOptions extends RunnerOptions {
  /** The folder to restore into (absolute). */
  readonly to: string;
  readonly snapshot?: string;
  readonly target?: string;
  /** Restore into a folder that is not empty (files of the same name are replaced). */
  readonly force?: boolean;
}

export interface RestoreDatasetOutcome {
  readonly dataset: string;
  readonly target: string;
  readonly ok: boolean;
  readonly snapshot?: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly error?: ResticFailure;
}

/** Throws BASCULE_E_BACKUP_RESTORE_NOT_EMPTY for a folder with something in it (or a file), unless forced. */
async function refuseNotEmpty(dir: string, force: boolean): Promise<void> {
  const st = await stat(dir).catch(() => undefined);
  if (!st) return;
  if (!st.isDirectory()) throw fail('BASCULE_E_BACKUP_RESTORE_NOT_EMPTY', { dir });
  if (!force && (await readdir(dir)).length > 0) throw fail('BASCULE_E_BACKUP_RESTORE_NOT_EMPTY', { dir });
}

export async function restoreDataset(
  r: Runner,
  dataset: string,
  opts: RestoreDatasetOptions,
): Promise<RestoreDatasetOutcome> {
  const spec = datasetSpec(r.config, dataset);
  const target = opts.target ?? spec.to[0]!;
  knownTarget(r.config, target);
  await refuseNotEmpty(opts.to, opts.force === true);
  const repo = r.repo(target);
  return jobExclusive([repo.repository], async () => {
    const startedAt = r.clock.now();
    const failed = (error: ResticFailure): RestoreDatasetOutcome => ({
      dataset,
      target,
      ok: false,
      startedAt,
      finishedAt: r.clock.now(),
      error,
    });
    let snapshot = opts.snapshot ?? (await latestGood(r, dataset, target));
    if (snapshot === undefined) {
      const listed = await snapshots(repo, { tags: [datasetTag(dataset)] });
      if (!listed.ok) return failed(errorOf(listed.error, [repo]) as ResticFailure);
      snapshot = listed.snapshots.at(-1)?.id;
    }
    if (snapshot === undefined) return failed({ code: 'BASCULE_E_BACKUP_NO_SNAPSHOT', detail: dataset });
    let version: Awaited<ReturnType<Runner['version']>> | undefined;
    try {
      version = await r.version();
    } catch {
      // restore() measures progress itself without it
    }
    opts.onStep?.({ step: 'restore', target, phase: 'start' });
    const done = await restore(repo, snapshot, opts.to, {
      ...(version ? { version } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      onProgress: (p) => opts.onProgress?.({ ...p, step: 'restore', target }),
    });
    opts.onStep?.({ step: 'restore', target, phase: 'end', ok: done.ok });
    r.log?.[done.ok ? 'info' : 'warn'](
      { dataset, target, ok: done.ok, error: done.error?.code },
      'backup restore',
    );
    return {
      dataset,
      target,
      ok: done.ok,
      snapshot,
      startedAt,
      finishedAt: r.clock.now(),
      ...(done.error ? { error: done.error } : {}),
    };
  });
}

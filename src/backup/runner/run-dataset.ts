/**
 * A dataset's run: stale locks of killed restic processes removed first (only those whose process
 * is known to be gone), a backup to the first target of `to:`, `restic copy` of that snapshot to each
 * other target (one failing does not stop the others), then `keep:` applied on every target that got
 * a snapshot. Every step is recorded before the run answers, and the manifest is saved for the
 * snapshot on the first target and for its copy on each other target, so a restore test from any
 * target can compare. The whole job holds every repository it touches (job-lock.ts).
 *
 * Retention is `forget` without `--prune`: pruning rewrites packs, holds an exclusive lock for long
 * and is the expensive part; the space is reclaimed by a `restic prune` run when convenient. An
 * append-only target is not forgotten on at all: it refuses deletes (and restic retries a refused
 * delete for about 45 s); its retention is the storage's own (an object lock's period).
 */
import type { BackupRun } from '../../store/backup-records.ts';
import type { DatasetRunOutcome } from '../jobs.ts';
import {
  backup,
  copy,
  forget,
  type Manifest,
  type ResticFailure,
  type ResticRepo,
  type RunOutcome,
  unlockStale,
} from '../restic/index.ts';
import type { Runner, RunnerOptions } from './context.ts';
import { datasetSpec } from './datasets.ts';
import { jobExclusive } from './job-lock.ts';
import { pruneManifests } from './manifest-retention.ts';
import { failedOutcome, failureOfThrown, runRecord } from './records.ts';
import { datasetTag, sourceOf } from './source.ts';

/** The repositories of some targets, or why each could not be had (a secret missing). */
export function reposOf(r: Runner, targets: readonly string[]) {
  const repos = new Map<string, ResticRepo>();
  const failures = new Map<string, ResticFailure>();
  for (const t of targets) {
    try {
      repos.set(t, r.repo(t));
    } catch (e) {
      failures.set(t, failureOfThrown(e));
    }
  }
  /** The keys the job holds: each repository, or the target's id when it has none. */
  const keys = targets.map((t) => repos.get(t)?.repository ?? `target:${t}`);
  return { repos, failures, keys };
}

/** The manifest of the dataset's last good backup on this target, with its stat keys: the next one reuses its hashes. */
export async function previousManifest(
  r: Runner,
  dataset: string,
  target: string,
): Promise<Manifest | undefined> {
  const runs = await r.store.backupRuns({ dataset, target, limit: 50 });
  const last = runs.find((x) => x.kind === 'backup' && x.ok && x.snapshot !== undefined);
  if (!last) return undefined;
  const m = await r.store.manifest(dataset, target, last.snapshot!);
  const files = m?.files;
  if (!files?.entries || !files.stats) return undefined;
  return { files: { count: files.count, digest: files.digest, entries: files.entries, stats: files.stats } };
}

export function runDataset(r: Runner, dataset: string, opts: RunnerOptions = {}): Promise<DatasetRunOutcome> {
  const spec = datasetSpec(r.config, dataset);
  const { repos, failures, keys } = reposOf(r, spec.to);
  return jobExclusive(keys, () => runHeld(r, dataset, opts, repos, failures));
}

async function runHeld(
  r: Runner,
  dataset: string,
  opts: RunnerOptions,
  repos: ReadonlyMap<string, ResticRepo>,
  failures: ReadonlyMap<string, ResticFailure>,
): Promise<DatasetRunOutcome> {
  const spec = datasetSpec(r.config, dataset);
  const startedAt = r.clock.now();
  const runs: BackupRun[] = [];
  const [first, ...others] = spec.to as [string, ...string[]];
  let version: string | undefined;
  const record = async (
    target: string,
    kind: BackupRun['kind'],
    outcome: RunOutcome,
    involved: ResticRepo[],
  ) => {
    const run = runRecord({
      dataset,
      target,
      kind,
      outcome,
      repos: involved,
      ...(version ? { resticVersion: version } : {}),
    });
    await r.store.saveBackupRun(run);
    runs.push(run);
    const line = { dataset, target, kind, ok: run.ok, snapshot: run.snapshot, error: run.error?.code };
    if (run.ok) r.log?.info(line, 'backup run');
    else r.log?.warn(line, 'backup run failed');
    return run;
  };
  const done = (error?: BackupRun): DatasetRunOutcome => ({
    dataset,
    ok: error === undefined,
    startedAt,
    finishedAt: r.clock.now(),
    runs,
    ...(error?.error ? { error: { ...error.error, target: error.target } } : {}),
  });

  // Before anything: restic itself, and the first target's repository and the source.
  let failure: ResticFailure | undefined = failures.get(first);
  try {
    version = (await r.version()).version;
  } catch (e) {
    failure ??= failureOfThrown(e);
  }
  let source: ReturnType<typeof sourceOf> | undefined;
  if (!failure) {
    try {
      source = sourceOf(dataset, spec, r.baseDir, r.targets.env);
    } catch (e) {
      failure = failureOfThrown(e);
    }
  }
  const firstRepo = repos.get(first);
  if (failure || !source || !firstRepo) {
    const bad = await record(first, 'backup', failedOutcome(failure!, r.clock.now()), []);
    return done(bad);
  }

  // Stale locks of restic processes known to be gone, on every repository of the dataset.
  for (const [target, repo] of repos) {
    const u = await unlockStale(repo);
    if (u.removed.length > 0)
      r.log?.info({ dataset, target, removed: u.removed.length }, 'stale locks removed');
  }

  const previous = 'paths' in source ? await previousManifest(r, dataset, first) : undefined;
  opts.onStep?.({ step: 'backup', target: first, phase: 'start' });
  const made = await backup(firstRepo, source, {
    tags: [datasetTag(dataset)],
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(previous ? { previous } : {}),
    onProgress: (p) => opts.onProgress?.({ ...p, step: 'backup', target: first }),
  });
  opts.onStep?.({ step: 'backup', target: first, phase: 'end', ok: made.ok });
  const backedUp = await record(first, 'backup', made, [firstRepo]);
  if (!made.ok || !made.snapshotId) return done(backedUp);
  if (made.manifest)
    await r.store.saveManifest({
      dataset,
      target: first,
      snapshot: made.snapshotId,
      at: made.finishedAt,
      ...made.manifest,
    });

  // Copies: each target on its own, whatever happened to the others.
  let firstFailure: BackupRun | undefined;
  const written = [first];
  for (const target of others) {
    const repo = repos.get(target);
    let copied: RunOutcome;
    opts.onStep?.({ step: 'copy', target, phase: 'start' });
    if (!repo) copied = failedOutcome(failures.get(target)!, r.clock.now());
    else if (opts.signal?.aborted)
      copied = failedOutcome(
        { code: 'BASCULE_E_RESTIC_KILLED', detail: 'stopped by Bascule' },
        r.clock.now(),
      );
    else copied = await copy(firstRepo, repo, made.snapshotId);
    opts.onStep?.({ step: 'copy', target, phase: 'end', ok: copied.ok });
    const run = await record(target, 'copy', copied, repo ? [firstRepo, repo] : [firstRepo]);
    if (!copied.ok || !copied.snapshotId) {
      firstFailure ??= run;
      continue;
    }
    written.push(target);
    if (made.manifest?.files || made.manifest?.tables) {
      // The copy holds the same files: the same manifest, without the stat keys (only the first target's are reused).
      const files = made.manifest.files
        ? {
            count: made.manifest.files.count,
            digest: made.manifest.files.digest,
            entries: made.manifest.files.entries,
          }
        : undefined;
      await r.store.saveManifest({
        dataset,
        target,
        snapshot: copied.snapshotId,
        at: copied.finishedAt,
        ...(files ? { files } : {}),
        ...(made.manifest.tables ? { tables: made.manifest.tables } : {}),
      });
    }
  }

  await pruneManifests(r, dataset, written);

  // Retention, on the targets that got this run's snapshot (an append-only one refuses it).
  if (spec.keep && Object.keys(spec.keep).length > 0) {
    for (const target of written) {
      if (r.config.backups!.targets[target]!.appendOnly) continue;
      const repo = repos.get(target)!;
      opts.onStep?.({ step: 'forget', target, phase: 'start' });
      const f = await forget(repo, spec.keep, { tags: [datasetTag(dataset)] });
      opts.onStep?.({ step: 'forget', target, phase: 'end', ok: f.ok });
      await record(
        target,
        'forget',
        {
          ok: f.ok,
          startedAt: f.startedAt,
          finishedAt: f.finishedAt,
          ...(f.error ? { error: f.error } : {}),
        },
        [repo],
      );
    }
  }
  return done(firstFailure);
}

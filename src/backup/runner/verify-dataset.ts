/**
 * A dataset's verification: each target's repository checked with a part of its data read
 * (`restic check` without it passes a corrupted pack; default 5 %), a restore test of the latest
 * good snapshot in Bascule's records (from the first target unless another is asked), compared with
 * the manifest recorded at backup time, and, for each `appendOnly: true` target, the proof (a delete
 * that must fail). Each is recorded before the job answers. The restore test runs when
 * `verify.restore` is true, or when the dataset has no `verify:` at all (asked for by hand, a
 * verification restores); `verify: {restore: false}` checks only. A dump is restored into a scratch
 * database made through the dataset's own URL: its role needs CREATEDB.
 */
import type { AppendOnlyProof, BackupCheck, BackupError, RestoreTest } from '../../store/backup-records.ts';
import type { DatasetVerifyOutcome } from '../jobs.ts';
import {
  check,
  type Manifest,
  proveAppendOnly,
  type ResticFailure,
  type ResticRepo,
  restoreTest,
} from '../restic/index.ts';
import type { Runner, RunnerOptions } from './context.ts';
import { datasetSpec } from './datasets.ts';
import { jobExclusive } from './job-lock.ts';
import { errorOf, failureOfThrown } from './records.ts';
import { reposOf } from './run-dataset.ts';
import { sourceOf, streamName } from './source.ts';
import { knownTarget } from './targets.ts';

export interface VerifyOptions extends RunnerOptions {
  /** The target whose latest good snapshot is restore-tested (default: the dataset's first). */
  readonly restoreFrom?: string;
}

export interface RunnerVerifyOutcome extends DatasetVerifyOutcome {
  readonly proofs: readonly AppendOnlyProof[];
}

/** The dataset's latest good snapshot on a target, in Bascule's records. */
export async function latestGood(r: Runner, dataset: string, target: string): Promise<string | undefined> {
  const heads = await r.store.backupHeads();
  return heads.goodRuns.find((g) => g.dataset === dataset && g.target === target)?.snapshot;
}

export function verifyDataset(
  r: Runner,
  dataset: string,
  opts: VerifyOptions = {},
): Promise<RunnerVerifyOutcome> {
  const spec = datasetSpec(r.config, dataset);
  if (opts.restoreFrom !== undefined) knownTarget(r.config, opts.restoreFrom);
  const targets = [...new Set([...spec.to, ...(opts.restoreFrom ? [opts.restoreFrom] : [])])];
  const { repos, failures, keys } = reposOf(r, targets);
  return jobExclusive(keys, () => verifyHeld(r, dataset, opts, repos, failures));
}

async function verifyHeld(
  r: Runner,
  dataset: string,
  opts: VerifyOptions,
  repos: ReadonlyMap<string, ResticRepo>,
  failures: ReadonlyMap<string, ResticFailure>,
): Promise<RunnerVerifyOutcome> {
  const spec = datasetSpec(r.config, dataset);
  const startedAt = r.clock.now();
  const checks: BackupCheck[] = [];
  const restores: RestoreTest[] = [];
  const proofs: AppendOnlyProof[] = [];
  let error: (BackupError & { target: string }) | undefined;
  const failed = (target: string, f: ResticFailure | undefined) => {
    error ??= { ...errorOf(f, repos.has(target) ? [repos.get(target)!] : []), target };
  };
  const readData = r.readDataSubset ?? '5%';

  for (const target of spec.to) {
    const repo = repos.get(target);
    opts.onStep?.({ step: 'check', target, phase: 'start' });
    const c = repo
      ? await check(repo, { readDataSubset: readData })
      : {
          ok: false,
          startedAt: r.clock.now(),
          finishedAt: r.clock.now(),
          readData,
          error: failures.get(target),
        };
    opts.onStep?.({ step: 'check', target, phase: 'end', ok: c.ok });
    const rec: BackupCheck = {
      target,
      at: c.startedAt,
      ok: c.ok,
      readData: c.readData,
      ...(c.ok ? {} : { error: errorOf(c.error, repo ? [repo] : []) }),
    };
    await r.store.recordBackupEvent({ type: 'check', ...rec });
    checks.push(rec);
    if (!c.ok) failed(target, c.error);
    r.log?.[c.ok ? 'info' : 'warn']({ dataset, target, ok: c.ok, error: rec.error?.code }, 'backup check');
  }

  const restore = spec.verify ? spec.verify.restore : true;
  if (restore) {
    const target = opts.restoreFrom ?? spec.to[0]!;
    opts.onStep?.({ step: 'restore-test', target, phase: 'start' });
    const t = await restoreTestOf(r, dataset, target, repos.get(target), failures.get(target));
    opts.onStep?.({ step: 'restore-test', target, phase: 'end', ok: t.ok });
    if (t.snapshot !== undefined) {
      const rec: RestoreTest = {
        dataset,
        target,
        snapshot: t.snapshot,
        at: t.at,
        ok: t.ok,
        ...(t.compared ? { compared: t.compared } : {}),
        ...(t.mismatch ? { mismatch: t.mismatch } : {}),
        ...(t.error && !t.ok
          ? { error: errorOf(t.error, repos.has(target) ? [repos.get(target)!] : []) }
          : {}),
      };
      await r.store.recordBackupEvent({ type: 'restore', ...rec });
      restores.push(rec);
    }
    if (!t.ok) failed(target, t.error);
    r.log?.[t.ok ? 'info' : 'warn'](
      { dataset, target, ok: t.ok, error: t.error?.code },
      'backup restore test',
    );
  }

  for (const target of spec.to) {
    if (!r.config.backups!.targets[target]!.appendOnly) continue;
    const repo = repos.get(target);
    opts.onStep?.({ step: 'proof', target, phase: 'start' });
    const p = repo
      ? await proveAppendOnly(repo)
      : { immutable: false, how: 'none', at: r.clock.now(), error: failures.get(target) };
    opts.onStep?.({ step: 'proof', target, phase: 'end', ok: p.immutable });
    const rec: AppendOnlyProof = {
      target,
      at: p.at,
      immutable: p.immutable,
      how: p.how,
      ...(p.error ? { error: errorOf(p.error, repo ? [repo] : []) } : {}),
    };
    await r.store.recordBackupEvent({ type: 'proof', ...rec });
    proofs.push(rec);
    if (!p.immutable)
      failed(
        target,
        p.error ?? {
          code: 'BASCULE_E_RESTIC_FAILED',
          detail: `appendOnly: true, but a delete succeeded (${'evidence' in p ? p.evidence : p.how})`,
        },
      );
  }

  return {
    dataset,
    ok: error === undefined,
    startedAt,
    finishedAt: r.clock.now(),
    checks,
    restores,
    proofs,
    ...(error ? { error } : {}),
  };
}

interface TestResult {
  readonly ok: boolean;
  readonly at: number;
  readonly snapshot?: string;
  readonly compared?: RestoreTest['compared'];
  readonly mismatch?: string;
  readonly error?: ResticFailure;
}

async function restoreTestOf(
  r: Runner,
  dataset: string,
  target: string,
  repo: ResticRepo | undefined,
  missing: ResticFailure | undefined,
): Promise<TestResult> {
  const at = r.clock.now();
  if (!repo) return { ok: false, at, ...(missing ? { error: missing } : {}) };
  const spec = datasetSpec(r.config, dataset);
  const snapshot = await latestGood(r, dataset, target);
  if (!snapshot) return { ok: false, at, error: { code: 'BASCULE_E_BACKUP_NO_SNAPSHOT', detail: dataset } };
  const recorded = await r.store.manifest(dataset, target, snapshot);
  const manifest: Manifest | undefined =
    recorded && (recorded.files?.entries || recorded.tables)
      ? {
          ...(recorded.files?.entries
            ? {
                files: {
                  count: recorded.files.count,
                  digest: recorded.files.digest,
                  entries: recorded.files.entries,
                },
              }
            : {}),
          ...(recorded.tables ? { tables: recorded.tables } : {}),
        }
      : undefined;
  if (!manifest)
    return {
      ok: false,
      at,
      snapshot,
      error: { code: 'BASCULE_E_BACKUP_NO_MANIFEST', detail: snapshot.slice(0, 8) },
    };
  let postgres: { adminUrl: string; filename: string } | undefined;
  if (spec.postgres) {
    try {
      const source = sourceOf(dataset, spec, r.baseDir, r.targets.env);
      if ('postgres' in source)
        postgres = { adminUrl: source.postgres.url, filename: streamName(dataset, spec) };
    } catch (e) {
      return { ok: false, at, snapshot, error: failureOfThrown(e) };
    }
  }
  try {
    const t = await restoreTest(repo, { snapshot, manifest, ...(postgres ? { postgres } : {}) });
    return {
      ok: t.ok,
      at: t.startedAt,
      snapshot,
      ...(t.compared ? { compared: t.compared } : {}),
      ...(t.mismatch ? { mismatch: t.mismatch } : {}),
      ...(t.error ? { error: t.error } : {}),
    };
  } catch (e) {
    // The scratch database could not be made (no CREATEDB, the server down): the test did not run.
    const code = (e as { code?: string }).code ?? (e as Error).name;
    return {
      ok: false,
      at,
      snapshot,
      error: { code: 'BASCULE_E_RESTIC_FAILED', detail: `scratch database: ${code}` },
    };
  }
}

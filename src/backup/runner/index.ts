/**
 * The backup runner: the BackupJobs port (../jobs.ts) on the restic library, for the CLI
 * (`bascule backup init|run|verify|restore`) and the daemon's backup stage. Every run, check,
 * restore test and proof is recorded in the store before a job answers; a failure is an outcome
 * with a code and a secret-free reason, never an exception (an exception is a defect, the store
 * failing, or a caller naming a dataset or target the map does not have).
 */
import type { BackupJobs, DatasetRunOutcome } from '../jobs.ts';
import { type Runner, type RunnerDeps, type RunnerOptions, runnerOf } from './context.ts';
import { datasetSpec } from './datasets.ts';
import { initTargets, type TargetInit } from './init-targets.ts';
import { type RestoreDatasetOptions, type RestoreDatasetOutcome, restoreDataset } from './restore-dataset.ts';
import { runDataset } from './run-dataset.ts';
import { sourceOf } from './source.ts';
import { type RunnerVerifyOutcome, type VerifyOptions, verifyDataset } from './verify-dataset.ts';

export type { RunnerDeps, RunnerLog, RunnerOptions, StepEvent } from './context.ts';
export { datasetIds } from './datasets.ts';
export type { TargetInit } from './init-targets.ts';
export type { RestoreDatasetOptions, RestoreDatasetOutcome } from './restore-dataset.ts';
export { knownTarget, targetIds } from './targets.ts';
export type { RunnerVerifyOutcome, VerifyOptions } from './verify-dataset.ts';

export interface BackupRunner extends BackupJobs {
  run(dataset: string, options?: RunnerOptions): Promise<DatasetRunOutcome>;
  verify(dataset: string, options?: VerifyOptions): Promise<RunnerVerifyOutcome>;
  /** Creates the repositories that do not exist yet (every target by default); says which were made, which existed. */
  initTargets(ids?: readonly string[], options?: RunnerOptions): Promise<TargetInit[]>;
  restoreDataset(dataset: string, options: RestoreDatasetOptions): Promise<RestoreDatasetOutcome>;
  /**
   * Reads every secret the datasets need (their targets' passwords and environments, a database
   * URL) and throws the first that is missing, located, before anything runs: for the CLI.
   */
  preflight(datasets: readonly string[]): void;
  /** The same for targets (their passwords and environments): `backup init`'s bad input is exit 2 too. */
  preflightTargets(targets: readonly string[]): void;
}

export function createBackupJobs(deps: RunnerDeps): BackupRunner {
  const r: Runner = runnerOf(deps);
  return {
    run: (dataset, options) => runDataset(r, dataset, options),
    verify: (dataset, options) => verifyDataset(r, dataset, options),
    initTargets: (ids, options) => initTargets(r, ids, options),
    restoreDataset: (dataset, options) => restoreDataset(r, dataset, options),
    preflight(datasets) {
      for (const d of datasets) {
        const spec = datasetSpec(r.config, d);
        for (const t of spec.to) r.repo(t);
        sourceOf(d, spec, r.baseDir, r.targets.env);
      }
    },
    preflightTargets(targets) {
      for (const t of targets) r.repo(t);
    },
  };
}

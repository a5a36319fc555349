/**
 * The backup jobs port: what the CLI (`bascule backup run|verify`) and the daemon's backup stage ask
 * of the runner that drives restic for a dataset of `backups:` in bascule.yaml. The runner
 * (src/backup/runner/) records every run, check, restore test and proof in the store before it
 * answers; a failure of restic, of the producer or of the repository is an outcome with a reason,
 * never an exception (an exception is a defect or the store failing).
 */
import type { BackupCheck, BackupError, BackupRun, RestoreTest } from '../store/backup-records.ts';
import type { Progress } from './restic/types.ts';

export interface JobOptions {
  readonly signal?: AbortSignal;
  /** Progress of the step under way (restic's own estimate), with the target it writes to. */
  readonly onProgress?: (p: Progress & { readonly step: string; readonly target: string }) => void;
}

/** A dataset's run: backed up to its first target, copied to the others, `keep` applied. */
export interface DatasetRunOutcome {
  readonly dataset: string;
  /** Every backup and copy good (forget failures are reported, they do not make a run bad). */
  readonly ok: boolean;
  readonly startedAt: number;
  readonly finishedAt: number;
  /** The runs recorded, in order (backup, copies, forgets). */
  readonly runs: readonly BackupRun[];
  /** The first failure, absent when ok. */
  readonly error?: BackupError & { readonly target: string };
}

/** A dataset's verification: each target's check (a data subset read), the restore test, the proofs. */
export interface DatasetVerifyOutcome {
  readonly dataset: string;
  /** Every check passed and the restore test matched the manifest. */
  readonly ok: boolean;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly checks: readonly BackupCheck[];
  readonly restores: readonly RestoreTest[];
  readonly error?: BackupError & { readonly target: string };
}

export interface BackupJobs {
  /** Backs up a dataset of the map; at most one job per repository at a time (they wait their turn). */
  run(dataset: string, options?: JobOptions): Promise<DatasetRunOutcome>;
  /** Verifies a dataset as `verify:` says (check with a data subset; restore test when `restore: true`). */
  verify(dataset: string, options?: JobOptions): Promise<DatasetVerifyOutcome>;
}

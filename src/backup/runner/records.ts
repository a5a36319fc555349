/**
 * The records a job writes, from the library's outcomes: a run (`<dataset>@<target>@<kind>@<startedAt>`,
 * restic's version, the summary, the producer's exit code, the error code and its detail scrubbed of
 * every secret of the repositories involved), and what a failure looks like when it is Bascule's
 * own (a secret missing, restic not installed).
 */
import { BasculeError } from '../../errors.ts';
import type { BackupError, BackupRun, BackupRunKind } from '../../store/backup-records.ts';
import type { ResticFailure, ResticRepo, RunOutcome } from '../restic/index.ts';
import { scrub, secretsOf } from '../restic/scrub.ts';

export function errorOf(failure: ResticFailure | undefined, repos: readonly ResticRepo[]): BackupError {
  if (!failure) return { code: 'BASCULE_E_RESTIC_FAILED' };
  const detail = scrub(failure.detail, secretsOf(...repos));
  return detail ? { code: failure.code, detail } : { code: failure.code };
}

/** A thrown error as a failure: a BasculeError's first code (value-free params), anything else a defect. */
export function failureOfThrown(e: unknown): ResticFailure {
  if (e instanceof BasculeError) {
    const d = e.diagnostics[0]!;
    const shown = Object.entries(d.params)
      .filter(([k]) => k !== 'suggestion')
      .map(([, v]) => String(v))
      .join(', ');
    return { code: d.code, detail: shown };
  }
  throw e;
}

export interface RunRecordInput {
  readonly dataset: string;
  readonly target: string;
  readonly kind: BackupRunKind;
  readonly outcome: RunOutcome;
  readonly resticVersion?: string;
  readonly repos: readonly ResticRepo[];
}

export function runRecord(i: RunRecordInput): BackupRun {
  const o = i.outcome;
  const s = o.summary;
  let error = o.ok ? undefined : errorOf(o.error, i.repos);
  if (error && o.partialSnapshot && !o.partialSnapshot.forgotten)
    error = {
      ...error,
      detail: `${error.detail ?? ''}${error.detail ? '; ' : ''}partial snapshot ${o.partialSnapshot.id.slice(0, 8)} could not be forgotten`,
    };
  return {
    id: `${i.dataset}@${i.target}@${i.kind}@${o.startedAt}`,
    dataset: i.dataset,
    target: i.target,
    kind: i.kind,
    startedAt: o.startedAt,
    finishedAt: o.finishedAt,
    ok: o.ok,
    ...(o.ok && o.snapshotId ? { snapshot: o.snapshotId } : {}),
    ...(i.resticVersion ? { resticVersion: i.resticVersion } : {}),
    ...(s
      ? {
          summary: {
            filesNew: s.filesNew,
            filesChanged: s.filesChanged,
            filesUnmodified: s.filesUnmodified,
            bytesAdded: s.bytesAdded,
            bytesProcessed: s.bytesProcessed,
          },
        }
      : {}),
    ...(o.producerExitCode !== undefined ? { producerExit: o.producerExitCode } : {}),
    ...(error ? { error } : {}),
  };
}

/** A failed outcome for a failure that happened before restic ran. */
export function failedOutcome(failure: ResticFailure, at: number): RunOutcome {
  return { ok: false, startedAt: at, finishedAt: at, error: failure };
}

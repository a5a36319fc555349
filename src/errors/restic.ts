/** The error registry's part (errors.ts) for restic as the backups drive it, each failure classified. */
import type { ErrorSpec } from './spec.ts';

export const RESTIC_ERRORS = {
  BASCULE_E_RESTIC_NOT_INSTALLED: {
    exit: 3,
    doc: 'restic could not be started (detail: why, ENOENT when it is not installed: `apt-get install restic`).',
  },
  BASCULE_E_RESTIC_VERSION: {
    exit: 3,
    doc: 'restic answered `restic version` with a version Bascule cannot drive (older than 0.14) or with something else (seen: its first line).',
  },
  BASCULE_E_RESTIC_WRONG_PASSWORD: {
    exit: 2,
    doc: 'restic opened the repository but no key matches its password: the target’s password is wrong (restic 0.17+: exit 12).',
  },
  BASCULE_E_RESTIC_REPO_MISSING: {
    exit: 2,
    doc: 'There is no restic repository at that location (restic 0.17+: exit 10); `bascule backup init` creates it.',
  },
  BASCULE_E_RESTIC_UNREACHABLE: {
    exit: 3,
    doc: 'restic could not reach the repository (refused, unresolved, timed out, TLS or SSH failed); detail: restic’s reason.',
  },
  BASCULE_E_RESTIC_ACCESS_DENIED: {
    exit: 2,
    doc: 'The repository’s server refused the target’s credentials (HTTP 401 or 403, an S3 access key refused, an SSH key refused).',
  },
  BASCULE_E_RESTIC_LOCKED: {
    exit: 3,
    doc: 'The repository is locked by another restic still running, or by one of another host (restic 0.17+: exit 11); a lock whose process is known to be gone is removed and the operation retried.',
  },
  BASCULE_E_RESTIC_TIMEOUT: {
    exit: 3,
    doc: 'restic did not finish within the operation’s deadline: it was stopped (SIGINT, then SIGKILL).',
  },
  BASCULE_E_RESTIC_KILLED: {
    exit: 1,
    doc: 'restic was ended by a signal before it finished (killed, or stopped by Bascule); the run is not good, and the lock it left is removed once its process is known to be gone.',
  },
  BASCULE_E_RESTIC_FILES_SKIPPED: {
    exit: 1,
    doc: 'restic exited 3: it could not read some files (detail: the first); its snapshot is incomplete, so the run is not good.',
  },
  BASCULE_E_RESTIC_PRODUCER_FAILED: {
    exit: 1,
    doc: 'The program whose output is the backup (the dataset’s command, pg_dump) failed (detail: its exit code and last error line); the partial snapshot restic made of it is forgotten.',
  },
  BASCULE_E_RESTIC_SOURCE_MISSING: {
    exit: 1,
    doc: 'A path of the dataset does not exist (restic would skip it and exit 0): nothing of it is backed up.',
  },
  BASCULE_E_RESTIC_NO_SUMMARY: {
    exit: 1,
    doc: 'restic exited without printing the summary of its backup: nothing shows a snapshot was made.',
  },
  BASCULE_E_RESTIC_CORRUPTED: {
    exit: 1,
    doc: '`restic check` found errors in the repository (detail: the first), such as a pack whose data no longer matches its hash.',
  },
  BASCULE_E_RESTIC_SNAPSHOT_UNKNOWN: {
    exit: 2,
    doc: 'No snapshot of the repository has that id (or the prefix matches several).',
  },
  BASCULE_E_RESTIC_RESTORE_MISMATCH: {
    exit: 1,
    doc: 'A restore test restored the snapshot, but what came back differs from what was recorded at backup time (detail: the files or tables that differ).',
  },
  BASCULE_E_RESTIC_FAILED: {
    exit: 1,
    doc: 'restic failed for another reason (detail: its error line, secrets removed).',
  },
} as const satisfies Record<string, ErrorSpec>;

/**
 * The restic runner's own small input and output types: a repository to drive, a source to back
 * up, what a run came to. The daemon and the CLI build these from `backups:` in bascule.yaml (its
 * secrets already read); nothing here reads the configuration.
 */
import type { ErrorCode } from '../../errors.ts';

/** A restic repository and what restic needs to open it. */
export interface ResticRepo {
  /** As restic reads it: `/srv/backup`, `sftp:user@host:/path`, `rest:https://host/acme`, `s3:https://host/bucket`. */
  readonly repository: string;
  /** Given to restic by a password file (mode 0600, removed after), never on its command line. */
  readonly password: string;
  /** Extra environment for restic (AWS_ACCESS_KEY_ID, RESTIC_REST_USERNAME…): their values are secrets too. */
  readonly env: Readonly<Record<string, string>>;
  /** Extended options (`-o sftp.command=…`). */
  readonly options?: Readonly<Record<string, string>>;
  /** A PEM file of the CA that signs the repository's certificate (`--cacert`, and the REST probe). */
  readonly caCert?: string;
  /** restic's cache directory (default: restic's own). */
  readonly cacheDir?: string;
}

/** What a dataset backs up: files, the standard output of a command, or a PostgreSQL dump. */
export type BackupSource =
  | { readonly paths: readonly string[] }
  | { readonly command: readonly string[]; readonly filename?: string }
  | { readonly postgres: { readonly url: string }; readonly filename?: string };

/** Why an operation failed: a code of the registry, its parameters, and a secret-free detail. */
export interface ResticFailure {
  readonly code: ErrorCode;
  /** What restic or the producer said (its last error line, secrets scrubbed), or what Bascule saw. */
  readonly detail: string;
}

/** A progress report, from restic's `--json` status lines (backup; restore from restic 0.16). */
export interface Progress {
  /** 0 to 1. */
  readonly fraction: number;
  readonly bytesDone: number;
  readonly bytesTotal?: number;
  readonly filesDone: number;
  readonly filesTotal?: number;
  /** Seconds left, as restic estimates them. */
  readonly etaSeconds?: number;
}

/** What restic's backup summary said. */
export interface BackupSummary {
  readonly filesNew: number;
  readonly filesChanged: number;
  readonly filesUnmodified: number;
  readonly bytesAdded: number;
  readonly bytesProcessed: number;
  readonly filesProcessed: number;
}

/** What a snapshot holds, recorded at backup time: what a restore test compares with. */
export interface Manifest {
  /** Files (paths, or the one file a command or dump became): count, digest of their hashes, and each hash. */
  readonly files?: {
    readonly count: number;
    readonly digest: string;
    /** sha256 per absolute path (the stdin file name for a command or dump). */
    readonly entries: Readonly<Record<string, string>>;
    /**
     * The stat key of each file (`size:mtimeNs:ctimeNs:inode:device`) that can be trusted next
     * time: the next backup given this manifest reuses the hash of a file whose key is unchanged.
     */
    readonly stats?: Readonly<Record<string, string>>;
  };
  /** Rows per table (`schema.table`), counted in the dump's own snapshot of the database. */
  readonly tables?: Readonly<Record<string, number>>;
}

/** What a backup, copy or forget came to. Good only when `ok`: nothing else is to be believed. */
export interface RunOutcome {
  readonly ok: boolean;
  /** The full snapshot id made (a backup) or written (a copy). */
  readonly snapshotId?: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly summary?: BackupSummary;
  readonly resticExit?: number;
  /** The exit code of the command or pg_dump that produced the data. */
  readonly producerExitCode?: number;
  /** Recorded for a good backup: what the restore test compares with. */
  readonly manifest?: Manifest;
  /**
   * A snapshot restic made of data that is not good (the producer failed half-way): forgotten at
   * once; named here when forgetting it failed (an append-only repository), so the records mark it.
   */
  readonly partialSnapshot?: { readonly id: string; readonly forgotten: boolean };
  readonly error?: ResticFailure;
}

/** A snapshot as `restic snapshots --json` lists it. */
export interface Snapshot {
  readonly id: string;
  readonly shortId: string;
  readonly time: string;
  readonly paths: readonly string[];
  readonly hostname: string;
  readonly tags: readonly string[];
}

/** A lock file of a repository, as restic writes it. */
export interface ResticLock {
  readonly id: string;
  readonly hostname: string;
  readonly pid: number;
  readonly exclusive: boolean;
  readonly time: string;
}

/** Retention, as `restic forget` takes it. */
export interface Keep {
  readonly last?: number;
  readonly hourly?: number;
  readonly daily?: number;
  readonly weekly?: number;
  readonly monthly?: number;
  readonly yearly?: number;
}

/**
 * The backup aggregates: Bascule's own record of every restic run (backup, copy, forget), every
 * repository check, every restore test, every append-only proof, and the manifest recorded at
 * backup time that a restore test compares with. Kept in the store, not in restic tags (tagging
 * rewrites snapshot ids). History is kept whole; the latest of each (the "heads": the last run per
 * dataset, target and kind, the last good snapshot per dataset and target, the last check and proof
 * per target, the last restore test per dataset and target) is kept beside it as it is written, so
 * `backup status` reads one row per head however long the history grows.
 */

export type BackupRunKind = 'backup' | 'copy' | 'forget';

/** What restic's summary said of a backup (absent when it said nothing of it). */
export interface BackupSummary {
  readonly filesNew?: number;
  readonly filesChanged?: number;
  readonly filesUnmodified?: number;
  readonly bytesAdded?: number;
  readonly bytesProcessed?: number;
}

/** Why an operation failed: a code (restic-exit-3, producer-exit, wrong-password…) and a secret-free detail. */
export interface BackupError {
  readonly code: string;
  readonly detail?: string;
}

export interface BackupRun {
  /** Unique per run: `<dataset>@<target>@<kind>@<startedAt>` is what the runner writes. */
  readonly id: string;
  readonly dataset: string;
  readonly target: string;
  readonly kind: BackupRunKind;
  readonly startedAt: number;
  readonly finishedAt: number;
  /** Good: the producer exited 0, restic exited 0, and its summary was seen. */
  readonly ok: boolean;
  /** The snapshot made (a backup) or written (a copy), as restic names it. */
  readonly snapshot?: string;
  readonly resticVersion?: string;
  readonly summary?: BackupSummary;
  /** The exit code of what produced the data (pg_dump, the dataset's command). */
  readonly producerExit?: number;
  readonly error?: BackupError;
}

/** A repository check (`restic check --read-data-subset`). */
export interface BackupCheck {
  readonly target: string;
  readonly at: number;
  readonly ok: boolean;
  /** The subset of the data read: `5%`, `1/10`. */
  readonly readData?: string;
  readonly error?: BackupError;
}

/** What a restore test compared: files (count and digest of their hashes), or tables' row counts. */
export interface RestoreComparison {
  readonly files?: { readonly count: number; readonly digest: string };
  readonly tables?: Readonly<Record<string, number>>;
}

export interface RestoreTest {
  readonly dataset: string;
  readonly target: string;
  readonly snapshot: string;
  readonly at: number;
  readonly ok: boolean;
  readonly compared?: RestoreComparison;
  /** What differed from the manifest (`42 files, expected 43`, `orders: 1200 rows, expected 1210`). */
  readonly mismatch?: string;
  readonly error?: BackupError;
}

/** A delete that must fail, tried on an append-only target: it proved the target immutable or not. */
export interface AppendOnlyProof {
  readonly target: string;
  readonly at: number;
  readonly immutable: boolean;
  /** How it was proved: `http-delete` (a REST repository), `restic-forget` (a canary snapshot)… */
  readonly how: string;
  readonly error?: BackupError;
}

/**
 * What a snapshot holds, recorded at backup time: what a restore test compares with. For files, each
 * path's sha256 (`entries`) and, where it can be trusted, its stat key (`stats`: size, mtime and
 * ctime in ns, inode, device), which the next backup of the dataset uses to hash only what changed.
 * Kept as JSON whole (no column of its own: no migration).
 */
export interface BackupManifest extends RestoreComparison {
  readonly files?: {
    readonly count: number;
    readonly digest: string;
    readonly entries?: Readonly<Record<string, string>>;
    readonly stats?: Readonly<Record<string, string>>;
  };
  readonly dataset: string;
  readonly target: string;
  readonly snapshot: string;
  readonly at: number;
}

export type BackupEvent =
  | ({ readonly type: 'check' } & BackupCheck)
  | ({ readonly type: 'restore' } & RestoreTest)
  | ({ readonly type: 'proof' } & AppendOnlyProof);
export type BackupEventType = BackupEvent['type'];
export type BackupEventOf<T extends BackupEventType> = Extract<BackupEvent, { type: T }>;

export interface BackupQuery {
  readonly dataset?: string;
  readonly target?: string;
  /** Newest first; default 100. */
  readonly limit?: number;
}

/** The latest of everything, as `backup status` reads it. */
export interface BackupHeads {
  /** The last run per dataset, target and kind. */
  readonly lastRuns: readonly BackupRun[];
  /** The last good run with a snapshot (a backup or a copy) per dataset and target. */
  readonly goodRuns: readonly BackupRun[];
  /** The last check per target. */
  readonly checks: readonly BackupCheck[];
  /** The last restore test per dataset and target. */
  readonly restores: readonly RestoreTest[];
  /** The last append-only proof per target. */
  readonly proofs: readonly AppendOnlyProof[];
}

export interface BackupStore {
  /** Saves a run whole, by id (created, or replaced), and moves the heads it is newer than. */
  saveBackupRun(run: BackupRun): Promise<void>;
  /** Newest first (by start). */
  backupRuns(query?: BackupQuery): Promise<BackupRun[]>;
  /** Appends a check, a restore test or a proof, and moves the head it is newer than. */
  recordBackupEvent(event: BackupEvent): Promise<void>;
  /** Newest first; `dataset` applies to restore tests only. */
  backupEvents<T extends BackupEventType>(type: T, query?: BackupQuery): Promise<BackupEventOf<T>[]>;
  backupHeads(): Promise<BackupHeads>;
  /** Saves a manifest whole, by dataset, target and snapshot. */
  saveManifest(manifest: BackupManifest): Promise<void>;
  manifest(dataset: string, target: string, snapshot: string): Promise<BackupManifest | undefined>;
  /** Deletes the dataset's manifests on `target` but those of `snapshots`. */
  keepManifests(dataset: string, target: string, snapshots: readonly string[]): Promise<void>;
}

/** The heads a run moves: `last` per dataset, target and kind; `good` per dataset and target (ids have no spaces). */
export function runHeads(run: BackupRun): { readonly head: string; readonly key: string }[] {
  const out = [{ head: 'last', key: `${run.dataset} ${run.target} ${run.kind}` }];
  if (run.ok && run.snapshot !== undefined && run.kind !== 'forget')
    out.push({ head: 'good', key: `${run.dataset} ${run.target}` });
  return out;
}

/** The head an event moves: per target (check, proof) or per dataset and target (restore). */
export function eventHead(event: BackupEvent): { readonly head: string; readonly key: string } {
  return {
    head: event.type,
    key: event.type === 'restore' ? `${event.dataset} ${event.target}` : event.target,
  };
}

type Keyed = { readonly dataset?: string; readonly target: string; readonly kind?: string };
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Heads as read back: `head` is the kind of head, `record` the JSON. */
export function headsOf(rows: readonly { head: string; record: string }[]): BackupHeads {
  const lastRuns: BackupRun[] = [];
  const goodRuns: BackupRun[] = [];
  const checks: BackupCheck[] = [];
  const restores: RestoreTest[] = [];
  const proofs: AppendOnlyProof[] = [];
  // Events are stored with their type; the heads give the records without it.
  for (const r of rows) {
    const { type: _, ...value } = JSON.parse(r.record) as { type?: string } & BackupRun &
      RestoreTest &
      AppendOnlyProof;
    if (r.head === 'last') lastRuns.push(value);
    else if (r.head === 'good') goodRuns.push(value);
    else if (r.head === 'check') checks.push(value);
    else if (r.head === 'restore') restores.push(value);
    else if (r.head === 'proof') proofs.push(value);
  }
  // In one order whatever the database's collation: by dataset, target, kind.
  const order = (a: Keyed, b: Keyed) =>
    cmp(a.dataset ?? '', b.dataset ?? '') || cmp(a.target, b.target) || cmp(a.kind ?? '', b.kind ?? '');
  for (const list of [lastRuns, goodRuns, checks, restores, proofs] as Keyed[][]) list.sort(order);
  return { lastRuns, goodRuns, checks, restores, proofs };
}

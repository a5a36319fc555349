/**
 * One backup run, judged as Bascule judges it: good only when the producer (the dataset's command,
 * pg_dump) exited 0, restic exited 0 (3: files were skipped) and its summary was seen, and every
 * path given was there (restic skips a missing path and exits 0). A snapshot restic made of data
 * that is not good (a producer that failed half-way) is forgotten at once (no prune); if that
 * fails (an append-only repository), the outcome names it so the records mark it. One operation
 * per repository at a time (repo-lock.ts). The manifest a restore test compares with is made on the
 * way: the files hashed beside restic's run, a stream hashed as it passes, rows counted in the
 * dump's own snapshot.
 */
import { access } from 'node:fs/promises';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';

import { failureOf } from './classify.ts';
import { forgetIdsHeld } from './forget.ts';
import { filesManifest, manifestOfPaths } from './manifest.ts';
import { type DumpSnapshot, libpqTarget, openDumpSnapshot, pgDumpArgs } from './postgres.ts';
import { type Producer, startProducer } from './producer.ts';
import { progressOf, summaryOf } from './progress.ts';
import { exclusive } from './repo-lock.ts';
import { runRestic } from './run-restic.ts';
import { scrub, secretsOf } from './scrub.ts';
import { fullId } from './snapshots.ts';
import type {
  BackupSource,
  BackupSummary,
  Manifest,
  Progress,
  ResticFailure,
  ResticRepo,
  RunOutcome,
} from './types.ts';

export interface BackupOptions {
  readonly tags?: readonly string[];
  /** The host the snapshot is recorded under (default: this machine's name). */
  readonly host?: string;
  readonly onProgress?: (p: Progress) => void;
  /** Deadline of the whole run (default 6 h). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Make the manifest (default true). */
  readonly manifest?: boolean;
  /** Called with restic's pid once it runs. */
  readonly onSpawn?: (pid: number) => void;
  /**
   * The manifest of this dataset's previous good snapshot in this repository (paths only): a file
   * whose stat key is unchanged keeps its recorded hash and is not read again.
   */
  readonly previous?: Manifest;
}

const DEFAULT_TIMEOUT_MS = 6 * 3600_000;
const FORGET_TIMEOUT_MS = 60_000;

/** restic 0.14 says `/srv/x does not exist, skipping` and exits 0. */
const SKIPPED_PATH = /^(.+) does not exist, skipping$/m;

interface Produced {
  readonly producer?: Producer;
  readonly dump?: DumpSnapshot;
  readonly stdin?: Readable;
  readonly args: string[];
  readonly manifest?: Promise<Manifest | undefined>;
}

function sourceArgs(
  source: BackupSource,
  repo: ResticRepo,
  wantManifest: boolean,
  previous?: Manifest,
): Promise<Produced> | Produced {
  if ('paths' in source) {
    const paths = source.paths.map((p) => resolve(p));
    const made = (m: Manifest & { walked?: unknown }): Manifest => {
      const { walked: _, ...manifest } = m;
      return manifest;
    };
    return {
      args: paths,
      ...(wantManifest
        ? {
            manifest: manifestOfPaths(paths, previous)
              .then(made)
              .catch(() => undefined),
          }
        : {}),
    };
  }
  const secrets = secretsOf(repo);
  if ('command' in source) {
    const filename = source.filename ?? 'stdin';
    const producer = startProducer(source.command, {}, secrets);
    return { producer, stdin: producer.output, args: ['--stdin', '--stdin-filename', filename] };
  }
  return (async () => {
    const filename = source.filename ?? 'postgres.dump';
    const target = libpqTarget(source.postgres.url);
    const dump = await openDumpSnapshot(source.postgres.url);
    const producer = startProducer(pgDumpArgs(target.url, dump.snapshot), target.env, [
      ...secrets,
      ...Object.values(target.env),
    ]);
    return { producer, dump, stdin: producer.output, args: ['--stdin', '--stdin-filename', filename] };
  })();
}

const fail = (startedAt: number, error: ResticFailure, extra: Partial<RunOutcome> = {}): RunOutcome => ({
  ok: false,
  startedAt,
  finishedAt: Date.now(),
  error,
  ...extra,
});

/** Backs a source up into the repository. */
export function backup(
  repo: ResticRepo,
  source: BackupSource,
  opts: BackupOptions = {},
): Promise<RunOutcome> {
  return exclusive([repo.repository], () => backupHeld(repo, source, opts));
}

async function missingPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) await access(p).catch(() => out.push(resolve(p)));
  return out;
}

async function backupHeld(repo: ResticRepo, source: BackupSource, opts: BackupOptions): Promise<RunOutcome> {
  const startedAt = Date.now();
  if ('paths' in source) {
    const missing = await missingPaths(source.paths);
    if (missing.length > 0)
      return fail(startedAt, { code: 'BASCULE_E_RESTIC_SOURCE_MISSING', detail: missing.join(', ') });
  }
  let produced: Produced;
  try {
    produced = await sourceArgs(source, repo, opts.manifest !== false, opts.previous);
  } catch (e) {
    // The database could not be opened for its snapshot: pg_dump would not have done better.
    const code = (e as { code?: string }).code ?? (e as Error).name;
    const detail = scrub(
      `${code}: ${(e as Error).message}`,
      secretsOf(repo, ...('postgres' in source ? [pgRepo(source.postgres.url)] : [])),
    );
    return fail(startedAt, { code: 'BASCULE_E_RESTIC_PRODUCER_FAILED', detail });
  }
  const args = ['backup', '--json', '--host', opts.host ?? hostname()];
  for (const t of opts.tags ?? []) args.push('--tag', t);
  args.push(...produced.args);

  let summary: BackupSummary | undefined;
  let shortId: string | undefined;
  const r = await runRestic({
    repo,
    args,
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(produced.stdin ? { stdin: produced.stdin } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onSpawn ? { onSpawn: opts.onSpawn } : {}),
    onJson(line) {
      const p = progressOf(line);
      if (p) opts.onProgress?.(p);
      const s = summaryOf(line);
      if (s) {
        summary = s.summary;
        shortId = s.snapshotId;
      }
    },
  });
  // restic is done: a producer still writing has nobody to write to.
  if (r.exit !== 0) produced.producer?.kill();
  const end = produced.producer ? await produced.producer.done : undefined;
  await produced.dump?.close();
  const manifest = await produced.manifest;
  const snapshotId = shortId !== undefined ? ((await fullId(repo, shortId)) ?? shortId) : undefined;
  const base = {
    resticExit: r.exit ?? undefined,
    ...(end ? { producerExitCode: end.exit ?? -1 } : {}),
    ...(summary ? { summary } : {}),
  };

  // When both failed, restic's own reason comes first (a wrong password breaks the producer's pipe),
  // unless restic only failed for want of data (`snapshot is empty`): then the producer's is the cause.
  const resticFailure = r.exit !== 0 && r.exit !== 3 ? failureOf(r) : undefined;
  const producerFailed = end !== undefined && end.exit !== 0;
  if (resticFailure && !(producerFailed && resticFailure.code === 'BASCULE_E_RESTIC_FAILED'))
    return fail(startedAt, resticFailure, base);
  if (end && end.exit !== 0) {
    const detail = `${end.signal ? `signal ${end.signal}` : `exit ${end.exit ?? '?'}`}${end.detail ? `: ${end.detail}` : ''}`;
    return fail(
      startedAt,
      { code: 'BASCULE_E_RESTIC_PRODUCER_FAILED', detail },
      {
        ...base,
        ...(snapshotId ? { partialSnapshot: await forgetPartial(repo, snapshotId) } : {}),
      },
    );
  }
  const skipped = SKIPPED_PATH.exec(r.stderr);
  if (skipped) {
    return fail(
      startedAt,
      { code: 'BASCULE_E_RESTIC_SOURCE_MISSING', detail: skipped[1]! },
      {
        ...base,
        ...(snapshotId ? { partialSnapshot: await forgetPartial(repo, snapshotId) } : {}),
      },
    );
  }
  if (r.exit === 3) {
    const line =
      r.stderr.split('\n').find((l) => /^error:|: permission denied|: no such file/i.test(l)) ?? '';
    return fail(
      startedAt,
      { code: 'BASCULE_E_RESTIC_FILES_SKIPPED', detail: line.replace(/^error:\s*/, '').slice(0, 500) },
      {
        ...base,
        ...(snapshotId ? { snapshotId } : {}),
      },
    );
  }
  if (!summary || snapshotId === undefined)
    return fail(startedAt, { code: 'BASCULE_E_RESTIC_NO_SUMMARY', detail: `exit ${r.exit}` }, base);
  const finalManifest = end ? filesManifest({ [`/${stdinName(source)}`]: end.sha256 }) : manifest;
  const withTables =
    produced.dump && finalManifest ? { ...finalManifest, tables: produced.dump.tables } : finalManifest;
  return {
    ok: true,
    snapshotId,
    startedAt,
    finishedAt: Date.now(),
    ...base,
    ...(withTables ? { manifest: withTables } : {}),
  };
}

function stdinName(source: BackupSource): string {
  if ('paths' in source) return '';
  return source.filename ?? ('command' in source ? 'stdin' : 'postgres.dump');
}

/** A PostgreSQL URL's password as a secret to scrub. */
function pgRepo(url: string): ResticRepo {
  return { repository: '', password: libpqTarget(url).env.PGPASSWORD ?? '', env: {} };
}

async function forgetPartial(repo: ResticRepo, id: string): Promise<{ id: string; forgotten: boolean }> {
  const r = await forgetIdsHeld(repo, [id], FORGET_TIMEOUT_MS);
  return { id, forgotten: r.ok };
}

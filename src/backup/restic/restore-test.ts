/**
 * The restore test: the snapshot restored for real and compared with the manifest recorded at
 * backup time. Files (paths, or the one file a command became) are restored to a temporary
 * directory and hashed; a PostgreSQL dump is streamed out of the repository (`restic dump`) into
 * `pg_restore` on a scratch database made for the test, whose rows per table are counted. The
 * directory and the database are removed after, whatever the result.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { failureOf, reasonLine } from './classify.ts';
import { type Comparison, compareFiles } from './manifest.ts';
import { compareTables, createScratch, libpqTarget } from './postgres.ts';
import { exclusive } from './repo-lock.ts';
import { restoreHeld } from './restore.ts';
import { runRestic } from './run-restic.ts';
import { scrub, secretsOf } from './scrub.ts';
import type { Manifest, ResticFailure, ResticRepo } from './types.ts';

export interface RestoreTestOptions {
  readonly snapshot: string;
  readonly manifest: Manifest;
  /** A PostgreSQL dump: restored into a scratch database created through this URL. */
  readonly postgres?: { readonly adminUrl: string; readonly filename?: string };
  /** Where the temporary directory is made (default: the system's). */
  readonly workDir?: string;
  readonly timeoutMs?: number;
}

export interface RestoreTestOutcome {
  readonly ok: boolean;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly compared?: Comparison['compared'];
  readonly mismatch?: string;
  readonly error?: ResticFailure;
}

export function restoreTest(repo: ResticRepo, opts: RestoreTestOptions): Promise<RestoreTestOutcome> {
  return exclusive([repo.repository], () =>
    opts.postgres ? postgresTest(repo, opts, opts.postgres) : filesTest(repo, opts),
  );
}

const judged = (startedAt: number, c: Comparison): RestoreTestOutcome => ({
  ok: c.ok,
  startedAt,
  finishedAt: Date.now(),
  compared: c.compared,
  ...(c.mismatch !== undefined
    ? { mismatch: c.mismatch, error: { code: 'BASCULE_E_RESTIC_RESTORE_MISMATCH', detail: c.mismatch } }
    : {}),
});

async function filesTest(repo: ResticRepo, opts: RestoreTestOptions): Promise<RestoreTestOutcome> {
  const startedAt = Date.now();
  const dir = await mkdtemp(join(opts.workDir ?? tmpdir(), 'bascule-restore-'));
  try {
    const r = await restoreHeld(repo, opts.snapshot, dir, { timeoutMs: opts.timeoutMs ?? 6 * 3600_000 });
    if (!r.ok)
      return { ok: false, startedAt, finishedAt: Date.now(), ...(r.error ? { error: r.error } : {}) };
    return judged(startedAt, await compareFiles(opts.manifest, dir));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function postgresTest(
  repo: ResticRepo,
  opts: RestoreTestOptions,
  pgOpts: NonNullable<RestoreTestOptions['postgres']>,
): Promise<RestoreTestOutcome> {
  const startedAt = Date.now();
  const scratch = await createScratch(pgOpts.adminUrl);
  try {
    const target = libpqTarget(scratch.url);
    const secrets = [...secretsOf(repo), ...Object.values(target.env)];
    const pgRestore = spawn(
      'pg_restore',
      ['--no-owner', '--no-acl', '--exit-on-error', '--no-password', `--dbname=${target.url}`],
      { env: { ...process.env, ...target.env }, stdio: ['pipe', 'ignore', 'pipe'] },
    );
    let stderr = '';
    pgRestore.stderr.setEncoding('utf8');
    pgRestore.stderr.on('data', (c: string) => {
      stderr = (stderr + c).slice(-16_384);
    });
    pgRestore.stdin.on('error', () => {});
    const restored = new Promise<number | null>((ok) => {
      pgRestore.on('error', () => ok(null));
      pgRestore.on('close', (code) => ok(code));
    });
    const dumped = await runRestic({
      repo,
      args: ['dump', opts.snapshot, `/${pgOpts.filename ?? 'postgres.dump'}`],
      stdout: pgRestore.stdin,
      timeoutMs: opts.timeoutMs ?? 6 * 3600_000,
    });
    const exit = await restored;
    if (dumped.exit !== 0) {
      return { ok: false, startedAt, finishedAt: Date.now(), error: failureOf(dumped) };
    }
    if (exit !== 0) {
      const detail = `pg_restore exit ${exit ?? '?'}: ${scrub(reasonLine(stderr), secrets)}`;
      return {
        ok: false,
        startedAt,
        finishedAt: Date.now(),
        error: { code: 'BASCULE_E_RESTIC_RESTORE_MISMATCH', detail },
      };
    }
    const tables = await scratch.counts();
    const mismatch = opts.manifest.tables
      ? compareTables(opts.manifest.tables, tables)
      : 'the manifest records no tables';
    return judged(startedAt, {
      ok: mismatch === undefined,
      compared: { tables },
      ...(mismatch ? { mismatch } : {}),
    });
  } finally {
    await scratch.drop().catch(() => {});
  }
}

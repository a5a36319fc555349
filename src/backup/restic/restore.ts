/**
 * `restic restore` to a directory, with progress: restic 0.16 and later print `--json` status
 * lines; restic 0.14 does not, so the bytes written under the directory are measured once a second
 * against the snapshot's size (`restic stats --mode restore-size`).
 */
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { failureOf } from './classify.ts';
import { progressOf } from './progress.ts';
import { exclusive } from './repo-lock.ts';
import { runRestic } from './run-restic.ts';
import type { Progress, ResticFailure, ResticRepo } from './types.ts';
import type { ResticVersion } from './version.ts';

export interface RestoreOptions {
  readonly onProgress?: (p: Progress) => void;
  /** Given, progress is read the way this restic allows; else by measuring (any restic). */
  readonly version?: ResticVersion;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface RestoreOutcome {
  readonly ok: boolean;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly error?: ResticFailure;
}

const UNKNOWN = /no matching ID found|invalid id|failed to find snapshot/i;
/** At most this many entries are walked per measure: the progress of a huge restore is then coarse, never slow. */
const WALK_LIMIT = 200_000;

async function bytesUnder(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  let seen = 0;
  const walk = async (p: string): Promise<void> => {
    if (++seen > WALK_LIMIT) return;
    const st = await lstat(p).catch(() => undefined);
    if (!st) return;
    if (st.isDirectory()) for (const n of await readdir(p).catch(() => [])) await walk(join(p, n));
    else if (st.isFile()) {
      bytes += st.size;
      files++;
    }
  };
  await walk(dir);
  return { bytes, files };
}

async function restoreSize(repo: ResticRepo, snapshot: string) {
  const r = await runRestic({
    repo,
    args: ['stats', '--json', '--no-lock', '--mode', 'restore-size', snapshot],
    timeoutMs: 120_000,
  });
  try {
    const s = JSON.parse(r.text) as { total_size?: number; total_file_count?: number };
    return { bytes: s.total_size ?? 0, files: s.total_file_count ?? 0 };
  } catch {
    return undefined;
  }
}

export function restore(
  repo: ResticRepo,
  snapshot: string,
  dir: string,
  opts: RestoreOptions = {},
): Promise<RestoreOutcome> {
  return exclusive([repo.repository], () => restoreHeld(repo, snapshot, dir, opts));
}

export async function restoreHeld(
  repo: ResticRepo,
  snapshot: string,
  dir: string,
  opts: RestoreOptions,
): Promise<RestoreOutcome> {
  const startedAt = Date.now();
  const json = opts.version?.features.restoreJson === true;
  let poll: NodeJS.Timeout | undefined;
  if (opts.onProgress && !json) {
    const total = await restoreSize(repo, snapshot);
    if (total) {
      let measuring = false;
      poll = setInterval(() => {
        if (measuring) return;
        measuring = true;
        void bytesUnder(dir).then((done) => {
          measuring = false;
          opts.onProgress?.({
            fraction: total.bytes > 0 ? Math.min(1, done.bytes / total.bytes) : 0,
            bytesDone: done.bytes,
            bytesTotal: total.bytes,
            filesDone: done.files,
            filesTotal: total.files,
          });
        });
      }, 1000);
    }
  }
  const r = await runRestic({
    repo,
    args: ['restore', snapshot, '--target', dir, ...(json ? ['--json'] : [])],
    timeoutMs: opts.timeoutMs ?? 6 * 3600_000,
    ...(opts.signal ? { signal: opts.signal } : {}),
    onJson(line) {
      const p = progressOf(line);
      if (p) opts.onProgress?.(p);
    },
  }).finally(() => clearInterval(poll));
  const finishedAt = Date.now();
  if (r.exit === 0) return { ok: true, startedAt, finishedAt };
  if (UNKNOWN.test(r.stderr))
    return {
      ok: false,
      startedAt,
      finishedAt,
      error: { code: 'BASCULE_E_RESTIC_SNAPSHOT_UNKNOWN', detail: snapshot },
    };
  return { ok: false, startedAt, finishedAt, error: failureOf(r) };
}

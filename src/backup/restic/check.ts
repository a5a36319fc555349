/**
 * `restic check` with a subset of the data read: without reading data, restic passes a repository
 * whose packs are corrupted (it checks the index and the trees, not the blobs' contents).
 * restic 0.14 has no `check --json`: its exit code decides, and its first error line is the detail.
 */
import { failureOf } from './classify.ts';
import { runExclusive } from './forget.ts';
import { exclusive } from './repo-lock.ts';
import type { ResticFailure, ResticRepo } from './types.ts';

export interface CheckOptions {
  /**
   * `5%`, `1/10`, `500M`: the part of the packs read and hashed (default 5%). `none` reads no data
   * (restic's plain check: it passes corrupted packs; for a quick look at the index and trees only).
   */
  readonly readDataSubset?: string;
  readonly timeoutMs?: number;
}

export interface CheckOutcome {
  readonly ok: boolean;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly readData: string;
  readonly error?: ResticFailure;
}

const ERROR_LINE =
  /^(error|Pack ID does not match|pack [0-9a-f]+|.*contained \d+ errors|.*: not referenced|.*unexpected|.*hash does not match|.*ciphertext verification failed)/im;

export function check(repo: ResticRepo, opts: CheckOptions = {}): Promise<CheckOutcome> {
  const readData = opts.readDataSubset ?? '5%';
  return exclusive([repo.repository], async () => {
    const startedAt = Date.now();
    const r = await runExclusive({
      repo,
      args: ['check', ...(readData === 'none' ? [] : [`--read-data-subset=${readData}`])],
      timeoutMs: opts.timeoutMs ?? 6 * 3600_000,
    });
    const finishedAt = Date.now();
    if (r.exit === 0) return { ok: true, startedAt, finishedAt, readData };
    const all = `${r.text}\n${r.stderr}`;
    if (/repository contains errors|contained \d+ errors|Pack ID does not match/i.test(all)) {
      const line = ERROR_LINE.exec(all)?.[0]?.trim() ?? 'repository contains errors';
      const error: ResticFailure = { code: 'BASCULE_E_RESTIC_CORRUPTED', detail: line.slice(0, 500) };
      return { ok: false, startedAt, finishedAt, readData, error };
    }
    return { ok: false, startedAt, finishedAt, readData, error: failureOf(r) };
  });
}

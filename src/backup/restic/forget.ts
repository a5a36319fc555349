/**
 * Retention (`restic forget --keep-…`, with `--prune` when asked) and the forgetting of given
 * snapshots (a partial one). An exclusive operation: a stale lock of a killed restic is removed
 * (stale-locks.ts) and the operation tried once more.
 */
import { failureOf } from './classify.ts';
import { exclusive } from './repo-lock.ts';
import { type ResticCall, type ResticResult, runRestic } from './run-restic.ts';
import { unlockStaleHeld } from './stale-locks.ts';
import type { Keep, ResticFailure, ResticRepo } from './types.ts';

export interface ForgetOutcome {
  readonly ok: boolean;
  readonly startedAt: number;
  readonly finishedAt: number;
  /** Full ids of the snapshots forgotten. */
  readonly removed: readonly string[];
  readonly error?: ResticFailure;
}

export interface ForgetOptions {
  readonly prune?: boolean;
  readonly tags?: readonly string[];
  readonly host?: string;
  readonly timeoutMs?: number;
}

/** Runs an exclusive restic operation; if it is locked by a process known to be gone, unlocks and retries once. */
export async function runExclusive(call: ResticCall): Promise<ResticResult> {
  const first = await runRestic(call);
  if (first.exit === 0 || failureOf(first).code !== 'BASCULE_E_RESTIC_LOCKED') return first;
  const unlocked = await unlockStaleHeld(call.repo);
  return unlocked.removed.length > 0 ? runRestic(call) : first;
}

function keepArgs(keep: Keep): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(keep))
    if (typeof v === 'number' && v > 0) out.push(`--keep-${k}`, String(v));
  return out;
}

function removedOf(text: string): string[] {
  try {
    const groups = JSON.parse(text.trim() || '[]') as { remove?: { id?: string }[] | null }[];
    return groups.flatMap((g) => (g.remove ?? []).map((s) => String(s.id ?? '')).filter((x) => x !== ''));
  } catch {
    return [];
  }
}

async function forgetHeld(repo: ResticRepo, args: string[], timeoutMs: number): Promise<ForgetOutcome> {
  const startedAt = Date.now();
  const r = await runExclusive({ repo, args: ['forget', '--json', ...args], timeoutMs });
  const finishedAt = Date.now();
  if (r.exit !== 0) return { ok: false, startedAt, finishedAt, removed: [], error: failureOf(r) };
  return { ok: true, startedAt, finishedAt, removed: removedOf(r.text) };
}

/** Applies a retention policy. */
export function forget(repo: ResticRepo, keep: Keep, opts: ForgetOptions = {}): Promise<ForgetOutcome> {
  const args = keepArgs(keep);
  if (args.length === 0)
    return Promise.resolve({
      ok: false,
      startedAt: Date.now(),
      finishedAt: Date.now(),
      removed: [],
      error: {
        code: 'BASCULE_E_RESTIC_FAILED',
        detail: 'no --keep rule: forget would remove every snapshot',
      },
    });
  if (opts.prune) args.push('--prune');
  if (opts.host !== undefined) args.push('--host', opts.host);
  for (const t of opts.tags ?? []) args.push('--tag', t);
  return exclusive([repo.repository], () => forgetHeld(repo, args, opts.timeoutMs ?? 6 * 3600_000));
}

/** Forgets the given snapshots (no prune), for an operation that holds the repository. */
export async function forgetIdsHeld(repo: ResticRepo, ids: readonly string[], timeoutMs: number) {
  const startedAt = Date.now();
  const r = await runExclusive({ repo, args: ['forget', ...ids], timeoutMs });
  const finishedAt = Date.now();
  if (r.exit !== 0) return { ok: false, startedAt, finishedAt, removed: [], error: failureOf(r) };
  return { ok: true, startedAt, finishedAt, removed: [...ids] };
}

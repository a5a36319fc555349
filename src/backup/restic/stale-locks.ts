/**
 * Stale locks: a restic killed mid-run (SIGKILL, a crash, a reboot) leaves its lock file, and every
 * exclusive operation after it (check, forget) fails as "locked". A lock is removed only when its
 * process is known to be gone: restic's lock files carry the hostname and pid, so a lock of this
 * host whose pid no longer runs is stale; a lock of another host, or of a process that runs, is
 * kept. `restic unlock` removes the locks restic itself deems stale (those above, and any older than
 * 30 minutes): it is called only when every lock it would remove is one known to be gone.
 */
import { hostname } from 'node:os';

import { failureOf } from './classify.ts';
import { exclusive } from './repo-lock.ts';
import { runRestic } from './run-restic.ts';
import type { ResticFailure, ResticLock, ResticRepo } from './types.ts';

export type KeptReason = 'running' | 'other-host';

export interface UnlockResult {
  readonly ok: boolean;
  readonly removed: readonly ResticLock[];
  readonly kept: readonly { readonly lock: ResticLock; readonly reason: KeptReason }[];
  readonly error?: ResticFailure;
}

/** restic deems a lock stale past 30 minutes without a refresh (it refreshes every 5). */
const RESTIC_STALE_MS = 30 * 60_000;
const TIMEOUT_MS = 60_000;

/** Whether a process of this host runs (a pid of another user's process answers EPERM: it runs). */
export function processRuns(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The repository's locks, read with `--no-lock` (reading them must not add one). */
export async function listLocks(
  repo: ResticRepo,
): Promise<{ ok: true; locks: ResticLock[] } | { ok: false; error: ResticFailure }> {
  const ids = await runRestic({ repo, args: ['list', 'locks', '--no-lock'], timeoutMs: TIMEOUT_MS });
  if (ids.exit !== 0) return { ok: false, error: failureOf(ids) };
  const locks: ResticLock[] = [];
  for (const id of ids.text.split('\n').map((l) => l.trim())) {
    if (!/^[0-9a-f]{64}$/.test(id)) continue;
    const r = await runRestic({ repo, args: ['cat', 'lock', id, '--no-lock'], timeoutMs: TIMEOUT_MS });
    // A lock removed between the list and the read is gone: nothing to judge.
    if (r.exit !== 0) continue;
    try {
      const raw = JSON.parse(r.text) as Record<string, unknown>;
      locks.push({
        id,
        hostname: String(raw.hostname ?? ''),
        pid: Number(raw.pid ?? 0),
        exclusive: raw.exclusive === true,
        time: String(raw.time ?? ''),
      });
    } catch {
      // not a lock restic wrote: left alone
    }
  }
  return { ok: true, locks };
}

/** Removes the locks whose process is known to be gone; says which were kept and why. */
export function unlockStale(repo: ResticRepo, now = Date.now()): Promise<UnlockResult> {
  return exclusive([repo.repository], () => unlockStaleHeld(repo, now));
}

/** The same, for an operation that already holds the repository. */
export async function unlockStaleHeld(repo: ResticRepo, now = Date.now()): Promise<UnlockResult> {
  const listed = await listLocks(repo);
  if (!listed.ok) return { ok: false, removed: [], kept: [], error: listed.error };
  const here = hostname();
  const gone: ResticLock[] = [];
  const kept: { lock: ResticLock; reason: KeptReason }[] = [];
  for (const lock of listed.locks) {
    if (lock.hostname !== here) kept.push({ lock, reason: 'other-host' });
    else if (processRuns(lock.pid)) kept.push({ lock, reason: 'running' });
    else gone.push(lock);
  }
  // restic would also remove a kept lock older than 30 minutes: then nothing is removed.
  const resticWouldTakeKept = kept.some(({ lock }) => now - Date.parse(lock.time) > RESTIC_STALE_MS);
  if (gone.length === 0 || resticWouldTakeKept) return { ok: true, removed: [], kept };
  const r = await runRestic({ repo, args: ['unlock'], timeoutMs: TIMEOUT_MS });
  if (r.exit !== 0) return { ok: false, removed: [], kept, error: failureOf(r) };
  const after = await listLocks(repo);
  const left = new Set(after.ok ? after.locks.map((l) => l.id) : []);
  return { ok: true, removed: gone.filter((l) => !left.has(l.id)), kept };
}

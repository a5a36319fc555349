/**
 * The daemon's own health, as /healthz and /metrics tell it: what is wrong with Bascule itself
 * (not with what it watches). A failing store is one: the daemon still decides and alerts from
 * memory, but what it learns is not yet kept, and a crash now would lose it.
 */
import type { StoreStatus } from '../store/write-behind.ts';

export interface Problem {
  /** `store-failing`: writes wait in memory for the store. */
  readonly code: 'store-failing';
  /** Since when (epoch ms). */
  readonly since: number;
  /** The last error's code (SQLITE_FULL, SQLITE_BUSY, ECONNREFUSED…): never a message, never a path. */
  readonly detail?: string;
  /** How many writes wait. */
  readonly waiting?: number;
}

export interface DaemonHealth {
  readonly ok: boolean;
  readonly problems: readonly Problem[];
}

export function daemonHealth(store: StoreStatus): DaemonHealth {
  const problems: Problem[] = [];
  if (!store.ok) {
    const { observations, transitions, other } = store.queued;
    problems.push({
      code: 'store-failing',
      since: store.failingSince ?? 0,
      ...(store.error ? { detail: store.error } : {}),
      waiting: observations + transitions + other,
    });
  }
  return { ok: problems.length === 0, problems };
}

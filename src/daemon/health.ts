/**
 * The daemon's own health, as /healthz and /metrics tell it: what is wrong with Bascule itself
 * (not with what it watches). A failing store is one: the daemon still decides and alerts from
 * memory, but what it learns is not yet kept, and a crash now would lose it.
 */
import type { StoreStatus } from '../store/write-behind.ts';

export interface Problem {
  /**
   * `store-failing`: writes wait in memory for the store. `probes-local`: the daemon's own probes
   * fail for want of its own resources (open files, memory, local ports): what they watch is not
   * judged meanwhile, and nothing is known of it.
   */
  readonly code: 'store-failing' | 'probes-local';
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

/** A shortage is over once no probe met one for this long. */
export const SHORTAGE_CLEARS_AFTER_MS = 60_000;

/** Counts the local probes that failed for want of Bascule's own resources. */
export class LocalShortage {
  private since: number | undefined;
  private last = 0;
  private count = 0;
  private detail: string | undefined;

  /** A probe failed with reason `local`; true when this starts a shortage (say it loudly then). */
  note(at: number, detail: string | undefined): boolean {
    const starts = this.since === undefined || at - this.last > SHORTAGE_CLEARS_AFTER_MS;
    if (starts) {
      this.since = at;
      this.count = 0;
    }
    this.last = at;
    this.count++;
    this.detail = detail;
    return starts;
  }

  problem(now: number): Problem | undefined {
    if (this.since === undefined || now - this.last > SHORTAGE_CLEARS_AFTER_MS) return undefined;
    return {
      code: 'probes-local',
      since: this.since,
      waiting: this.count,
      ...(this.detail ? { detail: this.detail } : {}),
    };
  }
}

export function daemonHealth(store: StoreStatus, shortage?: Problem): DaemonHealth {
  const problems: Problem[] = shortage ? [shortage] : [];
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

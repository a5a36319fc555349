/**
 * The single-node coordinator on the store: the lease and the desired state in two durable buckets
 * (store-kv.ts), so that a restarted daemon resumes its desired state, takes its lease back (its
 * session is kept in its data directory) and issues fences above every one it issued before.
 */
import type { Clock } from '../platform/clock.ts';
import { type DesiredRecord, LEASE_TTL_MS, LeaseCoordinator, type LeaseRecord } from './lease.ts';
import { type KvRows, StoreKv } from './store-kv.ts';

export const LEASE_BUCKET = 'failover-lease';
export const DESIRED_BUCKET = 'failover-desired';

export interface DurableOptions {
  readonly rows: KvRows;
  readonly clock: Clock;
  readonly node: string;
  /** Kept by the caller across restarts (one process at a time): see LeaseOptions.session. */
  readonly session?: string;
  readonly ttlMs?: number;
}

export async function durableCoordinator<D>(o: DurableOptions): Promise<LeaseCoordinator<D>> {
  const ttlMs = o.ttlMs ?? LEASE_TTL_MS;
  const lease = await StoreKv.open<LeaseRecord>(o.rows, LEASE_BUCKET, o.clock, { ttlMs });
  const state = await StoreKv.open<DesiredRecord<D>>(o.rows, DESIRED_BUCKET, o.clock);
  return new LeaseCoordinator<D>({
    lease,
    state,
    clock: o.clock,
    node: o.node,
    ttlMs,
    ...(o.session !== undefined ? { session: o.session } : {}),
  });
}

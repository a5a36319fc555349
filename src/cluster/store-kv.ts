/**
 * A durable key-value bucket for a single node: NATS key-value semantics (revisions,
 * compare-and-set, one TTL per bucket) held in memory and written through to the store
 * (`KvRows`: the store's key-value aggregate), so a restarted node finds its lease and its
 * desired state where it left them. Revisions never go back: each is above the last one the
 * bucket ever issued (kept by the store, across restarts) and at least the clock's now in ms.
 * One process owns the rows (the daemon's data directory is locked); several nodes on one store
 * need the cluster mode's buckets (NATS JetStream).
 */
import type { Clock } from '../platform/clock.ts';
import type { KvBucket, KvConflict, KvEntry } from './kv.ts';

interface Row {
  readonly key: string;
  readonly value: unknown;
  readonly revision: number;
  readonly writtenAt: number;
}

/** What the bucket needs of the store (store/kv-rows.ts's KvStore). */
export interface KvRows {
  kvLoad(bucket: string): Promise<{ readonly revision: number; readonly entries: readonly Row[] }>;
  kvPut(
    bucket: string,
    row: Row | { readonly key: string; readonly deleted: true },
    revision: number,
  ): Promise<void>;
}

export interface StoreKvOptions {
  /** A key not written for that long is gone; absent: keys never expire. */
  readonly ttlMs?: number;
}

export class StoreKv<V> implements KvBucket<V> {
  private revision: number;
  private readonly ttlMs: number;
  /** One write at a time, so the revision written and the one kept agree. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly rows: KvRows,
    readonly bucket: string,
    private readonly clock: Clock,
    private readonly entries: Map<string, Row>,
    last: number,
    options: StoreKvOptions,
  ) {
    this.revision = last;
    this.ttlMs = options.ttlMs ?? Number.POSITIVE_INFINITY;
  }

  /** The bucket as the store keeps it. */
  static async open<V>(
    rows: KvRows,
    bucket: string,
    clock: Clock,
    options: StoreKvOptions = {},
  ): Promise<StoreKv<V>> {
    const kept = await rows.kvLoad(bucket);
    const last = Math.max(kept.revision, ...kept.entries.map((e) => e.revision));
    return new StoreKv<V>(rows, bucket, clock, new Map(kept.entries.map((e) => [e.key, e])), last, options);
  }

  private live(key: string): Row | undefined {
    const e = this.entries.get(key);
    if (e && this.clock.now() - e.writtenAt >= this.ttlMs) return undefined;
    return e;
  }

  private entry(e: Row): KvEntry<V> {
    return { value: structuredClone(e.value) as V, revision: e.revision };
  }

  private conflict(key: string): KvConflict {
    const e = this.live(key);
    return e ? { conflict: true, current: this.entry(e) } : { conflict: true };
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => {});
    return run;
  }

  /** Issues the next revision, keeps the row in the store, then in memory (persist before act). */
  private async write(key: string, value: V): Promise<KvEntry<V>> {
    const now = this.clock.now();
    const revision = Math.max(this.revision + 1, Math.floor(now));
    const row: Row = { key, value: structuredClone(value), revision, writtenAt: now };
    await this.rows.kvPut(this.bucket, row, revision);
    this.revision = revision;
    this.entries.set(key, row);
    return this.entry(row);
  }

  async get(key: string): Promise<KvEntry<V> | undefined> {
    const e = this.live(key);
    return e ? this.entry(e) : undefined;
  }

  create(key: string, value: V): Promise<KvEntry<V> | KvConflict> {
    return this.serial(async () => (this.live(key) ? this.conflict(key) : this.write(key, value)));
  }

  update(key: string, value: V, revision: number): Promise<KvEntry<V> | KvConflict> {
    return this.serial(async () =>
      this.live(key)?.revision === revision ? this.write(key, value) : this.conflict(key),
    );
  }

  delete(key: string, revision: number): Promise<boolean> {
    return this.serial(async () => {
      if (this.live(key)?.revision !== revision) return false;
      await this.rows.kvPut(this.bucket, { key, deleted: true }, this.revision);
      this.entries.delete(key);
      return true;
    });
  }
}

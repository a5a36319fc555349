/**
 * The key-value aggregate: the rows of the coordinator's buckets (cluster/store-kv.ts), so that a
 * single node's lease and desired state, and the last revision each bucket issued, survive a
 * restart. The bucket's logic (compare-and-set, TTL, revisions) lives in the bucket; the store only
 * keeps what it is given, each write atomically with the bucket's last revision, which never goes
 * back (a lower one given is ignored).
 */

export interface KvRow {
  readonly key: string;
  /** JSON data. */
  readonly value: unknown;
  readonly revision: number;
  /** Epoch ms (the bucket's TTL counts from it). */
  readonly writtenAt: number;
}

export interface KvBucketRows {
  /** The highest revision the bucket has issued (0: none yet). */
  readonly revision: number;
  readonly entries: readonly KvRow[];
}

export interface KvStore {
  /** A bucket's entries and last revision, as kept. */
  kvLoad(bucket: string): Promise<KvBucketRows>;
  /**
   * Keeps `row` under its key (`deleted`: removes the key) and raises the bucket's last revision
   * to `revision`, atomically.
   */
  kvPut(
    bucket: string,
    row: KvRow | { readonly key: string; readonly deleted: true },
    revision: number,
  ): Promise<void>;
}

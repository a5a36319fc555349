/**
 * The key-value port the coordinator is built on, shaped like a NATS JetStream key-value bucket:
 * every write gets a new revision, writes can be conditional on the revision (compare-and-set),
 * and a key not written for the bucket's TTL disappears (one TTL for the whole bucket, as a NATS
 * bucket's max age; a bucket may have none). The memory bucket (memory-kv.ts) is the single-node
 * implementation; a NATS adapter comes with the cluster mode.
 */

export interface KvEntry<V> {
  readonly value: V;
  /**
   * Increases with every write to the bucket (gaps allowed), and never goes back, not even across a
   * restart; in the lease bucket, the fencing token of whoever wrote it.
   */
  readonly revision: number;
}

/** A conditional write lost the race: someone else wrote first. */
export interface KvConflict {
  readonly conflict: true;
  /** What is there now (undefined: nothing, or it expired). */
  readonly current?: KvEntry<unknown>;
}

export interface KvBucket<V> {
  get(key: string): Promise<KvEntry<V> | undefined>;
  /** Writes only if the key is absent (or expired). */
  create(key: string, value: V): Promise<KvEntry<V> | KvConflict>;
  /** Writes only if the key's revision is still `revision`. */
  update(key: string, value: V, revision: number): Promise<KvEntry<V> | KvConflict>;
  /** Deletes only if the key's revision is still `revision`; true when it did. */
  delete(key: string, revision: number): Promise<boolean>;
}

export function isConflict<V>(r: KvEntry<V> | KvConflict): r is KvConflict {
  return 'conflict' in r;
}

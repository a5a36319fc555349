/** The in-process key-value bucket: NATS key-value semantics (revisions, compare-and-set, TTL) on the injected Clock. */
import type { Clock } from '../platform/clock.ts';
import type { KvBucket, KvConflict, KvEntry } from './kv.ts';

interface Stored<V> extends KvEntry<V> {
  readonly writtenAt: number;
}

export class MemoryKv<V> implements KvBucket<V> {
  private readonly entries = new Map<string, Stored<V>>();
  private revision = 0;

  /** `ttlMs`: a key not written for that long is gone (as a bucket's max age). */
  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  private live(key: string): Stored<V> | undefined {
    const e = this.entries.get(key);
    if (e && this.clock.now() - e.writtenAt >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private write(key: string, value: V): KvEntry<V> {
    const e = { value: structuredClone(value), revision: ++this.revision, writtenAt: this.clock.now() };
    this.entries.set(key, e);
    return { value: structuredClone(value), revision: e.revision };
  }

  private conflict(key: string): KvConflict {
    const e = this.live(key);
    return e
      ? { conflict: true, current: { value: structuredClone(e.value), revision: e.revision } }
      : { conflict: true };
  }

  async get(key: string): Promise<KvEntry<V> | undefined> {
    const e = this.live(key);
    return e ? { value: structuredClone(e.value), revision: e.revision } : undefined;
  }

  async create(key: string, value: V): Promise<KvEntry<V> | KvConflict> {
    return this.live(key) ? this.conflict(key) : this.write(key, value);
  }

  async update(key: string, value: V, revision: number): Promise<KvEntry<V> | KvConflict> {
    return this.live(key)?.revision === revision ? this.write(key, value) : this.conflict(key);
  }

  async delete(key: string, revision: number): Promise<boolean> {
    if (this.live(key)?.revision !== revision) return false;
    this.entries.delete(key);
    return true;
  }
}

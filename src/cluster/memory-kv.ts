/** The in-process key-value bucket: NATS key-value semantics (revisions, compare-and-set, TTL) on the injected Clock. */
import type { Clock } from '../platform/clock.ts';
import type { KvBucket, KvConflict, KvEntry } from './kv.ts';

interface Stored<V> extends KvEntry<V> {
  readonly writtenAt: number;
}

export interface MemoryKvOptions {
  /** A key not written for that long is gone (as a bucket's max age); absent: keys never expire. */
  readonly ttlMs?: number;
  /**
   * The lowest revision this bucket issues; default: the clock's now (ms) when it is made. Every
   * revision is also at least the clock's now when written (and one more than the last), so
   * revisions (the fences) keep growing across restarts of the process as long as the clock does
   * not go back and a restart takes longer than the last run's bursts of more than one write per
   * ms ran ahead of the clock (a few ms at most; lease writes come every few seconds).
   */
  readonly firstRevision?: number;
}

export class MemoryKv<V> implements KvBucket<V> {
  private readonly entries = new Map<string, Stored<V>>();
  /** The last revision issued. */
  private revision: number;
  private readonly ttlMs: number;

  constructor(
    private readonly clock: Clock,
    options: MemoryKvOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? Number.POSITIVE_INFINITY;
    this.revision = (options.firstRevision ?? clock.now()) - 1;
  }

  private live(key: string): Stored<V> | undefined {
    const e = this.entries.get(key);
    if (e && this.clock.now() - e.writtenAt >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private write(key: string, value: V): KvEntry<V> {
    const now = this.clock.now();
    this.revision = Math.max(this.revision + 1, Math.floor(now));
    const e = { value: structuredClone(value), revision: this.revision, writtenAt: now };
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

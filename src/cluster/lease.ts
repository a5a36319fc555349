/**
 * The Coordinator on two key-value buckets: the lease bucket (TTL = the lease, about 15 s) holds
 * `{holder, session}`, renewed by compare-and-set on the revision this instance wrote; the state
 * bucket (no expiry) holds the desired state with the fence it was decided at, never replaced by a
 * lower fence. Single node: memory buckets in process (`localCoordinator`); cluster: the same code
 * on NATS JetStream buckets.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../platform/clock.ts';
import type { Coordinator, Leadership, ProposeResult } from './coordinator.ts';
import { isConflict, type KvBucket, type KvEntry } from './kv.ts';
import { MemoryKv } from './memory-kv.ts';

/** The lease key's value: who holds it, and which process (a fresh random id per instance). */
export interface LeaseRecord {
  readonly holder: string;
  readonly session: string;
}

/** The desired-state key's value: the state, and the fence it was decided (or taken over) at. */
export interface DesiredRecord<D> {
  readonly fence: number;
  readonly desired?: D;
}

export const LEASE_KEY = 'leader';
export const DESIRED_KEY = 'desired';
/** The lease: a holder silent for this long loses it. */
export const LEASE_TTL_MS = 15_000;
/** Taken off the lease for `until`: clock rates, a pause between checking `until` and acting. */
export const LEASE_MARGIN_MS = 3_000;

export interface LeaseOptions<D> {
  /** The lease bucket: its TTL must be `ttlMs`. */
  readonly lease: KvBucket<LeaseRecord>;
  /** The state bucket: no TTL. */
  readonly state: KvBucket<DesiredRecord<D>>;
  readonly clock: Clock;
  readonly node: string;
  readonly ttlMs?: number;
  readonly marginMs?: number;
  /**
   * This instance's identity in the lease record (default: a fresh random id). A single node that
   * keeps it in its locked data directory passes it again after a restart: it then takes back the
   * lease it held (at a new, higher fence) instead of waiting for it to expire.
   */
  readonly session?: string;
}

/** How many times a write of the desired state is retried when another writer got in first. */
const RECORD_ATTEMPTS = 8;

type Recorded<D> = { readonly ok: true } | { readonly ok: false; readonly current?: DesiredRecord<D> };

export class LeaseCoordinator<D> implements Coordinator<D> {
  readonly node: string;
  /** This instance's identity in the lease record: a namesake (same node name) is someone else. */
  readonly session: string;
  private readonly lease: KvBucket<LeaseRecord>;
  private readonly state: KvBucket<DesiredRecord<D>>;
  private readonly clock: Clock;
  private readonly ttlMs: number;
  private readonly marginMs: number;
  /** The lease revision this instance wrote last, while it may still hold it. */
  private held: number | undefined;
  private until = 0;
  /** The highest-fenced desired record this instance has read or written. */
  private known: DesiredRecord<D> | undefined;
  /** One operation at a time: a renewal and a propose of one instance must not race each other. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: LeaseOptions<D>) {
    this.lease = options.lease;
    this.state = options.state;
    this.clock = options.clock;
    this.node = options.node;
    this.session = options.session ?? randomUUID();
    this.ttlMs = options.ttlMs ?? LEASE_TTL_MS;
    this.marginMs = options.marginMs ?? LEASE_MARGIN_MS;
  }

  campaign(): Promise<Leadership> {
    return this.serial(async () => {
      const record: LeaseRecord = { holder: this.node, session: this.session };
      const sentAt = this.clock.now();
      const renewing = this.held !== undefined;
      let written =
        this.held !== undefined
          ? await this.lease.update(LEASE_KEY, record, this.held)
          : await this.lease.create(LEASE_KEY, record);
      // The lease this session held before a restart: taken back, at a new revision.
      const before = isConflict(written) ? written.current : undefined;
      if (!renewing && before && sameSession(before.value, record))
        written = await this.lease.update(LEASE_KEY, record, before.revision);
      if (isConflict(written)) return this.follower(written.current);
      this.won(written.revision, sentAt);
      // A new leader records the state it starts from at its own fence: from then on, a late write
      // of an older leader is refused.
      if (!renewing) {
        const taken = await this.record(written.revision, (current) => this.newer(current)?.desired);
        if (!taken.ok) return this.follower();
      }
      return { leader: true, holder: this.node, fence: written.revision, until: this.until };
    });
  }

  async desired(): Promise<D | undefined> {
    this.learn((await this.state.get(DESIRED_KEY))?.value);
    return this.known?.desired;
  }

  propose(desired: D, fence: number): Promise<ProposeResult<D>> {
    return this.serial(async (): Promise<ProposeResult<D>> => {
      if (this.held === undefined) return { ok: false, reason: 'not-leader' };
      if (fence !== this.held) return { ok: false, reason: 'conflict', ...(await this.current()) };
      const sentAt = this.clock.now();
      const written = await this.lease.update(LEASE_KEY, { holder: this.node, session: this.session }, fence);
      if (isConflict(written)) {
        this.follower();
        return { ok: false, reason: 'not-leader', ...(await this.current()) };
      }
      this.won(written.revision, sentAt);
      const recorded = await this.record(written.revision, () => desired);
      if (!recorded.ok) {
        this.follower();
        return { ok: false, reason: 'not-leader', ...(await this.current()) };
      }
      // Recorded, but this node may have been paused past its lease meanwhile: it must not act.
      if (this.clock.now() >= this.until) return { ok: false, reason: 'not-leader', desired };
      return { ok: true, fence: written.revision, until: this.until };
    });
  }

  resign(): Promise<void> {
    return this.serial(async () => {
      if (this.held === undefined) return;
      await this.lease.delete(LEASE_KEY, this.held);
      this.follower();
    });
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => {});
    return run;
  }

  private won(revision: number, sentAt: number): void {
    this.held = revision;
    this.until = sentAt + this.ttlMs - this.marginMs;
  }

  private follower(current?: KvEntry<unknown>): Leadership {
    this.held = undefined;
    this.until = 0;
    const holder = (current?.value as LeaseRecord | undefined)?.holder;
    return { leader: false, fence: 0, until: 0, ...(holder !== undefined ? { holder } : {}) };
  }

  /** Keeps `r` as this node's copy if it is at least as new as the copy. */
  private learn(r: DesiredRecord<D> | undefined): void {
    if (r && (this.known === undefined || r.fence >= this.known.fence)) this.known = r;
  }

  /** The higher-fenced of `r` and this node's copy. */
  private newer(r: DesiredRecord<D> | undefined): DesiredRecord<D> | undefined {
    this.learn(r);
    return this.known;
  }

  /** The recorded desired state, for a refused propose. */
  private async current(): Promise<{ desired?: D }> {
    const d = await this.desired();
    return d !== undefined ? { desired: d } : {};
  }

  /**
   * Writes `{fence, desired: next(current)}` to the desired key by compare-and-set, unless what is
   * there has a fence of `fence` or more (a newer leader recorded since): read, compare, update on
   * the revision read, again if someone wrote in between.
   */
  private async record(
    fence: number,
    next: (current: DesiredRecord<D> | undefined) => D | undefined,
  ): Promise<Recorded<D>> {
    for (let i = 0; i < RECORD_ATTEMPTS; i++) {
      const entry = await this.state.get(DESIRED_KEY);
      this.learn(entry?.value);
      if (entry && entry.value.fence >= fence) return { ok: false, current: entry.value };
      const desired = next(entry?.value);
      const value: DesiredRecord<D> = { fence, ...(desired !== undefined ? { desired } : {}) };
      const written = entry
        ? await this.state.update(DESIRED_KEY, value, entry.revision)
        : await this.state.create(DESIRED_KEY, value);
      if (!isConflict(written)) {
        this.learn(value);
        return { ok: true };
      }
    }
    return { ok: false };
  }
}

function sameSession(value: unknown, mine: LeaseRecord): boolean {
  const r = value as Partial<LeaseRecord> | undefined;
  return r?.holder === mine.holder && r.session === mine.session;
}

/**
 * The single-node coordinator: both buckets in process, on `clock`. Its fences start at the
 * clock's now (ms), so they grow across restarts as long as the clock does not go back; the
 * desired state lives as long as the process (a durable state bucket is the Store's to give).
 */
export function localCoordinator<D>(clock: Clock, node = 'local'): LeaseCoordinator<D> {
  return new LeaseCoordinator<D>({
    lease: new MemoryKv<LeaseRecord>(clock, { ttlMs: LEASE_TTL_MS }),
    state: new MemoryKv<DesiredRecord<D>>(clock),
    clock,
    node,
  });
}

/**
 * The Coordinator on a key-value bucket: one key holds the lease record `{holder, desired}`; the
 * bucket's TTL is the lease (about 15 s), renewed by compare-and-set every few seconds; candidates
 * create it if absent. Single node: a memory bucket in process (`localCoordinator`); cluster: the
 * same code on a NATS JetStream bucket.
 */
import type { Clock } from '../platform/clock.ts';
import type { Coordinator, Leadership, ProposeResult } from './coordinator.ts';
import { isConflict, type KvBucket } from './kv.ts';
import { MemoryKv } from './memory-kv.ts';

export interface LeaseRecord<D> {
  readonly holder: string;
  readonly desired?: D;
}

export const LEASE_KEY = 'leader';
/** The lease: a holder silent for this long loses it. */
export const LEASE_TTL_MS = 15_000;

export class LeaseCoordinator<D> implements Coordinator<D> {
  /** The last desired state seen or written: carried over when this node takes an expired lease. */
  private known: D | undefined;
  private held: number | undefined;

  constructor(
    private readonly kv: KvBucket<LeaseRecord<D>>,
    readonly node: string,
  ) {}

  async campaign(): Promise<Leadership> {
    const current = await this.kv.get(LEASE_KEY);
    if (current?.value.desired !== undefined) this.known = current.value.desired;
    const record: LeaseRecord<D> = {
      holder: this.node,
      ...(this.known !== undefined ? { desired: this.known } : {}),
    };
    const written =
      current === undefined
        ? await this.kv.create(LEASE_KEY, record)
        : current.value.holder === this.node
          ? await this.kv.update(LEASE_KEY, record, current.revision)
          : undefined;
    if (written === undefined || isConflict(written)) {
      this.held = undefined;
      const holder = written?.current
        ? (written.current.value as LeaseRecord<D>).holder
        : current?.value.holder;
      return { leader: false, fence: 0, ...(holder !== undefined ? { holder } : {}) };
    }
    this.held = written.revision;
    return { leader: true, holder: this.node, fence: written.revision };
  }

  async desired(): Promise<D | undefined> {
    const current = await this.kv.get(LEASE_KEY);
    if (current?.value.desired !== undefined) this.known = current.value.desired;
    return this.known;
  }

  async propose(desired: D, fence: number): Promise<ProposeResult<D>> {
    const current = await this.kv.get(LEASE_KEY);
    if (!current || current.value.holder !== this.node) {
      this.held = undefined;
      return { ok: false, reason: 'not-leader' };
    }
    const written = await this.kv.update(LEASE_KEY, { holder: this.node, desired }, fence);
    if (isConflict(written)) {
      const now = written.current?.value as LeaseRecord<D> | undefined;
      return {
        ok: false,
        reason: 'conflict',
        ...(now?.desired !== undefined ? { desired: now.desired } : {}),
      };
    }
    this.known = desired;
    this.held = written.revision;
    return { ok: true, fence: written.revision };
  }

  async resign(): Promise<void> {
    if (this.held === undefined) return;
    await this.kv.delete(LEASE_KEY, this.held);
    this.held = undefined;
  }
}

/** The single-node coordinator: the lease in an in-process bucket (this node always leads). */
export function localCoordinator<D>(clock: Clock, node = 'local'): LeaseCoordinator<D> {
  return new LeaseCoordinator<D>(new MemoryKv<LeaseRecord<D>>(clock, LEASE_TTL_MS), node);
}

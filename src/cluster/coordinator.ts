/**
 * The coordination port: which node may act (a lease, renewed by compare-and-set), and the desired
 * failover state, changed only by the leader. The lease's revision is the fencing token that
 * actuators check, so a stale leader is refused by the target itself. A node never concludes it
 * leads from a read: only from a write of its own that succeeded, and only until its deadline.
 */

/** What a node knows after campaigning. */
export interface Leadership {
  readonly leader: boolean;
  /** The node holding the lease, if any (a namesake of this node is not this node). */
  readonly holder?: string;
  /** The lease's revision: the fencing token while this node leads (0 when it does not). */
  readonly fence: number;
  /**
   * Epoch ms after which this node must consider itself not leader unless it has renewed since:
   * the time it sent its winning write, plus the TTL, minus a safety margin (0 when not leader).
   */
  readonly until: number;
}

export type ProposeResult<D> =
  /** Recorded durably at `fence` (the decision's fencing token); the lease is renewed up to `until`. */
  | { readonly ok: true; readonly fence: number; readonly until: number }
  /**
   * `not-leader`: this node does not lead (another does, none does, or it lost the lease before the
   * decision was recorded); `conflict`: `fence` is not this node's current one. `desired`: what is
   * recorded now, when known.
   */
  | { readonly ok: false; readonly reason: 'not-leader' | 'conflict'; readonly desired?: D };

export interface Coordinator<D> {
  readonly node: string;
  /** Takes the lease if it is free or expired, renews it if this instance wrote it last. */
  campaign(): Promise<Leadership>;
  /**
   * The desired state decided at the highest fence this node can read (the durable record, else
   * its own copy: the data plane serves from it while no one leads).
   */
  desired(): Promise<D | undefined>;
  /**
   * Leader only: replaces the desired state if `fence` is still this node's lease, and records it
   * durably unless a newer leader has recorded one since. Act on it only when this returns ok.
   */
  propose(desired: D, fence: number): Promise<ProposeResult<D>>;
  /** Gives the lease up at once (a clean stop), so another node need not wait for it to expire. */
  resign(): Promise<void>;
}

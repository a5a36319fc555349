/**
 * The coordination port: which node may act (a lease, renewed by compare-and-set), and the desired
 * failover state, changed only by the leader in the same compare-and-set. The lease's revision is
 * the fencing token that actuators check, so a stale leader is refused by the target itself. A
 * node never concludes it leads from a read: only from a write of its own that succeeded.
 */

/** What a node knows after campaigning. */
export interface Leadership {
  readonly leader: boolean;
  /** The node holding the lease, if any. */
  readonly holder?: string;
  /** The lease's revision: the fencing token while this node leads (0 when it does not). */
  readonly fence: number;
}

export type ProposeResult<D> =
  | { readonly ok: true; readonly fence: number }
  /** `not-leader`: another node holds the lease (or none does); `conflict`: the fence is stale. */
  | { readonly ok: false; readonly reason: 'not-leader' | 'conflict'; readonly desired?: D };

export interface Coordinator<D> {
  readonly node: string;
  /** Takes the lease if it is free or expired, renews it if this node holds it. */
  campaign(): Promise<Leadership>;
  /**
   * The last desired state this node knows: read from the lease when there is one, else its own
   * copy (the data plane serves from it while no one leads).
   */
  desired(): Promise<D | undefined>;
  /** Leader only: replaces the desired state, if `fence` is still the lease's revision. */
  propose(desired: D, fence: number): Promise<ProposeResult<D>>;
  /** Gives the lease up at once (a clean stop), so another node need not wait for it to expire. */
  resign(): Promise<void>;
}

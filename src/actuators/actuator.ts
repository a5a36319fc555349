/**
 * The actuator port: what moves traffic (the built-in proxy, the built-in DNS, RFC 2136 for BIND,
 * the HAProxy Runtime API, a webhook). It is told the desired routing of one failover group with
 * the leader's fencing token, applies it, and answers with a result, never an exception: applied
 * (and whether anything changed), or failed with a reason. A token lower than one it has seen is
 * refused, so a stale leader cannot undo a newer decision.
 */

/** An endpoint of a failover group, by name, and its address (`host:port` or `[v6]:port`). */
export interface Fallback {
  readonly endpoint: string;
  readonly address: string;
}

/** Where a failover group's traffic should go. */
export interface Routing {
  readonly group: string;
  /** The endpoint that receives the traffic, by name, and its address (`host:port`). */
  readonly endpoint: string;
  readonly address: string;
  /**
   * The other endpoints the decision holds healthy, most preferred first: where an actuator that
   * retries (the built-in proxy) sends a request the active endpoint failed. Absent: none. Actuators
   * that only point at one endpoint (DNS, a webhook) ignore it.
   */
  readonly standby?: readonly Fallback[];
}

export const APPLY_FAILURES = [
  'stale-fence', // a newer leader has already written: this decision is outdated
  'unreachable', // the target did not answer (refused, timeout, no route)
  'rejected', // the target answered but refused the change (authentication, a prerequisite, a bad request)
  'error', // anything else, with the detail
] as const;
export type ApplyFailure = (typeof APPLY_FAILURES)[number];

export type ApplyResult =
  /** `fence`: the fence the target holds now (the newest it has applied, this one or a later one). */
  | { readonly ok: true; readonly changed: boolean; readonly fence: number }
  | { readonly ok: false; readonly reason: ApplyFailure; readonly detail?: string };

export interface Actuator {
  /** `proxy`, `dns`, `rfc2136`, `haproxy`, `webhook`, `memory`. */
  readonly kind: string;
  /**
   * Applies `routing` if `fence` is not older than the newest fence this target has applied (the
   * target keeps that fence across its restarts). An aborted `signal` makes it answer at once with a
   * failure; the change may or may not have reached the target then.
   */
  apply(routing: Routing, fence: number, signal?: AbortSignal): Promise<ApplyResult>;
  /** What the target routes to now, as it says (undefined: nothing applied yet, or unknown). */
  current(group: string): Promise<Routing | undefined>;
}

/**
 * A failover group as the decision reads it: its endpoints in order of preference and its policy in
 * milliseconds, from the map's `failover.<id>` (a group Bascule runs).
 */
import { parseDuration } from '../model/duration.ts';
import { DEFAULT_POLICY, type FailoverGroupSpec } from '../model/schema-failover.ts';

export interface GroupEndpoint {
  readonly name: string;
  /** `host:port` or `[v6]:port`. */
  readonly address: string;
  /** The check whose state by quorum says whether the endpoint is healthy. */
  readonly check: string;
}

export interface GroupPolicy {
  readonly failback: 'auto' | 'manual';
  readonly failbackAfterMs: number;
  readonly minHoldMs: number;
}

export interface GroupSpec {
  readonly id: string;
  /** In order of preference: the first is the primary. */
  readonly endpoints: readonly GroupEndpoint[];
  readonly policy: GroupPolicy;
}

/** The decision's view of a validated group (durations were checked at load). */
export function groupSpec(id: string, group: FailoverGroupSpec): GroupSpec {
  const ms = (text: string, fallback: string) => parseDuration(text) ?? parseDuration(fallback) ?? 0;
  return {
    id,
    endpoints: group.endpoints.map(({ name, address, check }) => ({ name, address, check })),
    policy: {
      failback: group.policy.failback,
      failbackAfterMs: ms(group.policy.failbackAfter, DEFAULT_POLICY.failbackAfter),
      minHoldMs: ms(group.policy.minHold, DEFAULT_POLICY.minHold),
    },
  };
}

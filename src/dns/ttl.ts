/**
 * The health-aware TTL of a failover answer (as gdnsd does): the configured TTL while the active
 * endpoint is healthy; once it degrades, no longer than the time until the next possible state
 * change (the next probe that could tip it), so resolvers ask again when a switch may have
 * happened, and never under one second.
 */

/** What the daemon says of a group's active endpoint. */
export interface EndpointHealth {
  /** `up`, `degraded` (some vantage points see it failing) or `down`. */
  readonly state: 'up' | 'degraded' | 'down';
  /**
   * Milliseconds until the state can next change (until the next probe of its check lands, or
   * until `failAfter` could be reached); absent: unknown.
   */
  readonly nextChangeMs?: number;
}

export const MIN_DEGRADED_TTL = 1;

export function effectiveTtl(configured: number, health: EndpointHealth | undefined): number {
  if (health === undefined || health.state === 'up') return configured;
  const next = health.nextChangeMs;
  const until =
    next === undefined || !Number.isFinite(next) ? MIN_DEGRADED_TTL : Math.ceil(Math.max(0, next) / 1000);
  return Math.min(configured, Math.max(MIN_DEGRADED_TTL, until));
}

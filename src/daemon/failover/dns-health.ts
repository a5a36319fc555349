/**
 * What the built-in DNS is told of a group's active endpoint, from the monitor's view of its check,
 * so its TTL follows it (src/dns/ttl.ts): `down` when the quorum says so; `degraded` while any
 * vantage point's last probe failed, went stale, or the check is degraded; else `up`. The next
 * possible change is the next probe of the vantage point that reports soonest.
 */
import type { EndpointHealth } from '../../dns/ttl.ts';
import type { CheckView } from '../../monitor/quorum.ts';

export function activeHealth(view: CheckView | undefined, intervalMs: number, now: number): EndpointHealth {
  if (view === undefined) return { state: 'degraded' };
  if (view.state === 'DOWN') return { state: 'down' };
  const failing = view.vantages.some((v) => v.reason !== undefined || v.state === 'STALE');
  if (!failing && view.state !== 'DEGRADED') return { state: 'up' };
  const next = Math.min(...view.vantages.map((v) => v.lastAt + intervalMs - now));
  return { state: 'degraded', ...(Number.isFinite(next) ? { nextChangeMs: Math.max(0, next) } : {}) };
}

/**
 * How the monitor's health reaches the decision: an endpoint is its check's state by quorum, after
 * the check's own fall and rise thresholds (failAfter, recoverAfter) per vantage point, so a blink
 * shorter than failAfter probes never reaches the decision. DEGRADED (fewer than the quorum see it
 * down, or a certificate expiring) is up: the quorum has not said down.
 */
import type { CheckView } from '../monitor/quorum.ts';
import type { EndpointObservation } from './decision.ts';
import type { GroupSpec } from './spec.ts';

/**
 * `quorum`: the check's own (default: a majority of its vantage points). The quorum is healthy when
 * at least that many of its vantage points report (none stale): a DOWN from one vantage point while
 * the others are silent is not enough to move traffic.
 */
export function observeEndpoint(view: CheckView | undefined, quorum?: number): EndpointObservation {
  if (view === undefined) return { health: 'unknown', quorumHealthy: false };
  const health = view.state === 'DOWN' ? 'down' : view.state === 'UNKNOWN' ? 'unknown' : 'up';
  const total = view.vantages.length;
  const need = Math.min(quorum ?? Math.floor(total / 2) + 1, total);
  return { health, quorumHealthy: total > 0 && view.reporting >= need };
}

/** Every endpoint of a group, from the monitor's views of their checks. */
export function observeGroup(
  spec: GroupSpec,
  view: (check: string) => CheckView | undefined,
  quorumOf: (check: string) => number | undefined = () => undefined,
): Record<string, EndpointObservation> {
  return Object.fromEntries(
    spec.endpoints.map((e) => [e.name, observeEndpoint(view(e.check), quorumOf(e.check))]),
  );
}

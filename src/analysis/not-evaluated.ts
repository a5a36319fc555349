/**
 * The outages a map could not be checked against: a regional or zone outage of a provider, and
 * components of that provider whose region is missing or unknown to the catalogue. Pure.
 */
import type { Unplaced } from '../model/catalogue-normalise.ts';
import type { Scenario } from '../scenarios/scenario.ts';

export interface UnplacedComponent {
  readonly component: string;
  readonly provider: string;
  readonly why: Unplaced;
}

export interface NotEvaluated {
  readonly scenario: string;
  readonly components: readonly string[];
  readonly why: Unplaced;
}

export function notEvaluated(
  scenarios: readonly Scenario[],
  unplaced: readonly UnplacedComponent[],
): NotEvaluated[] {
  if (unplaced.length === 0) return [];
  const out: NotEvaluated[] = [];
  for (const s of scenarios) {
    const regional = new Set(
      s.fail
        .filter((p) => p.provider !== undefined && (p.region !== undefined || p.zone !== undefined))
        .map((p) => p.provider!),
    );
    if (regional.size === 0) continue;
    for (const why of ['unknown-region', 'no-region'] as const) {
      const components = unplaced
        .filter((u) => u.why === why && regional.has(u.provider))
        .map((u) => u.component)
        .sort();
      if (components.length > 0) out.push({ scenario: s.id, components, why });
    }
  }
  return out;
}

/**
 * provider-concentration and region-concentration: a service that one provider, or one region, can
 * take down whole. A region finding makes the provider finding for the same provider redundant, and
 * a supplier that is a single component of the map (stripe, auth0) is already said by its
 * single-point-of-failure finding: no provider finding repeats it.
 */
import type { AnalysisContext } from '../context.ts';
import { type Finding, severityFor } from '../finding.ts';
import { nodeLabel } from '../graph.ts';
import type { PlaceFailure } from '../placements.ts';
import type { Rule } from './rule.ts';

/** `service provider` pairs a single-point-of-failure finding already says: the provider is one component. */
function saidBySpof({ graph, blast }: AnalysisContext): Set<string> {
  const owned = new Map<string, number>();
  for (const spec of Object.values(graph.config.components))
    if (spec.provider) owned.set(spec.provider, (owned.get(spec.provider) ?? 0) + 1);
  const out = new Set<string>();
  for (const r of blast.radii) {
    const provider = graph.config.components[graph.ids[r.component]!]!.provider;
    if (!r.placed || provider === undefined || owned.get(provider) !== 1) continue;
    for (const s of graph.services) if (blast.takesDown(r.component, s)) out.add(`${s} ${provider}`);
  }
  return out;
}

/** How the place takes the service down: `checkout ← web ← db`. */
function path({ graph }: AnalysisContext, place: PlaceFailure, service: number): string {
  return place.chains
    .get(service)!
    .map((n) => nodeLabel(graph, n))
    .join(' ← ');
}

function run(ctx: AnalysisContext): Finding[] {
  const { graph, places } = ctx;
  const out: Finding[] = [];
  const byRegion = saidBySpof(ctx); // `service provider` pairs already explained elsewhere
  for (const place of places) {
    if (place.level !== 'region') continue;
    const provider = place.predicate.provider!;
    for (const s of place.services) {
      byRegion.add(`${s} ${provider}`);
      out.push({
        kind: 'region-concentration',
        severity: severityFor([graph.criticality.get(s)!]),
        subjects: [graph.ids[s]!, place.label],
        params: { service: graph.ids[s]!, region: place.label, path: path(ctx, place, s) },
      });
    }
  }
  for (const place of places) {
    if (place.level !== 'provider') continue;
    for (const s of place.services) {
      if (byRegion.has(`${s} ${place.label}`)) continue;
      out.push({
        kind: 'provider-concentration',
        severity: severityFor([graph.criticality.get(s)!]),
        subjects: [graph.ids[s]!, place.label],
        params: { service: graph.ids[s]!, provider: place.label, path: path(ctx, place, s) },
      });
    }
  }
  return out;
}

export const concentration = {
  kinds: ['provider-concentration', 'region-concentration'],
  run,
} satisfies Rule;

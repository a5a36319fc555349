/**
 * provider-concentration and region-concentration: a service that one provider, or one region, can
 * take down whole. A region finding makes the provider finding for the same provider redundant.
 */
import type { AnalysisContext } from '../context.ts';
import { type Finding, severityFor } from '../finding.ts';
import type { Rule } from './rule.ts';

function run({ graph, places }: AnalysisContext): Finding[] {
  const out: Finding[] = [];
  const byRegion = new Set<string>(); // `service provider` pairs already explained by a region
  for (const place of places) {
    if (place.level !== 'region') continue;
    const provider = place.predicate.provider!;
    for (const s of place.services) {
      byRegion.add(`${s} ${provider}`);
      out.push({
        kind: 'region-concentration',
        severity: severityFor([graph.criticality.get(s)!]),
        subjects: [graph.ids[s]!, place.label],
        params: { service: graph.ids[s]!, region: place.label, path: place.paths.get(s)!.join(' ← ') },
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
        params: { service: graph.ids[s]!, provider: place.label, path: place.paths.get(s)!.join(' ← ') },
      });
    }
  }
  return out;
}

export const concentration = {
  kinds: ['provider-concentration', 'region-concentration'],
  run,
} satisfies Rule;

/**
 * control-plane-dependency: the thing that moves traffic between redundant members (a failover's
 * `via`, or the DNS / CDN / load balancer in front of a cross-provider group) fails with the very
 * provider or region it is meant to fail away from. Static stability says the switch must survive.
 */
import { type AnalysisContext, criticalitiesOf, reachable } from '../context.ts';
import { type Finding, severityFor } from '../finding.ts';
import { type Graph, NODE_GROUP, nodeLabel } from '../graph.ts';
import type { PlaceFailure } from '../placements.ts';
import type { Rule } from './rule.ts';

/** Kinds of component that steer traffic between redundant members. */
export const STEERING_KINDS: ReadonlySet<string> = new Set([
  'dns',
  'cdn',
  'load-balancer',
  'lb',
  'proxy',
  'gslb',
  'traffic-manager',
  'network',
]);

function providerOf(graph: Graph, node: number): string | undefined {
  return graph.config.components[graph.ids[node]!]?.provider;
}

/** Cross-provider groups with the steering components their owner hard-depends on. */
function steeredGroups(graph: Graph): { group: number; steering: number[]; providers: string[] }[] {
  const out: { group: number; steering: number[]; providers: string[] }[] = [];
  for (const [g, info] of graph.groups) {
    const providers = new Set<string>();
    for (let e = graph.depStart[g]!; e < graph.depStart[g + 1]!; e++) {
      const p = providerOf(graph, graph.deps[e]!);
      if (p) providers.add(p);
    }
    if (providers.size < 2) continue;
    const steering: number[] = [];
    for (let e = graph.depStart[info.owner]!; e < graph.depStart[info.owner + 1]!; e++) {
      const d = graph.deps[e]!;
      if (graph.nodeType[d] === NODE_GROUP) continue;
      const kind = graph.config.components[graph.ids[d]!]?.kind;
      if (kind && STEERING_KINDS.has(kind)) steering.push(d);
    }
    if (steering.length > 0) out.push({ group: g, steering, providers: [...providers] });
  }
  return out;
}

/** The nodes whose failure under each place the rule needs to know (see failPlaces). */
export function controlPlaneWatch(graph: Graph): Set<number> {
  const watch = new Set<number>();
  for (const f of Object.values(graph.config.failover)) watch.add(graph.index.get(f.via)!);
  for (const s of steeredGroups(graph)) for (const d of s.steering) watch.add(d);
  return watch;
}

function run({ graph, places }: AnalysisContext): Finding[] {
  const byLabel = new Map<string, PlaceFailure>(places.map((p) => [p.label, p]));
  const out: Finding[] = [];
  const seen = new Set<string>();
  const severityOf = (node: number) => severityFor(criticalitiesOf(graph, reachable(graph, node, 'reverse')));
  for (const [id, f] of Object.entries(graph.config.failover)) {
    const primary = graph.index.get(f.primary)!;
    const via = graph.index.get(f.via)!;
    const spec = graph.config.components[f.primary]!;
    if (!spec.provider) continue;
    const candidates = [spec.provider, spec.region ? `${spec.provider}/${spec.region}` : undefined];
    const place = candidates.map((c) => (c ? byLabel.get(c) : undefined)).find((p) => p?.watched.has(via));
    if (!place) continue;
    seen.add(`${via} ${spec.provider}`);
    out.push({
      kind: 'control-plane-dependency',
      variant: 'failover',
      severity: severityOf(primary),
      subjects: [id, f.via, place.label, f.primary],
      params: { failover: id, primary: f.primary, via: f.via, place: place.label },
    });
  }
  for (const { group, steering, providers } of steeredGroups(graph)) {
    for (const d of steering) {
      for (const provider of providers) {
        if (seen.has(`${d} ${provider}`) || !byLabel.get(provider)?.watched.has(d)) continue;
        seen.add(`${d} ${provider}`);
        out.push({
          kind: 'control-plane-dependency',
          variant: 'steering',
          severity: severityOf(group),
          subjects: [graph.ids[d]!, provider, graph.ids[group]!],
          params: { via: graph.ids[d]!, place: provider, group: nodeLabel(graph, group) },
        });
      }
    }
  }
  return out;
}

export const controlPlaneDependency = { kinds: ['control-plane-dependency'], run } satisfies Rule;

/**
 * monitoring-gap: a critical or high service that no check watches from outside the providers it
 * depends on. A monitor inside the failing cloud goes dark with it.
 */

import { runsOnPlaces } from '../../model/runs-on.ts';
import { isPlaced } from '../blast-radius.ts';
import { type AnalysisContext, reachable } from '../context.ts';
import type { Finding } from '../finding.ts';
import { type Graph, NODE_COMPONENT, NODE_GROUP } from '../graph.ts';
import type { Rule } from './rule.ts';

/**
 * The components a check can watch a service through: its direct dependencies, the members of its
 * redundancy groups, and through logical components (no placement) down to placed ones. A check on
 * a database deep below says the database answers, not that customers can use the service.
 */
function frontDoor(graph: Graph, service: number): Set<number> {
  const out = new Set<number>();
  const stack = [service];
  const seen = new Set<number>(stack);
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (let e = graph.depStart[n]!; e < graph.depStart[n + 1]!; e++) {
      const d = graph.deps[e]!;
      if (seen.has(d)) continue;
      seen.add(d);
      if (graph.nodeType[d] === NODE_COMPONENT) out.add(d);
      if (graph.nodeType[d] === NODE_GROUP || (graph.nodeType[d] === NODE_COMPONENT && !isPlaced(graph, d)))
        stack.push(d);
    }
  }
  return out;
}

function run({ graph }: AnalysisContext): Finding[] {
  const { checks, vantages, components } = graph.config;
  const out: Finding[] = [];
  for (const s of graph.services) {
    const criticality = graph.criticality.get(s)!;
    if (criticality !== 'critical' && criticality !== 'high') continue;
    const service = graph.ids[s]!;
    const closure = reachable(graph, s, 'forward');
    const providers = new Set<string>();
    for (const n of closure) {
      if (graph.nodeType[n] !== NODE_COMPONENT) continue;
      const spec = components[graph.ids[n]!]!;
      if (spec.provider) providers.add(spec.provider);
      for (const r of runsOnPlaces(spec.runsOn)) providers.add(r.provider);
    }
    const front = frontDoor(graph, s);
    const watching = Object.values(checks).filter(
      (c) => c.service === service || (c.component !== undefined && front.has(graph.index.get(c.component)!)),
    );
    const severity = criticality === 'critical' ? 'high' : 'medium';
    const base = { kind: 'monitoring-gap', severity, subjects: [service] } as const;
    const provs = [...providers].sort().join(', ') || '-';
    if (watching.length === 0) {
      out.push({ ...base, variant: 'none', params: { service, criticality, providers: provs } });
      continue;
    }
    const from = new Set(watching.flatMap((c) => c.from ?? Object.keys(vantages)));
    const outside = [...from].filter((v) => !providers.has(vantages[v]!.provider));
    if (outside.length > 0) continue;
    const variant = from.size === 0 ? 'unplaced' : 'inside';
    out.push({
      ...base,
      variant,
      params: { service, criticality, providers: provs, vantages: [...from].join(', ') },
    });
  }
  return out;
}

export const monitoringGap = { kinds: ['monitoring-gap'], run } satisfies Rule;

/**
 * monitoring-gap: a critical or high service that no check watches from outside the providers it
 * depends on. A monitor inside the failing cloud goes dark with it.
 */

import { runsOnPlaces } from '../../model/runs-on.ts';
import type { ComponentSpec } from '../../model/schema.ts';
import { isPlaced } from '../blast-radius.ts';
import type { AnalysisContext } from '../context.ts';
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

/**
 * For every node, the providers it depends on, directly or not: bitmasks over the map's providers
 * merged bottom-up in one pass (a search per service would be quadratic on deep maps).
 */
function providersBelow(graph: Graph): (node: number) => Set<string> {
  const names: string[] = [];
  const bit = new Map<string, number>();
  const providersOf = (spec: ComponentSpec): (string | undefined)[] =>
    spec.runsOn.length === 0
      ? [spec.provider]
      : [spec.provider, ...runsOnPlaces(spec.runsOn).map((r) => r.provider)];
  for (const spec of Object.values(graph.config.components))
    for (const p of providersOf(spec)) if (p !== undefined && !bit.has(p)) bit.set(p, names.push(p) - 1);
  const W = (names.length + 31) >>> 5;
  const masks = new Int32Array(graph.count * W);
  for (let i = graph.order.length - 1; i >= 0; i--) {
    const n = graph.order[i]!;
    if (graph.nodeType[n] === NODE_COMPONENT) {
      const spec = graph.config.components[graph.ids[n]!]!;
      for (const p of providersOf(spec))
        if (p !== undefined) masks[n * W + (bit.get(p)! >>> 5)]! |= 1 << (bit.get(p)! & 31);
    }
    for (let e = graph.depStart[n]!; e < graph.depStart[n + 1]!; e++)
      for (let w = 0; w < W; w++) masks[n * W + w]! |= masks[graph.deps[e]! * W + w]!;
  }
  return (node) => new Set(names.filter((_, b) => (masks[node * W + (b >>> 5)]! & (1 << (b & 31))) !== 0));
}

function run({ graph }: AnalysisContext): Finding[] {
  const { checks, vantages } = graph.config;
  const out: Finding[] = [];
  const below = providersBelow(graph);
  for (const s of graph.services) {
    const criticality = graph.criticality.get(s)!;
    if (criticality !== 'critical' && criticality !== 'high') continue;
    const service = graph.ids[s]!;
    const providers = below(s);
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
    // The daemon's own vantage point (`local`, runtime.vantage) is not declared: it says nowhere where it runs.
    const from = new Set(
      watching.flatMap((c) => c.from ?? Object.keys(vantages)).filter((v) => v in vantages),
    );
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

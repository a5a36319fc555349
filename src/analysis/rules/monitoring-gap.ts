/**
 * monitoring-gap: a critical or high service that no check watches from outside the providers it
 * depends on. A monitor inside the failing cloud goes dark with it.
 */
import { type AnalysisContext, reachable } from '../context.ts';
import type { Finding } from '../finding.ts';
import { NODE_COMPONENT } from '../graph.ts';
import type { Rule } from './rule.ts';

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
      for (const r of spec.runsOn) providers.add(r.provider);
    }
    const watching = Object.values(checks).filter(
      (c) =>
        c.service === service || (c.component !== undefined && closure.has(graph.index.get(c.component)!)),
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

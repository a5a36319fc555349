/**
 * shared-dependency: a redundancy group whose members all fail together because of one thing they
 * share, a component (found by the blast-radius pass) or a place (the same zone; the same region
 * when the map gives the members no zones to tell them apart). The "illusory redundancy". At most one
 * finding per group, naming the nearest shared components (or else the place).
 */
import type { AnalysisContext } from '../context.ts';
import { type Finding, severityFor } from '../finding.ts';
import { type Graph, nodeLabel } from '../graph.ts';
import { matchComponent } from '../predicate.ts';
import type { Rule } from './rule.ts';

function members(graph: Graph, group: number): number[] {
  const out: number[] = [];
  for (let e = graph.depStart[group]!; e < graph.depStart[group + 1]!; e++) out.push(graph.deps[e]!);
  return out;
}

function hasZone(graph: Graph, node: number): boolean {
  const spec = graph.config.components[graph.ids[node]!];
  return spec?.zone !== undefined;
}

/** How many members of a group have no zone of their own. */
function zoneless(graph: Graph, group: number): number {
  let n = 0;
  for (let e = graph.depStart[group]!; e < graph.depStart[group + 1]!; e++)
    if (!hasZone(graph, graph.deps[e]!)) n++;
  return n;
}

function base({ graph, above }: AnalysisContext, group: number) {
  const owner = graph.groups.get(group)!.owner;
  const m = members(graph, group);
  const worst = above(group);
  const severity = severityFor(worst ? [worst] : []);
  return { owner: graph.ids[owner]!, group: nodeLabel(graph, group), m, severity };
}

function placementFindings(ctx: AnalysisContext): Finding[] {
  const { graph, places, blast } = ctx;
  const out: Finding[] = [];
  // One finding per group: a group already explained by a shared component is not repeated.
  const reported = new Set<number>(blast.groupKillers.keys());
  // Zones first: the most specific shared place wins.
  for (const level of ['zone', 'region'] as const) {
    for (const place of places) {
      if (place.level !== level) continue;
      for (const g of place.groups) {
        // A shared region says something only of members without zones (checked before the rest:
        // on a big map each region takes thousands of groups down).
        if (reported.has(g) || (level === 'region' && zoneless(graph, g) < 2)) continue;
        const { owner, group, m, severity } = base(ctx, g);
        reported.add(g);
        // "All run in X" only when each member itself runs there; otherwise they fail with X
        // through what they depend on, and the message says so.
        const direct = m.every((n) => {
          const spec = graph.config.components[graph.ids[n]!];
          return spec !== undefined && matchComponent(graph.ids[n]!, spec, [place.predicate]) !== undefined;
        });
        out.push({
          kind: 'shared-dependency',
          variant: direct ? 'placement' : 'placement-indirect',
          severity,
          subjects: [graph.ids[g]!, place.label, ...m.map((n) => graph.ids[n]!)],
          params: { owner, group, members: m.map((n) => graph.ids[n]!).join(', '), shared: place.label },
        });
      }
    }
  }
  return out;
}

export const sharedDependency = {
  kinds: ['shared-dependency'],
  run(ctx) {
    const { graph, blast } = ctx;
    const out: Finding[] = [];
    for (const [g, { killers, path }] of blast.groupKillers) {
      // One finding per group, naming its nearest shared dependencies (at most MAX_KILLERS).
      const { owner, group, m, severity } = base(ctx, g);
      const shared = killers.map((k) => graph.ids[k]!);
      const memberIds = m.map((n) => graph.ids[n]!);
      out.push({
        kind: 'shared-dependency',
        severity,
        subjects: [graph.ids[g]!, ...shared, ...memberIds],
        params: {
          owner,
          group,
          members: memberIds.join(', '),
          shared: shared.join(', '),
          path: path.join(' ← '),
        },
      });
    }
    return [...out, ...placementFindings(ctx)];
  },
} satisfies Rule;

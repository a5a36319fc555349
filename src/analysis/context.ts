/** What the rules read: the compiled graph and the failure runs made once for all of them. */
import type { Criticality } from '../model/schema.ts';
import type { BlastRadii } from './blast-radius.ts';
import { type Graph, NODE_SERVICE } from './graph.ts';
import type { PlaceFailure } from './placements.ts';

export interface AnalysisContext {
  readonly graph: Graph;
  readonly blast: BlastRadii;
  readonly places: readonly PlaceFailure[];
  /** The most critical service that depends on a node (see criticalityAbove). */
  readonly above: (node: number) => Criticality | undefined;
  /** Services listed per single point of failure (Infinity with `--full`). */
  readonly limit: number;
}

/** Nodes reachable from `start` along edges (forward: dependencies; reverse: dependents). */
export function reachable(graph: Graph, start: number, direction: 'forward' | 'reverse'): number[] {
  const [starts, edges] =
    direction === 'forward' ? [graph.depStart, graph.deps] : [graph.revStart, graph.rev];
  // A byte per node rather than a Set: the walk may cover most of a map of tens of thousands.
  const seen = new Uint8Array(graph.count);
  seen[start] = 1;
  const out = [start];
  for (let i = 0; i < out.length; i++) {
    const n = out[i]!;
    for (let e = starts[n]!; e < starts[n + 1]!; e++) {
      const d = edges[e]!;
      if (seen[d] === 0) {
        seen[d] = 1;
        out.push(d);
      }
    }
  }
  return out;
}

/** Criticalities of the services among `nodes`. */
export function criticalitiesOf(graph: Graph, nodes: Iterable<number>): Criticality[] {
  const out: Criticality[] = [];
  for (const n of nodes) if (graph.nodeType[n] === NODE_SERVICE) out.push(graph.criticality.get(n)!);
  return out;
}

/** Services, most critical first, then by id. */
export function byCriticality(graph: Graph, services: readonly number[]): number[] {
  const rank = { critical: 0, high: 1, medium: 2, low: 3 } as const;
  return [...services].sort(
    (a, b) =>
      rank[graph.criticality.get(a)!] - rank[graph.criticality.get(b)!] ||
      graph.ids[a]!.localeCompare(graph.ids[b]!),
  );
}

/** Ids of nodes, joined for a message. */
export function names(graph: Graph, nodes: Iterable<number>): string {
  return [...nodes].map((n) => graph.ids[n]!).join(', ');
}

const RANKED: readonly Criticality[] = ['critical', 'high', 'medium', 'low'];

/**
 * For every node, the criticality of the most critical service depending on it, directly or not
 * (undefined: none). One pass over the edges, where a search per node would be quadratic on deep maps.
 */
export function criticalityAbove(graph: Graph): (node: number) => Criticality | undefined {
  const above = new Uint8Array(graph.count).fill(RANKED.length);
  for (const s of graph.services) above[s] = RANKED.indexOf(graph.criticality.get(s)!);
  for (const n of graph.order) {
    for (let e = graph.depStart[n]!; e < graph.depStart[n + 1]!; e++) {
      const d = graph.deps[e]!;
      if (above[n]! < above[d]!) above[d] = above[n]!;
    }
  }
  return (node) => RANKED[above[node]!];
}

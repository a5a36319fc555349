/** Explanations: why a node failed in the last propagation run, as a small tree a person can follow. */
import { type Graph, NODE_GROUP, nodeLabel } from './graph.ts';
import { formatPredicate, type Match, type Predicate } from './predicate.ts';
import type { Propagator } from './propagate.ts';

export type Cause =
  | { readonly id: string; readonly reason: 'matched'; readonly predicate: string; readonly via: string }
  | { readonly id: string; readonly reason: 'dependency'; readonly dependency: Cause }
  | {
      readonly id: string;
      readonly reason: 'group';
      readonly need: number;
      readonly failed: readonly Cause[];
      readonly survivors: readonly string[];
    }
  | { readonly id: string; readonly reason: 'truncated' };

const MAX_DEPTH = 16;

export function explain(
  graph: Graph,
  prop: Propagator,
  node: number,
  matches: ReadonlyMap<number, Match>,
  predicates: readonly Predicate[],
  depth = 0,
): Cause {
  const id = nodeLabel(graph, node);
  if (depth > MAX_DEPTH) return { id, reason: 'truncated' };
  const match = matches.get(node);
  if (prop.cause[node] === -1 && match) {
    const via =
      match.via === 'own' ? 'own' : match.via === 'component' ? 'component' : `runsOn[${match.via}]`;
    return { id, reason: 'matched', predicate: formatPredicate(predicates[match.predicate]!), via };
  }
  if (graph.nodeType[node] === NODE_GROUP) {
    const failed: Cause[] = [];
    const survivors: string[] = [];
    for (let e = graph.depStart[node]!; e < graph.depStart[node + 1]!; e++) {
      const m = graph.deps[e]!;
      if (prop.isFailed(m)) failed.push(explain(graph, prop, m, matches, predicates, depth + 1));
      else survivors.push(graph.ids[m]!);
    }
    return { id, reason: 'group', need: graph.groups.get(node)!.need, failed, survivors };
  }
  return {
    id,
    reason: 'dependency',
    dependency: explain(graph, prop, prop.cause[node]!, matches, predicates, depth + 1),
  };
}

/** The nodes of the single line through the tipping dependencies, from `node` down (at most 64). */
export function chainNodes(prop: Propagator, node: number): number[] {
  const out: number[] = [];
  for (let n = node; n !== -1 && out.length < 64; n = prop.cause[n]!) out.push(n);
  return out;
}

/** The single line through the tipping dependencies: `checkout ← web ← db`. */
export function chain(graph: Graph, prop: Propagator, node: number): string[] {
  return chainNodes(prop, node).map((n) => nodeLabel(graph, n));
}

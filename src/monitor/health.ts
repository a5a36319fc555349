/**
 * Live health of components and services, derived from check states through the map with the same
 * propagation rules as the analyser: a component whose checks are DOWN fails, and failure spreads
 * through hard dependencies and through redundancy groups that lose too many members. Pure.
 */
import { type Graph, NODE_COMPONENT, NODE_GROUP, NODE_SERVICE } from '../analysis/graph.ts';
import { Propagator } from '../analysis/propagate.ts';
import type { State } from './types.ts';

export interface Health {
  readonly components: ReadonlyMap<string, State>;
  readonly services: ReadonlyMap<string, State>;
  /** For a DOWN node, the dependency that took it down (`checkout` → `web`), when not its own check. */
  readonly causes: ReadonlyMap<string, string>;
}

const RANK: Readonly<Record<State, number>> = { DOWN: 3, DEGRADED: 2, UP: 1, UNKNOWN: 0 };

/** The worse of two states; UNKNOWN loses to any observation. */
export function worse(a: State, b: State): State {
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * `own`: the state each watched component or service gets from its own checks (the worst of them).
 * Nodes with no checks are UNKNOWN unless something below them is observed.
 */
export function deriveHealth(
  graph: Graph,
  own: ReadonlyMap<string, State>,
  prop = new Propagator(graph),
): Health {
  const seeds: number[] = [];
  for (const [id, state] of own) {
    const n = graph.index.get(id);
    if (n !== undefined && state === 'DOWN') seeds.push(n);
  }
  prop.run(seeds);
  // Walk foundations first (reverse of the dependents-first order): each node's state is known
  // from its own checks, the propagation result, and its dependencies' states.
  const state: State[] = new Array(graph.count).fill('UNKNOWN');
  const causes = new Map<string, string>();
  for (let i = graph.order.length - 1; i >= 0; i--) {
    const n = graph.order[i]!;
    const id = graph.ids[n]!;
    let s: State = own.get(id) ?? 'UNKNOWN';
    let anyBelowBad = false;
    let anyBelowKnown = false;
    for (let e = graph.depStart[n]!; e < graph.depStart[n + 1]!; e++) {
      const d = state[graph.deps[e]!]!;
      if (d === 'DOWN' || d === 'DEGRADED') anyBelowBad = true;
      if (d !== 'UNKNOWN') anyBelowKnown = true;
    }
    if (prop.isFailed(n)) {
      if (s !== 'DOWN') {
        const c = prop.cause[n]!;
        if (c >= 0) causes.set(id, causeName(graph, c));
      }
      s = 'DOWN';
    } else if (anyBelowBad && graph.nodeType[n] !== NODE_GROUP) {
      s = worse(s, 'DEGRADED');
    } else if (anyBelowBad) {
      s = 'DEGRADED'; // a group that lost members but holds
    } else if (s === 'UNKNOWN' && anyBelowKnown) {
      s = 'UP';
    }
    state[n] = s;
  }
  const components = new Map<string, State>();
  const services = new Map<string, State>();
  for (let n = 0; n < graph.count; n++) {
    if (graph.nodeType[n] === NODE_COMPONENT) components.set(graph.ids[n]!, state[n]!);
    else if (graph.nodeType[n] === NODE_SERVICE) services.set(graph.ids[n]!, state[n]!);
  }
  return { components, services, causes };
}

/** A group's failure is explained by its owner's entry; name the group by its members' owner. */
function causeName(graph: Graph, node: number): string {
  const g = graph.groups.get(node);
  return g ? `${graph.ids[g.owner]!}.dependsOn[${g.entry}]` : graph.ids[node]!;
}

/** A failure scenario played against the map: what goes down, what loses redundancy, and why. */

import { runsOnLabel } from '../model/runs-on.ts';
import { type DataOutcome, dataOutcomes } from './data-outcomes.ts';
import { type Cause, chain, explain } from './explain.ts';
import { type FailoverOutcome, failoverOutcomes } from './failover-outcomes.ts';
import { type Graph, NODE_COMPONENT, NODE_SERVICE, nodeLabel, placementsOf } from './graph.ts';
import { entryFails, entryHits, type Match, matchComponent, type Predicate } from './predicate.ts';
import { Propagator } from './propagate.ts';

export interface ServiceDown {
  readonly service: string;
  readonly criticality: string;
  /** From the service down to the first failure: `[checkout, web, db]`. */
  readonly chain: readonly string[];
  readonly cause: Cause;
}

export interface Simulation {
  readonly predicates: readonly Predicate[];
  /** Components a predicate matched directly. */
  readonly matched: readonly string[];
  readonly servicesDown: readonly string[];
  readonly componentsDown: readonly string[];
  /** Redundancy groups (of dependsOn, and of runsOn places) that lost members but still hold. */
  readonly degraded: readonly { group: string; label: string; failed: number; members: number }[];
  readonly explanations: readonly ServiceDown[];
  /** What each failover whose preferred endpoint failed would do. */
  readonly failovers: readonly FailoverOutcome[];
  /** The data of the datasets whose component failed: lost, or restorable from which copy. */
  readonly data: readonly DataOutcome[];
}

/** Per graph: its components by their own provider, and those that have runsOn entries. */
const BY_PROVIDER = new WeakMap<
  Graph,
  { readonly own: ReadonlyMap<string, readonly number[]>; readonly runsOn: readonly number[] }
>();

/**
 * The components the predicates can match, marked (undefined: any of them). A predicate that names a
 * provider matches only components placed at it, or through their runsOn places: when every one
 * does, an outage replay looks at those only, not at every component of a big map.
 */
function scope(graph: Graph, predicates: readonly Predicate[]): Uint8Array | undefined {
  if (!predicates.every((p) => p.provider !== undefined)) return undefined;
  const index = placementIndex(graph);
  const marked = new Uint8Array(graph.count);
  for (const c of index.runsOn) marked[c] = 1;
  for (const p of predicates) for (const c of index.own.get(p.provider!) ?? []) marked[c] = 1;
  return marked;
}

/** The components of a graph by their own provider, and those with runsOn entries, in map order. */
function placementIndex(graph: Graph) {
  let index = BY_PROVIDER.get(graph);
  if (index === undefined) {
    const own = new Map<string, number[]>();
    const runsOn: number[] = [];
    for (const c of graph.components) {
      const spec = graph.config.components[graph.ids[c]!]!;
      if (spec.provider) {
        const list = own.get(spec.provider) ?? [];
        list.push(c);
        own.set(spec.provider, list);
      }
      if (spec.runsOn.length > 0) runsOn.push(c);
    }
    index = { own, runsOn };
    BY_PROVIDER.set(graph, index);
  }
  return index;
}

/** The components the predicates match directly, with the reason of each match. */
export function matchAll(graph: Graph, predicates: readonly Predicate[]): Map<number, Match> {
  const matches = new Map<number, Match>();
  const marked = scope(graph, predicates);
  for (const c of graph.components) {
    if (marked !== undefined && marked[c] === 0) continue;
    const id = graph.ids[c]!;
    const m = matchComponent(id, graph.config.components[id]!, predicates);
    if (m) matches.set(c, m);
  }
  return matches;
}

export function simulate(
  graph: Graph,
  predicates: readonly Predicate[],
  prop = new Propagator(graph),
): Simulation {
  const matches = matchAll(graph, predicates);
  const n = prop.run(matches.keys());
  const services: number[] = [];
  const components: string[] = [];
  for (let i = 0; i < n; i++) {
    const node = prop.failed[i]!;
    if (graph.nodeType[node] === NODE_SERVICE) services.push(node);
    else if (graph.nodeType[node] === NODE_COMPONENT) components.push(graph.ids[node]!);
  }
  const degraded: { group: string; label: string; failed: number; members: number }[] = [];
  for (const g of graph.groups.keys()) {
    const failed = prop.failedDependencies(g);
    if (failed > 0 && !prop.isFailed(g)) {
      degraded.push({
        group: graph.ids[g]!,
        label: nodeLabel(graph, g),
        failed,
        members: graph.depStart[g + 1]! - graph.depStart[g]!,
      });
    }
  }
  for (const { group, label, failed, members } of degradedRunsOn(graph, predicates))
    degraded.push({ group, label, failed, members });
  const explanations = services
    .map((s) => ({
      service: graph.ids[s]!,
      criticality: graph.criticality.get(s)!,
      chain: chain(graph, prop, s),
      cause: explain(graph, prop, s, matches, predicates),
    }))
    .sort((a, b) => a.service.localeCompare(b.service));
  return {
    predicates,
    matched: [...matches.keys()].map((c) => graph.ids[c]!).sort(),
    servicesDown: services.map((s) => graph.ids[s]!).sort(),
    componentsDown: components.sort(),
    degraded: degraded.sort((a, b) => a.group.localeCompare(b.group)),
    explanations,
    failovers: failoverOutcomes(graph, prop),
    data: dataOutcomes(graph, prop),
  };
}

/** The runsOn groups of places that lost places to the predicates but still hold. */
function degradedRunsOn(
  graph: Graph,
  predicates: readonly Predicate[],
): { component: string; group: string; label: string; failed: number; members: number }[] {
  const out: { component: string; group: string; label: string; failed: number; members: number }[] = [];
  for (const c of placementIndex(graph).runsOn) {
    const id = graph.ids[c]!;
    const spec = graph.config.components[id]!;
    placementsOf(spec).runsOn.forEach((entry, r) => {
      if (entry.type === 'place') return;
      const { failed } = entryHits(id, spec, entry, predicates);
      if (failed === 0 || entryFails(entry, failed)) return;
      out.push({
        component: id,
        group: `${id}.runsOn[${r}]`,
        label: `${id}: ${runsOnLabel(spec.runsOn[r]!)}`,
        failed,
        members: entry.places.length,
      });
    });
  }
  return out;
}

/**
 * Only what a scenario hits and takes down (no explanations): the fast path used for scoring. A
 * component whose runsOn group lost places but holds is hit too: the map met the outage and its
 * redundancy held, so the replay counts as survived rather than as not concerning the map.
 */
export function servicesDownBy(
  graph: Graph,
  predicates: readonly Predicate[],
  prop: Propagator,
): { readonly hits: number; readonly services: number[] } {
  const matches = matchAll(graph, predicates);
  const n = prop.run(matches.keys());
  const services: number[] = [];
  for (let i = 0; i < n; i++)
    if (graph.nodeType[prop.failed[i]!] === NODE_SERVICE) services.push(prop.failed[i]!);
  const held = new Set(degradedRunsOn(graph, predicates).map((d) => d.component));
  for (const c of matches.keys()) held.delete(graph.ids[c]!);
  return { hits: matches.size + held.size, services };
}

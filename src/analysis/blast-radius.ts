/**
 * Every component's blast radius: what fails when that one component fails alone. The same pass finds
 * the components that take a redundancy group down by themselves (hidden shared dependencies), keeping
 * only the nearest ones.
 *
 * Two strategies give the same answers. While the runs stay cheap, each component is failed alone by
 * propagation (proportional to what fails). On deep maps, where one failure near the bottom takes most
 * of the map down, that is quadratic in time and in paths: when the work, estimated first from a
 * sample of components (plannedStrategy), exceeds a budget, the radii are computed instead bottom-up
 * as sets of killers, one bitset per component and service (a node fails when a hard dependency
 * fails, or when more members of a group than it tolerates fail): no path is materialised.
 * Lists that grow as components × services are bounded (`limit`), with their full counts.
 */

import { byBitsets } from './blast-bitsets.ts';
import { isMember, isPlaced, KillerPicker, killersOf, ranks, walk } from './blast-paths.ts';
import { byCriticality } from './context.ts';
import { type Graph, NODE_COMPONENT, NODE_GROUP, NODE_SERVICE } from './graph.ts';
import { Propagator } from './propagate.ts';

export { isPlaced, MAX_KILLERS } from './blast-paths.ts';

export interface BlastRadius {
  readonly component: number;
  /** It has a placement of its own, so it can fail by itself (a logical component cannot). */
  readonly placed: boolean;
  readonly componentsDown: number;
  /** The services it takes down, most critical first, at most `limit` of them. */
  readonly services: readonly number[];
  /** How many services it takes down in all. */
  readonly servicesTotal: number;
  /** How the most critical of those services goes down: `[checkout, web, db]`. */
  readonly path: readonly string[];
}

export interface GroupKillers {
  /** The nearest single components that take the group down (never its own members), nearest first. */
  readonly killers: readonly number[];
  /** From the group down to the first of them, through one failed member. */
  readonly path: readonly string[];
}

export interface BlastRadii {
  /** Every component whose failure alone takes something else down, in map order. */
  readonly radii: readonly BlastRadius[];
  /** Largest component blast radius, by component count, for every component (index: node). */
  readonly componentsDown: Int32Array;
  /** Group node → the nearest single components that take it down, at most MAX_KILLERS. */
  readonly groupKillers: ReadonlyMap<number, GroupKillers>;
  /** Service node → how many placed components take it down alone. */
  readonly spofsPerService: ReadonlyMap<number, number>;
  /** Whether `component` failing alone takes `service` down (any service, not only the listed ones). */
  takesDown(component: number, service: number): boolean;
  readonly strategy: Strategy;
}

export type Strategy = 'propagation' | 'bitsets';

export interface BlastOptions {
  /** Services listed per component; the count is always complete. Default DEFAULT_LIST_LIMIT. */
  readonly limit?: number;
  /** Forces a strategy (tests compare them); by default plannedStrategy's. */
  readonly strategy?: Strategy;
}

/** How many services a blast radius or a single point of failure lists by default. */
export const DEFAULT_LIST_LIMIT = 20;
/** Propagation work (failed nodes summed over all runs) allowed per node of the graph before switching. */
export const WORK_PER_NODE = 48;
/** The bitsets are not used above this size (bytes): propagation is then slower but bounded in memory. */
const MAX_BITSET_BYTES = 1.2 * 2 ** 30;
/** Components failed to estimate the propagation work before choosing (all of them on smaller maps). */
const SAMPLES = 64;

export function blastRadii(
  graph: Graph,
  prop = new Propagator(graph),
  options: BlastOptions = {},
): BlastRadii {
  const limit = options.limit ?? DEFAULT_LIST_LIMIT;
  const strategy = options.strategy ?? plannedStrategy(graph, prop);
  if (strategy === 'bitsets') return byBitsets(graph, limit);
  if (options.strategy === 'propagation' || bitsetBytes(graph) > MAX_BITSET_BYTES)
    return byPropagation(graph, prop, limit, Infinity)!;
  // The budget stays as a safety net, should the estimate have been low.
  return byPropagation(graph, prop, limit, WORK_PER_NODE * graph.count) ?? byBitsets(graph, limit);
}

function bitsetBytes(graph: Graph): number {
  const words = (graph.components.length + 31) >>> 5;
  return (graph.components.length + graph.services.length) * words * 4;
}

/**
 * The strategy a map gets, decided before the work: a propagation abandoned at its budget would cost
 * as much as the bitsets themselves. Bitsets when the estimated propagation work exceeds the budget
 * (and they fit in memory).
 */
export function plannedStrategy(graph: Graph, prop: Propagator): Strategy {
  if (bitsetBytes(graph) > MAX_BITSET_BYTES) return 'propagation';
  const budget = WORK_PER_NODE * graph.count;
  return estimatedWork(graph, prop, budget) > budget ? 'bitsets' : 'propagation';
}

/**
 * The propagation work (failed nodes summed over one run per component) extrapolated from SAMPLES
 * components spread evenly over the order, foundations to services, so that deep and shallow parts
 * are both seen; exact when the map has no more components than that. Stops once past `enough`.
 */
export function estimatedWork(graph: Graph, prop: Propagator, enough: number): number {
  const { order, nodeType } = graph;
  const components = new Int32Array(graph.components.length);
  let count = 0;
  for (let k = 0; k < order.length; k++)
    if (nodeType[order[k]!] === NODE_COMPONENT) components[count++] = order[k]!;
  const samples = Math.min(SAMPLES, count);
  let work = 0;
  for (let i = 0; i < samples; i++) {
    work += prop.run([components[Math.floor(((i + 0.5) * count) / samples)]!]);
    if ((work * count) / samples > enough) break;
  }
  return samples === 0 ? 0 : (work * count) / samples;
}

/** One propagation per component; undefined when the work exceeds `budget`. */
function byPropagation(
  graph: Graph,
  prop: Propagator,
  limit: number,
  budget: number,
): BlastRadii | undefined {
  const radii: BlastRadius[] = [];
  const componentsDown = new Int32Array(graph.count);
  const pickers = new Map<number, KillerPicker>();
  const spofsPerService = new Map<number, number>(graph.services.map((s) => [s, 0]));
  const down = new Map<number, Set<number>>();
  const { order, nodeType } = graph;
  const rank = ranks(graph);
  const byRank = (n: number) => rank[n]!;
  let work = 0;
  for (let k = 0; k < order.length; k++) {
    const c = order[k]!;
    if (nodeType[c] !== NODE_COMPONENT) continue;
    const n = prop.run([c]);
    work += n;
    if (work > budget) return undefined;
    const services: number[] = [];
    let components = 0;
    const fails = (x: number) => prop.isFailed(x);
    for (let i = 1; i < n; i++) {
      const node = prop.failed[i]!;
      const type = nodeType[node];
      if (type === NODE_SERVICE) services.push(node);
      else if (type === NODE_COMPONENT) components++;
      else if (type === NODE_GROUP && graph.tolerance[node]! > 0 && !isMember(graph, node, c)) {
        const picker = pickers.get(node) ?? new KillerPicker();
        pickers.set(node, picker);
        if (picker.open()) picker.offer(c, fails, () => walk(graph, node, c, fails, byRank));
      }
    }
    componentsDown[c] = components;
    if (n > 1) {
      const placed = isPlaced(graph, c);
      const sorted = byCriticality(graph, services);
      if (placed) for (const s of services) spofsPerService.set(s, spofsPerService.get(s)! + 1);
      if (services.length > 0) down.set(c, new Set(services));
      const path = sorted.length === 0 ? [] : walk(graph, sorted[0]!, c, fails, byRank);
      radii.push({
        component: c,
        placed,
        componentsDown: components,
        services: sorted.slice(0, limit),
        servicesTotal: services.length,
        path,
      });
    }
  }
  radii.sort((a, b) => a.component - b.component);
  return {
    radii,
    componentsDown,
    groupKillers: killersOf(pickers),
    spofsPerService,
    takesDown: (c, s) => down.get(c)?.has(s) === true,
    strategy: 'propagation',
  };
}

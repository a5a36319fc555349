/**
 * Every component's blast radius: what fails when that one component fails alone. The same pass finds
 * the components that take a redundancy group down by themselves (hidden shared dependencies), keeping
 * only the nearest ones.
 *
 * Two strategies give the same answers. While the runs stay cheap, each component is failed alone by
 * propagation (proportional to what fails). On deep maps, where one failure near the bottom takes most
 * of the map down, that is quadratic in time and in paths; past a work budget the radii are computed
 * instead bottom-up as sets of killers, one bitset per component and service (a node fails when a hard
 * dependency fails, or when more members of a group than it tolerates fail): no path is materialised.
 * Lists that grow as components × services are bounded (`limit`), with their full counts.
 */

import { byCriticality } from './context.ts';
import { type Graph, NODE_COMPONENT, NODE_GROUP, NODE_SERVICE, nodeLabel } from './graph.ts';
import { Propagator } from './propagate.ts';

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

export interface GroupKiller {
  readonly killer: number;
  /** From the group down to the killer, through one failed member. */
  readonly path: readonly string[];
}

export interface BlastRadii {
  /** Every component whose failure alone takes something else down, in map order. */
  readonly radii: readonly BlastRadius[];
  /** Largest component blast radius, by component count, for every component (index: node). */
  readonly componentsDown: Int32Array;
  /** Group node → the nearest single components that take it down (never its own members). */
  readonly groupKillers: ReadonlyMap<number, readonly GroupKiller[]>;
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
  /** Forces a strategy (tests compare them); by default propagation until WORK_BUDGET, then bitsets. */
  readonly strategy?: Strategy;
}

/** How many services a blast radius or a single point of failure lists by default. */
export const DEFAULT_LIST_LIMIT = 20;
/** At most this many nearest shared dependencies are named per group… */
export const MAX_KILLERS = 3;
/** …found among its first this-many killers, nearest first. */
const KILLER_CANDIDATES = 64;
/** Propagation work (failed nodes summed over all runs) allowed per node of the graph before switching. */
const WORK_PER_NODE = 48;
/** The bitsets are not used above this size (bytes): propagation is then slower but bounded in memory. */
const MAX_BITSET_BYTES = 1.2 * 2 ** 30;
/** Longest path reported, in nodes. */
const MAX_PATH = 64;

/** True when a component has a placement of its own (a provider or runsOn), so it can fail by itself. */
export function isPlaced(graph: Graph, node: number): boolean {
  const spec = graph.config.components[graph.ids[node]!]!;
  return spec.provider !== undefined || spec.runsOn.length > 0;
}

function isMember(graph: Graph, group: number, node: number): boolean {
  for (let e = graph.depStart[group]!; e < graph.depStart[group + 1]!; e++)
    if (graph.deps[e] === node) return true;
  return false;
}

/**
 * From `from` down to `to` through nodes that fail with `to` (`fails`), taking at each step the
 * failing dependency latest in dependents-first order (`rank`): the one closest to `to`.
 */
function walk(
  graph: Graph,
  from: number,
  to: number,
  fails: (node: number) => boolean,
  rank: (node: number) => number,
): string[] {
  const out = [nodeLabel(graph, from)];
  for (let n = from; n !== to && out.length < MAX_PATH; ) {
    let next = -1;
    for (let e = graph.depStart[n]!; e < graph.depStart[n + 1]!; e++) {
      const d = graph.deps[e]!;
      if (fails(d) && (next === -1 || rank(d) > rank(next))) next = d;
    }
    if (next === -1) break;
    n = next;
    out.push(nodeLabel(graph, n));
  }
  return out;
}

/** Keeps a candidate killer of a group unless a killer already kept fails with it; bounded. */
class KillerPicker {
  readonly kept: GroupKiller[] = [];
  private seen = 0;
  /** False once no more candidates are looked at. */
  open(): boolean {
    return this.kept.length < MAX_KILLERS && this.seen < KILLER_CANDIDATES;
  }
  offer(killer: number, dominated: (kept: number) => boolean, path: () => string[]): void {
    this.seen++;
    if (!this.kept.some((k) => dominated(k.killer))) this.kept.push({ killer, path: path() });
  }
}

export function blastRadii(
  graph: Graph,
  prop = new Propagator(graph),
  options: BlastOptions = {},
): BlastRadii {
  const limit = options.limit ?? DEFAULT_LIST_LIMIT;
  const words = (graph.components.length + 31) >>> 5;
  const bytes = (graph.components.length + graph.services.length) * words * 4;
  if (options.strategy === 'bitsets') return byBitsets(graph, limit);
  if (options.strategy === 'propagation') return byPropagation(graph, prop, limit, Infinity)!;
  const budget = bytes > MAX_BITSET_BYTES ? Infinity : WORK_PER_NODE * graph.count;
  return byPropagation(graph, prop, limit, budget) ?? byBitsets(graph, limit);
}

/** Order rank of every node (dependents first). */
function ranks(graph: Graph): Int32Array {
  const rank = new Int32Array(graph.count);
  graph.order.forEach((n, i) => {
    rank[n] = i;
  });
  return rank;
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

function killersOf(pickers: ReadonlyMap<number, KillerPicker>): Map<number, GroupKiller[]> {
  return new Map([...pickers].filter(([, p]) => p.kept.length > 0).map(([g, p]) => [g, p.kept] as const));
}

/**
 * Bottom-up killer sets: bit r of a node's set says that the component of rank r (its position among
 * components in dependents-first order), failing alone, takes the node down.
 */
function byBitsets(graph: Graph, limit: number): BlastRadii {
  const { order, nodeType, depStart, deps, tolerance } = graph;
  const C = graph.components.length;
  const W = (C + 31) >>> 5;
  const rank = new Int32Array(graph.count).fill(-1);
  const ofRank = new Int32Array(C);
  let r = 0;
  for (const n of order) {
    if (nodeType[n] !== NODE_COMPONENT) continue;
    rank[n] = r;
    ofRank[r++] = n;
  }
  const slot = new Int32Array(graph.count).fill(-1);
  let slots = 0;
  for (let n = 0; n < graph.count; n++) if (nodeType[n] !== NODE_GROUP) slot[n] = slots++;
  const sets = new Int32Array(slots * W);
  const set = (n: number) => sets.subarray(slot[n]! * W, (slot[n]! + 1) * W);
  const has = (n: number, bit: number) => (sets[slot[n]! * W + (bit >>> 5)]! & (1 << (bit & 31))) !== 0;
  /** Whether the component of rank `bit` takes down `n` (a group: more members than it tolerates). */
  const kills = (n: number, bit: number): boolean => {
    if (nodeType[n] !== NODE_GROUP) return has(n, bit);
    let failed = 0;
    for (let e = depStart[n]!; e < depStart[n + 1]!; e++) if (has(deps[e]!, bit)) failed++;
    return failed > tolerance[n]!;
  };
  const orderRank = ranks(graph);
  const pathRank = (n: number) => orderRank[n]!;
  const groupSet = new Int32Array(W);
  const acc = new Int32Array(64);
  const pickers = new Map<number, KillerPicker>();
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i]!;
    if (nodeType[v] === NODE_GROUP) continue;
    const out = set(v);
    if (nodeType[v] === NODE_COMPONENT) out[rank[v]! >>> 5]! |= 1 << (rank[v]! & 31);
    for (let e = depStart[v]!; e < depStart[v + 1]!; e++) {
      const d = deps[e]!;
      if (nodeType[d] !== NODE_GROUP) {
        const src = set(d);
        for (let w = 0; w < W; w++) out[w]! |= src[w]!;
        continue;
      }
      thresholdSet(graph, d, set, groupSet, acc);
      for (let w = 0; w < W; w++) out[w]! |= groupSet[w]!;
      if (tolerance[d]! > 0) pickKillers(graph, d, groupSet, ofRank, has, kills, pathRank, pickers);
    }
  }
  const down = counts(
    sets,
    graph.components.map((c) => slot[c]!),
    W,
    C,
  );
  const services = byCriticality(graph, graph.services);
  const servicesDown = counts(
    sets,
    services.map((s) => slot[s]!),
    W,
    C,
  );
  const placed = new Int32Array(W);
  for (const c of graph.components) if (isPlaced(graph, c)) placed[rank[c]! >>> 5]! |= 1 << (rank[c]! & 31);
  const lists: number[][] = Array.from({ length: C }, () => []);
  const full = new Int32Array(W);
  const spofsPerService = new Map<number, number>();
  for (const s of services) {
    const src = set(s);
    let spofs = 0;
    for (let w = 0; w < W; w++) {
      spofs += popcount(src[w]! & placed[w]!);
      let bits = src[w]! & ~full[w]!;
      while (bits !== 0) {
        const low = bits & -bits;
        const bit = (w << 5) | (31 - Math.clz32(low));
        bits ^= low;
        const list = lists[bit]!;
        list.push(s);
        if (list.length >= limit) full[w]! |= low;
      }
    }
    spofsPerService.set(s, spofs);
  }
  const componentsDown = new Int32Array(graph.count);
  const radii: BlastRadius[] = [];
  for (const c of graph.components) {
    const bit = rank[c]!;
    const components = down[bit]! - 1;
    const total = servicesDown[bit]!;
    componentsDown[c] = components;
    if (components === 0 && total === 0) continue;
    const listed = lists[bit]!;
    const fails = (n: number) => kills(n, bit);
    const path = listed.length === 0 ? [] : walk(graph, listed[0]!, c, fails, pathRank);
    radii.push({
      component: c,
      placed: isPlaced(graph, c),
      componentsDown: components,
      services: listed,
      servicesTotal: total,
      path,
    });
  }
  return {
    radii,
    componentsDown,
    groupKillers: killersOf(pickers),
    spofsPerService,
    takesDown: (c, s) => has(s, rank[c]!),
    strategy: 'bitsets',
  };
}

/** Into `out`: the components taking group `g` down, those in more members' sets than it tolerates. */
function thresholdSet(
  graph: Graph,
  g: number,
  set: (n: number) => Int32Array,
  out: Int32Array,
  acc: Int32Array,
): void {
  const from = graph.depStart[g]!;
  const to = graph.depStart[g + 1]!;
  const need = graph.tolerance[g]! + 1; // failed members that take it down
  const members = Array.from({ length: to - from }, (_, i) => set(graph.deps[from + i]!));
  // acc[j]: the components in at least j of the members seen so far (acc[0]: all).
  for (let w = 0; w < out.length; w++) {
    acc[0] = -1;
    for (let j = 1; j <= need; j++) acc[j] = 0;
    for (const m of members) {
      const x = m[w]!;
      for (let j = need; j >= 1; j--) acc[j]! |= acc[j - 1]! & x;
    }
    out[w] = acc[need]!;
  }
}

function pickKillers(
  graph: Graph,
  g: number,
  killers: Int32Array,
  ofRank: Int32Array,
  has: (n: number, bit: number) => boolean,
  kills: (n: number, bit: number) => boolean,
  pathRank: (n: number) => number,
  pickers: Map<number, KillerPicker>,
): void {
  const picker = new KillerPicker();
  for (let w = 0; w < killers.length && picker.open(); w++) {
    let bits = killers[w]!;
    while (bits !== 0 && picker.open()) {
      const low = bits & -bits;
      bits ^= low;
      const bit = (w << 5) | (31 - Math.clz32(low));
      const c = ofRank[bit]!;
      if (isMember(graph, g, c)) continue;
      picker.offer(
        c,
        (kept) => has(kept, bit),
        () => walk(graph, g, c, (n) => kills(n, bit), pathRank),
      );
    }
  }
  if (picker.kept.length > 0) pickers.set(g, picker);
}

/** For each bit, in how many of the given sets it is (bit-sliced counters: a few word ops per set). */
function counts(sets: Int32Array, slots: readonly number[], W: number, bitsCount: number): Int32Array {
  const planes = 32 - Math.clz32(slots.length) + 1;
  const counter = new Int32Array(planes * W);
  for (const s of slots) {
    const base = s * W;
    for (let w = 0; w < W; w++) {
      let carry = sets[base + w]!;
      for (let p = 0; carry !== 0 && p < planes; p++) {
        const i = p * W + w;
        const both = counter[i]! & carry;
        counter[i]! ^= carry;
        carry = both;
      }
    }
  }
  const out = new Int32Array(bitsCount);
  for (let p = 0; p < planes; p++)
    for (let bit = 0; bit < bitsCount; bit++)
      if (counter[p * W + (bit >>> 5)]! & (1 << (bit & 31))) out[bit]! += 1 << p;
  return out;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

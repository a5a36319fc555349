/**
 * The bitset strategy of blast-radius.ts, for deep maps: killer sets computed bottom-up, one bitset per
 * component and service, with bit-sliced counts; no path is materialised.
 */
import { isPlaced, KillerPicker, killersOf, ranks, walk } from './blast-paths.ts';
import type { BlastRadii, BlastRadius } from './blast-radius.ts';
import { byCriticality } from './context.ts';
import { type Graph, NODE_COMPONENT, NODE_GROUP } from './graph.ts';

/**
 * Bottom-up killer sets: bit r of a node's set says that the component of rank r (its position among
 * components in dependents-first order), failing alone, takes the node down.
 */
export function byBitsets(graph: Graph, limit: number): BlastRadii {
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
  // Offsets into `sets` rather than views: a view is an object, made per edge it would be millions.
  // lo[n]: the first word of n's set that may be non-zero. A component is killed only by itself and
  // what lies below it, later in the order: words before its rank's are zero, and are not visited.
  const lo = new Int32Array(graph.count).fill(W);
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i]!;
    if (nodeType[v] === NODE_GROUP) continue;
    const out = slot[v]! * W;
    let first = W;
    if (nodeType[v] === NODE_COMPONENT) {
      first = rank[v]! >>> 5;
      sets[out + first]! |= 1 << (rank[v]! & 31);
    }
    for (let e = depStart[v]!; e < depStart[v + 1]!; e++) {
      const d = deps[e]!;
      if (nodeType[d] !== NODE_GROUP) {
        const src = slot[d]! * W;
        const from = lo[d]!;
        for (let w = from; w < W; w++) sets[out + w]! |= sets[src + w]!;
        if (from < first) first = from;
        continue;
      }
      const from = thresholdSet(graph, d, sets, slot, lo, W, groupSet, acc);
      for (let w = from; w < W; w++) sets[out + w]! |= groupSet[w]!;
      if (from < first) first = from;
      if (tolerance[d]! > 0)
        pickKillers(graph, d, groupSet, from, sets, slot, rank, ofRank, kills, pathRank, pickers);
    }
    lo[v] = first;
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

/**
 * Into `out`: the components taking group `g` down, those in more members' sets than it tolerates.
 * Returns the first word written (`out`'s words before it are not the group's: they are not read).
 */
function thresholdSet(
  graph: Graph,
  g: number,
  sets: Int32Array,
  slot: Int32Array,
  lo: Int32Array,
  W: number,
  out: Int32Array,
  acc: Int32Array,
): number {
  const { depStart, deps } = graph;
  const from = depStart[g]!;
  const to = depStart[g + 1]!;
  const size = to - from;
  const need = graph.tolerance[g]! + 1; // failed members that take it down
  if (need > size) return W; // more than it has: nothing takes it down
  if (need <= 0) {
    out.fill(-1); // none: everything does
    return 0;
  }
  // Every member (an anyOf): from the last first word of theirs, where all may be non-zero.
  if (need === size) {
    let start = 0;
    for (let e = from; e < to; e++) start = Math.max(start, lo[deps[e]!]!);
    const first = slot[deps[from]!]! * W;
    for (let w = start; w < W; w++) out[w] = sets[first + w]!;
    for (let e = from + 1; e < to; e++) {
      const m = slot[deps[e]!]! * W;
      for (let w = start; w < W; w++) out[w]! &= sets[m + w]!;
    }
    return start;
  }
  let start = W;
  for (let e = from; e < to; e++) start = Math.min(start, lo[deps[e]!]!);
  if (need === 1) {
    // Any member (a group that tolerates nothing): one pass per member.
    out.fill(0, start);
    for (let e = from; e < to; e++) {
      const m = slot[deps[e]!]! * W;
      for (let w = start; w < W; w++) out[w]! |= sets[m + w]!;
    }
    return start;
  }
  // acc[j]: the components in at least j of the members seen so far (acc[0]: all).
  for (let w = start; w < W; w++) {
    acc[0] = -1;
    for (let j = 1; j <= need; j++) acc[j] = 0;
    for (let e = from; e < to; e++) {
      const x = sets[slot[deps[e]!]! * W + w]!;
      for (let j = need; j >= 1; j--) acc[j]! |= acc[j - 1]! & x;
    }
    out[w] = acc[need]!;
  }
  return start;
}

/**
 * The nearest killers of group `g` (KillerPicker's choice), a word of candidates at a time: those a
 * kept killer fails with (in its set) are counted in bulk rather than offered one by one.
 */
function pickKillers(
  graph: Graph,
  g: number,
  killers: Int32Array,
  /** The first word of `killers` that may be non-zero. */
  start: number,
  sets: Int32Array,
  slot: Int32Array,
  rank: Int32Array,
  ofRank: Int32Array,
  kills: (n: number, bit: number) => boolean,
  pathRank: (n: number) => number,
  pickers: Map<number, KillerPicker>,
): void {
  const W = killers.length;
  const picker = new KillerPicker();
  // The candidate's bit, read by closures made once per group rather than once per candidate.
  let bit = 0;
  const fails = (n: number) => kills(n, bit);
  const path = () => walk(graph, g, ofRank[bit]!, fails, pathRank);
  // Its own members are not candidates.
  const members: number[] = [];
  for (let e = graph.depStart[g]!; e < graph.depStart[g + 1]!; e++)
    if (rank[graph.deps[e]!]! >= 0) members.push(rank[graph.deps[e]!]!);
  for (let w = start; w < W && picker.open(); w++) {
    let bits = killers[w]!;
    if (bits === 0) continue;
    for (const m of members) if (m >>> 5 === w) bits &= ~(1 << (m & 31));
    // What the killers kept so far fail with, in this word.
    let dominated = 0;
    for (const k of picker.kept) dominated |= sets[slot[k]! * W + w]!;
    while (bits !== 0 && picker.open()) {
      const free = bits & ~dominated;
      if (free === 0) {
        picker.skip(popcount(bits));
        break;
      }
      const low = free & -free;
      const before = bits & (low - 1);
      picker.skip(popcount(before));
      if (!picker.open()) break;
      bit = (w << 5) | (31 - Math.clz32(low));
      const c = ofRank[bit]!;
      picker.keep(c, path);
      dominated |= sets[slot[c]! * W + w]!;
      bits &= ~(before | low);
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

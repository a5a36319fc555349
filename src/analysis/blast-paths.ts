/**
 * What both blast-radius strategies share (blast-radius.ts, blast-bitsets.ts): whether a component can
 * fail by itself, the path a failure takes down the map, and the bounded choice of the nearest
 * components that take a redundancy group down.
 */
import type { GroupKillers } from './blast-radius.ts';
import { type Graph, nodeLabel } from './graph.ts';

/** At most this many nearest shared dependencies are named per group… */
export const MAX_KILLERS = 3;
/** …found among its first this-many killers, nearest first. */
const KILLER_CANDIDATES = 64;
/** Longest path reported, in nodes. */
const MAX_PATH = 64;

/** Per graph: which of its components are placed (isPlaced), found when first asked. */
const PLACED = new WeakMap<Graph, Uint8Array>();

/** True when a component has a placement of its own (a provider or runsOn), so it can fail by itself. */
export function isPlaced(graph: Graph, node: number): boolean {
  let placed = PLACED.get(graph);
  if (placed === undefined) {
    placed = new Uint8Array(graph.count);
    for (const c of graph.components) {
      const spec = graph.config.components[graph.ids[c]!]!;
      if (spec.provider !== undefined || spec.runsOn.length > 0) placed[c] = 1;
    }
    PLACED.set(graph, placed);
  }
  return placed[node] === 1;
}

export function isMember(graph: Graph, group: number, node: number): boolean {
  for (let e = graph.depStart[group]!; e < graph.depStart[group + 1]!; e++)
    if (graph.deps[e] === node) return true;
  return false;
}

/**
 * From `from` down to `to` through nodes that fail with `to` (`fails`), taking at each step the
 * failing dependency latest in dependents-first order (`rank`): the one closest to `to`.
 */
export function walk(
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

/**
 * Keeps a candidate killer of a group unless a killer already kept fails with it; bounded. Only the
 * first kept killer's path is made: it is the one a finding shows.
 */
export class KillerPicker {
  readonly kept: number[] = [];
  path: readonly string[] = [];
  private seen = 0;
  /** False once no more candidates are looked at. */
  open(): boolean {
    return this.kept.length < MAX_KILLERS && this.seen < KILLER_CANDIDATES;
  }
  offer(killer: number, dominated: (kept: number) => boolean, path: () => string[]): void {
    for (const k of this.kept)
      if (dominated(k)) {
        this.skip(1);
        return;
      }
    this.keep(killer, path);
  }
  /** Counts candidates passed over: a kept killer fails with each. */
  skip(candidates: number): void {
    this.seen += candidates;
  }
  /** Keeps a candidate that no kept killer fails with. */
  keep(killer: number, path: () => string[]): void {
    this.seen++;
    if (this.kept.length === 0) this.path = path();
    this.kept.push(killer);
  }
}

/** Order rank of every node (dependents first). */
export function ranks(graph: Graph): Int32Array {
  const rank = new Int32Array(graph.count);
  graph.order.forEach((n, i) => {
    rank[n] = i;
  });
  return rank;
}

export function killersOf(pickers: ReadonlyMap<number, KillerPicker>): Map<number, GroupKillers> {
  const out = new Map<number, GroupKillers>();
  for (const [g, p] of pickers) if (p.kept.length > 0) out.set(g, { killers: p.kept, path: p.path });
  return out;
}

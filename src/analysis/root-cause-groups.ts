/**
 * Findings that share one root cause, grouped under it. Every finding is kept with its stable kind;
 * each gets a stable `id`, a grouped finding the `rootCause` it is grouped under, a root the ids of
 * its `related` findings. Grouping changes no finding and no score. The rule (docs/analysis.md):
 *
 * - a provider or region concentration finding is grouped under the single-point-of-failure finding
 *   of a component C when C is on its proof chain, C alone takes the service down, and the place
 *   takes the service down through C alone: with C kept up, the place's failure no longer takes the
 *   service down. A place that reaches the service through two separate components is not one
 *   single point of failure, and stays a root;
 * - the concentration findings of one place that no single point of failure explains are one
 *   group, under the first of them (the most severe): their root is the place;
 * - a shared-dependency finding that names one shared component is grouped under that component's
 *   single-point-of-failure finding, when it has one.
 *
 * Monitoring gaps, control-plane and backup findings are their own roots (no backup is another cause
 * than no redundancy: a replica does not undo a deletion). Pure; the checks are bounded in
 * work by the size of the map (beyond the budget, findings stay roots).
 */
import type { AnalysisContext } from './context.ts';
import { chainNodes } from './explain.ts';
import type { Finding } from './finding.ts';
import { type Graph, NODE_COMPONENT, NODE_SERVICE } from './graph.ts';
import { placesOf } from './placements.ts';
import type { Propagator } from './propagate.ts';

export interface GroupedFinding extends Finding {
  /** Stable: the kind and its main subjects, `region-concentration:checkout@aws/eu-west-3`. */
  readonly id: string;
  /** The id of the finding this one is grouped under (it says the same thing from another side). */
  readonly rootCause?: string;
  /** On a root: the ids of the findings grouped under it, in report order. */
  readonly related?: readonly string[];
}

/** Edge visits allowed per node of the map for all the "kept up" checks together. */
const WORK_PER_NODE = 32;

/** How many subjects make a finding's identity (the rest are listed services, members…). */
function keyLength(f: Finding): number {
  switch (f.kind) {
    case 'provider-concentration':
    case 'region-concentration':
      return 2;
    case 'shared-dependency':
      return f.variant === 'failover' ? 3 : 1; // failover, primary, place; or the group
    case 'control-plane-dependency':
      return f.variant === 'failover' ? 3 : 2; // failover, via, place; or steering, place
    default:
      return 1; // the component, the service
  }
}

/** Stable ids; two findings with the same identity (never expected) are told apart by `#2`, `#3`. */
export function findingIds(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = `${f.kind}:${f.subjects.slice(0, keyLength(f)).join('@')}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}

/** The marks keptUp works with, made once for all its runs (a set and a map per run would cost more). */
interface Scratch {
  stamp: number;
  /** === stamp: back up in this run. */
  readonly up: Int32Array;
  /** When lostAt === stamp: how many of its failed dependencies came back up in this run. */
  readonly lost: Int32Array;
  readonly lostAt: Int32Array;
}

function scratch(graph: Graph): Scratch {
  return {
    stamp: 0,
    up: new Int32Array(graph.count),
    lost: new Int32Array(graph.count),
    lostAt: new Int32Array(graph.count),
  };
}

/**
 * Which services come back up when `spared` is kept up in the last propagation run: it, then each
 * dependent whose failed dependencies fall back within its tolerance (seeds stay down: the place
 * hits them itself). Exact on the acyclic map. Undefined when the work would exceed `budget.left`.
 */
function keptUp(
  graph: Graph,
  prop: Propagator,
  spared: number,
  budget: { left: number },
  marks: Scratch,
): Set<number> | undefined {
  const stamp = ++marks.stamp;
  const { up, lost, lostAt } = marks;
  const services = new Set<number>();
  up[spared] = stamp;
  if (graph.nodeType[spared] === NODE_SERVICE) services.add(spared);
  const stack = [spared];
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (let e = graph.revStart[n]!; e < graph.revStart[n + 1]!; e++) {
      if (--budget.left < 0) return undefined;
      const d = graph.rev[e]!;
      if (!prop.isFailed(d) || up[d] === stamp || prop.cause[d] === -1) continue;
      const less = (lostAt[d] === stamp ? lost[d]! : 0) + 1;
      lostAt[d] = stamp;
      lost[d] = less;
      if (prop.failedDependencies(d) - less <= graph.tolerance[d]!) {
        up[d] = stamp;
        if (graph.nodeType[d] === NODE_SERVICE) services.add(d);
        stack.push(d);
      }
    }
  }
  return services;
}

export function groupFindings(
  ctx: AnalysisContext,
  prop: Propagator,
  findings: readonly Finding[],
): GroupedFinding[] {
  const { graph, blast } = ctx;
  const ids = findingIds(findings);
  const root = new Int32Array(findings.length).fill(-1);
  const spofOf = new Map<number, number>();
  findings.forEach((f, i) => {
    if (f.kind === 'single-point-of-failure') spofOf.set(graph.index.get(f.subjects[0]!)!, i);
  });

  // A shared component that is itself a single point of failure.
  findings.forEach((f, i) => {
    if (f.kind !== 'shared-dependency' || f.variant !== undefined) return;
    const killers = blast.groupKillers.get(graph.index.get(f.subjects[0]!)!)?.killers ?? [];
    const spof = killers.length === 1 ? spofOf.get(killers[0]!) : undefined;
    if (spof !== undefined) root[i] = spof;
  });

  // Concentrations, place by place: through one single point of failure alone, or the place itself.
  const byPlace = new Map<string, number[]>();
  findings.forEach((f, i) => {
    if (f.kind !== 'provider-concentration' && f.kind !== 'region-concentration') return;
    const list = byPlace.get(f.subjects[1]!) ?? [];
    list.push(i);
    byPlace.set(f.subjects[1]!, list);
  });
  const budget = { left: WORK_PER_NODE * graph.count };
  const marks = scratch(graph);
  for (const place of placesOf(graph)) {
    const list = byPlace.get(place.label);
    if (!list || place.level === 'zone') continue;
    prop.run(place.members);
    const saved = new Map<number, Set<number> | undefined>();
    const unexplained: number[] = [];
    for (const i of list) {
      const service = graph.index.get(findings[i]!.subjects[0]!)!;
      const chain = chainNodes(prop, service);
      for (let k = chain.length - 1; k > 0 && root[i] === -1; k--) {
        const c = chain[k]!;
        const spof = spofOf.get(c);
        if (graph.nodeType[c] !== NODE_COMPONENT || spof === undefined || !blast.takesDown(c, service))
          continue;
        if (!saved.has(c)) saved.set(c, keptUp(graph, prop, c, budget, marks));
        if (saved.get(c)?.has(service)) root[i] = spof;
      }
      if (root[i] === -1) unexplained.push(i);
    }
    for (const i of unexplained.slice(1)) root[i] = unexplained[0]!;
  }

  const related = new Map<number, string[]>();
  root.forEach((r, i) => {
    if (r === -1) return;
    const list = related.get(r) ?? [];
    list.push(ids[i]!);
    related.set(r, list);
  });
  return findings.map((f, i) => {
    const g: { -readonly [K in keyof GroupedFinding]: GroupedFinding[K] } = { ...f, id: ids[i]! };
    if (root[i] !== -1) g.rootCause = ids[root[i]!]!;
    const list = related.get(i);
    if (list !== undefined) g.related = list;
    return g;
  });
}

/**
 * control-plane-dependency: the thing that moves traffic between redundant members (a failover's
 * `via`, or the DNS / CDN / load balancer in front of a redundancy group) fails with the very provider
 * or region it is meant to fail away from, while a member survives there. Static stability says the
 * switch must survive what it switches away from.
 */

import { externalFailovers } from '../../model/schema-failover.ts';
import { isPlaced } from '../blast-radius.ts';
import type { AnalysisContext } from '../context.ts';
import { type Finding, severityFor } from '../finding.ts';
import { type Graph, NODE_COMPONENT, NODE_GROUP, nodeLabel } from '../graph.ts';
import type { PlaceFailure } from '../placements.ts';
import type { Rule } from './rule.ts';

/** Kinds of component that steer traffic between redundant members. */
export const STEERING_KINDS: ReadonlySet<string> = new Set([
  'dns',
  'cdn',
  'load-balancer',
  'lb',
  'proxy',
  'gslb',
  'traffic-manager',
  'network',
]);

/** How far up through logical components the search for what fronts a group goes. */
const MAX_FRONTING = 64;

/**
 * The nodes in front of a group: its owner and, while that owner is logical (a stack, a tier with
 * no placement of its own), what depends on it — `api: [api-edge, api-tier]` with the group inside
 * the logical `api-tier` is fronted by `api`, so `api-edge` steers it.
 */
function fronting(graph: Graph, owner: number): number[] {
  const out = [owner];
  const seen = new Set(out);
  for (let i = 0; i < out.length && out.length < MAX_FRONTING; i++) {
    const n = out[i]!;
    const logical =
      graph.nodeType[n] === NODE_GROUP || (graph.nodeType[n] === NODE_COMPONENT && !isPlaced(graph, n));
    if (!logical) continue;
    for (let e = graph.revStart[n]!; e < graph.revStart[n + 1]!; e++) {
      const up = graph.rev[e]!;
      if (!seen.has(up)) {
        seen.add(up);
        out.push(up);
      }
    }
  }
  return out;
}

/** Redundancy groups with the steering components in front of them (hard dependencies of what fronts them). */
function steeredGroups(graph: Graph): { group: number; steering: number[] }[] {
  const out: { group: number; steering: number[] }[] = [];
  for (const [g, info] of graph.groups) {
    if (graph.tolerance[g] === 0) continue;
    const steering = new Set<number>();
    for (const front of fronting(graph, info.owner)) {
      for (let e = graph.depStart[front]!; e < graph.depStart[front + 1]!; e++) {
        const d = graph.deps[e]!;
        if (graph.nodeType[d] !== NODE_COMPONENT) continue;
        const kind = graph.config.components[graph.ids[d]!]?.kind;
        if (kind && STEERING_KINDS.has(kind)) steering.add(d);
      }
    }
    if (steering.size > 0) out.push({ group: g, steering: [...steering] });
  }
  return out;
}

/** The nodes whose fate under each place this rule needs (see failPlaces). */
export function controlPlaneWatch(graph: Graph): Set<number> {
  const watch = new Set<number>();
  for (const [, f] of externalFailovers(graph.config.failover)) {
    for (const id of [f.primary, f.via, ...f.secondary]) watch.add(graph.index.get(id)!);
  }
  for (const s of steeredGroups(graph)) {
    watch.add(s.group);
    for (const d of s.steering) watch.add(d);
  }
  return watch;
}

/** Region places first, so a region explains a case before its whole provider does. */
function ordered(places: readonly PlaceFailure[]): PlaceFailure[] {
  return [...places.filter((p) => p.level === 'region'), ...places.filter((p) => p.level === 'provider')];
}

function failed(place: PlaceFailure, node: number): boolean {
  return place.watched.get(node)?.failed === true;
}

function run({ graph, places, above }: AnalysisContext): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const severityOf = (node: number) => {
    const worst = above(node);
    return severityFor(worst ? [worst] : []);
  };
  const once = (key: string) => !seen.has(key) && seen.add(key) !== undefined;
  for (const [id, f] of externalFailovers(graph.config.failover)) {
    const primary = graph.index.get(f.primary)!;
    const via = graph.index.get(f.via)!;
    const secondaries = f.secondary.map((s) => graph.index.get(s)!);
    for (const place of ordered(places)) {
      if (!failed(place, primary) || seen.has(`failover ${id} ${place.predicate.provider}`)) continue;
      const base = { subjects: [id, f.primary, place.label], severity: severityOf(primary) };
      const sharedFate = secondaries.every((s) => failed(place, s));
      if (sharedFate || failed(place, via)) seen.add(`failover ${id} ${place.predicate.provider}`);
      if (sharedFate) {
        const params = {
          failover: id,
          primary: f.primary,
          secondary: f.secondary.join(', '),
          place: place.label,
        };
        out.push({ ...base, kind: 'shared-dependency', variant: 'failover', params });
      } else if (failed(place, via)) {
        seen.add(`${via} ${place.predicate.provider}`);
        const params = { failover: id, primary: f.primary, via: f.via, place: place.label };
        out.push({
          ...base,
          kind: 'control-plane-dependency',
          variant: 'failover',
          subjects: [id, f.via, place.label, f.primary],
          params,
        });
      }
    }
  }
  for (const { group, steering } of steeredGroups(graph)) {
    for (const place of ordered(places)) {
      const g = place.watched.get(group);
      if (!g || g.failed || g.failedDeps === 0) continue;
      for (const d of steering) {
        if (!failed(place, d) || !once(`${d} ${place.predicate.provider}`)) continue;
        out.push({
          kind: 'control-plane-dependency',
          variant: 'steering',
          severity: severityOf(group),
          subjects: [graph.ids[d]!, place.label, graph.ids[group]!],
          params: { via: graph.ids[d]!, place: place.label, group: nodeLabel(graph, group) },
        });
      }
    }
  }
  return out;
}

export const controlPlaneDependency = {
  kinds: ['control-plane-dependency', 'shared-dependency'],
  run,
} satisfies Rule;

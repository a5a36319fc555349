/**
 * control-plane-dependency: the thing that moves traffic between redundant members (a failover's
 * `via`, the Bascule node running a group's actuators, or the DNS / CDN / load balancer in front of a
 * redundancy group) fails with the very provider or region it is meant to fail away from, while a
 * member survives there. Static stability says the switch must survive what it switches away from.
 * A group Bascule runs on a node the map does not name (no runtime.component) is said once: its
 * actuators' placement cannot be judged.
 */

import { isPlaced } from '../blast-radius.ts';
import type { AnalysisContext } from '../context.ts';
import { chain } from '../explain.ts';
import { type Finding, severityFor } from '../finding.ts';
import { type Graph, NODE_COMPONENT, NODE_GROUP, nodeLabel } from '../graph.ts';
import type { PlaceFailure } from '../placements.ts';
import { Propagator } from '../propagate.ts';
import { matchAll } from '../simulate.ts';
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
  // At most MAX_FRONTING nodes: a search of the list costs less than a set per group of a big map.
  const out = [owner];
  for (let i = 0; i < out.length && out.length < MAX_FRONTING; i++) {
    const n = out[i]!;
    const logical =
      graph.nodeType[n] === NODE_GROUP || (graph.nodeType[n] === NODE_COMPONENT && !isPlaced(graph, n));
    if (!logical) continue;
    for (let e = graph.revStart[n]!; e < graph.revStart[n + 1]!; e++) {
      const up = graph.rev[e]!;
      if (!out.includes(up)) out.push(up);
    }
  }
  return out;
}

/** steeredGroups per graph: the watch list and the rule both need them. */
const STEERED = new WeakMap<Graph, readonly SteeredGroup[]>();

interface SteeredGroup {
  readonly group: number;
  readonly steering: readonly number[];
}

/** Redundancy groups with the steering components in front of them (hard dependencies of what fronts them). */
function steeredGroups(graph: Graph): readonly SteeredGroup[] {
  let out = STEERED.get(graph);
  if (out === undefined) {
    out = findSteeredGroups(graph);
    STEERED.set(graph, out);
  }
  return out;
}

function findSteeredGroups(graph: Graph): SteeredGroup[] {
  // Which components steer, looked up once rather than once per group in front of them.
  const steers = new Uint8Array(graph.count);
  let any = false;
  for (const c of graph.components) {
    const kind = graph.config.components[graph.ids[c]!]?.kind;
    if (kind && STEERING_KINDS.has(kind)) {
      steers[c] = 1;
      any = true;
    }
  }
  const out: SteeredGroup[] = [];
  if (!any) return out;
  for (const [g, info] of graph.groups) {
    if (graph.tolerance[g] === 0) continue;
    const steering = new Set<number>();
    for (const front of fronting(graph, info.owner)) {
      for (let e = graph.depStart[front]!; e < graph.depStart[front + 1]!; e++) {
        const d = graph.deps[e]!;
        if (steers[d] === 1) steering.add(d);
      }
    }
    if (steering.size > 0) out.push({ group: g, steering: [...steering] });
  }
  return out;
}

/** The nodes whose fate under each place this rule needs (see failPlaces). */
export function controlPlaneWatch(graph: Graph): Set<number> {
  const watch = new Set<number>();
  for (const plan of graph.failovers) {
    for (const e of plan.endpoints) watch.add(graph.index.get(e.node)!);
    if (plan.via !== undefined) watch.add(graph.index.get(plan.via)!);
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
  let prop: Propagator | undefined;
  /** How `node` fails with `place`: `bascule-node ← vm-fsn1`. */
  const proof = (place: PlaceFailure, node: number): string => {
    prop ??= new Propagator(graph);
    prop.run(matchAll(graph, [place.predicate]).keys());
    return chain(graph, prop, node).join(' ← ');
  };
  for (const plan of graph.failovers) {
    const id = plan.id;
    const names = plan.endpoints.map((e) => e.node);
    const [primaryId, ...secondaryIds] = names as [string, ...string[]];
    const primary = graph.index.get(primaryId)!;
    if (plan.via === undefined) {
      if (plan.service === undefined) continue;
      out.push({
        kind: 'control-plane-dependency',
        variant: 'bascule-unplaced',
        severity: 'info',
        subjects: [plan.service, id],
        params: { failover: id, service: plan.service },
      });
      continue;
    }
    const viaId = plan.via;
    const via = graph.index.get(viaId)!;
    const secondaries = secondaryIds.map((s) => graph.index.get(s)!);
    for (const place of ordered(places)) {
      if (!failed(place, primary) || seen.has(`failover ${id} ${place.predicate.provider}`)) continue;
      const base = { subjects: [id, primaryId, place.label], severity: severityOf(primary) };
      const sharedFate = secondaries.every((s) => failed(place, s));
      if (sharedFate || failed(place, via)) seen.add(`failover ${id} ${place.predicate.provider}`);
      if (sharedFate) {
        const params = {
          failover: id,
          primary: primaryId,
          secondary: secondaryIds.join(', '),
          place: place.label,
        };
        out.push({ ...base, kind: 'shared-dependency', variant: 'failover', params });
      } else if (failed(place, via)) {
        seen.add(`${via} ${place.predicate.provider}`);
        if (plan.service === undefined) {
          const params = { failover: id, primary: primaryId, via: viaId, place: place.label };
          out.push({
            ...base,
            kind: 'control-plane-dependency',
            variant: 'failover',
            subjects: [id, viaId, place.label, primaryId],
            params,
          });
          continue;
        }
        const survivor = plan.endpoints.find((e, i) => i > 0 && !failed(place, graph.index.get(e.node)!));
        out.push({
          ...base,
          kind: 'control-plane-dependency',
          variant: 'bascule',
          // The node first: moving it is the action (actions.ts).
          subjects: [viaId, place.label, id, primaryId],
          params: {
            failover: id,
            service: plan.service,
            primary: primaryId,
            secondary: survivor?.node ?? '',
            via: viaId,
            place: place.label,
            chain: proof(place, via),
          },
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

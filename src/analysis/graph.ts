/**
 * The map compiled for analysis: every service, component and redundancy group is a numbered node
 * with a tolerance (how many failed dependencies it withstands), in flat typed arrays so that
 * propagation over 100k components stays fast.
 */
import { type RunsOnGroup, runsOnGroup } from '../model/runs-on.ts';
import type { ComponentSpec, Config, Criticality, Placement } from '../model/schema.ts';
import { type FailoverPlan, failoverPlans } from './failover-plan.ts';

export const NODE_SERVICE = 0;
export const NODE_COMPONENT = 1;
export const NODE_GROUP = 2;

export interface GroupInfo {
  readonly owner: number;
  readonly entry: number;
  readonly type: 'anyOf' | 'quorum';
  readonly need: number;
  readonly name: string | undefined;
  /** The failover group Bascule runs that makes these members redundant (the map wrote them as hard dependencies). */
  readonly failover?: string;
}

export interface Graph {
  readonly config: Config;
  readonly count: number;
  /** Node index → id; groups get `owner.dependsOn[i]`. */
  readonly ids: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly nodeType: Uint8Array;
  readonly tolerance: Int32Array;
  /** Forward edges (node → its dependencies), CSR. */
  readonly depStart: Int32Array;
  readonly deps: Int32Array;
  /** Reverse edges (node → its dependents), CSR. */
  readonly revStart: Int32Array;
  readonly rev: Int32Array;
  /** Every node before all of its dependencies (services first, foundations last). */
  readonly order: Int32Array;
  readonly services: readonly number[];
  readonly components: readonly number[];
  readonly groups: ReadonlyMap<number, GroupInfo>;
  readonly criticality: ReadonlyMap<number, Criticality>;
  /** The failovers of the map as the analyser reads them (failover-plan.ts). */
  readonly failovers: readonly FailoverPlan[];
}

/**
 * Where a component runs: its own placement (if it has a provider) and each runsOn entry, a place or
 * a redundancy group of places (the component fails with an entry that loses more than it tolerates).
 */
export function placementsOf(spec: ComponentSpec): {
  own: Placement | undefined;
  runsOn: readonly RunsOnGroup[];
} {
  const own = spec.provider
    ? {
        provider: spec.provider,
        region: spec.region,
        zone: spec.zone,
        service: spec.service,
        kind: spec.kind,
      }
    : undefined;
  return { own, runsOn: spec.runsOn.map(runsOnGroup) };
}

export function buildGraph(config: Config): Graph {
  const ids: string[] = [];
  const types: number[] = [];
  const index = new Map<string, number>();
  const add = (id: string, type: number): number => {
    index.set(id, ids.length);
    ids.push(id);
    types.push(type);
    return ids.length - 1;
  };
  const services = Object.keys(config.services).map((id) => add(id, NODE_SERVICE));
  const components = Object.keys(config.components).map((id) => add(id, NODE_COMPONENT));
  const criticality = new Map<number, Criticality>();
  for (const s of services) criticality.set(s, config.services[ids[s]!]!.criticality);

  const forward: number[][] = ids.map(() => []);
  const tolerance: number[] = ids.map(() => 0);
  const groups = new Map<number, GroupInfo>();
  const owners = [...services, ...components];
  const failovers = failoverPlans(config);
  /** owner → its entries that a Bascule-run group turns into one anyOf (at the first of them). */
  const grouped = new Map<string, Map<number, FailoverPlan>>();
  for (const plan of failovers) {
    if (plan.entries === undefined) continue;
    const at = grouped.get(plan.owner) ?? new Map<number, FailoverPlan>();
    for (const e of plan.entries) at.set(e, plan);
    grouped.set(plan.owner, at);
  }
  for (const owner of owners) {
    const spec =
      types[owner] === NODE_SERVICE ? config.services[ids[owner]!]! : config.components[ids[owner]!]!;
    const byFailover = grouped.get(ids[owner]!);
    spec.dependsOn.forEach((dep, entry) => {
      const plan = byFailover?.get(entry);
      if (plan?.entries !== undefined) {
        if (entry !== Math.min(...plan.entries)) return;
        const g = add(`failover[${plan.id}]`, NODE_GROUP);
        forward.push(plan.entries.map((i) => index.get(spec.dependsOn[i] as string)!));
        tolerance.push(plan.entries.length - 1);
        groups.set(g, {
          owner,
          entry,
          type: 'anyOf',
          need: 1,
          name: `failover.${plan.id}`,
          failover: plan.id,
        });
        forward[owner]!.push(g);
        return;
      }
      if (typeof dep === 'string') {
        forward[owner]!.push(index.get(dep)!);
        return;
      }
      const members = 'anyOf' in dep ? dep.anyOf : dep.quorum.of;
      const need = 'anyOf' in dep ? 1 : dep.quorum.need;
      const g = add(`${ids[owner]}.dependsOn[${entry}]`, NODE_GROUP);
      forward.push(members.map((m) => index.get(m)!));
      tolerance.push(members.length - need);
      groups.set(g, { owner, entry, type: 'anyOf' in dep ? 'anyOf' : 'quorum', need, name: dep.name });
      forward[owner]!.push(g);
    });
  }
  // Bascule's proxy or DNS is on the service's path: the service fails with the node that runs it.
  for (const plan of failovers) {
    if (!plan.inPath || plan.via === undefined || plan.service === undefined) continue;
    const service = index.get(plan.service)!;
    const via = index.get(plan.via)!;
    if (!forward[service]!.includes(via)) forward[service]!.push(via);
  }
  const count = ids.length;
  const { start: depStart, edges: deps } = toCsr(forward);
  const reverse: number[][] = ids.map(() => []);
  forward.forEach((list, from) => {
    for (const to of list) reverse[to]!.push(from);
  });
  const { start: revStart, edges: rev } = toCsr(reverse);
  return {
    config,
    count,
    ids,
    index,
    nodeType: Uint8Array.from(types),
    tolerance: Int32Array.from(tolerance),
    depStart,
    deps,
    revStart,
    rev,
    order: topologicalOrder(count, depStart, deps),
    services,
    components,
    groups,
    criticality,
    failovers,
  };
}

function toCsr(lists: readonly number[][]): { start: Int32Array; edges: Int32Array } {
  const start = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) start[i + 1] = start[i]! + lists[i]!.length;
  const edges = new Int32Array(start[lists.length]!);
  lists.forEach((list, i) => {
    edges.set(list, start[i]!);
  });
  return { start, edges };
}

/** Kahn's algorithm on the forward edges: a node comes out once every dependent came out. */
function topologicalOrder(count: number, depStart: Int32Array, deps: Int32Array): Int32Array {
  const indegree = new Int32Array(count);
  for (let i = 0; i < deps.length; i++) indegree[deps[i]!]!++;
  const order = new Int32Array(count);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < count; i++) if (indegree[i] === 0) order[tail++] = i;
  while (head < tail) {
    const n = order[head++]!;
    for (let e = depStart[n]!; e < depStart[n + 1]!; e++) {
      const d = deps[e]!;
      if (--indegree[d]! === 0) order[tail++] = d;
    }
  }
  return order;
}

/** The labels of a graph's groups, made once each (walks and chains name the same groups again and again). */
const GROUP_LABELS = new WeakMap<Graph, Map<number, string>>();

/** Human name of a node: its id, or `anyOf[a, b]` / `quorum 2 of [a, b, c]` for a group. */
export function nodeLabel(graph: Graph, node: number): string {
  const group = graph.groups.get(node);
  if (!group) return graph.ids[node]!;
  let labels = GROUP_LABELS.get(graph);
  if (labels === undefined) {
    labels = new Map();
    GROUP_LABELS.set(graph, labels);
  }
  let label = labels.get(node);
  if (label === undefined) {
    label = groupLabel(graph, node, group);
    labels.set(node, label);
  }
  return label;
}

function groupLabel(graph: Graph, node: number, group: GroupInfo): string {
  if (group.name) return group.name;
  const members: string[] = [];
  for (let e = graph.depStart[node]!; e < graph.depStart[node + 1]!; e++)
    members.push(graph.ids[graph.deps[e]!]!);
  return group.type === 'anyOf'
    ? `anyOf[${members.join(', ')}]`
    : `quorum ${group.need} of [${members.join(', ')}]`;
}

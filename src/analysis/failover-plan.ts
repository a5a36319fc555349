/**
 * How the analyser reads a failover group Bascule runs: the group makes the service's endpoints
 * redundant (an anyOf of the endpoints' paths), and Bascule's actuators run on runtime.component.
 * The paths are found where they part: the service's own dependsOn entries when each leads to one
 * endpoint, else the single component they all go through, and so on down. A map that already
 * makes them redundant (an anyOf of its own) is read as written; so is one whose paths cannot be
 * told apart (an endpoint reached through several entries): the analysis then says what the map
 * says, no more.
 */
import { dependenciesOf } from '../model/failover-references.ts';
import { entryMembers } from '../model/references.ts';
import type { Config } from '../model/schema.ts';
import { externalFailovers, failoverGroups } from '../model/schema-failover.ts';

export interface FailoverPlan {
  readonly id: string;
  /** The service it protects (Bascule-run), or undefined for a failover run by something else. */
  readonly service: string | undefined;
  /** Where the endpoints' paths part: the node whose dependsOn entries become one anyOf. */
  readonly owner: string;
  /** Those entries' indices, one per endpoint in order; undefined when the map is read as written. */
  readonly entries: readonly number[] | undefined;
  /** In order of preference: the endpoint's name and the node that stands for its path. */
  readonly endpoints: readonly { readonly name: string; readonly node: string }[];
  /** What moves the traffic: runtime.component for Bascule (undefined when the map does not say), `via` otherwise. */
  readonly via: string | undefined;
  /** The mover is on the traffic's path (Bascule's proxy or DNS): the service depends on it. */
  readonly inPath: boolean;
}

const MAX_DEPTH = 64;

/** Where the paths to `targets` part below `start`: the owner and its entries per target, if they do. */
function split(
  config: Config,
  start: string,
  targets: readonly string[],
): { owner: string; entries: number[] | undefined } {
  let owner = start;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const spec = config.services[owner] ?? config.components[owner];
    if (!spec) break;
    const reach = spec.dependsOn.map((dep) => {
      const seen = new Set<string>();
      for (const { to } of entryMembers(dep, [])) for (const n of dependenciesOf(config, to)) seen.add(n);
      return targets.map((t, i) => (seen.has(t) ? i : -1)).filter((i) => i >= 0);
    });
    const involved = reach.flatMap((r, i) => (r.length > 0 ? [i] : []));
    const only = involved.length === 1 ? spec.dependsOn[involved[0]!] : undefined;
    if (typeof only === 'string' && reach[involved[0]!]!.length === targets.length) {
      owner = only;
      continue;
    }
    const oneEach =
      involved.length === targets.length &&
      involved.every((i) => reach[i]!.length === 1 && typeof spec.dependsOn[i] === 'string') &&
      new Set(involved.map((i) => reach[i]![0])).size === targets.length;
    if (!oneEach) return { owner, entries: undefined };
    const entries = targets.map((_, t) => involved.find((i) => reach[i]![0] === t)!);
    return { owner, entries };
  }
  return { owner, entries: undefined };
}

export function failoverPlans(config: Config): FailoverPlan[] {
  const plans: FailoverPlan[] = [];
  const node = config.runtime?.component;
  for (const [id, g] of failoverGroups(config.failover)) {
    const components = g.endpoints.map((e) => config.checks[e.check]?.component ?? '');
    const { owner, entries } = split(config, g.service, components);
    const spec = config.services[owner] ?? config.components[owner];
    const endpoints = g.endpoints.map((e, i) => {
      const entry = entries?.[i];
      const dep = entry === undefined ? undefined : spec?.dependsOn[entry];
      return { name: e.name, node: typeof dep === 'string' ? dep : components[i]! };
    });
    plans.push({
      id,
      service: g.service,
      owner,
      entries,
      endpoints,
      via: node,
      inPath: node !== undefined && (g.proxy !== undefined || g.dns !== undefined),
    });
  }
  for (const [id, f] of externalFailovers(config.failover)) {
    plans.push({
      id,
      service: undefined,
      owner: f.primary,
      entries: undefined,
      endpoints: [f.primary, ...f.secondary].map((c) => ({ name: c, node: c })),
      via: f.via,
      inPath: false,
    });
  }
  return plans;
}

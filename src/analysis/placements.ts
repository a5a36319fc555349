/**
 * The places a map runs in (providers, regions, zones), each played as a failure: the basis of the
 * concentration, shared-placement and control-plane findings.
 */
import type { GroupKiller } from './blast-radius.ts';
import { chain } from './explain.ts';
import { type Graph, NODE_GROUP, NODE_SERVICE, placementsOf } from './graph.ts';
import type { Predicate } from './predicate.ts';
import type { Propagator } from './propagate.ts';

export type Level = 'provider' | 'region' | 'zone';

export interface PlaceFailure {
  readonly level: Level;
  /** `aws`, `aws/us-east-1`, `aws/us-east-1/us-east-1a`. */
  readonly label: string;
  readonly predicate: Predicate;
  readonly services: readonly number[];
  /** For each service down, the chain that explains it. */
  readonly paths: ReadonlyMap<number, readonly string[]>;
  /** Redundancy groups that died and that no single failed component explains. */
  readonly groups: readonly number[];
  /** For each watched node touched by this run: whether it failed, and how many of its dependencies did. */
  readonly watched: ReadonlyMap<number, { readonly failed: boolean; readonly failedDeps: number }>;
}

interface Place {
  readonly level: Level;
  readonly label: string;
  readonly predicate: Predicate;
  /** The components that fail with this place (the same ones the predicate matches). */
  readonly members: number[];
}

/** Every distinct provider, provider/region and provider/region/zone named in the map, with its components. */
export function placesOf(graph: Graph): Place[] {
  const seen = new Map<string, Place>();
  for (const c of graph.components) {
    const { own, runsOn } = placementsOf(graph.config.components[graph.ids[c]!]!);
    for (const p of own ? [own, ...runsOn] : runsOn) {
      const add = (level: Level, label: string, predicate: Predicate) => {
        const key = `${level}:${label}`;
        let place = seen.get(key);
        if (!place) {
          place = { level, label, predicate, members: [] };
          seen.set(key, place);
        }
        if (place.members[place.members.length - 1] !== c) place.members.push(c);
      };
      add('provider', p.provider, { provider: p.provider });
      // "global" is not a region that fails on its own: global services fail with their provider.
      if (p.region === undefined || p.region === 'global') continue;
      add('region', `${p.provider}/${p.region}`, { provider: p.provider, region: p.region });
      if (p.zone !== undefined) {
        add('zone', `${p.provider}/${p.region}/${p.zone}`, {
          provider: p.provider,
          region: p.region,
          zone: p.zone,
        });
      }
    }
  }
  return [...seen.values()];
}

/**
 * Fails each place in turn. Keeps per place only what findings need: the services down, the groups
 * down that no single component explains (see blast-radius.ts), and which `watch` nodes failed.
 */
export function failPlaces(
  graph: Graph,
  prop: Propagator,
  groupKillers: ReadonlyMap<number, readonly GroupKiller[]>,
  watch: ReadonlySet<number>,
): PlaceFailure[] {
  return placesOf(graph).map((place) => {
    const n = prop.run(place.members);
    const services: number[] = [];
    const groups: number[] = [];
    const watched = new Map<number, { failed: boolean; failedDeps: number }>();
    for (const w of watch) {
      const failedDeps = prop.failedDependencies(w);
      if (failedDeps > 0 || prop.isFailed(w)) watched.set(w, { failed: prop.isFailed(w), failedDeps });
    }
    for (let i = 0; i < n; i++) {
      const node = prop.failed[i]!;
      if (graph.nodeType[node] === NODE_SERVICE) services.push(node);
      else if (graph.nodeType[node] === NODE_GROUP && graph.tolerance[node]! > 0) {
        const killers = groupKillers.get(node) ?? [];
        if (!killers.some((k) => prop.isFailed(k.killer))) groups.push(node);
      }
    }
    const paths = new Map(services.map((sv) => [sv, chain(graph, prop, sv)] as const));
    return {
      level: place.level,
      label: place.label,
      predicate: place.predicate,
      services,
      paths,
      groups,
      watched,
    };
  });
}

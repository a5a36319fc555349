/**
 * The places a map runs in (providers, regions, zones), each played as a failure: the basis of the
 * concentration, shared-placement and control-plane findings.
 */
import type { GroupKillers } from './blast-radius.ts';
import { chainNodes } from './explain.ts';
import { type Graph, NODE_GROUP, NODE_SERVICE, placementsOf } from './graph.ts';
import { matchComponent, type Predicate } from './predicate.ts';
import type { Propagator } from './propagate.ts';

export type Level = 'provider' | 'region' | 'zone';

export interface PlaceFailure {
  readonly level: Level;
  /** `aws`, `aws/us-east-1`, `aws/us-east-1/us-east-1a`. */
  readonly label: string;
  readonly predicate: Predicate;
  readonly services: readonly number[];
  /** For each service down, the nodes of the chain that explains it (nodeLabel names them). */
  readonly chains: ReadonlyMap<number, readonly number[]>;
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
  readonly members: readonly number[];
}

/** The provider, region and zone levels of one placement, each as a place failure predicate. */
function levelsOf(p: { provider: string; region?: string | undefined; zone?: string | undefined }) {
  const out: { level: Level; label: string; predicate: Predicate }[] = [
    { level: 'provider', label: p.provider, predicate: { provider: p.provider } },
  ];
  // "global" is not a region that fails on its own: global services fail with their provider.
  if (p.region === undefined || p.region === 'global') return out;
  out.push({
    level: 'region',
    label: `${p.provider}/${p.region}`,
    predicate: { provider: p.provider, region: p.region },
  });
  if (p.zone !== undefined) {
    out.push({
      level: 'zone',
      label: `${p.provider}/${p.region}/${p.zone}`,
      predicate: { provider: p.provider, region: p.region, zone: p.zone },
    });
  }
  return out;
}

/** placesOf per graph: the place failures and the root-cause grouping both play them. */
const PLACES = new WeakMap<Graph, readonly Place[]>();

/**
 * Every distinct provider, provider/region and provider/region/zone named in the map, with its
 * components. A component fails with each place of its own placement and of its plain runsOn
 * entries; with a place named in a runsOn group only when that place's failure takes the whole
 * group down (a supplier on two AWS regions does not fail with one of them, it does with AWS).
 */
export function placesOf(graph: Graph): readonly Place[] {
  let places = PLACES.get(graph);
  if (places === undefined) {
    places = findPlaces(graph);
    PLACES.set(graph, places);
  }
  return places;
}

function findPlaces(graph: Graph): Place[] {
  const seen = new Map<string, { level: Level; label: string; predicate: Predicate; members: number[] }>();
  // The places of each placement, found once: a big map has thousands of components in each.
  const byPlacement = new Map<
    string,
    { level: Level; label: string; predicate: Predicate; members: number[] }[]
  >();
  const placesAt = (p: Parameters<typeof levelsOf>[0]) => {
    const key = `${p.provider}\u0000${p.region ?? '\u0001'}\u0000${p.zone ?? '\u0001'}`;
    let places = byPlacement.get(key);
    if (places === undefined) {
      places = levelsOf(p).map(({ level, label, predicate }) => {
        const at = `${level}:${label}`;
        let place = seen.get(at);
        if (!place) {
          place = { level, label, predicate, members: [] };
          seen.set(at, place);
        }
        return place;
      });
      byPlacement.set(key, places);
    }
    return places;
  };
  for (const c of graph.components) {
    const id = graph.ids[c]!;
    const spec = graph.config.components[id]!;
    const visit = (p: Parameters<typeof levelsOf>[0], grouped: boolean) => {
      for (const place of placesAt(p)) {
        if (place.members[place.members.length - 1] === c) continue;
        if (grouped && matchComponent(id, spec, [place.predicate]) === undefined) continue;
        place.members.push(c);
      }
    };
    // Its own placement is its spec's fields (placementsOf), read in place.
    if (spec.provider) visit(spec as Parameters<typeof levelsOf>[0], false);
    if (spec.runsOn.length === 0) continue;
    for (const entry of placementsOf(spec).runsOn)
      for (const p of entry.places) visit(p, entry.type !== 'place');
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
  groupKillers: ReadonlyMap<number, GroupKillers>,
  watch: ReadonlySet<number>,
): PlaceFailure[] {
  // The killers of every group in one flat list (from killerStart[g]): read for each group each place takes down.
  const killerStart = new Int32Array(graph.count + 1);
  for (const [g, k] of groupKillers) killerStart[g + 1] = k.killers.length;
  for (let i = 0; i < graph.count; i++) killerStart[i + 1]! += killerStart[i]!;
  const killers = new Int32Array(killerStart[graph.count]!);
  for (const [g, k] of groupKillers) killers.set(k.killers, killerStart[g]!);
  const explained = (group: number) => {
    for (let k = killerStart[group]!; k < killerStart[group + 1]!; k++)
      if (prop.isFailed(killers[k]!)) return true;
    return false;
  };
  const { nodeType, tolerance } = graph;
  return placesOf(graph).map((place) => {
    const n = prop.run(place.members);
    const failed = prop.failed;
    const services: number[] = [];
    const groups: number[] = [];
    const watched = new Map<number, { failed: boolean; failedDeps: number }>();
    for (const w of watch) {
      const failedDeps = prop.failedDependencies(w);
      if (failedDeps > 0 || prop.isFailed(w)) watched.set(w, { failed: prop.isFailed(w), failedDeps });
    }
    for (let i = 0; i < n; i++) {
      const node = failed[i]!;
      const type = nodeType[node];
      if (type === NODE_SERVICE) services.push(node);
      else if (type === NODE_GROUP && tolerance[node]! > 0 && !explained(node)) groups.push(node);
    }
    const chains = new Map(services.map((sv) => [sv, chainNodes(prop, sv)] as const));
    return {
      level: place.level,
      label: place.label,
      predicate: place.predicate,
      services,
      chains,
      groups,
      watched,
    };
  });
}

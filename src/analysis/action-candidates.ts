/**
 * The candidate changes of the top actions (actions.ts explains each): which change each finding
 * suggests, and how each modifies a copy of the map. Pure: no I/O.
 */
import type { Params } from '../errors.ts';
import type { ComponentSpec, Config, Dependency, Place, RunsOnEntry } from '../model/schema.ts';
import { adviceFor } from './advice.ts';
import { reachable } from './context.ts';
import type { Finding, FindingKind } from './finding.ts';
import type { Graph } from './graph.ts';
import { placesOf } from './placements.ts';
import { matchComponent, type Predicate } from './predicate.ts';

export const CHANGES = ['replica', 'split-region', 'split-provider', 'decouple', 'spread', 'move'] as const;
export type ChangeKind = (typeof CHANGES)[number];

/** At most this many candidates are re-analysed (the most severe findings first). */
export const MAX_CANDIDATES = 30;

/** The provider a copy is placed at: a name no outage of the library names. */
export const ELSEWHERE = 'another-provider';

/** A candidate change: what it is, and how it modifies the map. */
export interface Candidate {
  readonly id: string;
  readonly change: ChangeKind;
  readonly variant?: string;
  readonly finding: FindingKind;
  readonly subjects: readonly string[];
  readonly params: Params;
  /** What the change does, as a key: two findings suggesting the same change give one candidate. */
  readonly effect: string;
  readonly apply: (config: Config) => Config;
}

/** Kinds of component whose replica has its own title ("a replica" for a database, "a secondary DNS"). */
const REPLICA_VARIANTS: ReadonlySet<string> = new Set([
  'database',
  'dns',
  'payment',
  'email',
  'auth',
  'network',
  'saas',
]);

// ---------------------------------------------------------------------------------------------
// Changes to the map

function freeId(config: Config, base: string, taken: Set<string>): string {
  let id = `${base}-copy`;
  for (let i = 2; id in config.components || id in config.services || taken.has(id); i++)
    id = `${base}-copy${i}`;
  taken.add(id);
  return id;
}

/** The spec moved to another provider: no region, no zone, no runsOn. */
function atAnotherProvider(spec: ComponentSpec): ComponentSpec {
  const { region: _r, zone: _z, runsOn: _o, ...rest } = spec;
  return { ...rest, provider: ELSEWHERE, runsOn: [] };
}

const otherName = (name: string) => `${name}~other`;

/** A place moved out of `where` (a region or a zone), on the same provider. */
function movePlace<T extends { region?: string | undefined; zone?: string | undefined }>(
  p: T,
  where: Predicate,
): T {
  if (where.zone !== undefined) return { ...p, zone: otherName(where.zone) };
  const { zone: _z, ...rest } = p;
  return { ...rest, region: otherName(where.region!) } as T;
}

function inPlace(
  p: { provider?: string; region?: string | undefined; zone?: string | undefined },
  where: Predicate,
) {
  return (
    p.provider === where.provider &&
    (where.region === undefined || p.region === where.region) &&
    (where.zone === undefined || p.zone === where.zone)
  );
}

/** The spec with its own placement and its runsOn places moved out of a region or zone. */
function outOf(spec: ComponentSpec, where: Predicate): ComponentSpec {
  if (where.region === undefined && where.zone === undefined) return atAnotherProvider(spec);
  const own = spec.provider !== undefined && inPlace(spec, where) ? movePlace(spec, where) : spec;
  const place = (p: Place): Place => (inPlace(p, where) ? movePlace(p, where) : p);
  const runsOn = spec.runsOn.map((e): RunsOnEntry => {
    if ('anyOf' in e) return { ...e, anyOf: e.anyOf.map(place) };
    if ('quorum' in e) return { ...e, quorum: { ...e.quorum, of: e.quorum.of.map(place) } };
    return place(e);
  });
  return { ...own, runsOn };
}

/** Adds copies (original id → copy spec): every reference to an original also accepts its copy. */
function withPeers(config: Config, peers: ReadonlyMap<string, ComponentSpec>): Config {
  const taken = new Set<string>();
  const copyOf = new Map<string, string>();
  for (const id of peers.keys()) copyOf.set(id, freeId(config, id, taken));
  const members = (list: readonly string[]) =>
    list.flatMap((m) => (copyOf.has(m) ? [m, copyOf.get(m)!] : [m]));
  const rewire = (deps: readonly Dependency[]): Dependency[] =>
    deps.map((d): Dependency => {
      if (typeof d === 'string') return copyOf.has(d) ? { anyOf: [d, copyOf.get(d)!] } : d;
      if ('anyOf' in d) return { ...d, anyOf: members(d.anyOf) };
      return { ...d, quorum: { ...d.quorum, of: members(d.quorum.of) } };
    });
  const components: Record<string, ComponentSpec> = {};
  for (const [id, spec] of Object.entries(config.components))
    components[id] = { ...spec, dependsOn: rewire(spec.dependsOn) };
  for (const [id, spec] of peers) {
    components[copyOf.get(id)!] = { ...spec, dependsOn: rewire(spec.dependsOn) };
  }
  const services: Config['services'] = {};
  for (const [id, spec] of Object.entries(config.services))
    services[id] = { ...spec, dependsOn: rewire(spec.dependsOn) };
  return { ...config, services, components };
}

function replaced(config: Config, changes: Readonly<Record<string, ComponentSpec>>): Config {
  return { ...config, components: { ...config.components, ...changes } };
}

// ---------------------------------------------------------------------------------------------
// From findings to candidates

function groupMembers(graph: Graph, groupId: string): string[] {
  const g = graph.index.get(groupId);
  if (g === undefined || !graph.groups.has(g)) return [];
  const out: string[] = [];
  for (let e = graph.depStart[g]!; e < graph.depStart[g + 1]!; e++) out.push(graph.ids[graph.deps[e]!]!);
  return out;
}

/** `aws/eu-west-3/eu-west-3a` → `{provider, region, zone}`. */
function placeOf(label: string): Predicate {
  const [provider, region, zone] = label.split('/');
  return { provider, ...(region ? { region } : {}), ...(zone ? { zone } : {}) };
}

function replica(graph: Graph, id: string, finding: FindingKind): Candidate | undefined {
  const spec = graph.config.components[id];
  if (!spec?.provider) return undefined;
  // The kind as advice sorts it ("internet" is a network line, "payroll" a SaaS).
  const advice = adviceFor(spec.kind);
  const variant = REPLICA_VARIANTS.has(advice) ? advice : undefined;
  return {
    id: `replica:${id}`,
    change: 'replica',
    ...(variant ? { variant } : {}),
    finding,
    subjects: [id],
    params: { component: id },
    effect: `peers ${ELSEWHERE} ${id}`,
    apply: (c) => withPeers(c, new Map([[id, atAnotherProvider(c.components[id]!)]])),
  };
}

/** Whether a component is in a place only through where it runs (a supplier's runsOn), not by its own placement. */
function runsThere(spec: ComponentSpec, where: Predicate): boolean {
  return spec.runsOn.length > 0 && (spec.provider !== where.provider || spec.region !== where.region);
}

/** The components a service depends on, directly or not: each service's found once. */
type Below = (service: number) => readonly number[];

function below(graph: Graph): Below {
  const found = new Map<number, number[]>();
  return (service) => {
    let list = found.get(service);
    if (list === undefined) {
      list = reachable(graph, service, 'forward').filter((n) => graph.config.components[graph.ids[n]!]);
      found.set(service, list);
    }
    return list;
  };
}

/**
 * The components of a place of the map, marked by node (undefined: not a place of the map): those
 * its failure predicate matches (placesOf), found once rather than matched again per finding.
 */
function placeMembers(graph: Graph): (label: string) => Uint8Array | undefined {
  const marked = new Map<string, Uint8Array>();
  return (label) => {
    let marks = marked.get(label);
    if (marks === undefined) {
      const place = placesOf(graph).find((p) => p.label === label);
      if (place === undefined) return undefined;
      marks = new Uint8Array(graph.count);
      for (const c of place.members) marks[c] = 1;
      marked.set(label, marks);
    }
    return marks;
  };
}

interface Lookups {
  readonly under: Below;
  readonly inPlace: (label: string) => Uint8Array | undefined;
}

function split(
  graph: Graph,
  service: string,
  label: string,
  finding: FindingKind,
  { under, inPlace }: Lookups,
): Candidate | undefined {
  const where = placeOf(label);
  const s = graph.index.get(service);
  if (s === undefined) return undefined;
  const moved: string[] = [];
  const marks = inPlace(label);
  const predicates = [where];
  for (const node of under(s)) {
    const id = graph.ids[node]!;
    if (
      marks ? marks[node] === 1 : matchComponent(id, graph.config.components[id]!, predicates) !== undefined
    )
      moved.push(id);
  }
  if (moved.length === 0) return undefined;
  moved.sort();
  // Where a supplier runs (runsOn) is not the user's to change: a second region is asked of their
  // own components only; suppliers alone in the path get a second supplier each instead.
  let suppliers = false;
  if (where.region !== undefined) {
    const own = moved.filter((id) => !runsThere(graph.config.components[id]!, where));
    if (own.length === 0 && moved.length === 1) return replica(graph, moved[0]!, finding);
    if (own.length === 0) suppliers = true;
    else moved.splice(0, moved.length, ...own);
  }
  // One component at another provider is a replica of it, and said so.
  if (where.region === undefined && moved.length === 1) return replica(graph, moved[0]!, finding);
  const change = where.region === undefined ? 'split-provider' : 'split-region';
  const elsewhere = where.region === undefined || suppliers;
  return {
    id: `${change}:${service}:${label}`,
    change,
    ...(suppliers ? { variant: 'suppliers' } : {}),
    finding,
    subjects: [service, label, ...moved],
    params: { service, place: label, components: moved.join(', ') },
    effect: elsewhere ? `peers ${ELSEWHERE} ${moved.join(' ')}` : `peers ${label} ${moved.join(' ')}`,
    apply: (c) =>
      withPeers(
        c,
        new Map(
          moved.map((id) => [
            id,
            elsewhere ? atAnotherProvider(c.components[id]!) : outOf(c.components[id]!, where),
          ]),
        ),
      ),
  };
}

function decouple(graph: Graph, f: Finding): Candidate | undefined {
  const group = f.subjects[0]!;
  const members = groupMembers(graph, group);
  const shared = String(f.params.shared ?? '').split(', ')[0];
  if (!shared || members.length < 2) return undefined;
  const direct = members.every((m) => graph.config.components[m]?.dependsOn.includes(shared));
  const sharedSpec = graph.config.components[shared];
  if (!direct || !sharedSpec) return replica(graph, shared, f.kind);
  const others = members.slice(1);
  return {
    id: `decouple:${group}:${shared}`,
    change: 'decouple',
    finding: f.kind,
    subjects: [shared, ...members],
    params: { shared, members: members.join(', '), others: others.join(', '), count: others.length },
    effect: `decouple ${shared} ${others.join(' ')}`,
    apply: (c) => {
      const taken = new Set<string>();
      const spec = c.components[shared]!;
      const copy =
        spec.zone !== undefined && spec.provider !== undefined
          ? outOf(spec, { provider: spec.provider, region: spec.region, zone: spec.zone } as Predicate)
          : spec;
      const changes: Record<string, ComponentSpec> = {};
      for (const m of others) {
        const id = freeId(c, `${shared}-${m}`, taken);
        changes[id] = copy;
        const ms = c.components[m]!;
        changes[m] = { ...ms, dependsOn: ms.dependsOn.map((d) => (d === shared ? id : d)) };
      }
      return replaced(c, changes);
    },
  };
}

function spread(graph: Graph, f: Finding): Candidate | undefined {
  const group = f.subjects[0]!;
  const label = f.subjects[1]!;
  const where = placeOf(label);
  if (where.region === undefined) return undefined;
  const members = groupMembers(graph, group);
  const others = members.slice(1).filter((m) => {
    const spec = graph.config.components[m];
    return spec !== undefined && inPlace(spec, where);
  });
  if (others.length === 0) return undefined;
  return {
    id: `spread:${group}:${label}`,
    change: 'spread',
    ...(where.zone !== undefined ? { variant: 'zone' } : {}),
    finding: f.kind,
    subjects: [group, label, ...members],
    params: { members: members.join(', '), place: label, others: others.join(', ') },
    effect: `move ${label} ${others.join(' ')}`,
    apply: (c) => replaced(c, Object.fromEntries(others.map((m) => [m, outOf(c.components[m]!, where)]))),
  };
}

function move(graph: Graph, via: string, label: string, finding: FindingKind): Candidate | undefined {
  if (!graph.config.components[via]?.provider) return undefined;
  return {
    id: `move:${via}:${label}`,
    change: 'move',
    finding,
    subjects: [via, label],
    params: { component: via, place: label },
    effect: `move ${ELSEWHERE} ${via}`,
    apply: (c) => replaced(c, { [via]: atAnotherProvider(c.components[via]!) }),
  };
}

/** The rule-to-candidate table: the change each finding kind (and variant) suggests. */
const SUGGEST: Readonly<
  Record<FindingKind, (graph: Graph, f: Finding, lookups: Lookups) => Candidate | undefined>
> = {
  'single-point-of-failure': (graph, f) => replica(graph, f.subjects[0]!, f.kind),
  // Members that fail with a place only through what they depend on: no one change says which.
  'shared-dependency': (graph, f) =>
    f.variant === undefined ? decouple(graph, f) : f.variant === 'placement' ? spread(graph, f) : undefined,
  'region-concentration': (graph, f, lookups) =>
    split(graph, f.subjects[0]!, f.subjects[1]!, f.kind, lookups),
  'provider-concentration': (graph, f, lookups) =>
    split(graph, f.subjects[0]!, f.subjects[1]!, f.kind, lookups),
  'control-plane-dependency': (graph, f) =>
    f.variant === 'failover'
      ? move(graph, f.subjects[1]!, f.subjects[2]!, f.kind)
      : move(graph, f.subjects[0]!, f.subjects[1]!, f.kind),
  'monitoring-gap': () => undefined,
  // Backups do not change the score (rules/backups.ts), so no change to them can be ranked by it.
  'backup-missing': () => undefined,
  'backup-colocated': () => undefined,
  'rpo-unmet': () => undefined,
};

/** Distinct candidates from the findings (already most severe first), at most MAX_CANDIDATES. */
export function candidates(graph: Graph, findings: readonly Finding[]): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const lookups = { under: below(graph), inPlace: placeMembers(graph) };
  for (const f of findings) {
    if (out.length >= MAX_CANDIDATES) break;
    const c = SUGGEST[f.kind](graph, f, lookups);
    if (!c || seen.has(c.effect)) continue;
    seen.add(c.effect);
    out.push(c);
  }
  return out;
}

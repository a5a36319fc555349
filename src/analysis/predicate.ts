/**
 * Failure predicates: `provider=aws,region=us-east-1` (keys ANDed; a list of predicates is ORed).
 * A component matches through its own placement, or through a runsOn entry. `kind` is the component's
 * own property: it is matched against the component, never assumed. In a runsOn place an unknown
 * region or zone does not match (a supplier is not in every region at once), and an unknown service
 * matches only a predicate that names the place's provider: a supplier "somewhere in aws us-east-1"
 * may use DynamoDB there, but `service=route53` alone does not say the failure is at AWS. A runsOn
 * group (`anyOf`, `quorum`) fails when more of its places match than it tolerates.
 */
import { fail } from '../errors.ts';
import { type RunsOnGroup, runsOnGroup } from '../model/runs-on.ts';
import type { ComponentSpec, Place, Placement } from '../model/schema.ts';

export const PREDICATE_KEYS = ['provider', 'region', 'zone', 'service', 'kind', 'component'] as const;
export type PredicateKey = (typeof PREDICATE_KEYS)[number];
export type Predicate = Readonly<Partial<Record<PredicateKey, string>>>;

/** Why a component matched: the predicate and the placement (own, or runsOn[i]). */
export interface Match {
  readonly predicate: number;
  readonly via: 'own' | 'component' | number;
}

/** Parses `key=value[,key=value...]`; throws a BasculeError whose code says what is wrong. */
export function parsePredicate(text: string): Predicate {
  const out: Partial<Record<PredicateKey, string>> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) throw fail('BASCULE_E_PREDICATE_SYNTAX', { value: text });
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!(PREDICATE_KEYS as readonly string[]).includes(key)) {
      throw fail('BASCULE_E_PREDICATE_KEY', { value: text, key, keys: PREDICATE_KEYS.join(', ') });
    }
    if (value === '') throw fail('BASCULE_E_PREDICATE_EMPTY', { value: text, key });
    if (out[key as PredicateKey] !== undefined)
      throw fail('BASCULE_E_PREDICATE_DUPLICATE', { value: text, key });
    out[key as PredicateKey] = value;
  }
  return out;
}

/** `provider=aws,region=us-east-1`. */
export function formatPredicate(p: Predicate): string {
  return PREDICATE_KEYS.filter((k) => p[k] !== undefined)
    .map((k) => `${k}=${p[k]}`)
    .join(',');
}

/** What a predicate reads of a place: a runsOn place, a placement, or a component's own fields. */
type PlaceFields = Readonly<Pick<Place | Placement, 'region' | 'zone' | 'service'> & { provider?: string }>;

/** Whether a predicate's place keys (provider, region, zone, service) match a place. */
function placeMatches(p: Predicate, place: PlaceFields, runsOn: boolean): boolean {
  if (p.provider !== undefined && place.provider !== p.provider) return false;
  if (p.region !== undefined && place.region !== p.region) return false;
  if (p.zone !== undefined && place.zone !== p.zone) return false;
  if (p.service !== undefined) {
    // An unknown service in a runsOn place: the supplier may use any service of that provider there,
    // so it fails with a failure said to be at that provider, not with one that names no provider.
    if (place.service === undefined) return runsOn && p.provider !== undefined;
    if (place.service !== p.service) return false;
  }
  return true;
}

/** `kind` is the component's own: a predicate naming a kind matches only components of that kind. */
function kindMatches(p: Predicate, spec: ComponentSpec): boolean {
  return p.kind === undefined || spec.kind === p.kind;
}

/** How many places of a runsOn entry the predicates match, and the first predicate that matched one. */
export function entryHits(
  id: string,
  spec: ComponentSpec,
  entry: RunsOnGroup,
  predicates: readonly Predicate[],
): { readonly failed: number; readonly predicate: number } {
  let failed = 0;
  let first = -1;
  for (const place of entry.places) {
    for (let i = 0; i < predicates.length; i++) {
      const p = predicates[i]!;
      if (
        (p.component !== undefined && p.component !== id) ||
        !kindMatches(p, spec) ||
        !placeMatches(p, place, true)
      )
        continue;
      failed++;
      if (first < 0 || i < first) first = i;
      break;
    }
  }
  return { failed, predicate: first };
}

/** Whether a runsOn entry fails: more of its places failed than it tolerates. */
export function entryFails(entry: RunsOnGroup, failed: number): boolean {
  return failed > 0 && failed > entry.places.length - entry.need;
}

/** The first way a component matches any of the predicates, or undefined. */
export function matchComponent(
  id: string,
  spec: ComponentSpec,
  predicates: readonly Predicate[],
): Match | undefined {
  // Its own placement is the spec's own fields (placementsOf), read in place: this runs per
  // component for every outage and place, tens of thousands of times on a big map.
  const own = spec.provider ? spec : undefined;
  for (let i = 0; i < predicates.length; i++) {
    const p = predicates[i]!;
    if (p.component !== undefined) {
      if (p.component !== id) continue;
      if (onlyComponent(p)) return { predicate: i, via: 'component' };
    }
    if (own && kindMatches(p, spec) && placeMatches(p, own, false)) return { predicate: i, via: 'own' };
  }
  for (let r = 0; r < spec.runsOn.length; r++) {
    const entry = runsOnGroup(spec.runsOn[r]!);
    const { failed, predicate } = entryHits(id, spec, entry, predicates);
    if (entryFails(entry, failed)) return { predicate, via: r };
  }
  return undefined;
}

/** A predicate naming a component and nothing else. */
function onlyComponent(p: Predicate): boolean {
  for (const [key, value] of Object.entries(p)) if (key !== 'component' && value !== undefined) return false;
  return true;
}

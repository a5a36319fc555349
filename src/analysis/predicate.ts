/**
 * Failure predicates: `provider=aws,region=us-east-1` (keys ANDed; a list of predicates is ORed).
 * A component matches through its own placement, or through a runsOn placement. In a runsOn placement,
 * an unknown service or kind counts as matching (a supplier "somewhere in aws us-east-1" may well use
 * DynamoDB there), while an unknown region or zone does not (it is not in every region at once).
 */
import { fail } from '../errors.ts';
import type { ComponentSpec, Placement } from '../model/schema.ts';
import { placementsOf } from './graph.ts';

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

const WILDCARD_IN_RUNS_ON: ReadonlySet<string> = new Set(['service', 'kind']);

function placementMatches(p: Predicate, place: Placement, runsOn: boolean): boolean {
  for (const key of ['provider', 'region', 'zone', 'service', 'kind'] as const) {
    const want = p[key];
    if (want === undefined) continue;
    const have = place[key];
    if (have === undefined ? !(runsOn && WILDCARD_IN_RUNS_ON.has(key)) : have !== want) return false;
  }
  return true;
}

/** The first way a component matches any of the predicates, or undefined. */
export function matchComponent(
  id: string,
  spec: ComponentSpec,
  predicates: readonly Predicate[],
): Match | undefined {
  const { own, runsOn } = placementsOf(spec);
  for (let i = 0; i < predicates.length; i++) {
    const p = predicates[i]!;
    if (p.component !== undefined) {
      if (p.component !== id) continue;
      const rest = { ...p, component: undefined };
      if (Object.values(rest).every((v) => v === undefined)) return { predicate: i, via: 'component' };
    }
    if (own && placementMatches(p, own, false)) return { predicate: i, via: 'own' };
    for (let r = 0; r < runsOn.length; r++) {
      if (placementMatches(p, runsOn[r]!, true)) return { predicate: i, via: r };
    }
  }
  return undefined;
}

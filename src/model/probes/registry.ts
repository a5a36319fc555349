/**
 * The probe types, in one table. The check schema, the option-applies rules, the messages that list
 * the types and the compiled target union are all derived from PROBE_KINDS: a new probe type is a
 * descriptor file and a line here (and its runner in src/probes/registry.ts, which the compiler asks for).
 */
import { mergeShapes } from '../schema-primitives.ts';
import type { Flat, OwnKeys, UnionToIntersection } from '../shape-types.ts';
import { dnsKind } from './dns.ts';
import { httpKind } from './http.ts';
import type { ProbeKind } from './kind.ts';
import { tcpKind } from './tcp.ts';
import { tlsKind } from './tls.ts';

export const PROBE_KINDS = [httpKind, tcpKind, tlsKind, dnsKind] as const;

type Kinds = (typeof PROBE_KINDS)[number];
export type ProbeType = Kinds['type'];
/** The pure descriptor of one probe type. */
export type ProbeKindOf<P extends ProbeType> = Extract<Kinds, { readonly type: P }>;
/** What one probe type's runner is given: `TargetOf<'http'>` is HttpTarget. */
export type TargetOf<P extends ProbeType> = ReturnType<ProbeKindOf<P>['compile']>;
export type Target = { [P in ProbeType]: TargetOf<P> }[ProbeType];

/** The probe types in table order: `http, tcp, tls, dns` in messages. */
export const PROBE_TYPES: readonly ProbeType[] = PROBE_KINDS.map((k) => k.type);

/** Every probe's key (`http`, `tcp`, …) and options (`method`, `verifyTls`, …), for the check schema. */
export type ProbeShape = Flat<UnionToIntersection<OwnKeys<Kinds> | Kinds['options']>>;
/** Every probe's `expect` keys. */
export type ProbeExpectShape = Flat<UnionToIntersection<Kinds['expect']>>;

export const probeShape = {
  ...Object.fromEntries(PROBE_KINDS.map((k) => [k.type, k.key.optional()])),
  ...mergeShapes(
    'probe options',
    PROBE_KINDS.map((k) => [k.type, k.options]),
  ),
} as ProbeShape;

export const probeExpectShape = mergeShapes(
  'probe expect keys',
  PROBE_KINDS.map((k) => [k.type, k.expect]),
) as ProbeExpectShape;

/**
 * Which probe types each probe-specific option applies to: `verifyTls` → http, tls; `expect.status`
 * → http. Options not listed apply to every probe.
 */
export const PROBE_OPTIONS: ReadonlyMap<string, readonly ProbeType[]> = (() => {
  const applies = new Map<string, ProbeType[]>();
  const add = (option: string, type: ProbeType) =>
    applies.set(option, [...(applies.get(option) ?? []), type]);
  for (const k of PROBE_KINDS) {
    for (const o of Object.keys(k.options)) add(o, k.type);
    for (const o of Object.keys(k.expect)) add(`expect.${o}`, k.type);
  }
  return applies;
})();

/** The probe types whose key a check sets (exactly one in a valid map). */
export function probeTypesOf(spec: object): ProbeType[] {
  return PROBE_TYPES.filter((t) => (spec as Record<string, unknown>)[t] !== undefined);
}

/** The descriptor of a check's probe: the first whose key is set. */
export function probeKindOf(spec: object): ProbeKind | undefined {
  const type = probeTypesOf(spec)[0];
  return PROBE_KINDS.find((k) => k.type === type) as ProbeKind | undefined;
}

/**
 * Reads a map's provider, region and zone names through the catalogue: an alias becomes the
 * canonical id (with a notice), an unknown region or zone of a known provider and a component of a
 * regional provider without a region are warnings with a did-you-mean. Unknown providers are any
 * supplier's name, and stay as written. Pure.
 */
import type { Catalogue, Lookup } from './catalogue.ts';
import type { PathSegment } from './locate.ts';
import type { Config, Place } from './schema.ts';
import type { RawDiagnostic } from './schema-issues.ts';
import { suggest } from './suggest.ts';

interface Where {
  provider: string;
  region?: string | undefined;
  zone?: string | undefined;
}

/** Why a component cannot be placed in a region: what the analysis reports for regional outages. */
export type Unplaced = 'unknown-region' | 'no-region';

function hint(word: string, lookup: Lookup): { suggestion?: string } {
  if (lookup.known) return {};
  const s = suggest(word, lookup.suggestions);
  return s === undefined ? {} : { suggestion: s };
}

/** Normalises one place in place-copy; pushes notices and warnings located at `path`. */
function normalisePlace<T extends Where>(
  catalogue: Catalogue,
  where: T,
  path: readonly PathSegment[],
  needsRegion: boolean,
  out: RawDiagnostic[],
): T {
  let next = where;
  const set = (key: 'provider' | 'region' | 'zone', value: string, canonical: string) => {
    out.push({ code: 'BASCULE_W_CATALOGUE_ALIAS', path: [...path, key], params: { key, value, canonical } });
    next = { ...next, [key]: canonical };
  };
  const p = catalogue.lookupProvider(where.provider);
  if (!p.known) return where;
  if (p.renamed) set('provider', where.provider, p.id);
  const provider = p.id;
  if (where.region === undefined) {
    if (needsRegion && catalogue.isRegional(provider))
      out.push({ code: 'BASCULE_W_CATALOGUE_NO_REGION', path: [...path, 'provider'], params: { provider } });
    return next;
  }
  if (!catalogue.isRegional(provider)) return next;
  const r = catalogue.lookupRegion(provider, where.region);
  if (!r.known) {
    out.push({
      code: 'BASCULE_W_CATALOGUE_REGION',
      path: [...path, 'region'],
      params: { provider, region: where.region, ...hint(where.region, r) },
    });
    return next;
  }
  if (r.renamed) set('region', where.region, r.id);
  if (where.zone === undefined) return next;
  const z = catalogue.lookupZone(provider, r.id, where.zone);
  if (!z.known)
    out.push({
      code: 'BASCULE_W_CATALOGUE_ZONE',
      path: [...path, 'zone'],
      params: { provider, region: r.id, zone: where.zone, ...hint(where.zone, z) },
    });
  else if (z.renamed) set('zone', where.zone, z.id);
  return next;
}

function normalisePlaces(
  catalogue: Catalogue,
  places: readonly Place[],
  path: readonly PathSegment[],
  out: RawDiagnostic[],
): Place[] {
  return places.map((pl, i) => normalisePlace(catalogue, pl, [...path, i], false, out));
}

const REWRITES: ReadonlySet<string> = new Set(['BASCULE_W_CATALOGUE_ALIAS', 'BASCULE_W_CATALOGUE_HOSTED_ON']);

/** Whether the component was rewritten since `from` (the notices pushed after it). */
function renamed(list: readonly RawDiagnostic[], from: number): boolean {
  for (let i = from; i < list.length; i++) if (REWRITES.has(list[i]!.code)) return true;
  return false;
}

/**
 * A component of a provider the catalogue says runs on others (Microsoft 365 on Azure), with no
 * runsOn of its own, runs on them: an outage of Azure may reach it. Said in a notice.
 */
function hostedOn<T extends Config['components'][string]>(
  catalogue: Catalogue,
  spec: T,
  path: readonly PathSegment[],
  out: RawDiagnostic[],
): T {
  const hosts = spec.provider === undefined ? [] : (catalogue.provider(spec.provider)?.hostedOn ?? []);
  if (hosts.length === 0) return spec;
  out.push({
    code: 'BASCULE_W_CATALOGUE_HOSTED_ON',
    path: [...path, 'provider'],
    params: { provider: spec.provider!, hosts: hosts.join(', ') },
  });
  return { ...spec, runsOn: hosts.map((provider) => ({ provider })) };
}

/**
 * The config with canonical names, and the notices and warnings (never errors: a supplier the
 * catalogue does not know is fine). Only what changed is copied.
 */
export function normaliseConfig(
  config: Config,
  catalogue: Catalogue,
): { config: Config; warnings: RawDiagnostic[] } {
  const warnings: RawDiagnostic[] = [];
  let changed = false;
  const components: Config['components'] = {};
  for (const [cid, spec] of Object.entries(config.components)) {
    const path: PathSegment[] = ['components', cid];
    const before = warnings.length;
    let next = spec;
    if (spec.provider !== undefined)
      next = normalisePlace(catalogue, { ...spec, provider: spec.provider }, path, true, warnings);
    const runsOn = spec.runsOn.map((entry, i): (typeof spec.runsOn)[number] => {
      const at: PathSegment[] = [...path, 'runsOn', i];
      if ('anyOf' in entry)
        return { ...entry, anyOf: normalisePlaces(catalogue, entry.anyOf, [...at, 'anyOf'], warnings) };
      if ('quorum' in entry)
        return {
          ...entry,
          quorum: {
            ...entry.quorum,
            of: normalisePlaces(catalogue, entry.quorum.of, [...at, 'quorum', 'of'], warnings),
          },
        };
      return normalisePlace(catalogue, entry, at, false, warnings);
    });
    if (spec.runsOn.length > 0) next = { ...next, runsOn };
    else next = hostedOn(catalogue, next, path, warnings);
    const same = !renamed(warnings, before);
    components[cid] = same ? spec : next;
    if (!same) changed = true;
  }
  const vantages: Config['vantages'] = {};
  for (const [vid, v] of Object.entries(config.vantages)) {
    const next = normalisePlace(catalogue, v, ['vantages', vid], false, warnings);
    vantages[vid] = next;
    if (next !== v) changed = true;
  }
  return { config: changed ? { ...config, components, vantages } : config, warnings };
}

/**
 * The components whose region a regional outage cannot be checked against: a component of a
 * regional provider with no region, or with a region the catalogue does not know. For the analysis.
 */
export function unplacedComponents(
  config: Config,
  catalogue: Catalogue,
): { component: string; provider: string; why: Unplaced }[] {
  const out: { component: string; provider: string; why: Unplaced }[] = [];
  for (const [cid, spec] of Object.entries(config.components)) {
    if (spec.provider === undefined || !catalogue.isRegional(spec.provider)) continue;
    if (spec.region === undefined) out.push({ component: cid, provider: spec.provider, why: 'no-region' });
    else if (!catalogue.lookupRegion(spec.provider, spec.region).known)
      out.push({ component: cid, provider: spec.provider, why: 'unknown-region' });
  }
  return out;
}

/** What a failure predicate names (a --fail flag, a scenario's `fail`): the keys read through the catalogue. */
export interface PredicatePlace {
  readonly provider?: string | undefined;
  readonly region?: string | undefined;
  readonly zone?: string | undefined;
}

/**
 * A failure predicate with canonical names (`provider=OVHcloud,region=Strasbourg` fails ovh/sbg),
 * and the notices and warnings, located at `path` (`--fail provider=OVHcloud`). A predicate that
 * names a region but no provider is left as written: which provider's aliases apply is unknown.
 */
export function normalisePredicate<T extends PredicatePlace>(
  predicate: T,
  catalogue: Catalogue,
  path: string,
): { predicate: T; warnings: RawDiagnostic[] } {
  const warnings: RawDiagnostic[] = [];
  if (predicate.provider === undefined) return { predicate, warnings };
  const next = normalisePlace(
    catalogue,
    { ...predicate, provider: predicate.provider },
    [path],
    false,
    warnings,
  );
  return { predicate: renamed(warnings, 0) ? next : predicate, warnings };
}

/**
 * The provider catalogue: canonical provider ids, their aliases, regions and zones (with aliases)
 * and the providers they run on (Microsoft 365 on Azure). The data is in the providers/ folder;
 * this module is the format and the lookups. Pure: reading the files is at the edge.
 */
import { z } from 'zod';
import type { Diagnostic } from '../errors.ts';
import { ID_PATTERN } from './schema-operations.ts';

const text = z.string().min(1);
const id = z.string().regex(new RegExp(ID_PATTERN), { message: 'id' });
const aliases = z.array(text).default([]);

const zone = z.union([id, z.strictObject({ id, aliases })]);

const region = z.strictObject({
  id,
  name: text.optional(),
  aliases,
  /** Empty: the region's zones are not listed, and any zone is accepted. */
  zones: z.array(zone).default([]),
});

/** One file of providers/: one provider. */
export const providerSchema = z.strictObject({
  id,
  name: text,
  aliases,
  /** Empty: a global provider (no region is asked for). */
  regions: z.array(region).default([]),
  /** The providers it runs on (Microsoft 365 on Azure): an outage of those may reach it. */
  hostedOn: z.array(id).default([]),
});

export type ProviderEntry = z.output<typeof providerSchema>;

/** What callers (bascule init, the docs) list: a provider and its regions. */
export interface ProviderInfo {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly regional: boolean;
  readonly hostedOn: readonly string[];
  readonly regions: readonly {
    readonly id: string;
    readonly name: string | undefined;
    readonly aliases: readonly string[];
    readonly zones: readonly string[];
  }[];
}

interface CompiledRegion {
  readonly id: string;
  /** Lower-cased zone id or alias → zone id; empty when the zones are not listed. */
  readonly zones: ReadonlyMap<string, string>;
}

interface CompiledProvider {
  readonly info: ProviderInfo;
  /** Lower-cased region id or alias → region. */
  readonly regions: ReadonlyMap<string, CompiledRegion>;
}

/** The result of looking a word up: the canonical id, and whether the word was written otherwise. */
export type Lookup =
  | { readonly known: true; readonly id: string; readonly renamed: boolean }
  | { readonly known: false; readonly suggestions: readonly string[] };

/** The region every provider has: its global services. */
export const GLOBAL_REGION = 'global';

export class Catalogue {
  readonly #providers = new Map<string, CompiledProvider>();
  /** Lower-cased id or alias → provider id. */
  readonly #names = new Map<string, string>();

  constructor(entries: readonly ProviderEntry[]) {
    for (const e of entries) {
      const regions = new Map<string, CompiledRegion>();
      const infoRegions = e.regions.map((r) => {
        const zones = new Map<string, string>();
        const zoneIds: string[] = [];
        for (const z of r.zones) {
          const zid = typeof z === 'string' ? z : z.id;
          zoneIds.push(zid);
          for (const w of [zid, ...(typeof z === 'string' ? [] : z.aliases)]) zones.set(w.toLowerCase(), zid);
        }
        const compiled = { id: r.id, zones };
        for (const w of [r.id, ...r.aliases]) regions.set(w.toLowerCase(), compiled);
        return { id: r.id, name: r.name, aliases: r.aliases, zones: zoneIds };
      });
      const info: ProviderInfo = {
        id: e.id,
        name: e.name,
        aliases: e.aliases,
        regional: e.regions.length > 0,
        hostedOn: e.hostedOn,
        regions: infoRegions,
      };
      this.#providers.set(e.id, { info, regions });
      for (const w of [e.id, ...e.aliases]) this.#names.set(w.toLowerCase(), e.id);
    }
  }

  /** Every provider, by id. */
  providers(): readonly ProviderInfo[] {
    return [...this.#providers.values()].map((p) => p.info).sort((a, b) => a.id.localeCompare(b.id));
  }

  provider(providerId: string): ProviderInfo | undefined {
    return this.#providers.get(providerId)?.info;
  }

  /** A provider's canonical id from its id or an alias, any case; unknown providers are allowed. */
  lookupProvider(word: string): Lookup {
    const found = this.#names.get(word.toLowerCase());
    if (found === undefined) return { known: false, suggestions: [] };
    return { known: true, id: found, renamed: found !== word };
  }

  /** A region of a known provider (or `global`), from its id or an alias, any case. */
  lookupRegion(providerId: string, word: string): Lookup {
    const p = this.#providers.get(providerId);
    if (!p) return { known: false, suggestions: [] };
    if (word.toLowerCase() === GLOBAL_REGION)
      return { known: true, id: GLOBAL_REGION, renamed: word !== GLOBAL_REGION };
    const found = p.regions.get(word.toLowerCase());
    if (found) return { known: true, id: found.id, renamed: found.id !== word };
    return { known: false, suggestions: [...p.regions.keys()] };
  }

  /** A zone of a known region: known when the region lists no zones (any is accepted). */
  lookupZone(providerId: string, regionId: string, word: string): Lookup {
    const r = this.#providers.get(providerId)?.regions.get(regionId.toLowerCase());
    if (!r || r.zones.size === 0) return { known: true, id: word, renamed: false };
    const found = r.zones.get(word.toLowerCase());
    if (found) return { known: true, id: found, renamed: found !== word };
    return { known: false, suggestions: [...new Set(r.zones.values())] };
  }

  /** Whether components of this provider should say where they run. */
  isRegional(providerId: string): boolean {
    return this.#providers.get(providerId)?.info.regional ?? false;
  }
}

/**
 * Builds a catalogue from its files, in order (a later file with the same id replaces an earlier
 * one: the user's own over the built-in); an alias two providers claim is an error, located.
 */
export function buildCatalogue(
  files: readonly { readonly file: string; readonly entry: ProviderEntry }[],
): { ok: true; catalogue: Catalogue } | { ok: false; diagnostics: Diagnostic[] } {
  const byId = new Map<string, { file: string; entry: ProviderEntry }>();
  for (const f of files) byId.set(f.entry.id, f);
  const owner = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const { file, entry } of byId.values()) {
    for (const w of [entry.id, ...entry.aliases]) {
      const key = w.toLowerCase();
      const other = owner.get(key);
      if (other !== undefined && other !== entry.id)
        diagnostics.push({
          code: 'BASCULE_E_CATALOGUE_ALIAS',
          file,
          path: 'aliases',
          params: { alias: w, provider: entry.id, other },
        });
      else owner.set(key, entry.id);
    }
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  return { ok: true, catalogue: new Catalogue([...byId.values()].map((f) => f.entry)) };
}

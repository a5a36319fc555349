/**
 * Where a backup copy lives relative to its data, on the map: the places of a component (its own and
 * those its runsOn names), and whether a target shares the data's region, only its provider, or
 * neither. The 3-2-1-1-0 rule (backup/rule.ts) and the analyser's backup findings both read it.
 */
import type { Config, Place, RunsOnEntry } from './schema.ts';

/** The places of a component: its own, and those of its runsOn entries. */
export function placesOf(config: Config, component: string | undefined): Place[] {
  const spec = component === undefined ? undefined : config.components[component];
  if (!spec) return [];
  const out: Place[] = [];
  if (spec.provider !== undefined)
    out.push({ provider: spec.provider, ...(spec.region !== undefined ? { region: spec.region } : {}) });
  const add = (e: RunsOnEntry) => {
    if ('anyOf' in e) out.push(...e.anyOf);
    else if ('quorum' in e) out.push(...e.quorum.of);
    else out.push(e);
  };
  for (const e of spec.runsOn) add(e);
  return out;
}

/** How a target's place relates to the data's: `region` (same provider and region), `provider`, or `offsite`; `unplaced` when either is not on the map. */
export type Colocation = 'region' | 'provider' | 'offsite' | 'unplaced';

export function colocation(config: Config, source: string, targetComponent: string | undefined): Colocation {
  const here = placesOf(config, source);
  const there = placesOf(config, targetComponent);
  if (here.length === 0 || there.length === 0) return 'unplaced';
  const sameRegion = there.some((t) =>
    here.some((h) => h.provider === t.provider && h.region !== undefined && h.region === t.region),
  );
  if (sameRegion) return 'region';
  const sameProvider = there.some((t) => here.some((h) => h.provider === t.provider));
  return sameProvider ? 'provider' : 'offsite';
}

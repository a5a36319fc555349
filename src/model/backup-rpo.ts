/**
 * The RPO a dataset is judged against, and where it came from: the dataset's own `rpo`; else the
 * strictest `rpo` of the services that depend, directly or through other components, on the
 * dataset's component; else its schedule (`every`: then only "the schedule is kept" is judged).
 */
import { parseDuration } from './duration.ts';
import type { Config, Dependency } from './schema.ts';
import type { BackupDatasetSpec } from './schema-backups.ts';

export type RpoSource =
  | { readonly from: 'dataset' }
  | { readonly from: 'service'; readonly service: string }
  | { readonly from: 'every' };

export interface DatasetRpo {
  readonly ms: number;
  readonly source: RpoSource;
  /** The strictest RPO of the services that depend on the component, when one gives an RPO. */
  readonly services?: { readonly ms: number; readonly service: string };
}

const members = (d: Dependency): readonly string[] =>
  typeof d === 'string' ? [d] : 'anyOf' in d ? d.anyOf : d.quorum.of;

/** For each id, what depends on it (services and components), built once per map. */
const DEPENDENTS = new WeakMap<Config, ReadonlyMap<string, readonly string[]>>();

function dependents(config: Config): ReadonlyMap<string, readonly string[]> {
  let out = DEPENDENTS.get(config);
  if (out) return out;
  const map = new Map<string, string[]>();
  for (const section of [config.services, config.components] as const)
    for (const [id, spec] of Object.entries(section))
      for (const d of spec.dependsOn)
        for (const m of members(d)) {
          const list = map.get(m);
          if (list) list.push(id);
          else map.set(m, [id]);
        }
  out = map;
  DEPENDENTS.set(config, out);
  return out;
}

/** The strictest RPO among the services that depend on `component`, through any path. */
export function strictestServiceRpo(
  config: Config,
  component: string,
): { readonly ms: number; readonly service: string } | undefined {
  const up = dependents(config);
  const seen = new Set<string>([component]);
  const queue = [component];
  let best: { ms: number; service: string } | undefined;
  for (let i = 0; i < queue.length; i++) {
    for (const d of up.get(queue[i]!) ?? []) {
      if (seen.has(d)) continue;
      seen.add(d);
      queue.push(d);
      const service = Object.hasOwn(config.services, d) ? config.services[d] : undefined;
      const ms = service?.rpo === undefined ? undefined : parseDuration(service.rpo);
      if (ms !== undefined && (best === undefined || ms < best.ms || (ms === best.ms && d < best.service)))
        best = { ms, service: d };
    }
  }
  return best;
}

export function datasetRpo(config: Config, dataset: BackupDatasetSpec): DatasetRpo {
  const services = strictestServiceRpo(config, dataset.component);
  const own = dataset.rpo === undefined ? undefined : parseDuration(dataset.rpo);
  const withServices = services ? { services } : {};
  if (own !== undefined) return { ms: own, source: { from: 'dataset' }, ...withServices };
  if (services)
    return { ms: services.ms, source: { from: 'service', service: services.service }, ...withServices };
  return { ms: parseDuration(dataset.every) ?? 0, source: { from: 'every' } };
}

/** The datasets of the map, and the located did-you-mean error for one it does not have. */
import { fail } from '../../errors.ts';
import type { BackupDatasetSpec, Config } from '../../model/schema.ts';
import { suggest } from '../../model/suggest.ts';

export function datasetIds(config: Config): string[] {
  return Object.keys(config.backups?.datasets ?? {});
}

export function datasetSpec(config: Config, id: string): BackupDatasetSpec {
  const spec = config.backups?.datasets[id];
  if (spec) return spec;
  const ids = datasetIds(config);
  const hint = suggest(id, ids);
  throw fail('BASCULE_E_BACKUP_UNKNOWN_DATASET', {
    dataset: id,
    known: ids.join(', ') || '—',
    ...(hint ? { suggestion: hint } : {}),
  });
}

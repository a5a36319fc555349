/**
 * What a dataset backs up, as the restic library takes it: paths made absolute beside the map, a
 * command, or a PostgreSQL URL read from its secret. A command's output and a dump become one file
 * named after the dataset (`/shop-db.dump`, `/ledger`), so two datasets in one repository never
 * share a name, and a restore gives a file that says what it is. Snapshots carry the tag
 * `bascule:<dataset>`, by which retention is applied to this dataset only.
 */
import { resolve } from 'node:path';

import type { BackupDatasetSpec } from '../../model/schema.ts';
import { readSecret } from '../../platform/secrets.ts';
import type { BackupSource } from '../restic/index.ts';

export function datasetTag(dataset: string): string {
  return `bascule:${dataset}`;
}

/** The one file a command's output or a dump becomes in the snapshot. */
export function streamName(dataset: string, spec: BackupDatasetSpec): string {
  return spec.postgres ? `${dataset}.dump` : dataset;
}

export function sourceOf(
  dataset: string,
  spec: BackupDatasetSpec,
  baseDir: string,
  env: NodeJS.ProcessEnv,
): BackupSource {
  if (spec.paths) return { paths: spec.paths.map((p) => resolve(baseDir, p)) };
  if (spec.command) return { command: spec.command, filename: streamName(dataset, spec) };
  const url = readSecret(spec.postgres!.url, `backups.datasets.${dataset}.postgres.url`, baseDir, env);
  return { postgres: { url }, filename: streamName(dataset, spec) };
}

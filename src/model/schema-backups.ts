/**
 * `backups:` in bascule.yaml: where copies go (targets: restic repositories, each placed on the map
 * by a component) and what is copied (datasets: a PostgreSQL database, paths, or a command's
 * output), how often, against which RPO, kept how long, verified how. Structure only: that exactly
 * one source is given, that ids resolve, that a repository is one restic accepts, and that `every`
 * can meet the RPO are checked in backups-check.ts, located. Secrets stay references ({env},
 * {file}): nothing here reads them.
 */
import { z } from 'zod';
import { duration, id, secret, text } from './schema-primitives.ts';

/** An environment variable's name, as restic's backends read them (AWS_ACCESS_KEY_ID). */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const backupTarget = z.strictObject({
  repository: text.meta({
    description:
      'The restic repository: a local path, sftp:user@host:/path, rest:https://host/path, s3:https://host/bucket, b2:bucket:path, azure:container:/path, gs:bucket:/path, rclone:remote:path.',
  }),
  password: secret.meta({ description: 'The repository password: {file: ./restic.pw} or {env: VARIABLE}.' }),
  component: id.optional().meta({
    description:
      'The component of the map where this repository lives (a NAS, a bucket at a provider): the analyser knows from it where the copy is.',
  }),
  env: z.record(text, secret).optional().meta({
    description:
      'Environment variables the backend needs (AWS_ACCESS_KEY_ID…), each a secret: {env: VARIABLE} or {file: PATH}.',
  }),
  appendOnly: z.boolean().default(false).meta({
    description:
      'The repository refuses deletions (rest-server --append-only, object lock): Bascule proves it with a delete that must fail.',
  }),
});

const keepCount = z.number().int().min(1);
export const KEEP_KEYS = ['last', 'hourly', 'daily', 'weekly', 'monthly', 'yearly'] as const;

export const backupDataset = z.strictObject({
  component: id.meta({
    description: 'The component of the map whose data this is (a database, a file server).',
  }),
  postgres: z
    .strictObject({ url: secret.meta({ description: 'The database URL, a secret: {env: SHOP_DB_URL}.' }) })
    .optional()
    .meta({ description: 'A PostgreSQL database, dumped with pg_dump.' }),
  paths: z.array(text).min(1).optional().meta({ description: 'Files and folders to back up.' }),
  command: z
    .array(text)
    .min(1)
    .optional()
    .meta({ description: 'A program and its arguments whose standard output is the backup.' }),
  to: z.array(id).meta({
    description:
      'The targets that get a copy: the first by backup, the others by restic copy from the first.',
  }),
  every: duration.meta({ description: 'How often a backup runs.' }),
  rpo: duration.optional().meta({
    description:
      'The most data one may lose (default: the strictest RPO of the services that depend on the component).',
  }),
  keep: z
    .strictObject(
      Object.fromEntries(KEEP_KEYS.map((k) => [k, keepCount.optional()])) as Record<
        (typeof KEEP_KEYS)[number],
        z.ZodOptional<typeof keepCount>
      >,
    )
    .optional()
    .meta({ description: 'Which snapshots are kept (restic forget): {last: 24, daily: 7, weekly: 4}.' }),
  verify: z
    .strictObject({
      every: duration.meta({
        description: 'How often the repository is checked, reading a subset of its data.',
      }),
      restore: z.boolean().default(false).meta({
        description: 'Also restore the latest snapshot and compare it with what was recorded at backup time.',
      }),
    })
    .optional(),
});

export const backups = z.strictObject({
  targets: z.record(id, backupTarget).default({}),
  datasets: z.record(id, backupDataset).default({}),
});

export type BackupsSpec = z.output<typeof backups>;
export type BackupTargetSpec = z.output<typeof backupTarget>;
export type BackupDatasetSpec = z.output<typeof backupDataset>;

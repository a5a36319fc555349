/**
 * The zod schemas of the backup routes (GET/POST /api/v1/backups…): the answers, described for the
 * OpenAPI document. The status is `bascule backup status --format json`'s shape (the issue's
 * contract) with the schedule and the reasons beside it. No repository address, password or key.
 */
import { z } from '@hono/zod-openapi';

const state = z.enum(['ok', 'warn', 'breach']);
const iso = z.string().openapi({ description: 'ISO 8601' });
const error = z.object({ code: z.string(), detail: z.string().optional() });

export const datasetParams = z.object({
  dataset: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'dataset', in: 'path' }, example: 'shop-db' }),
});
export const historyQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .openapi({ description: 'Records of each kind shown (default 50).' }),
});

export const backupJob = z
  .object({
    id: z.string(),
    dataset: z.string(),
    job: z.enum(['run', 'verify']),
    trigger: z.enum(['schedule', 'manual']),
    startedAt: iso,
    who: z.string().optional(),
  })
  .openapi('BackupJob');

const target = z.object({
  id: z.string(),
  snapshot: z.string().nullable(),
  ageSeconds: z.number().nullable(),
  status: state,
  reason: z
    .string()
    .optional()
    .openapi({ description: 'Why it is not ok, worded in the request’s language' }),
  medium: z.string().nullable().openapi({ description: 'disk, object, rest, rclone' }),
  appendOnly: z.boolean(),
});
const rule = z.object({
  copies: z.number(),
  media: z.number(),
  offsite: z.number(),
  immutable: z.number(),
  verified: z.boolean(),
  ok: z.boolean(),
});
const dataset = z
  .object({
    id: z.string(),
    status: state,
    rpoSeconds: z.number(),
    lastRun: z.object({ ok: z.boolean(), at: iso, error: z.string().optional() }).nullable(),
    targets: z.array(target),
    rule,
    reasons: z.array(z.object({ code: z.string(), text: z.string() })).openapi({
      description: 'Each part of the 3-2-1-1-0 rule not met, worded in the request’s language',
    }),
    component: z.string(),
    everySeconds: z.number(),
    rpoFrom: z.string().openapi({ description: 'dataset, every, or the service whose RPO it is' }),
    nextRunAt: iso,
    nextVerifyAt: iso.nullable(),
    deadline: iso.openapi({ description: 'By when a good run must be recorded (the dead man’s switch)' }),
    missed: z.boolean(),
    lastVerify: z
      .object({ ok: z.boolean(), at: iso })
      .nullable()
      .openapi({ description: 'The oldest of the targets’ last checks' }),
    lastRestore: z
      .object({ ok: z.boolean(), at: iso, target: z.string(), mismatch: z.string().optional() })
      .nullable(),
    running: backupJob.nullable(),
  })
  .openapi('BackupDataset');

export const backupsStatus = z.object({ datasets: z.array(dataset) }).openapi('BackupsStatus');

export const backupHistory = z
  .object({
    dataset: z.string(),
    runs: z.array(
      z.object({
        id: z.string(),
        target: z.string(),
        kind: z.enum(['backup', 'copy', 'forget']),
        startedAt: iso,
        finishedAt: iso,
        ok: z.boolean(),
        snapshot: z.string().optional(),
        resticVersion: z.string().optional(),
        filesNew: z.number().optional(),
        bytesAdded: z.number().optional(),
        producerExit: z.number().optional(),
        error: error.optional(),
      }),
    ),
    checks: z.array(
      z.object({
        target: z.string(),
        at: iso,
        ok: z.boolean(),
        readData: z.string().optional(),
        error: error.optional(),
      }),
    ),
    restores: z.array(
      z.object({
        target: z.string(),
        snapshot: z.string(),
        at: iso,
        ok: z.boolean(),
        mismatch: z.string().optional(),
        error: error.optional(),
      }),
    ),
  })
  .openapi('BackupHistory');

export const jobStarted = z.object({ job: backupJob }).openapi('BackupJobStarted');

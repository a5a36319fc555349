/**
 * `bascule backup restore DATASET --to DIR [--snapshot ID] [--target T] [--force]`: a snapshot
 * restored into DIR with a progress bar. DIR must be empty or absent unless --force is given
 * (then files of the same name are replaced). Exit 0 restored, 1 failed.
 */
import { resolve } from 'node:path';

import { datasetIds } from '../../../backup/runner/datasets.ts';
import { knownTarget } from '../../../backup/runner/targets.ts';
import { fail } from '../../../errors.ts';
import { t } from '../../../i18n/index.ts';
import { progressReporter } from '../../progress.ts';
import { reasonOf } from '../../render/backup-jobs-text.ts';
import { choice, emit, json } from '../../shared.ts';
import { painter } from '../../style.ts';
import type { BackupAction } from './action.ts';
import { selected, withJobs } from './jobs.ts';

export const restore: BackupAction = async (ctx, args) => {
  const format = choice(ctx, 'format', ['text', 'json'] as const);
  const to = ctx.values.to;
  if (args.names.length !== 1 || typeof to !== 'string')
    throw fail('BASCULE_E_USAGE_BACKUP', { action: `restore ${args.names.join(' ')}`.trim() });
  const [dataset] = selected(ctx, args.names, datasetIds(args.config), 'BASCULE_E_BACKUP_UNKNOWN_DATASET');
  const target = typeof ctx.values.target === 'string' ? ctx.values.target : undefined;
  if (target !== undefined) knownTarget(args.config, target);
  const snapshot = typeof ctx.values.snapshot === 'string' ? ctx.values.snapshot : undefined;
  const dir = resolve(ctx.io.cwd, to);
  const paint = painter(ctx.io.color);
  const progress = progressReporter(ctx.io, ctx.lang, paint);
  const out = await withJobs(ctx, args, (jobs, signal) =>
    jobs.restoreDataset(dataset!, {
      to: dir,
      signal,
      force: ctx.values.force === true,
      ...(target ? { target } : {}),
      ...(snapshot ? { snapshot } : {}),
      onStep: (e) => progress.step(dataset!, e),
      onProgress: (p) => progress.progress(dataset!, p),
    }),
  );
  progress.done();
  if (format === 'json') emit(ctx, json(out));
  else if (out.ok)
    emit(
      ctx,
      t(ctx.lang, 'backupJobs.restore.done', {
        dataset: out.dataset,
        snapshot: (out.snapshot ?? '').slice(0, 8),
        target: out.target,
        dir,
      }),
    );
  else ctx.io.stderr(`${reasonOf(ctx.lang, out.error, out.target)}\n`);
  return out.ok ? 0 : 1;
};

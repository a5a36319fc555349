/**
 * `bascule backup verify [DATASET...] [--target T]`: each target checked (a part of its data
 * read), the latest good snapshot restored and compared with what was recorded, append-only
 * proved. Exit 1 on any mismatch or failure.
 */
import { datasetIds } from '../../../backup/runner/datasets.ts';
import type { RunnerVerifyOutcome } from '../../../backup/runner/index.ts';
import { knownTarget } from '../../../backup/runner/targets.ts';
import { progressReporter } from '../../progress.ts';
import { renderVerifies } from '../../render/backup-jobs-text.ts';
import { choice, emit, json } from '../../shared.ts';
import { painter } from '../../style.ts';
import type { BackupAction } from './action.ts';
import { selected, withJobs } from './jobs.ts';

export const verify: BackupAction = async (ctx, args) => {
  const format = choice(ctx, 'format', ['text', 'json'] as const);
  const ids = selected(ctx, args.names, datasetIds(args.config), 'BASCULE_E_BACKUP_UNKNOWN_DATASET');
  const from = typeof ctx.values.target === 'string' ? ctx.values.target : undefined;
  if (from !== undefined) knownTarget(args.config, from);
  const paint = painter(ctx.io.color);
  const progress = progressReporter(ctx.io, ctx.lang, paint);
  const list = await withJobs(ctx, args, async (jobs, signal) => {
    jobs.preflight(ids);
    const out: RunnerVerifyOutcome[] = [];
    for (const id of ids)
      out.push(
        await jobs.verify(id, {
          signal,
          ...(from ? { restoreFrom: from } : {}),
          onStep: (e) => progress.step(id, e),
        }),
      );
    return out;
  });
  progress.done();
  emit(ctx, format === 'json' ? json({ datasets: list }) : `${renderVerifies(list, ctx.lang, paint)}\n`);
  return list.every((o) => o.ok) ? 0 : 1;
};

/** `bascule backup run [DATASET...]`: each dataset backed up, copied, its retention applied. Exit 0 all good, 1 any failed. */
import type { DatasetRunOutcome } from '../../../backup/jobs.ts';
import { datasetIds } from '../../../backup/runner/datasets.ts';
import { progressReporter } from '../../progress.ts';
import { renderRuns } from '../../render/backup-jobs-text.ts';
import { choice, emit, json } from '../../shared.ts';
import { painter } from '../../style.ts';
import type { BackupAction } from './action.ts';
import { selected, withJobs } from './jobs.ts';

export const run: BackupAction = async (ctx, args) => {
  const format = choice(ctx, 'format', ['text', 'json'] as const);
  const ids = selected(ctx, args.names, datasetIds(args.config), 'BASCULE_E_BACKUP_UNKNOWN_DATASET');
  const paint = painter(ctx.io.color);
  const progress = progressReporter(ctx.io, ctx.lang, paint);
  const list = await withJobs(ctx, args, async (jobs, signal) => {
    jobs.preflight(ids);
    const out: DatasetRunOutcome[] = [];
    for (const id of ids)
      out.push(
        await jobs.run(id, {
          signal,
          onStep: (e) => progress.step(id, e),
          onProgress: (p) => progress.progress(id, p),
        }),
      );
    return out;
  });
  progress.done();
  emit(ctx, format === 'json' ? json({ datasets: list }) : `${renderRuns(list, ctx.lang, paint)}\n`);
  return list.every((o) => o.ok) ? 0 : 1;
};

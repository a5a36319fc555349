/**
 * `bascule backup verify [DATASET...] [--target T]`: each target checked (a part of its data
 * read), the latest good snapshot restored and compared with what was recorded, append-only
 * proved. Exit 1 on any mismatch or failure. `--read-data` says how much data each check reads.
 */
import { datasetIds } from '../../../backup/runner/datasets.ts';
import type { RunnerVerifyOutcome } from '../../../backup/runner/index.ts';
import { knownTarget } from '../../../backup/runner/targets.ts';
import { fail } from '../../../errors.ts';
import { progressReporter } from '../../progress.ts';
import { renderVerifies } from '../../render/backup-jobs-text.ts';
import { choice, emit, json } from '../../shared.ts';
import { painter } from '../../style.ts';
import type { BackupAction } from './action.ts';
import { selected, withJobs } from './jobs.ts';

/** `--read-data 5%|1/10|500M|100%`: how much of each repository's data the check reads (default 5%). */
function readDataFlag(ctx: Parameters<BackupAction>[0]): string | undefined {
  const v = ctx.values['read-data'];
  if (typeof v !== 'string') return undefined;
  if (/^(100|[1-9]?\d(\.\d+)?)%$|^[1-9]\d*\/[1-9]\d*$|^[1-9]\d*[KMGT]?$/i.test(v)) return v;
  throw fail('BASCULE_E_USAGE_FLAG_VALUE', {
    flag: '--read-data',
    value: v,
    allowed: '5%, 1/10, 500M, 100%',
  });
}

export const verify: BackupAction = async (ctx, args) => {
  const format = choice(ctx, 'format', ['text', 'json'] as const);
  const ids = selected(ctx, args.names, datasetIds(args.config), 'BASCULE_E_BACKUP_UNKNOWN_DATASET');
  const from = typeof ctx.values.target === 'string' ? ctx.values.target : undefined;
  const readData = readDataFlag(ctx);
  if (from !== undefined) knownTarget(args.config, from);
  const paint = painter(ctx.io.color);
  const progress = progressReporter(ctx.io, ctx.lang, paint);
  const list = await withJobs(
    ctx,
    { ...args, ...(readData ? { readDataSubset: readData } : {}) },
    async (jobs, signal) => {
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
    },
  );
  progress.done();
  emit(ctx, format === 'json' ? json({ datasets: list }) : `${renderVerifies(list, ctx.lang, paint)}\n`);
  return list.every((o) => o.ok) ? 0 : 1;
};

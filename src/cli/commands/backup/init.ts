/** `bascule backup init [TARGET...]`: the repositories that do not exist yet are created. Exit 1 if any failed. */
import { targetIds } from '../../../backup/runner/targets.ts';
import { progressReporter } from '../../progress.ts';
import { renderInits } from '../../render/backup-jobs-text.ts';
import { choice, emit, json } from '../../shared.ts';
import { painter } from '../../style.ts';
import type { BackupAction } from './action.ts';
import { selected, withJobs } from './jobs.ts';

export const init: BackupAction = async (ctx, args) => {
  const format = choice(ctx, 'format', ['text', 'json'] as const);
  const ids = selected(ctx, args.names, targetIds(args.config), 'BASCULE_E_BACKUP_UNKNOWN_TARGET');
  const paint = painter(ctx.io.color);
  const progress = progressReporter(ctx.io, ctx.lang, paint);
  const list = await withJobs(ctx, args, (jobs) => {
    jobs.preflightTargets(ids);
    return jobs.initTargets(ids, { onStep: (e) => progress.step(args.config.name, e) });
  });
  progress.done();
  emit(ctx, format === 'json' ? json({ targets: list }) : `${renderInits(list, ctx.lang, paint)}\n`);
  return list.every((i) => i.ok) ? 0 : 1;
};

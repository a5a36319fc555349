/** `bascule backup status`: the records read (never a store created), judged against each RPO. */
import type { BackupHeads } from '../../../store/backup-records.ts';
import { renderBackupStatus } from '../../render/backup-text.ts';
import { choice, emit, json } from '../../shared.ts';
import { storeLocation } from '../../store-location.ts';
import { painter } from '../../style.ts';
import type { BackupAction } from './action.ts';

const NO_RECORDS: BackupHeads = { lastRuns: [], goodRuns: [], checks: [], restores: [], proofs: [] };

export const status: BackupAction = async (ctx, { config, baseDir }) => {
  const format = choice(ctx, 'format', ['text', 'json'] as const);
  const { dataDir, spec, present } = storeLocation(ctx, config, baseDir);
  let heads = NO_RECORDS;
  if (present) {
    const { openStore } = await import('../../../store/open.ts');
    const store = await openStore(spec, dataDir);
    try {
      await store.migrate();
      heads = await store.backupHeads();
    } finally {
      await store.close();
    }
  }
  const { backupStatus, backupStatusJson } = await import('../../../backup/status.ts');
  const now = Date.now();
  const list = backupStatus(config, heads, now);
  emit(
    ctx,
    format === 'json'
      ? json(backupStatusJson(list))
      : `${renderBackupStatus(config.name, list, ctx.lang, painter(ctx.io.color), now)}\n`,
  );
  return 0;
};

import { dirname, resolve } from 'node:path';
import { fail } from '../../errors.ts';
import type { BackupHeads } from '../../store/backup-records.ts';
import { CONFIG_OPTION, type Command, FORMAT_OPTION } from '../command.ts';
import { renderBackupStatus } from '../render/backup-text.ts';
import { choice, configPath, emit, json, readConfig } from '../shared.ts';
import { storeLocation } from '../store-location.ts';
import { painter } from '../style.ts';

const NO_RECORDS: BackupHeads = { lastRuns: [], goodRuns: [], checks: [], restores: [], proofs: [] };

export const backup = {
  name: 'backup',
  summary: 'cli.backup.summary',
  usage:
    'bascule backup status [-c FILE] [--data-dir DIR] [--store sqlite|postgres://...] [--format text|json]',
  effect: 'read-only',
  options: {
    ...CONFIG_OPTION,
    ...FORMAT_OPTION,
    'data-dir': { type: 'string' },
    store: { type: 'string' },
  },
  positionals: 1,
  async run(ctx) {
    const [action, ...rest] = ctx.positionals;
    if (action !== 'status' || rest.length > 0) throw fail('BASCULE_E_USAGE_BACKUP', {});
    const format = choice(ctx, 'format', ['text', 'json'] as const);
    const config = readConfig(ctx);
    const baseDir = dirname(resolve(ctx.io.cwd, configPath(ctx)));
    const { dataDir, spec, present } = storeLocation(ctx, config, baseDir);
    let heads = NO_RECORDS;
    if (present) {
      const { openStore } = await import('../../store/open.ts');
      const store = await openStore(spec, dataDir);
      try {
        await store.migrate();
        heads = await store.backupHeads();
      } finally {
        await store.close();
      }
    }
    const { backupStatus, backupStatusJson } = await import('../../backup/status.ts');
    const now = Date.now();
    const list = backupStatus(config, heads, now);
    emit(
      ctx,
      format === 'json'
        ? json(backupStatusJson(list))
        : `${renderBackupStatus(config.name, list, ctx.lang, painter(ctx.io.color), now)}\n`,
    );
    return 0;
  },
} satisfies Command;

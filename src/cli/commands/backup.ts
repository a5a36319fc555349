/**
 * `bascule backup status`: every dataset of the map judged against its RPO and the 3-2-1-1-0 rule,
 * from Bascule's own records in the store (the daemon's data directory, as `status-page export`
 * finds it), never by asking restic. Reads without locking: it runs beside a running daemon. A
 * store that is not there yet is not created: every dataset is then "never backed up".
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fail } from '../../errors.ts';
import type { BackupHeads } from '../../store/backup-records.ts';
import { CONFIG_OPTION, type Command, FORMAT_OPTION } from '../command.ts';
import { renderBackupStatus } from '../render/backup-text.ts';
import { choice, configPath, emit, json, readConfig } from '../shared.ts';
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
    const flagDir = ctx.values['data-dir'];
    const dataDir =
      typeof flagDir === 'string'
        ? resolve(ctx.io.cwd, flagDir)
        : resolve(baseDir, config.runtime?.dataDir ?? '.bascule');
    const flagStore = ctx.values.store;
    const spec =
      typeof flagStore === 'string'
        ? flagStore
        : (ctx.io.env.BASCULE_STORE ?? config.runtime?.store ?? 'sqlite');
    let heads = NO_RECORDS;
    if (spec !== 'sqlite' || existsSync(join(dataDir, 'bascule.db'))) {
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

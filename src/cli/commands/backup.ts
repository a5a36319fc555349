/**
 * `bascule backup ACTION`: status (the records judged), init, run, verify and restore (restic driven
 * by the runner, every step recorded in the store). One file per action in commands/backup/.
 */
import { dirname, resolve } from 'node:path';
import { fail } from '../../errors.ts';
import { CONFIG_OPTION, type Command, FORMAT_OPTION } from '../command.ts';
import { configPath, readConfig } from '../shared.ts';
import type { BackupAction } from './backup/action.ts';
import { init } from './backup/init.ts';
import { restore } from './backup/restore.ts';
import { run } from './backup/run.ts';
import { status } from './backup/status.ts';
import { verify } from './backup/verify.ts';

const ACTIONS: Readonly<Record<string, BackupAction>> = { status, init, run, verify, restore };

const COMMON = '[-c FILE] [--data-dir DIR] [--store sqlite|postgres://...] [--format text|json]';

export const backup = {
  name: 'backup',
  summary: 'cli.backup.summary',
  usage: [
    `bascule backup status ${COMMON}`,
    `       bascule backup init [TARGET...] ${COMMON}`,
    `       bascule backup run [DATASET...] ${COMMON}`,
    `       bascule backup verify [DATASET...] [--target T] [--read-data 5%|1/10|500M|100%] ${COMMON}`,
    `       bascule backup restore DATASET --to DIR [--snapshot ID] [--target T] [--force] ${COMMON}`,
  ].join('\n'),
  effect: 'writes-files',
  options: {
    ...CONFIG_OPTION,
    ...FORMAT_OPTION,
    'data-dir': { type: 'string' },
    store: { type: 'string' },
    to: { type: 'string' },
    snapshot: { type: 'string' },
    target: { type: 'string' },
    force: { type: 'boolean' },
    'read-data': { type: 'string' },
  },
  positionals: 1,
  async run(ctx) {
    const [action, ...names] = ctx.positionals;
    const act = action !== undefined && Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
    if (!act || (action === 'status' && names.length > 0))
      throw fail('BASCULE_E_USAGE_BACKUP', { action: ctx.positionals.join(' ') });
    const config = readConfig(ctx);
    const baseDir = dirname(resolve(ctx.io.cwd, configPath(ctx)));
    return act(ctx, { config, baseDir, names });
  },
} satisfies Command;

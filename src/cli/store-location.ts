/**
 * Where a command finds the daemon's store, as `bascule run` keeps it: the data directory
 * (`--data-dir`, else `runtime.dataDir` beside the map, else `.bascule`) and the store
 * (`--store`, else BASCULE_STORE, else `runtime.store`, else SQLite in the data directory).
 * Commands that only read never create a store: `present` says whether there is one to read.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../model/schema.ts';
import type { CommandContext } from './command.ts';

export interface StoreLocation {
  readonly dataDir: string;
  /** `sqlite` or a PostgreSQL URL. */
  readonly spec: string;
  /** False only for SQLite whose file is not there (a PostgreSQL server is asked, not guessed). */
  readonly present: boolean;
}

export function storeLocation(ctx: CommandContext, config: Config, baseDir: string): StoreLocation {
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
  return { dataDir, spec, present: spec !== 'sqlite' || existsSync(join(dataDir, 'bascule.db')) };
}

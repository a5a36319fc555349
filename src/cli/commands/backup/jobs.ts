/**
 * What the running actions share: the store opened where the daemon keeps it (the data directory
 * created when absent, as `bascule run` does), the runner on it, the names on the command line
 * checked against the map (every unknown one at once, with a did-you-mean), every secret read
 * before anything runs, and a SIGINT or SIGTERM that stops restic cleanly (its lock removed).
 */

import type { BackupRunner } from '../../../backup/runner/index.ts';
import { BasculeError, type Diagnostic, fail } from '../../../errors.ts';
import type { Config } from '../../../model/schema.ts';
import { suggest } from '../../../model/suggest.ts';
import { systemClock } from '../../../platform/clock.ts';
import type { Store } from '../../../store/store.ts';
import type { CommandContext } from '../../command.ts';
import { configPath } from '../../shared.ts';
import { storeLocation } from '../../store-location.ts';
import type { BackupArgs } from './action.ts';

/** The names given, checked against those the map has; none given: all of them. */
export function selected(
  ctx: CommandContext,
  names: readonly string[],
  known: readonly string[],
  code: 'BASCULE_E_BACKUP_UNKNOWN_DATASET' | 'BASCULE_E_BACKUP_UNKNOWN_TARGET',
): string[] {
  if (known.length === 0) throw fail('BASCULE_E_BACKUP_NONE', {});
  if (names.length === 0) return [...known];
  const bad: Diagnostic[] = [];
  for (const name of names) {
    if (known.includes(name)) continue;
    const hint = suggest(name, known);
    const key = code === 'BASCULE_E_BACKUP_UNKNOWN_DATASET' ? 'dataset' : 'target';
    bad.push({
      code,
      file: configPath(ctx),
      params: { [key]: name, known: known.join(', '), ...(hint ? { suggestion: hint } : {}) } as never,
    });
  }
  if (bad.length > 0) throw new BasculeError(bad);
  return [...new Set(names)];
}

export async function withJobs<T>(
  ctx: CommandContext,
  args: BackupArgs,
  work: (jobs: BackupRunner, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const { dataDir, spec } = storeLocation(ctx, args.config, args.baseDir);
  const [{ createBackupJobs }, { openStore }] = await Promise.all([
    import('../../../backup/runner/index.ts'),
    import('../../../store/open.ts'),
  ]);
  if (spec === 'sqlite' || spec.startsWith('sqlite:')) {
    const { prepareDataDir } = await import('../../../daemon/data-dir.ts');
    prepareDataDir(dataDir);
  }
  const store: Store = await openStore(spec, dataDir);
  const stop = new AbortController();
  let stopped = false;
  void ctx.io.untilStopped?.().then(() => {
    stopped = true;
    stop.abort();
  });
  try {
    await store.migrate();
    const jobs = createBackupJobs({
      config: args.config as Config,
      baseDir: args.baseDir,
      dataDir,
      store,
      clock: systemClock,
      env: ctx.io.env,
      ...(args.readDataSubset ? { readDataSubset: args.readDataSubset } : {}),
    });
    return await work(jobs, stop.signal);
  } finally {
    if (!stopped) stop.abort();
    await store.close();
  }
}

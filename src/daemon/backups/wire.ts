/**
 * The daemon's backups, when the map has datasets: the controller over the jobs (the restic runner
 * of backup/runner/ unless the daemon was given others), its store, clock, log and metrics.
 */
import type { BackupJobs } from '../../backup/jobs.ts';
import { createBackupJobs } from '../../backup/runner/index.ts';
import type { Config } from '../../model/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/log.ts';
import type { Registry } from '../../platform/metrics.ts';
import type { Store } from '../../store/store.ts';
import { BackupController, type BackupControllerOptions } from './controller.ts';

export interface BackupWiring {
  readonly config: Config;
  readonly baseDir: string;
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly store: Store;
  readonly clock: Clock;
  readonly log: Logger;
  readonly registry: Registry;
  /** Runs a job's news through the daemon's pipeline. */
  readonly post: BackupControllerOptions['post'];
  readonly watchingSince: number;
  readonly jobs?: BackupJobs;
  readonly timing?: { readonly maxRunning?: number; readonly stopWaitMs?: number };
}

export function wireBackups(w: BackupWiring): BackupController | undefined {
  if (Object.keys(w.config.backups?.datasets ?? {}).length === 0) return undefined;
  const { config, store, clock, log } = w;
  return new BackupController({
    config,
    jobs:
      w.jobs ??
      createBackupJobs({ config, baseDir: w.baseDir, dataDir: w.dataDir, env: w.env, store, log, clock }),
    store,
    clock,
    log,
    registry: w.registry,
    post: w.post,
    watchingSince: w.watchingSince,
    ...(w.timing?.maxRunning !== undefined ? { maxRunning: w.timing.maxRunning } : {}),
    ...(w.timing?.stopWaitMs !== undefined ? { stopWaitMs: w.timing.stopWaitMs } : {}),
  });
}

/** What every job of the runner is given: the map, where it lives, the store, the clock, the log. */
import type { Config } from '../../model/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import type { BackupStore } from '../../store/backup-records.ts';
import type { JobOptions } from '../jobs.ts';
import { detectVersion, type ResticRepo, type ResticVersion } from '../restic/index.ts';
import { resticRepo, type TargetContext } from './targets.ts';

/** The part of a logger the runner writes to (pino's). Never given a secret. */
export interface RunnerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** A step starting or ending, for a live line per step (the CLI) or the daemon's log. */
export interface StepEvent {
  readonly step: 'backup' | 'copy' | 'forget' | 'check' | 'restore-test' | 'proof' | 'restore' | 'init';
  readonly target: string;
  readonly phase: 'start' | 'end';
  readonly ok?: boolean;
}

export interface RunnerOptions extends JobOptions {
  readonly onStep?: (e: StepEvent) => void;
}

export interface RunnerDeps {
  readonly config: Config;
  /** The map's folder. */
  readonly baseDir: string;
  /** The data directory (restic's cache goes in `restic-cache/`). */
  readonly dataDir: string;
  readonly store: BackupStore;
  readonly clock: Clock;
  readonly log?: RunnerLog;
  /** The environment {env} secrets are read from (default: the process's). */
  readonly env?: NodeJS.ProcessEnv;
  /** The part of the data each `verify` check reads (default `5%`). */
  readonly readDataSubset?: string;
}

export interface Runner extends RunnerDeps {
  readonly targets: TargetContext;
  repo(target: string): ResticRepo;
  /** restic's version, asked once (a missing restic rejects with BASCULE_E_RESTIC_NOT_INSTALLED). */
  version(): Promise<ResticVersion>;
}

export function runnerOf(deps: RunnerDeps): Runner {
  const targets: TargetContext = {
    config: deps.config,
    baseDir: deps.baseDir,
    dataDir: deps.dataDir,
    env: deps.env ?? process.env,
  };
  let version: Promise<ResticVersion> | undefined;
  return {
    ...deps,
    targets,
    repo: (id) => resticRepo(targets, id),
    version() {
      version ??= detectVersion();
      // A failure is not kept: restic may be installed by the next call.
      version.catch(() => {
        version = undefined;
      });
      return version;
    },
  };
}

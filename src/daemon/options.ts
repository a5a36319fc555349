import type { BackupJobs } from '../backup/jobs.ts';
import type { Lang } from '../i18n/index.ts';
import type { Catalogue } from '../model/catalogue.ts';
import type { Config } from '../model/schema.ts';
import type { CompiledCheck } from '../monitor/compile.ts';
import type { IncidentEvent } from '../monitor/incidents.ts';
import type { ProbeResult } from '../monitor/types.ts';
import type { Notifier } from '../notify/notifier.ts';
import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/log.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import type { Store } from '../store/store.ts';

/** What the daemon is started with: the map, where its state lives, and the seams tests use. */
export interface DaemonOptions {
  readonly config: Config;
  /** The map's directory: relative dataDir and secret files are resolved from it. */
  readonly baseDir: string;
  readonly listen?: string;
  readonly dataDir?: string;
  /** A store spec (`sqlite`, `postgres://…`, `memory`), or a store already open (tests). */
  readonly store?: string | Store;
  readonly lang: Lang;
  readonly log: Logger;
  readonly env: NodeJS.ProcessEnv;
  readonly clock?: Clock;
  /** How often buffered observations are stored and processed (default 250 ms). */
  readonly flushMs?: number;
  readonly probe?: (check: CompiledCheck, signal: AbortSignal) => Promise<ProbeResult>;
  /** Called with how late each local probe started, in ms (benchmarks). */
  readonly onDrift?: (ms: number) => void;
  /** Routes and delivers alerts for incident events (`bascule run` passes one built from `notify`). */
  readonly notifier?: Notifier;
  /** How long a problem of Bascule itself lasts before it is alerted (default 30 s; tests). */
  readonly selfAlertAfterMs?: number;
  /** The failover stage's tick and reconcile period (default 250 ms, 2 s; tests). */
  readonly failoverTiming?: { readonly tickMs?: number; readonly reconcileMs?: number };
  /** Called with each batch of incident events (tests). */
  readonly onIncidents?: (events: readonly IncidentEvent[]) => Promise<void> | void;
  /** The outage library the map is analysed with (`bascule run`: built in and scenarios/ next to the map; default: built in). */
  readonly scenarios?: readonly Scenario[];
  /** The provider catalogue the map was read with (default: the built-in one). */
  readonly catalogue?: Catalogue;
  /**
   * What runs a dataset's backup and verification (the port of backup/jobs.ts), with `backups:` in
   * the map; default: the restic runner (src/backup/runner/).
   */
  readonly backupJobs?: BackupJobs;
  /** The backups stage's tick, jobs at once, and wait for aborted jobs at stop (default 10 s, 2, 10 s; tests). */
  readonly backupTiming?: {
    readonly tickMs?: number;
    readonly maxRunning?: number;
    readonly stopWaitMs?: number;
  };
  /** The map's file as the plan names it (default `bascule.yaml`). */
  readonly file?: string;
}

import { resolve } from 'node:path';
import type { IncidentEvent } from '../monitor/incidents.ts';
import type { Monitor } from '../monitor/monitor.ts';
import type { Clock } from '../platform/clock.ts';
import type { LiveFeed } from '../server/live.ts';
import type { Store } from '../store/store.ts';
import type { StatusPageSource } from '../web/status/load.ts';
import type { BackupController } from './backups/controller.ts';
import type { Failover } from './failover/build.ts';
import type { DaemonHealth } from './health.ts';
import type { MaintenanceBook } from './maintenance-book.ts';
import type { DaemonOptions } from './options.ts';
import type { Stage } from './pipeline.ts';
import { backupsStage } from './stages/backups.ts';
import { failoverStage } from './stages/failover.ts';
import type { IncidentsStage } from './stages/incidents.ts';
import { liveStage } from './stages/live.ts';
import { logStage } from './stages/log.ts';
import { maintenanceStage } from './stages/maintenance.ts';
import { type MonitorMetrics, metricsStage } from './stages/metrics.ts';
import { notifyStage } from './stages/notify.ts';
import { persistTransitionsStage } from './stages/persist.ts';
import { retentionStage } from './stages/retention.ts';
import { snapshotStage } from './stages/snapshot.ts';
import { stalenessStage } from './stages/staleness.ts';
import { statusExportStage } from './stages/status-export.ts';
import { watchedStage } from './stages/watched.ts';

/** What the daemon's stages are made from. */
export interface StageParts {
  readonly o: DaemonOptions;
  readonly clock: Clock;
  readonly monitor: Monitor;
  readonly store: Store;
  readonly metrics: MonitorMetrics;
  readonly live: LiveFeed;
  readonly causes: (service: string) => string[];
  readonly incidents: IncidentsStage;
  readonly health: () => DaemonHealth;
  readonly failover: Failover | undefined;
  readonly maintenance: MaintenanceBook;
  /** The public status page, when the map has one; this run's start (when Bascule is watching). */
  readonly statusPage: StatusPageSource | undefined;
  readonly runningSince: number;
  /** The backups of the map, when it has datasets. */
  readonly backups: BackupController | undefined;
}

/**
 * The stages, in the order a batch goes through them: persist before act. A feature (failover,
 * audit…) adds its stage here.
 */
export async function stagesOf(p: StageParts): Promise<Stage[]> {
  const { o, clock, monitor, store, metrics, live, causes, incidents, health, failover, maintenance } = p;
  const exportTo = p.statusPage?.page.export;
  return [
    stalenessStage(monitor),
    maintenanceStage(maintenance),
    persistTransitionsStage(store),
    logStage(o.log),
    incidents,
    metricsStage(metrics, () => incidents.book().open.size),
    ...(o.notifier
      ? [
          await notifyStage({
            notifier: o.notifier,
            store,
            log: o.log,
            clock,
            causes,
            registry: metrics.registry,
            problems: () => health().problems,
            config: o.config,
            lang: o.lang,
            silencing: (service, now) => maintenance.silencing(service, now),
            ...(o.selfAlertAfterMs !== undefined ? { selfAfterMs: o.selfAlertAfterMs } : {}),
          }),
        ]
      : []),
    ...(failover ? [failoverStage(failover.controller, o.failoverTiming)] : []),
    ...(p.backups
      ? [
          backupsStage(
            p.backups,
            o.backupTiming?.tickMs !== undefined ? { tickMs: o.backupTiming.tickMs } : {},
          ),
        ]
      : []),
    liveStage(live),
    watchedStage(store, p.runningSince),
    ...(p.statusPage && exportTo?.onChange
      ? [
          statusExportStage({
            source: p.statusPage,
            dir: resolve(o.baseDir, exportTo.dir),
            clock,
            log: o.log,
          }),
        ]
      : []),
    ...(o.onIncidents ? [hook(o.onIncidents)] : []),
    snapshotStage(monitor, store),
    retentionStage(store, o.config.runtime?.retention, o.log),
  ];
}

/** A stage that hands incident events to a callback (tests). */
function hook(fn: (events: readonly IncidentEvent[]) => Promise<void> | void): Stage {
  return {
    name: 'hook',
    on: { incidents: ({ events }) => (events.length > 0 ? fn(events) : undefined) },
  };
}

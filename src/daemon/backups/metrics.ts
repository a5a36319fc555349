/**
 * The backup metrics (served at /metrics): per dataset and target the last good snapshot's time and
 * age; per dataset its status (0 ok, 1 warn, 2 breach), the last good verification, runs by result,
 * their duration, missed runs, jobs running. The gauges are read at each scrape from the last
 * records the backups stage read, aged with the clock.
 */
import { Counter, Gauge, Histogram } from 'prom-client';
import type { BackupState } from '../../backup/status.ts';
import type { Registry } from '../../platform/metrics.ts';

/** What the gauges are read from: the stage's last reading of the records. */
export interface BackupReading {
  readonly now: () => number;
  /** Per dataset: status; per dataset and target: when the last good snapshot was made. */
  readonly datasets: () => readonly {
    readonly id: string;
    readonly status: BackupState;
    readonly targets: readonly { readonly id: string; readonly goodAt: number | null }[];
    /** When the last good verification ended (null: none known). */
    readonly verifiedAt: number | null;
  }[];
  readonly running: () => number;
}

const STATUS: Readonly<Record<BackupState, number>> = { ok: 0, warn: 1, breach: 2 };

export function backupMetrics(registry: Registry, read: BackupReading) {
  const registers = [registry];
  new Gauge({
    name: 'bascule_backup_last_success_timestamp_seconds',
    help: 'When the last good snapshot of a dataset on a target was made (Unix time); absent before the first',
    labelNames: ['dataset', 'target'],
    registers,
    collect() {
      this.reset();
      for (const d of read.datasets())
        for (const t of d.targets)
          if (t.goodAt !== null) this.set({ dataset: d.id, target: t.id }, t.goodAt / 1000);
    },
  });
  new Gauge({
    name: 'bascule_backup_snapshot_age_seconds',
    help: 'Age of the last good snapshot of a dataset on a target; absent when there is none',
    labelNames: ['dataset', 'target'],
    registers,
    collect() {
      this.reset();
      const now = read.now();
      for (const d of read.datasets())
        for (const t of d.targets)
          if (t.goodAt !== null)
            this.set({ dataset: d.id, target: t.id }, Math.max(0, (now - t.goodAt) / 1000));
    },
  });
  new Gauge({
    name: 'bascule_backup_status',
    help: 'State of a dataset against its RPO: 0 ok, 1 warn (up to 2×RPO), 2 breach',
    labelNames: ['dataset'],
    registers,
    collect() {
      this.reset();
      for (const d of read.datasets()) this.set({ dataset: d.id }, STATUS[d.status]);
    },
  });
  new Gauge({
    name: 'bascule_backup_verify_last_success_timestamp_seconds',
    help: 'When the last good verification of a dataset (checks, and the restore test if asked) ended (Unix time)',
    labelNames: ['dataset'],
    registers,
    collect() {
      this.reset();
      for (const d of read.datasets())
        if (d.verifiedAt !== null) this.set({ dataset: d.id }, d.verifiedAt / 1000);
    },
  });
  new Gauge({
    name: 'bascule_backup_jobs_running',
    help: 'Backup and verification jobs the daemon is running now',
    registers,
    collect() {
      this.set(read.running());
    },
  });
  return {
    runs: new Counter({
      name: 'bascule_backup_runs_total',
      help: 'Backup runs and verifications of a dataset the daemon started, by job (run, verify) and result (ok, failed, aborted)',
      labelNames: ['dataset', 'job', 'result'],
      registers,
    }),
    duration: new Histogram({
      name: 'bascule_backup_run_duration_seconds',
      help: 'How long a backup run or a verification of a dataset took, by job (run, verify)',
      labelNames: ['dataset', 'job'],
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400],
      registers,
    }),
    missed: new Counter({
      name: 'bascule_backup_missed_runs_total',
      help: 'Times a dataset had no good backup recorded within its period plus the grace (the dead man’s switch)',
      labelNames: ['dataset'],
      registers,
    }),
  };
}

export type BackupMetrics = ReturnType<typeof backupMetrics>;

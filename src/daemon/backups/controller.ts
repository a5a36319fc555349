/**
 * The daemon's backups: starts the jobs the schedule says are due through the `BackupJobs` port (at
 * most `maxRunning` at once, never two of the same dataset: a run and a verification of one dataset
 * wait for each other), and judges the records after each job and on the stage's tick. What it has
 * to say (a failed run or verification, a dataset going to breach or back to ok, a missed run, jobs
 * starting and ending) is published on the `backups` topic. Jobs run beside the pipeline (a backup
 * takes minutes): their end is handed back to it by `post`. On stop, running jobs are aborted by
 * their signal; a run that does not answer in time is recorded as aborted by the daemon itself.
 */
import type { BackupJobs } from '../../backup/jobs.ts';
import { backupSchedule, type DatasetSchedule, isDue } from '../../backup/schedule.ts';
import { backupStatus, type DatasetStatus } from '../../backup/status.ts';
import { errorCode } from '../../errors.ts';
import type { Config } from '../../model/schema.ts';
import type { BackupNotice } from '../../notify/backup-alerts.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/log.ts';
import type { Registry } from '../../platform/metrics.ts';
import type { BackupError, BackupHeads, BackupStore } from '../../store/backup-records.ts';
import type { StateStore } from '../../store/store.ts';
import type { Emit } from '../pipeline.ts';
import { type BackupMetrics, backupMetrics } from './metrics.ts';

export type JobKind = 'run' | 'verify';

/** A job under way. */
export interface BackupJobView {
  readonly id: string;
  readonly dataset: string;
  readonly job: JobKind;
  readonly trigger: 'schedule' | 'manual';
  readonly startedAt: number;
  /** Who asked, for a manual job. */
  readonly who?: string;
}

export type StartAnswer =
  | { readonly ok: true; readonly job: BackupJobView }
  | { readonly ok: false; readonly running: BackupJobView }
  | { readonly ok: false; readonly unavailable: true };

/** How many jobs run at once by default (the runner itself runs one per repository at a time). */
export const MAX_RUNNING = 2;
/** How long a stopping daemon waits for aborted jobs to answer. */
export const STOP_WAIT_MS = 10_000;
/** The state key of what was alerted and not over yet (datasets in breach, runs missed). */
export const BACKUP_ALERTS_KEY = 'backups.alerts';

export interface BackupControllerOptions {
  readonly config: Config;
  /** The runner; absent, nothing is started (the records are still judged, missed runs still alerted). */
  readonly jobs?: BackupJobs;
  readonly store: BackupStore & StateStore;
  readonly clock: Clock;
  readonly log: Logger;
  readonly registry: Registry;
  /** Hands work back to the pipeline, in its order (daemon: pipeline.run). */
  readonly post: (what: string, task: (emit: Emit) => unknown) => unknown;
  /** When Bascule began watching (a dataset never backed up is missed past every + grace from it). */
  readonly watchingSince: number;
  readonly maxRunning?: number;
  readonly stopWaitMs?: number;
}

/** What was alerted and not yet over: datasets in breach, runs missed (kept across restarts). */
interface Alerted {
  breached: string[];
  missed: string[];
}

const reasonOf = (e: BackupError | undefined): string =>
  e ? (e.detail ? `${e.code}: ${e.detail}` : e.code) : 'unknown';

export class BackupController {
  private readonly running = new Map<
    string,
    { view: BackupJobView; abort: AbortController; done: Promise<void> }
  >();
  private readonly metrics: BackupMetrics;
  private readonly maxRunning: number;
  private alerted: Alerted | undefined;
  private heads: BackupHeads | undefined;
  private statuses: readonly DatasetStatus[] = [];
  private schedules: readonly DatasetSchedule[] = [];
  /** When the last good verification of each dataset ended. */
  private readonly verified = new Map<string, number>();
  private stopping = false;

  constructor(private readonly o: BackupControllerOptions) {
    this.maxRunning = Math.max(1, o.maxRunning ?? MAX_RUNNING);
    this.metrics = backupMetrics(o.registry, {
      now: () => o.clock.now(),
      running: () => this.running.size,
      datasets: () => {
        const good = new Map(
          (this.heads?.goodRuns ?? []).map((r) => [`${r.dataset} ${r.target}`, r.finishedAt]),
        );
        return this.statuses.map((d) => ({
          id: d.id,
          status: d.status,
          targets: d.targets.map((t) => ({ id: t.id, goodAt: good.get(`${d.id} ${t.id}`) ?? null })),
          verifiedAt: this.verified.get(d.id) ?? null,
        }));
      },
    });
  }

  datasets(): string[] {
    return Object.keys(this.o.config.backups?.datasets ?? {});
  }

  jobs(): BackupJobView[] {
    return [...this.running.values()].map((r) => r.view);
  }

  /** The job under way for a dataset, if any. */
  runningFor(dataset: string): BackupJobView | undefined {
    return this.running.get(dataset)?.view;
  }

  /** The last judgement and schedule (the API's answer reads the records again). */
  async read(now: number) {
    const heads = await this.o.store.backupHeads();
    return {
      heads,
      statuses: backupStatus(this.o.config, heads, now),
      schedules: backupSchedule(this.o.config, heads, now, this.o.watchingSince),
    };
  }

  /** Starts a job unless one of the dataset's is under way. A manual start does not wait for a free place. */
  start(dataset: string, job: JobKind, trigger: 'schedule' | 'manual', who?: string): StartAnswer {
    const busy = this.running.get(dataset);
    if (busy) return { ok: false, running: busy.view };
    if (!this.o.jobs) return { ok: false, unavailable: true };
    const startedAt = this.o.clock.now();
    const view: BackupJobView = {
      id: `${dataset}@${job}@${startedAt}`,
      dataset,
      job,
      trigger,
      startedAt,
      ...(who !== undefined ? { who } : {}),
    };
    const abort = new AbortController();
    const done = this.execute(view, abort.signal);
    this.running.set(dataset, { view, abort, done });
    this.o.log.info({ dataset, job, trigger, ...(who ? { who } : {}) }, `backup ${job} started`);
    this.o.post(`backup ${job} started`, (emit) =>
      emit('backups', [{ kind: 'started', dataset, job, trigger, at: startedAt }]),
    );
    return { ok: true, job: view };
  }

  private async execute(view: BackupJobView, signal: AbortSignal): Promise<void> {
    const { dataset, job } = view;
    const jobs = this.o.jobs!;
    const notices: BackupNotice[] = [];
    let ok = false;
    let result: 'ok' | 'failed' | 'aborted' = 'failed';
    try {
      if (job === 'run') {
        const out = await jobs.run(dataset, { signal });
        ok = out.ok;
        if (!ok)
          notices.push({
            kind: 'run-failed',
            dataset,
            target: out.error?.target ?? this.firstTarget(dataset),
            reason: reasonOf(out.error),
            at: out.finishedAt,
          });
      } else {
        const out = await jobs.verify(dataset, { signal });
        ok = out.ok;
        if (ok) this.verified.set(dataset, out.finishedAt);
        else {
          const bad = out.restores.find((r) => !r.ok);
          const check = out.checks.find((c) => !c.ok);
          const target = out.error?.target ?? check?.target ?? bad?.target ?? this.firstTarget(dataset);
          const reason = out.error
            ? reasonOf(out.error)
            : check
              ? reasonOf(check.error ?? { code: 'check-failed' })
              : bad?.mismatch
                ? `restore-mismatch: ${bad.mismatch}`
                : reasonOf(bad?.error);
          notices.push({ kind: 'verify-failed', dataset, target, reason, at: out.finishedAt });
        }
      }
      result = ok ? 'ok' : signal.aborted ? 'aborted' : 'failed';
    } catch (e) {
      // A defect, or the store failing: the job's outcome is unknown, so it is a failure.
      result = signal.aborted ? 'aborted' : 'failed';
      this.o.log.error({ err: e, dataset, job }, `backup ${job} threw`);
      const at = this.o.clock.now();
      const reason = `job-error: ${errorCode(e)}`;
      notices.push(
        job === 'run'
          ? { kind: 'run-failed', dataset, target: this.firstTarget(dataset), reason, at }
          : { kind: 'verify-failed', dataset, target: this.firstTarget(dataset), reason, at },
      );
    }
    const end = this.o.clock.now();
    this.metrics.runs.inc({ dataset, job, result });
    this.metrics.duration.observe({ dataset, job }, Math.max(0, end - view.startedAt) / 1000);
    this.o.log[ok ? 'info' : 'warn'](
      { dataset, job, result, ms: end - view.startedAt },
      `backup ${job} ended`,
    );
    if (this.stopping) return; // the pipeline is stopping: nothing more is published
    this.running.delete(dataset);
    await this.o.post(`backup ${job} ended`, async (emit) => {
      emit('backups', [{ kind: 'finished', dataset, job, ok, at: end }, ...(signal.aborted ? [] : notices)]);
      await this.judge(this.o.clock.now(), emit);
      this.startDue(this.o.clock.now());
    });
  }

  private firstTarget(dataset: string): string {
    return this.o.config.backups?.datasets[dataset]?.to[0] ?? '';
  }

  /** Reads the records, publishes breaches, recoveries and missed runs. */
  async judge(now: number, emit: Emit): Promise<void> {
    const { heads, statuses, schedules } = await this.read(now);
    this.heads = heads;
    this.statuses = statuses;
    this.schedules = schedules;
    if (this.verified.size === 0) this.seedVerified(heads);
    const alerted = await this.loadAlerted();
    const notices: BackupNotice[] = [];
    let changed = false;
    const breached = new Set(alerted.breached);
    for (const d of statuses) {
      // A dataset never backed up is not a breach to alert (it is being backed up; the dead man's
      // switch tells if it is not): only one whose copies went stale or whose last run failed.
      const everRan = d.targets.some((t) => t.reason !== 'never-run');
      if (d.status === 'breach' && everRan && !breached.has(d.id)) {
        breached.add(d.id);
        changed = true;
        notices.push({
          kind: 'breach',
          dataset: d.id,
          rpoSeconds: d.rpoSeconds,
          targets: d.targets
            .filter((t) => t.status === 'breach')
            .map((t) => ({ id: t.id, ageSeconds: t.ageSeconds })),
          at: now,
        });
      } else if (d.status === 'ok' && breached.delete(d.id)) {
        changed = true;
        notices.push({ kind: 'recovered', dataset: d.id, at: now });
      }
    }
    alerted.breached = [...breached];
    const missed = new Set(alerted.missed);
    for (const s of schedules) {
      if (s.missed && !missed.has(s.id)) {
        missed.add(s.id);
        changed = true;
        this.metrics.missed.inc({ dataset: s.id });
        notices.push({
          kind: 'missed',
          dataset: s.id,
          lastGoodAt: s.lastGoodAt,
          deadline: s.deadline,
          at: now,
        });
      } else if (!s.missed && missed.delete(s.id)) changed = true;
    }
    alerted.missed = [...missed];
    if (changed) await this.o.store.saveState(BACKUP_ALERTS_KEY, alerted);
    if (notices.length > 0) emit('backups', notices);
  }

  private seedVerified(heads: BackupHeads): void {
    const checks = new Map(heads.checks.map((c) => [c.target, c]));
    for (const [id, d] of Object.entries(this.o.config.backups?.datasets ?? {})) {
      if (!d.verify) continue;
      const parts = d.to.map((t) => checks.get(t));
      if (d.verify.restore) {
        const r = heads.restores.filter((x) => x.dataset === id).sort((a, b) => b.at - a.at)[0];
        parts.push(r);
      }
      if (parts.every((p) => p?.ok)) this.verified.set(id, Math.max(...parts.map((p) => p!.at)));
    }
  }

  private async loadAlerted(): Promise<Alerted> {
    if (this.alerted) return this.alerted;
    const saved = (await this.o.store.loadState(BACKUP_ALERTS_KEY)) as Partial<Alerted> | undefined;
    const list = (v: unknown) =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    this.alerted = { breached: list(saved?.breached), missed: list(saved?.missed) };
    return this.alerted;
  }

  /** Starts what is due, most overdue first, while places are free. */
  startDue(now: number): void {
    if (this.stopping || !this.o.jobs) return;
    const due: { dataset: string; job: JobKind; at: number }[] = [];
    for (const s of this.schedules) {
      if (isDue(s.nextRunAt, now)) due.push({ dataset: s.id, job: 'run', at: s.nextRunAt });
      else if (isDue(s.nextVerifyAt, now)) due.push({ dataset: s.id, job: 'verify', at: s.nextVerifyAt! });
    }
    due.sort((a, b) => a.at - b.at);
    for (const d of due) {
      if (this.running.size >= this.maxRunning) break;
      if (this.running.has(d.dataset)) continue;
      this.start(d.dataset, d.job, 'schedule');
    }
  }

  /** The stage's tick: judge the records, then start what is due. */
  async tick(now: number, emit: Emit): Promise<void> {
    await this.judge(now, emit);
    this.startDue(now);
  }

  /** Aborts the running jobs and waits for them (bounded); a run that did not answer is recorded as aborted. */
  async stop(): Promise<void> {
    this.stopping = true;
    const left = [...this.running.values()];
    for (const r of left) r.abort.abort();
    const wait = this.o.stopWaitMs ?? STOP_WAIT_MS;
    const timeout = new AbortController();
    const answered = new Set<string>();
    await Promise.race([
      Promise.all(left.map((r) => r.done.then(() => answered.add(r.view.dataset)))),
      this.o.clock.sleep(wait, timeout.signal),
    ]);
    timeout.abort();
    for (const r of left) {
      const { dataset, job, startedAt } = r.view;
      if (answered.has(dataset) || job !== 'run') continue;
      const target = this.firstTarget(dataset);
      this.o.log.warn({ dataset, job }, 'backup job did not end when aborted: recorded as aborted');
      await this.o.store
        .saveBackupRun({
          id: `${dataset}@${target}@backup@${startedAt}`,
          dataset,
          target,
          kind: 'backup',
          startedAt,
          finishedAt: this.o.clock.now(),
          ok: false,
          error: { code: 'aborted', detail: 'the daemon stopped before the run ended' },
        })
        .catch((e: unknown) => this.o.log.error({ err: e, dataset }, 'aborted run not recorded'));
      this.metrics.runs.inc({ dataset, job, result: 'aborted' });
    }
    this.running.clear();
  }

  /** What the last reading said (metrics, tests). */
  last(): { readonly statuses: readonly DatasetStatus[]; readonly schedules: readonly DatasetSchedule[] } {
    return { statuses: this.statuses, schedules: this.schedules };
  }
}

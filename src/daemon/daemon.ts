import { resolve } from 'node:path';
import { buildGraph } from '../analysis/graph.ts';
import type { BackupJobs } from '../backup/jobs.ts';
import { errorCode, fail } from '../errors.ts';
import type { Lang } from '../i18n/index.ts';
import type { Catalogue } from '../model/catalogue.ts';
import { parseDuration } from '../model/duration.ts';
import type { Config } from '../model/schema.ts';
import { type CompiledCheck, compileChecks, localVantage, parseHostPort } from '../monitor/compile.ts';
import type { IncidentEvent } from '../monitor/incidents.ts';
import { Monitor } from '../monitor/monitor.ts';
import { serviceCauses } from '../monitor/service-causes.ts';
import type { ProbeResult } from '../monitor/types.ts';
import type { Notifier } from '../notify/notifier.ts';
import { causeLines } from '../notify/render.ts';
import { type Clock, every, systemClock } from '../platform/clock.ts';
import type { Logger } from '../platform/log.ts';
import { createRegistry } from '../platform/metrics.ts';
import { connectionCap, raiseOpenFiles } from '../platform/open-files.ts';
import { runProbe } from '../probes/registry.ts';
import { Scheduler } from '../probes/scheduler.ts';
import { loadScenarios } from '../scenarios/library.ts';
import { loadCatalogue } from '../scenarios/providers.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import { createApi } from '../server/api.ts';
import type { MapApi } from '../server/deps.ts';
import { switchJson } from '../server/failover-routes.ts';
import { type Listening, listen } from '../server/listen.ts';
import { LiveFeed } from '../server/live.ts';
import { redactUrl } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import type { WriteBehindStore } from '../store/write-behind.ts';
import { type StatusPageSource, statusPageSource } from '../web/status/load.ts';
import { pageLang } from '../web/status/view.ts';
import { apiDeps } from './api-deps.ts';
import { backupsApi } from './backups/api.ts';
import type { BackupController } from './backups/controller.ts';
import { wireBackups } from './backups/wire.ts';
import type { DataDirLock } from './data-dir.ts';
import { failoverApi } from './failover/api.ts';
import { buildFailover, type Failover } from './failover/build.ts';
import { type DaemonHealth, daemonHealth, LocalShortage } from './health.ts';
import { Intake } from './intake.ts';
import { MaintenanceBook } from './maintenance-book.ts';
import { mapApi } from './map-api.ts';
import { Pipeline, type Stage } from './pipeline.ts';
import { type DaemonPlan, daemonPlan, storeWhere } from './plan/plan-api.ts';
import { resume } from './resume.ts';
import { backupsStage } from './stages/backups.ts';
import { failoverStage } from './stages/failover.ts';
import { type IncidentsStage, incidentsStage } from './stages/incidents.ts';
import { liveStage } from './stages/live.ts';
import { logStage } from './stages/log.ts';
import { maintenanceStage } from './stages/maintenance.ts';
import {
  countObservations,
  createMonitorMetrics,
  type MonitorMetrics,
  metricsStage,
  problemMetrics,
  storeMetrics,
} from './stages/metrics.ts';
import { notifyStage } from './stages/notify.ts';
import { persistTransitionsStage } from './stages/persist.ts';
import { retentionStage } from './stages/retention.ts';
import { snapshotStage } from './stages/snapshot.ts';
import { stalenessStage } from './stages/staleness.ts';
import { statusExportStage } from './stages/status-export.ts';
import { watchedStage } from './stages/watched.ts';
import { openState, readVantageTokens } from './state.ts';

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

/** What a running daemon is made of. */
interface DaemonParts {
  readonly log: Logger;
  readonly store: WriteBehindStore;
  readonly monitor: Monitor;
  readonly metrics: MonitorMetrics;
  readonly pipeline: Pipeline;
  readonly intake: Intake;
  readonly scheduler: Scheduler;
  readonly server: Listening;
  readonly clock: Clock;
  readonly flushMs: number;
  readonly causes: (service: string) => string[];
  readonly lock: DataDirLock;
  readonly health: () => DaemonHealth;
  readonly failover: Failover | undefined;
  readonly plan: DaemonPlan;
}

export class Daemon {
  private stopped = false;
  private readonly stopFlush: () => void;

  readonly url: string;
  readonly store: WriteBehindStore;
  readonly monitor: Monitor;
  readonly metrics: MonitorMetrics;
  readonly pipeline: Pipeline;
  readonly intake: Intake;
  /** Why a service is down now, per failing check below it (the words of alerts). */
  readonly causes: (service: string) => string[];
  private readonly log: Logger;
  private readonly scheduler: Scheduler;
  private readonly server: Listening;
  private readonly lock: DataDirLock;
  private readonly plan: DaemonPlan;
  /** The failover groups Bascule runs (their controller and proxies), if any. */
  readonly failover: Failover | undefined;

  private constructor(p: DaemonParts) {
    this.lock = p.lock;
    this.failover = p.failover;
    this.plan = p.plan;
    this.health = p.health;
    this.url = p.server.url;
    this.log = p.log;
    this.store = p.store;
    this.monitor = p.monitor;
    this.metrics = p.metrics;
    this.pipeline = p.pipeline;
    this.intake = p.intake;
    this.scheduler = p.scheduler;
    this.server = p.server;
    this.causes = p.causes;
    this.stopFlush = every(p.clock, p.flushMs, () => this.intake.flush());
  }

  /** The local scheduler's counters: runs, overlaps, missed runs, probes in flight. */
  schedulerStats() {
    return this.scheduler.stats();
  }

  /** What is wrong with the daemon itself (a failing store, a shortage of its own resources), as /healthz says it. */
  readonly health: () => DaemonHealth;

  /** Stores then processes what arrived since the last flush. */
  flush(): Promise<void> {
    return this.intake.flush();
  }

  static async start(o: DaemonOptions): Promise<Daemon> {
    const clock = o.clock ?? systemClock;
    const runtime = o.config.runtime;
    const checks = compileChecks(o.config);
    const graph = buildGraph(o.config);
    const monitor = new Monitor(graph, checks, parseDuration(runtime?.staleAfter ?? ''));
    const vantageTokens = readVantageTokens(o);
    const { store, storeSpec, dataDir, operatorToken, lock } = await openState(o);
    try {
      return await Daemon.build(o, {
        clock,
        checks,
        graph,
        monitor,
        vantageTokens,
        store,
        storeSpec,
        dataDir,
        operatorToken,
        lock,
      });
    } catch (e) {
      if (typeof o.store !== 'object') await store.close().catch(() => undefined);
      lock.release();
      throw e;
    }
  }

  private static async build(o: DaemonOptions, b: Built): Promise<Daemon> {
    const { clock, checks, graph, monitor, store, dataDir } = b;
    const resumed = await resume(store, monitor, checks, clock.now());
    const metrics = createMonitorMetrics(createRegistry());
    storeMetrics(metrics.registry, () => store.status());
    const causes = (service: string) =>
      causeLines(
        o.lang,
        serviceCauses(graph, checks, (id) => monitor.checkView(id), service),
      );
    // Event ids start at the start time: an id from a previous run asks for a reload, not a gap.
    const live = new LiveFeed({ firstId: clock.now() });
    const shortage = new LocalShortage();
    const health = () => daemonHealth(store.status(), shortage.problem(clock.now()));
    const incidents = await incidentsStage(store);
    const maintenance = await MaintenanceBook.load(store, clock.now());
    // The map's analysis, once, before anything runs (a large map takes a second: no probe waits for it).
    const analysedFrom = performance.now();
    const scenarios = o.scenarios ?? loadScenarios();
    const catalogue = o.catalogue ?? loadCatalogue();
    const map = mapApi({ config: o.config, graph, scenarios, catalogue }, (e) =>
      o.log.error({ err: e }, 'the analysis of the map failed: GET /api/v1/analysis answers 500'),
    );
    o.log.debug({ ms: Math.round(performance.now() - analysedFrom) }, 'map analysed');
    const failover = await buildFailover({
      config: o.config,
      baseDir: o.baseDir,
      dataDir,
      env: o.env,
      clock,
      log: o.log,
      store,
      monitor,
      checks,
      registry: metrics.registry,
      onSwitch: (record) => live.publish('switch', switchJson(record)),
    });
    try {
      return await Daemon.serve(o, b, {
        resumed,
        metrics,
        causes,
        live,
        shortage,
        health,
        incidents,
        failover,
        maintenance,
        map,
        scenarios,
        catalogue,
      });
    } catch (e) {
      await failover?.close();
      throw e;
    }
  }

  private static async serve(o: DaemonOptions, b: Built, m: Made): Promise<Daemon> {
    const { clock, checks, monitor, vantageTokens, store, storeSpec, dataDir, operatorToken, lock } = b;
    const { resumed, metrics, causes, live, shortage, health, incidents, failover, maintenance } = m;
    const runtime = o.config.runtime;
    const runningSince = clock.now();
    // The pipeline is made below, with the stages; jobs that end hand their news back to it.
    let pipelineRef: Pipeline | undefined;
    const backups = wireBackups({
      config: o.config,
      baseDir: o.baseDir,
      dataDir,
      env: o.env,
      store,
      clock,
      log: o.log,
      registry: metrics.registry,
      post: (what, task) => pipelineRef?.run(what, task),
      watchingSince: runningSince,
      ...(o.backupJobs ? { jobs: o.backupJobs } : {}),
      ...(o.backupTiming ? { timing: o.backupTiming } : {}),
    });
    const page = o.config.statusPage;
    const statusPage = page
      ? statusPageSource({
          page,
          lang: pageLang(page, o.config.lang),
          crisis: { company: o.config.name, communications: o.config.communications },
          store,
          now: () => clock.now(),
          liveStates: () => new Map(monitor.current().services),
          runningSince,
          openIncidents: () => [...incidents.book().open.values()],
          onError: (e) =>
            o.log.warn(
              { err: e },
              'store unreadable: the status page shows the states and open incidents from memory',
            ),
        })
      : undefined;
    const plan = daemonPlan({
      config: o.config,
      scenarios: m.scenarios,
      catalogue: m.catalogue,
      file: o.file ?? 'bascule.yaml',
      store,
      storeWhere: storeWhere(storeSpec, dataDir),
      clock,
      chromium: o.env.BASCULE_CHROMIUM ?? '/usr/bin/chromium',
    });
    const pipeline = new Pipeline(
      await stagesOf({
        o,
        clock,
        monitor,
        store,
        metrics,
        live,
        causes,
        incidents,
        health,
        failover,
        maintenance,
        statusPage,
        runningSince,
        backups,
      }),
      clock,
      o.log,
    );
    pipelineRef = pipeline;
    const types = new Map(checks.map((c) => [c.id, c.target.type]));
    const intake = new Intake(
      store,
      monitor,
      pipeline,
      (batch) => countObservations(metrics, types, batch),
      () => clock.now(),
    );
    const vantage = localVantage(o.config);
    problemMetrics(metrics.registry, () => health().problems);
    const local = checks.filter((c) => c.from.includes(vantage));
    const scheduler = new Scheduler(local, {
      vantage,
      clock,
      run: o.probe ?? ((check, signal) => runProbe(check, signal)),
      onResult: (obs, drift) => {
        metrics.drift.observe(drift / 1000);
        o.onDrift?.(drift);
        if (obs.reason === 'local' && shortage.note(obs.at, obs.detail))
          o.log.error(
            { check: obs.check, detail: obs.detail },
            'Bascule is short of its own resources (open files, memory, local ports): its probes cannot run, and what they watch is not judged meanwhile',
          );
        intake.accept([obs]);
      },
    });
    const api = createApi(
      apiDeps({
        config: o.config,
        checks,
        vantageTokens,
        operatorToken,
        registry: metrics.registry,
        clock,
        monitor,
        store,
        maintenance,
        map: m.map,
        openIncidents: () => [...incidents.book().open.values()],
        accept: (batch, live) => intake.acceptStored(batch, live),
        health,
        live,
        log: o.log,
        ...(failover ? { failover: failoverApi(failover, pipeline, clock, store) } : {}),
        ...(backups ? { backups: backupsApi(o.config, backups, store, clock) } : {}),
        ...(statusPage ? { statusPage } : {}),
        plan,
        runningSince,
      }),
    );
    const { host, port } = parseHostPort(o.listen ?? runtime?.listen ?? '127.0.0.1:8420');
    const files = raiseOpenFiles();
    if (files && files.soft < 4_096)
      o.log.warn(
        { openFiles: files.soft, hard: files.hard },
        'low open-file limit: raise it (systemd: LimitNOFILE=65536) so probes and API clients never run short',
      );
    let server: Listening;
    try {
      server = await listen(api, host, port, { maxConnections: connectionCap(files?.soft) });
    } catch (e) {
      throw fail('BASCULE_E_RUNTIME_LISTEN', {
        address: `${host}:${port}`,
        reason: errorCode(e),
        key: 'runtime.listen (--listen)',
      });
    }
    const daemon = new Daemon({
      ...{
        log: o.log,
        store,
        monitor,
        metrics,
        pipeline,
        intake,
        scheduler,
        server,
        clock,
        causes,
        lock,
        health,
        failover,
        plan,
      },
      flushMs: o.flushMs ?? 250,
    });
    // Transitions a crash cut off between storing results and acting on them.
    if (resumed.transitions.length > 0) void pipeline.publish('transitions', resumed.transitions);
    pipeline.start();
    scheduler.start();
    const started = {
      url: daemon.url,
      checks: local.length,
      store: redactUrl(storeSpec),
      dataDir,
      ...(files ? { openFiles: files.soft, apiConnections: connectionCap(files.soft) } : {}),
    };
    o.log.info({ ...started, replayed: resumed.replayed }, 'bascule daemon started');
    return daemon;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.stopFlush();
    await this.scheduler.stop();
    this.pipeline.halt(); // a store that is down now must not hold the stop
    await this.intake.flush();
    this.intake.close();
    await this.pipeline.stop();
    await this.failover?.close();
    await this.plan.close();
    await this.server.stop();
    const left = await this.store.flush();
    if (!left.ok)
      this.log.error(
        { ...left.queued, error: left.error },
        'store still failing at stop: what waited for it is lost',
      );
    await this.store.close();
    this.lock.release();
    this.log.info('bascule daemon stopped');
  }
}

interface StageParts {
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
async function stagesOf(p: StageParts): Promise<Stage[]> {
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

/** What start() has made before the parts that may fail and must then be undone. */
interface Built {
  readonly clock: Clock;
  readonly checks: readonly CompiledCheck[];
  readonly graph: ReturnType<typeof buildGraph>;
  readonly monitor: Monitor;
  readonly vantageTokens: Map<string, string>;
  readonly store: WriteBehindStore;
  readonly storeSpec: string;
  readonly dataDir: string;
  readonly operatorToken: string;
  readonly lock: DataDirLock;
}

/** What build() has made for serve(). */
interface Made {
  readonly resumed: Awaited<ReturnType<typeof resume>>;
  readonly metrics: MonitorMetrics;
  readonly causes: (service: string) => string[];
  readonly live: LiveFeed;
  readonly shortage: LocalShortage;
  readonly health: () => DaemonHealth;
  readonly incidents: IncidentsStage;
  readonly failover: Failover | undefined;
  readonly maintenance: MaintenanceBook;
  readonly map: MapApi;
  readonly scenarios: readonly Scenario[];
  readonly catalogue: Catalogue;
}

/** A stage that hands incident events to a callback (tests). */
function hook(fn: (events: readonly IncidentEvent[]) => Promise<void> | void): Stage {
  return {
    name: 'hook',
    on: { incidents: ({ events }) => (events.length > 0 ? fn(events) : undefined) },
  };
}

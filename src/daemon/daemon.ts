import { buildGraph } from '../analysis/graph.ts';
import type { Catalogue } from '../model/catalogue.ts';
import { parseDuration } from '../model/duration.ts';
import { type CompiledCheck, compileChecks, localVantage } from '../monitor/compile.ts';
import { Monitor } from '../monitor/monitor.ts';
import { serviceCauses } from '../monitor/service-causes.ts';
import { causeLines } from '../notify/render.ts';
import { type Clock, every, systemClock } from '../platform/clock.ts';
import type { Logger } from '../platform/log.ts';
import { createRegistry } from '../platform/metrics.ts';
import { connectionCap } from '../platform/open-files.ts';
import { runProbe } from '../probes/registry.ts';
import { Scheduler } from '../probes/scheduler.ts';
import { loadScenarios } from '../scenarios/library.ts';
import { loadCatalogue } from '../scenarios/providers.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import { createApi } from '../server/api.ts';
import type { MapApi } from '../server/deps.ts';
import { switchJson } from '../server/failover-routes.ts';
import type { Listening } from '../server/listen.ts';
import { LiveFeed } from '../server/live.ts';
import { redactUrl } from '../store/open.ts';
import type { WriteBehindStore } from '../store/write-behind.ts';
import { statusPageSource } from '../web/status/load.ts';
import { pageLang } from '../web/status/view.ts';
import { apiDeps } from './api-deps.ts';
import { listenApi } from './api-listen.ts';
import { backupsApi } from './backups/api.ts';
import { wireBackups } from './backups/wire.ts';
import type { DataDirLock } from './data-dir.ts';
import { failoverApi } from './failover/api.ts';
import { buildFailover, type Failover } from './failover/build.ts';
import { type DaemonHealth, daemonHealth, LocalShortage } from './health.ts';
import { Intake } from './intake.ts';
import { MaintenanceBook } from './maintenance-book.ts';
import { mapApi } from './map-api.ts';
import type { DaemonOptions } from './options.ts';
import { Pipeline } from './pipeline.ts';
import { type DaemonPlan, daemonPlan, storeWhere } from './plan/plan-api.ts';
import { resume } from './resume.ts';
import { stagesOf } from './stage-order.ts';
import { type IncidentsStage, incidentsStage } from './stages/incidents.ts';
import {
  countObservations,
  createMonitorMetrics,
  type MonitorMetrics,
  problemMetrics,
  storeMetrics,
} from './stages/metrics.ts';
import { openState, readVantageTokens } from './state.ts';

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

export type { DaemonOptions } from './options.ts';

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
    const { server, files } = await listenApi(api, o.listen ?? runtime?.listen ?? '127.0.0.1:8420', o.log);
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

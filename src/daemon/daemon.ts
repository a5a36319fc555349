/**
 * The daemon (`bascule run`): probes from its own vantage point, receives remote agents' results,
 * stores every observation, feeds the monitor, opens and closes incidents, alerts, and serves the
 * API and /metrics. Observations are stored before they are acted on, so a crash loses nothing
 * that was acknowledged and a restart resumes from the saved state without false alerts.
 */
import { resolve } from 'node:path';
import { buildGraph, type Graph } from '../analysis/graph.ts';
import { BasculeError } from '../errors.ts';
import type { Lang } from '../i18n/index.ts';
import { parseDuration } from '../model/duration.ts';
import type { Config } from '../model/schema.ts';
import { serviceCauses } from '../monitor/causes.ts';
import { type CompiledCheck, compileChecks, localVantage, parseHostPort } from '../monitor/compile.ts';
import { type IncidentEvent, IncidentTracker } from '../monitor/incidents.ts';
import { Monitor } from '../monitor/monitor.ts';
import type { Observation, ProbeResult, Transition } from '../monitor/types.ts';
import type { Notifier } from '../notify/notifier.ts';
import { type Clock, systemClock } from '../platform/clock.ts';
import type { Logger } from '../platform/log.ts';
import { readSecret } from '../platform/secrets.ts';
import { runProbe } from '../probes/registry.ts';
import { Scheduler } from '../probes/scheduler.ts';
import { createApi } from '../server/api.ts';
import { type Listening, listen } from '../server/listen.ts';
import { LiveFeed } from '../server/live.ts';
import { daemonToken } from '../server/operator-token.ts';
import { openStore, redactUrl } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { createMetrics, type Metrics, STATE_VALUE } from './metrics.ts';
import { type Resumed, resume, SNAPSHOT_KEY } from './resume.ts';
import { statusJson } from './status.ts';

export interface DaemonOptions {
  readonly config: Config;
  /** The map's directory: relative dataDir and secret files are resolved from it. */
  readonly baseDir: string;
  readonly listen?: string;
  readonly dataDir?: string;
  readonly store?: string;
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
  /** Called with each batch of incident events (tests). */
  readonly onIncidents?: (events: readonly IncidentEvent[]) => Promise<void> | void;
}

const ALERTS_KEY = 'alerts';
/** How long a stopping daemon waits for alerts in flight. */
const ALERT_DRAIN_MS = 5_000;
/**
 * The monitor's state is saved this often, not on every change: a restart replays the results
 * stored since (resume.ts), so saving often only bounds the replay.
 */
const SNAPSHOT_EVERY_MS = 10_000;
const ROLLUP_EVERY_MS = 10 * 60_000;
/** Local results kept while the store is failing; beyond it the oldest are dropped. */
const MAX_PENDING = 200_000;

export class Daemon {
  /** Local results waiting to be stored. */
  private buffer: Observation[] = [];
  /** Agents' results, already stored (their post was acknowledged), waiting for the monitor. */
  private stored: Observation[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private timers: NodeJS.Timeout[] = [];
  private lastSnapshot = 0;
  private stopped = false;
  private ticks = 0;
  /** State changes and incident events, streamed at GET /api/v1/events. */
  private live: LiveFeed | undefined;

  private constructor(
    readonly url: string,
    private readonly o: DaemonOptions,
    private readonly clock: Clock,
    readonly store: Store,
    readonly monitor: Monitor,
    readonly metrics: Metrics,
    private readonly tracker: IncidentTracker,
    private readonly scheduler: Scheduler,
    private readonly server: Listening,
    private readonly graph: Graph,
    private readonly checks: readonly CompiledCheck[],
  ) {
    this.types = new Map(checks.map((c) => [c.id, c.target.type]));
  }

  private readonly types: ReadonlyMap<string, string>;

  /** The local scheduler's counters: runs, overlaps, missed runs, probes in flight. */
  schedulerStats() {
    return this.scheduler.stats();
  }

  /** Why a service is down, per failing check below it (for alerts). */
  causes(service: string, lang: Lang = this.o.lang): string[] {
    return serviceCauses(this.graph, this.checks, (id) => this.monitor.checkView(id), service, lang);
  }

  static async start(o: DaemonOptions): Promise<Daemon> {
    const clock = o.clock ?? systemClock;
    const runtime = o.config.runtime;
    const dataDir = resolve(o.baseDir, o.dataDir ?? runtime?.dataDir ?? '.bascule');
    const storeSpec = o.store ?? o.env.BASCULE_STORE ?? runtime?.store ?? 'sqlite';
    const checks = compileChecks(o.config);
    const graph = buildGraph(o.config);
    const staleAfter = parseDuration(runtime?.staleAfter ?? '');
    const monitor = new Monitor(graph, checks, staleAfter);
    const tokens = new Map<string, string>();
    for (const [id, v] of Object.entries(o.config.vantages)) {
      if (v.token) tokens.set(id, readSecret(v.token, `vantages.${id}.token`, o.baseDir, o.env));
    }
    const operator = daemonToken({ secret: runtime?.token, dataDir, baseDir: o.baseDir, env: o.env });
    const store = await openStore(storeSpec, dataDir);
    await store.migrate();
    const resumed = await resume(store, monitor, checks, clock.now());
    const alerts = await store.loadState(ALERTS_KEY);
    if (alerts !== undefined) o.notifier?.restore(alerts);
    const tracker = new IncidentTracker(store);
    await tracker.load();
    const metrics = createMetrics();
    const vantage = localVantage(o.config);
    const local = checks.filter((c) => c.from.includes(vantage));
    let daemon: Daemon | undefined;
    const scheduler = new Scheduler(local, {
      vantage,
      clock,
      run: o.probe ?? ((check, signal) => runProbe(check, signal)),
      onResult: (obs, drift) => {
        metrics.drift.observe(drift / 1000);
        o.onDrift?.(drift);
        daemon?.accept([obs]);
      },
    });
    const { host, port } = parseHostPort(o.listen ?? runtime?.listen ?? '127.0.0.1:8420');
    const targets = new Map(
      checks.map((c) => [
        c.id,
        { ...(c.component ? { component: c.component } : {}), ...(c.service ? { service: c.service } : {}) },
      ]),
    );
    const live = new LiveFeed({ firstId: clock.now() });
    const api = createApi({
      name: o.config.name,
      checks,
      vantageTokens: tokens,
      operatorToken: operator.token,
      registry: metrics.registry,
      clock,
      status: async () =>
        statusJson(o.config.name, monitor, targets, await store.incidents({ limit: 50 }), clock.now()),
      // Until the store looks incidents up by id, one is found among the latest.
      incidents: (q) => store.incidents(q.id !== undefined ? { limit: 1000 } : q),
      accept: (batch) => daemon?.acceptStored(batch) ?? Promise.reject(new Error('starting')),
      live,
      onError: (e) => o.log.error({ err: e }, 'request failed'),
    });
    let server: Listening;
    try {
      server = await listen(api, host, port);
    } catch (e) {
      await store.close();
      const detail = `${host}:${port}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`;
      throw new BasculeError([{ code: 'BASCULE_E_RUNTIME', params: { detail } }]);
    }
    daemon = new Daemon(
      server.url,
      o,
      clock,
      store,
      monitor,
      metrics,
      tracker,
      scheduler,
      server,
      graph,
      checks,
    );
    daemon.live = live;
    daemon.begin(local.length, redactUrl(storeSpec), dataDir, resumed);
    return daemon;
  }

  private begin(localChecks: number, store: string, dataDir: string, resumed: Resumed): void {
    if (resumed.transitions.length > 0) {
      // Cut off by the previous run's end between storing results and acting on them.
      this.flushing = this.process(resumed.transitions).catch((e: unknown) =>
        this.o.log.error({ err: e }, 'could not process resumed transitions'),
      );
    }
    const flushMs = this.o.flushMs ?? 250;
    this.timers.push(setInterval(() => this.flush(), flushMs));
    this.timers.push(setInterval(() => this.tick(), 1000));
    this.timers.push(setInterval(() => void this.maintain(), ROLLUP_EVERY_MS));
    for (const t of this.timers) t.unref();
    this.scheduler.start();
    this.o.log.info(
      { url: this.url, checks: localChecks, store, dataDir, replayed: resumed.replayed },
      'bascule daemon started',
    );
  }

  /** Queues local observations for the next flush. */
  accept(batch: readonly Observation[]): void {
    if (this.stopped) return;
    this.count(batch);
    this.buffer.push(...batch);
  }

  /**
   * Stores an agent's batch before acknowledging it (a rejected promise: the agent keeps it and
   * retries), then queues it for the monitor.
   */
  async acceptStored(batch: readonly Observation[]): Promise<void> {
    if (this.stopped) throw new Error('stopping');
    await this.store.appendObservations(batch);
    this.count(batch);
    this.stored.push(...batch);
  }

  private count(batch: readonly Observation[]): void {
    for (const o of batch) {
      const type = this.types.get(o.check) ?? 'unknown';
      this.metrics.probeDuration.observe({ type, vantage: o.vantage }, o.latencyMs / 1000);
      this.metrics.observations.inc({ vantage: o.vantage });
      if (!o.ok) this.metrics.probeFailures.inc({ reason: o.reason ?? 'error', vantage: o.vantage });
    }
  }

  /** Stores then processes what arrived since the last flush; flushes never overlap. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.buffer.length === 0 && this.stored.length === 0) return;
      const local = this.buffer;
      this.buffer = [];
      try {
        if (local.length > 0) await this.store.appendObservations(local);
      } catch (e) {
        // Kept for the next flush (bounded): a store outage delays results, it does not drop them.
        this.buffer = [...local, ...this.buffer].slice(-MAX_PENDING);
        this.o.log.error({ err: e, pending: this.buffer.length }, 'could not store observations; will retry');
        return;
      }
      const batch = this.stored.length > 0 ? [...this.stored, ...local] : local;
      this.stored = [];
      try {
        await this.process(this.monitor.ingest(batch, this.clock.now()));
      } catch (e) {
        this.o.log.error({ err: e }, 'could not process observations');
      }
    });
    return this.flushing;
  }

  private tick(): void {
    this.flushing = this.flushing
      .then(async () => {
        await this.process(this.monitor.tick(this.clock.now()));
        const n = this.o.notifier;
        if (n && ++this.ticks % 5 === 0) {
          n.tick((service) => this.causes(service)).catch((e: unknown) =>
            this.o.log.error({ err: e }, 'alert reminders failed'),
          );
          await this.store.saveState(ALERTS_KEY, n.snapshot());
        }
      })
      .catch((e: unknown) => this.o.log.error({ err: e }, 'tick failed'));
  }

  private async process(transitions: readonly Transition[]): Promise<void> {
    const now = this.clock.now();
    if (transitions.length > 0) {
      await this.store.appendTransitions(transitions);
      for (const t of transitions) {
        this.o.log.info({ type: t.type, id: t.id, from: t.from, to: t.to, reason: t.reason }, 'state change');
        if (t.type === 'check') this.metrics.checkState.set({ check: t.id }, STATE_VALUE[t.to]);
        else if (t.type === 'service') this.metrics.serviceState.set({ service: t.id }, STATE_VALUE[t.to]);
        else this.metrics.componentState.set({ component: t.id }, STATE_VALUE[t.to]);
        this.live?.publish('state', t);
      }
      const events = await this.tracker.apply(transitions);
      for (const e of events) this.live?.publish(e.type, e.incident);
      this.metrics.incidentsOpen.set(this.tracker.openIncidents().length);
      if (events.length > 0) {
        await this.o.onIncidents?.(events);
        // Routed now, in order; delivered in the background (retries must not hold up the monitor).
        const n = this.o.notifier;
        if (n) {
          n.handle(events, (service) => this.causes(service)).catch((e: unknown) =>
            this.o.log.error({ err: e }, 'alerts failed'),
          );
          await this.store.saveState(ALERTS_KEY, n.snapshot());
        }
      }
    }
    if (now - this.lastSnapshot >= SNAPSHOT_EVERY_MS) {
      this.lastSnapshot = now;
      await this.store.saveState(SNAPSHOT_KEY, this.monitor.snapshot(now));
    }
  }

  /** Rolls raw results past the retention window into per-minute roll-ups, and drops old roll-ups. */
  async maintain(): Promise<void> {
    const retention = this.o.config.runtime?.retention;
    const now = this.clock.now();
    try {
      const rolled = await this.store.rollUp(now - (parseDuration(retention?.raw ?? '7d') ?? 7 * 86_400_000));
      const purged = await this.store.purgeRollups(
        now - (parseDuration(retention?.rollups ?? '400d') ?? 400 * 86_400_000),
      );
      if (rolled + purged > 0) this.o.log.info({ rolled, purged }, 'retention applied');
    } catch (e) {
      this.o.log.error({ err: e }, 'retention failed');
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    for (const t of this.timers) clearInterval(t);
    await this.scheduler.stop();
    await this.flush();
    this.stopped = true;
    await this.store.saveState(SNAPSHOT_KEY, this.monitor.snapshot(this.clock.now()));
    if (this.o.notifier) {
      const drained = this.o.notifier.idle();
      await Promise.race([drained, new Promise((r) => setTimeout(r, ALERT_DRAIN_MS).unref())]);
      await this.o.notifier.close();
      await this.store.saveState(ALERTS_KEY, this.o.notifier.snapshot());
    }
    await this.server.stop();
    await this.store.close();
    this.o.log.info('bascule daemon stopped');
  }
}

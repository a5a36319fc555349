/** What the HTTP API sees of the daemon (server/deps.ts): data and a few functions, no internals. */
import { parseDuration } from '../model/duration.ts';
import type { Config } from '../model/schema.ts';
import type { CompiledCheck } from '../monitor/compile.ts';
import type { Monitor } from '../monitor/monitor.ts';
import type { Incident, Observation } from '../monitor/types.ts';
import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/log.ts';
import type { Registry } from '../platform/metrics.ts';
import type {
  ApiDeps,
  BackupsApi,
  FailoverApi,
  IncidentUpdatesApi,
  MaintenanceApi,
  MapApi,
  PlanApi,
} from '../server/deps.ts';
import type { LiveFeed } from '../server/live.ts';
import { statusJson } from '../server/status-json.ts';
import { LONGEST_MS } from '../server/uptime.ts';
import type {
  IncidentStore,
  IncidentUpdateStore,
  MaintenanceStore,
  ObservationStore,
  StateStore,
  TransitionStore,
} from '../store/store.ts';
import type { StatusPageSource } from '../web/status/load.ts';
import { parseWatched, recordRun, WATCHED_KEY } from '../web/status/watched.ts';
import type { DaemonHealth } from './health.ts';
import type { MaintenanceBook } from './maintenance-book.ts';

/** Incidents shown with the live status. */
const STATUS_INCIDENTS = 50;

export interface ApiParts {
  readonly config: Config;
  readonly checks: readonly CompiledCheck[];
  readonly vantageTokens: ReadonlyMap<string, string>;
  readonly operatorToken: string;
  readonly registry: Registry;
  readonly clock: Clock;
  readonly monitor: Monitor;
  readonly store: IncidentStore &
    IncidentUpdateStore &
    MaintenanceStore &
    ObservationStore &
    TransitionStore &
    Pick<StateStore, 'loadState'>;
  /** The maintenance windows the daemon acts on (its silences). */
  readonly maintenance: MaintenanceBook;
  readonly map: MapApi;
  /** The incidents open now, from memory: shown when the store cannot be read. */
  readonly openIncidents: () => readonly Incident[];
  readonly accept: (batch: readonly Observation[], live?: readonly Observation[]) => Promise<void>;
  readonly health: () => DaemonHealth;
  readonly live: LiveFeed;
  readonly log: Logger;
  readonly failover?: FailoverApi;
  readonly backups?: BackupsApi;
  readonly statusPage?: StatusPageSource;
  readonly plan?: PlanApi;
  /** This run's start: it counts as watched up to now in the uptime bars. */
  readonly runningSince: number;
}

/** Incident updates, from and to the store. */
export function incidentUpdatesApi(store: IncidentUpdateStore): IncidentUpdatesApi {
  return {
    list: (ids) => store.incidentUpdates(ids),
    post: (update) => store.appendIncidentUpdate(update),
  };
}

/**
 * Maintenance windows: written to the store and to the daemon's book (its silences follow at once);
 * read from the store, or from the book while the store cannot be read (windows not over only).
 */
export function maintenanceApi(store: MaintenanceStore, book: MaintenanceBook): MaintenanceApi {
  return {
    list: (q) => store.maintenance(q).catch(() => book.list(q)),
    get: (id) => store.maintenanceWindow(id).catch(() => book.get(id)),
    async save(window) {
      await store.saveMaintenance(window);
      book.put(window);
    },
    async delete(id) {
      await store.deleteMaintenance(id);
      book.remove(id);
    },
  };
}

export function apiDeps(p: ApiParts): ApiDeps {
  const targets = new Map(
    p.checks.map((c) => [
      c.id,
      { ...(c.component ? { component: c.component } : {}), ...(c.service ? { service: c.service } : {}) },
    ]),
  );
  return {
    name: p.config.name,
    checks: p.checks,
    vantageTokens: p.vantageTokens,
    operatorToken: p.operatorToken,
    registry: p.registry,
    clock: p.clock,
    status: async () =>
      statusJson(
        p.config.name,
        p.monitor,
        targets,
        await p.store.incidents({ limit: STATUS_INCIDENTS }).catch((e: unknown) => {
          p.log.warn({ err: e }, 'store unreadable: status shows the open incidents from memory');
          return [...p.openIncidents()];
        }),
        p.clock.now(),
      ),
    incidents: async (q) => {
      if (q.id === undefined) return p.store.incidents(q);
      const found = await p.store.incident(q.id);
      return found ? [found] : [];
    },
    accept: p.accept,
    health: p.health,
    staleAfterMs: parseDuration(p.config.runtime?.staleAfter ?? ''),
    ...(p.config.runtime?.eventStreams !== undefined ? { maxStreams: p.config.runtime.eventStreams } : {}),
    log: p.log,
    live: p.live,
    onError: (e) => p.log.error({ err: e }, 'request failed'),
    history: p.store,
    watched: async () => {
      const now = p.clock.now();
      const stored = parseWatched(await p.store.loadState(WATCHED_KEY));
      return recordRun(stored, { from: p.runningSince, to: now }, now - LONGEST_MS);
    },
    incidentUpdates: incidentUpdatesApi(p.store),
    maintenance: maintenanceApi(p.store, p.maintenance),
    map: p.map,
    ...(p.failover ? { failover: p.failover } : {}),
    ...(p.backups ? { backups: p.backups } : {}),
    ...(p.statusPage ? { statusPage: p.statusPage } : {}),
    ...(p.plan ? { plan: p.plan } : {}),
  };
}

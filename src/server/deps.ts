/** What the HTTP API needs from the daemon: data and a few functions, no daemon internals. */
import type { Registry } from 'prom-client';
import type { Graph } from '../analysis/graph.ts';
import type { Predicate } from '../analysis/predicate.ts';
import type { Lang } from '../i18n/index.ts';
import type { CompiledCheck } from '../monitor/compile.ts';
import type { Incident, Observation } from '../monitor/types.ts';
import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/log.ts';
import type { IncidentUpdate } from '../store/incident-updates.ts';
import type { MaintenanceQuery, MaintenanceWindow } from '../store/maintenance.ts';
import type { ObservationStore, TransitionStore } from '../store/store.ts';
import type { WatchRecord } from '../web/status/input.ts';
import type { StatusPageSource } from '../web/status/load.ts';
import type { LiveFeed } from './live.ts';
import type { StatusJson } from './status-json.ts';

/** GET /api/v1/incidents filters; `id` narrows to one incident (GET /api/v1/incidents/:id). */
export interface IncidentsQuery {
  /** true: open ones only; false: closed ones only; undefined: both. */
  readonly open?: boolean;
  readonly service?: string;
  /** Newest first. */
  readonly limit?: number;
  readonly id?: string;
}

/** A problem of the daemon itself: code, since when (epoch ms), the error's code, how much waits. */
export interface HealthProblem {
  readonly code: string;
  readonly since: number;
  readonly detail?: string;
  readonly waiting?: number;
}

/** A manual command's body, validated (server/failover-routes.ts), with who asked. */
export interface FailoverCommandBody {
  readonly endpoint?: string;
  readonly reason: string;
  /** Who asked: the token's identity if any, else `operator@<client address>`. */
  readonly who: string;
  readonly force?: boolean;
}

/** A pin or a drain: who asked, why, when (epoch ms). */
export interface FailoverHold {
  readonly endpoint: string;
  readonly who: string;
  readonly why: string;
  readonly at: number;
}

/** A switch as the store keeps it (store/failover-records.ts). */
export interface FailoverSwitch {
  readonly id: string;
  readonly group: string;
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  readonly fence: number;
  readonly firstFailureAt?: number;
  readonly downAt?: number;
  readonly decidedAt: number;
  readonly confirmed: Readonly<Record<string, number>>;
  readonly firstServedAt?: number;
}

/** A manual command in the audit trail (outcome `ok`, or the refusal). */
export interface FailoverAudit {
  readonly group: string;
  readonly action: string;
  readonly endpoint: string | null;
  readonly who: string;
  readonly at: number;
  readonly why: string;
  readonly from: string;
  readonly to: string;
  readonly forced: boolean;
  readonly outcome: string;
}

/** A group as the daemon sees it now. */
export interface FailoverGroupView {
  readonly group: string;
  readonly service: string;
  readonly active: string;
  readonly activeSince: number;
  readonly lastSwitch: number | null;
  readonly pin: FailoverHold | null;
  readonly drained: readonly FailoverHold[];
  readonly allDown: boolean;
  readonly endpoints: readonly {
    readonly name: string;
    readonly address: string;
    readonly check: string;
    readonly health: string;
    readonly quorumHealthy: boolean;
    readonly healthySince: number | null;
    readonly drained: boolean;
    readonly active: boolean;
  }[];
  /** The last switches, newest first. */
  readonly switches: readonly FailoverSwitch[];
}

export type FailoverCommandAnswer =
  | { readonly ok: true; readonly audit: FailoverAudit }
  | { readonly ok: false; readonly refused: string };

/** The failover groups Bascule runs, as the API sees them (absent: none). */
export interface FailoverApi {
  groups(): readonly string[];
  /** A group's state, endpoints' health and last switches; undefined: no such group. */
  view(group: string): FailoverGroupView | undefined;
  /** The last switch records of a group, newest first (from the store). */
  switches(group: string, limit: number): Promise<readonly FailoverSwitch[]>;
  /** The audit trail of a group, newest first. */
  audit(group: string, limit: number): Promise<readonly FailoverAudit[]>;
  command(
    group: string,
    action: 'pin' | 'drain' | 'release',
    body: FailoverCommandBody,
  ): Promise<FailoverCommandAnswer>;
}

/** A backup job under way (daemon/backups/controller.ts). */
export interface BackupJobJson {
  readonly id: string;
  readonly dataset: string;
  readonly job: 'run' | 'verify';
  readonly trigger: 'schedule' | 'manual';
  readonly startedAt: string;
  readonly who?: string;
}

export type BackupStartAnswer =
  | { readonly ok: true; readonly job: BackupJobJson }
  | { readonly ok: false; readonly running: BackupJobJson }
  | { readonly ok: false; readonly unavailable: true };

/** The backups of the map, as the API sees them (absent: the map has none). */
export interface BackupsApi {
  datasets(): readonly string[];
  /** `bascule backup status --format json`'s shape, with the schedule, reasons worded in `lang`. */
  status(lang: Lang): Promise<unknown>;
  /** Runs, checks of its targets, restore tests: newest first, at most `limit` of each. */
  history(dataset: string, limit: number): Promise<unknown>;
  start(dataset: string, job: 'run' | 'verify', who: string): BackupStartAnswer;
}

/** The updates operators post on incidents (store/incident-updates.ts). */
export interface IncidentUpdatesApi {
  /** The updates of these incidents, oldest first. */
  list(ids: readonly string[]): Promise<readonly IncidentUpdate[]>;
  /** Stores an update (through the write-behind store: in order, kept while the store fails). */
  post(update: IncidentUpdate): Promise<void>;
}

/** Maintenance windows (store/maintenance.ts), and the silences the daemon keeps of them. */
export interface MaintenanceApi {
  list(query: MaintenanceQuery): Promise<readonly MaintenanceWindow[]>;
  get(id: string): Promise<MaintenanceWindow | undefined>;
  /** Saves a window, created or edited: stored, and the daemon's silences follow at once. */
  save(window: MaintenanceWindow): Promise<void>;
  delete(id: string): Promise<void>;
}

/** What a simulation asks: failure predicates, or a scenario of the library by id. */
export type SimulationAsk = { readonly fail: readonly Predicate[] } | { readonly scenario: string };

/** `ok`: the JSON of `bascule simulate --format json`; else no scenario has that id (the ids it knows). */
export type SimulationAnswer =
  | { readonly ok: true; readonly json: unknown }
  | { readonly ok: false; readonly scenarios: readonly string[] };

/** The map the daemon runs, as it read it at start: its JSON, its analysis, the outage library. */
export interface MapApi {
  /** The map's service ids (maintenance windows name them). */
  readonly services: readonly string[];
  /** The map's graph, as analysed (the dashboard draws it). */
  readonly graph: Graph;
  /** The map as validated JSON; secrets as references ({env}, {file}), never their values. */
  map(): unknown;
  /** The JSON of `bascule analyze --format json`, computed once (at start) and kept, worded in `lang`. */
  analysis(lang: Lang): unknown;
  /** The outage library, as `bascule scenarios --format json` lists it. */
  scenarios(): readonly unknown[];
  simulate(ask: SimulationAsk, lang: Lang): SimulationAnswer;
}

/** The formats the plan is served in (GET /api/v1/plan). */
export type PlanFormat = 'md' | 'html' | 'pdf';

/** The plan as served: its text (md, html) or bytes (pdf), and a tag that changes with it. */
export interface PlanDocument {
  readonly body: string | Uint8Array;
  readonly etag: string;
}

/** The current continuity plan, from the daemon's map and store (daemon/plan/). */
export interface PlanApi {
  /** Rejects with a BasculeError: BASCULE_E_HTTP_PLAN_PDF (no Chromium), BASCULE_E_HTTP_PLAN_FAILED. */
  document(lang: Lang, format: PlanFormat): Promise<PlanDocument>;
}

export interface ApiDeps {
  /** The map's name. */
  readonly name: string;
  /** Every check; an agent is given those whose `from` names its vantage point. */
  readonly checks: readonly CompiledCheck[];
  /** vantage id → the token its agent presents. */
  readonly vantageTokens: ReadonlyMap<string, string>;
  /** The token of the operator API (operator-token.ts). */
  readonly operatorToken: string;
  /** Served at /metrics. */
  readonly registry: Registry;
  /** Time (the agents' clock-skew clamp) and timers (SSE heartbeats); tests pass a ManualClock. */
  readonly clock: Clock;
  /** The full live state (GET /api/v1/status; the public status is projected from it). */
  status(): Promise<StatusJson>;
  incidents(query: IncidentsQuery): Promise<readonly Incident[]>;
  /** What is wrong with the daemon itself (GET /healthz answers 503 while anything is). */
  health(): { readonly ok: boolean; readonly problems: readonly HealthProblem[] };
  /**
   * Stores an agent's batch; resolves once it is durable (a rejection answers 503). `live` is the
   * part of it recent enough to drive the live state (default: all of it); the rest only fills the
   * history.
   */
  accept(batch: readonly Observation[], live?: readonly Observation[]): Promise<void>;
  /** The runtime's staleness window (runtime.staleAfter); default: each check's defaultStaleAfter. */
  readonly staleAfterMs?: number;
  /** Where the agent group says what it corrected or refused (a skewed clock, a refused result). */
  readonly log?: Pick<Logger, 'warn' | 'info'>;
  /** Events streamed at GET /api/v1/events. */
  readonly live: LiveFeed;
  /** Event streams open at once (runtime.eventStreams; default MAX_STREAMS, 100); one more is answered 503. */
  readonly maxStreams?: number;
  /** The backups of the map (GET/POST /api/v1/backups…). */
  readonly backups?: BackupsApi;
  /** The failover groups Bascule runs (GET/POST /api/v1/failover…). */
  readonly failover?: FailoverApi;
  /**
   * Raw results and per-minute roll-ups of the checks (GET /api/v1/checks/{id}); state changes of
   * checks, components and services (the dashboard's history and uptime bars, GET /api/v1/history).
   */
  readonly history: Pick<ObservationStore, 'observations' | 'rollups'> & Pick<TransitionStore, 'transitions'>;
  /**
   * When Bascule was running (its runs, this one up to now): the uptime bars count the time between
   * two runs as unknown ("no data"). Absent: every time counts as watched.
   */
  readonly watched?: () => Promise<WatchRecord | undefined>;
  readonly incidentUpdates: IncidentUpdatesApi;
  readonly maintenance: MaintenanceApi;
  readonly map: MapApi;
  /** The continuity plan (GET /api/v1/plan); absent: answered 404. */
  readonly plan?: PlanApi;
  /** The public status page (/status), when the map has `statusPage`. */
  readonly statusPage?: StatusPageSource;
  /** Internal errors (answered 500, never with their details). */
  onError(error: unknown): void;
}

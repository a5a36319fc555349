/**
 * What the public status page is built from, still with the map's internal ids (the view keeps
 * only what `statusPage.show` lists), and `statusInput`, the one function that turns the store's
 * answers into it.
 *
 * The operators' incident updates and maintenance windows (the operator API) come in through
 * `StoreResults.updates` and `StoreResults.maintenance`, read by `readStatusResults` (load.ts).
 */
import type { Incident, State, Transition } from '../../monitor/types.ts';

/** An incident's public status: the operator's last update says it, else the monitor's state. */
export const PUBLIC_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];

/** A text in English, French or both: an operator's message, a maintenance window's title. */
export interface Texts {
  readonly en?: string | undefined;
  readonly fr?: string | undefined;
}

/** A span of time, epoch ms, `to` excluded. */
export interface Interval {
  readonly from: number;
  readonly to: number;
}

export interface IncidentUpdateInput {
  readonly at: number;
  readonly status: PublicStatus;
  readonly message: Texts;
}

export interface IncidentInput {
  readonly id: string;
  readonly service: string;
  readonly openedAt: number;
  readonly closedAt?: number | undefined;
  readonly worst: 'DOWN' | 'DEGRADED';
  readonly state: State;
  /** The service's own state changes during the incident (never a reason, a check or a component). */
  readonly changes: readonly { readonly at: number; readonly to: State }[];
  /** The operators' public updates, oldest first. */
  readonly updates: readonly IncidentUpdateInput[];
}

export interface MaintenanceInput {
  readonly id: string;
  readonly title: Texts;
  readonly services: readonly string[];
  readonly start: number;
  readonly end: number;
}

/**
 * When Bascule was watching: its runs, recorded since `since`. Before `since` nothing was recorded
 * (the transitions are taken as they are); after it, a time in no run is a time it was stopped.
 */
export interface WatchRecord {
  readonly since: number;
  readonly runs: readonly Interval[];
}

/** One service's state changes over the uptime window, oldest first (the one before it first, if known). */
export interface ServiceHistory {
  readonly transitions: readonly Transition[];
  /** Nothing is known before this (the window's start, or the oldest change read when cut short). */
  readonly since: number;
}

export interface StatusInput {
  readonly now: number;
  /** Each service's state now (the monitor's; an export reads the last stored one). */
  readonly states: ReadonlyMap<string, State>;
  readonly history: ReadonlyMap<string, ServiceHistory>;
  /** When Bascule was watching (absent: no record, so the transitions are taken as they are). */
  readonly watched?: WatchRecord | undefined;
  readonly incidents: readonly IncidentInput[];
  readonly maintenance: readonly MaintenanceInput[];
}

/** An operator's update as the store keeps it: the fields the page reads. */
export interface UpdateRecord {
  readonly at: number | string;
  readonly status: PublicStatus;
  readonly message: Texts;
}

/** A maintenance window as the store keeps it: the fields the page reads. */
export interface MaintenanceRecord {
  readonly id: string;
  readonly title: Texts;
  readonly services: readonly string[];
  readonly start: number | string;
  readonly end: number | string;
}

/** What the store (and the monitor, for the states now) answered. */
export interface StoreResults {
  readonly now: number;
  readonly states: ReadonlyMap<string, State>;
  /**
   * Each shown service's newest transitions, as the store gives them (newest first); `cut`: there
   * were more, and none of those read is older than the window (its start is then not known).
   */
  readonly transitions: ReadonlyMap<string, { readonly rows: readonly Transition[]; readonly cut: boolean }>;
  readonly windowStart: number;
  readonly watched?: WatchRecord | undefined;
  readonly incidents: readonly Incident[];
  /** Incident id → its public updates (the store's `incidentUpdates`); absent: none yet. */
  readonly updates?: ReadonlyMap<string, readonly UpdateRecord[]>;
  /** The maintenance windows not over yet (the store's `maintenance`); absent: none. */
  readonly maintenance?: readonly MaintenanceRecord[];
}

const ms = (v: number | string): number => (typeof v === 'number' ? v : Date.parse(v));

/** The store's answers as the page's input: service changes only, oldest first, ids kept for the view. */
export function statusInput(r: StoreResults): StatusInput {
  const history = new Map<string, ServiceHistory>();
  for (const [service, { rows, cut }] of r.transitions) {
    // Oldest first; rows of the same millisecond keep the order they were stored in.
    const own = [...rows]
      .reverse()
      .filter((t) => t.type === 'service' && t.id === service)
      .sort((a, b) => a.at - b.at);
    // Rows older than the window but the newest of them (the state at its start) are left out.
    const before = own.filter((t) => t.at < r.windowStart).at(-1);
    const inWindow = own.filter((t) => t.at >= r.windowStart);
    const since = cut ? rows.reduce((m, t) => Math.min(m, t.at), r.now) : r.windowStart;
    history.set(service, {
      transitions: before ? [before, ...inWindow] : inWindow,
      since: Math.max(since, r.windowStart),
    });
  }
  const incidents = r.incidents.map(
    (i): IncidentInput => ({
      id: i.id,
      service: i.service,
      openedAt: i.openedAt,
      closedAt: i.closedAt,
      worst: i.worst,
      state: i.state,
      changes: i.timeline
        .filter((t) => t.type === 'service' && t.id === i.service)
        .map((t) => ({ at: t.at, to: t.to })),
      updates: (r.updates?.get(i.id) ?? [])
        .map((u) => ({ at: ms(u.at), status: u.status, message: u.message }))
        .filter((u) => Number.isFinite(u.at))
        .sort((a, b) => a.at - b.at),
    }),
  );
  const maintenance = (r.maintenance ?? [])
    .map((m) => ({ id: m.id, title: m.title, services: m.services, start: ms(m.start), end: ms(m.end) }))
    .filter((m) => Number.isFinite(m.start) && Number.isFinite(m.end));
  return { now: r.now, states: r.states, history, watched: r.watched, incidents, maintenance };
}

/**
 * Reads what the status page needs from the store (through its port: no adapter here), bounded in
 * count: each shown service's state changes over the uptime window, its last incidents, and when
 * Bascule was watching. The daemon reads the states now from its monitor; an export from the
 * store alone takes each service's last stored state, or UNKNOWN once the daemon has stopped.
 */
import type { Lang } from '../../i18n/index.ts';
import type { StatusPageSpec } from '../../model/schema.ts';
import type { Incident, State, Transition } from '../../monitor/types.ts';
import type { IncidentUpdate, Store } from '../../store/store.ts';
import { type StatusInput, type StoreResults, statusInput, type WatchRecord } from './input.ts';
import { windowStart as firstDayStart, UPTIME_DAYS } from './uptime.ts';
import type { CrisisSource } from './view.ts';
import { parseWatched, recordRun, WATCHED_EVERY_MS, WATCHED_KEY } from './watched.ts';

/** The part of the store the page reads. */
export type StatusStore = Pick<
  Store,
  'transitions' | 'incidents' | 'loadState' | 'incidentUpdates' | 'maintenance'
>;

/** State changes read per service over the window (a flapping one is cut, its oldest days unknown). */
export const MAX_TRANSITIONS = 20_000;
/** Incidents read per service, newest first. */
export const MAX_INCIDENTS = 50;
/** Incidents whose updates one read asks for (the store's own bound is 1,000). */
const MAX_UPDATES_OF = 1000;
/** Maintenance windows read (not over yet, by start). */
export const MAX_MAINTENANCE = 100;

export interface ReadOptions {
  /** The states now (the daemon's monitor); absent: the last stored ones. */
  readonly states?: ReadonlyMap<string, State>;
  /** The daemon reading is running since then: its current run counts as watched up to now. */
  readonly runningSince?: number;
}

/** The last stored state of a service: its newest change, if any. */
function lastState(id: string, rows: readonly Transition[]): State {
  return rows.find((t) => t.type === 'service' && t.id === id)?.to ?? 'UNKNOWN';
}

export async function readStatusResults(
  store: StatusStore,
  page: StatusPageSpec,
  now: number,
  o: ReadOptions = {},
): Promise<StoreResults> {
  const ids = Object.keys(page.show);
  const windowStart = firstDayStart(now, page.timezone, UPTIME_DAYS);
  const transitions = new Map<string, { rows: Transition[]; cut: boolean }>();
  const incidents: Incident[] = [];
  for (const id of ids) {
    // Newest first, from any time: the first change older than the window gives the state at its
    // start; without one among those read, the window is cut at the oldest change read.
    const rows = await store.transitions({ id, limit: MAX_TRANSITIONS + 1 });
    const kept = rows.slice(0, MAX_TRANSITIONS);
    const reachesBefore = kept.some((t) => t.at < windowStart);
    transitions.set(id, { rows: kept, cut: rows.length > MAX_TRANSITIONS && !reachesBefore });
    incidents.push(...(await store.incidents({ service: id, limit: MAX_INCIDENTS })));
  }
  let watched: WatchRecord | undefined = parseWatched(await store.loadState(WATCHED_KEY));
  if (o.runningSince !== undefined)
    watched = recordRun(watched, { from: o.runningSince, to: now }, windowStart);
  let states = o.states;
  if (!states) {
    const last = new Map<string, State>();
    for (const id of ids) last.set(id, lastState(id, transitions.get(id)!.rows));
    // No run reaches now (within two of its heartbeats): nobody is watching, the state is not known.
    const end = watched?.runs.reduce((m, r) => Math.max(m, r.to), watched.since);
    const stopped = end !== undefined && now - end > 2 * WATCHED_EVERY_MS;
    states = stopped ? new Map(ids.map((id) => [id, 'UNKNOWN' as State])) : last;
  }
  // The operators' public updates of those incidents, and the windows not over yet (the view keeps
  // those of shown services within its horizon).
  const byIncident = new Map<string, IncidentUpdate[]>();
  const ids2 = incidents.map((i) => i.id).slice(0, MAX_UPDATES_OF);
  for (const u of ids2.length > 0 ? await store.incidentUpdates(ids2) : []) {
    const list = byIncident.get(u.incident) ?? [];
    list.push(u);
    byIncident.set(u.incident, list);
  }
  const maintenance = await store.maintenance({ from: now, limit: MAX_MAINTENANCE });
  return { now, states, transitions, windowStart, watched, incidents, updates: byIncident, maintenance };
}

/** What the HTTP routes and the export read the page from. */
export interface StatusPageSource {
  readonly page: StatusPageSpec;
  /** The page's default language. */
  readonly lang: Lang;
  /** The crisis messages its automatic entries are worded with (the map's name and `communications:`). */
  readonly crisis?: CrisisSource;
  read(): Promise<StatusInput>;
}

export interface SourceOptions extends ReadOptions {
  readonly page: StatusPageSpec;
  readonly crisis?: CrisisSource;
  readonly lang: Lang;
  readonly store: StatusStore;
  readonly now: () => number;
  readonly states?: ReadonlyMap<string, State>;
  /** The daemon's states now, read at each build. */
  readonly liveStates?: () => ReadonlyMap<string, State>;
  /** The incidents open now, from memory: shown (without history) when the store cannot be read. */
  readonly openIncidents?: () => readonly Incident[];
  readonly onError?: (e: unknown) => void;
}

export function statusPageSource(o: SourceOptions): StatusPageSource {
  return {
    page: o.page,
    lang: o.lang,
    ...(o.crisis ? { crisis: o.crisis } : {}),
    async read() {
      const now = o.now();
      const states = o.liveStates?.() ?? o.states;
      const read: ReadOptions = {
        ...(states ? { states } : {}),
        ...(o.runningSince !== undefined ? { runningSince: o.runningSince } : {}),
      };
      try {
        return statusInput(await readStatusResults(o.store, o.page, now, read));
      } catch (e) {
        if (!o.openIncidents || !states) throw e;
        o.onError?.(e);
        // The store fails: the states and open incidents from memory, no history (days unknown).
        const input = statusInput({
          now,
          states,
          transitions: new Map(),
          windowStart: now,
          incidents: o.openIncidents(),
        });
        return input;
      }
    },
  };
}

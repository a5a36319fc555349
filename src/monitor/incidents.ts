/**
 * Incidents as a pure reducer over service transitions: one opens when a service leaves UP for DOWN
 * or DEGRADED, gathers the transitions that follow, and closes when the service is UP again. A
 * service going UNKNOWN (every vantage point silent) keeps its incident open: silence is not
 * recovery. Ids are derived from the service and the opening time, so two nodes agree on them.
 */
import type { Incident, State, Transition } from './types.ts';

export type IncidentEventType = 'incident-opened' | 'incident-worsened' | 'incident-resolved';

/** What people are told about (alerts, live updates). */
export interface IncidentEvent {
  readonly type: IncidentEventType;
  readonly incident: Incident;
}

/** The open incidents, by service. */
export interface IncidentBook {
  readonly open: ReadonlyMap<string, Incident>;
}

export interface IncidentStep {
  readonly book: IncidentBook;
  readonly events: readonly IncidentEvent[];
  /** Every incident this step changed, in its latest form, once each (what a store must save). */
  readonly changed: readonly Incident[];
}

export const EMPTY_BOOK: IncidentBook = { open: new Map() };

/** `checkout@2026-11-29T15:23:25.623Z` */
export function incidentId(service: string, openedAt: number): string {
  return `${service}@${new Date(openedAt).toISOString()}`;
}

/** The book of a previous run, from the incidents the store still has open. */
export function bookOf(open: readonly Incident[]): IncidentBook {
  return { open: new Map(open.filter((i) => i.closedAt === undefined).map((i) => [i.service, i])) };
}

function worstOf(worst: Incident['worst'], to: State): Incident['worst'] {
  return worst === 'DOWN' || to === 'DOWN' ? 'DOWN' : 'DEGRADED';
}

/** Applies the service transitions among `transitions`, in order. Pure: `book` is not changed. */
export function applyTransitions(book: IncidentBook, transitions: readonly Transition[]): IncidentStep {
  let open: Map<string, Incident> | undefined;
  const events: IncidentEvent[] = [];
  const changed = new Map<string, Incident>();
  const write = (service: string, incident: Incident | undefined) => {
    open ??= new Map(book.open);
    if (incident) open.set(service, incident);
    else open.delete(service);
  };
  for (const t of transitions) {
    if (t.type !== 'service') continue;
    const current = (open ?? book.open).get(t.id);
    let next: Incident;
    if (!current) {
      if (t.to !== 'DOWN' && t.to !== 'DEGRADED') continue;
      next = {
        id: incidentId(t.id, t.at),
        service: t.id,
        openedAt: t.at,
        worst: t.to,
        state: t.to,
        timeline: [t],
      };
      write(t.id, next);
      events.push({ type: 'incident-opened', incident: next });
    } else if (t.to === 'UP') {
      next = { ...current, state: 'UP', closedAt: t.at, timeline: [...current.timeline, t] };
      write(t.id, undefined);
      events.push({ type: 'incident-resolved', incident: next });
    } else {
      next = {
        ...current,
        state: t.to,
        worst: worstOf(current.worst, t.to),
        timeline: [...current.timeline, t],
      };
      write(t.id, next);
      if (next.worst === 'DOWN' && current.worst !== 'DOWN') {
        events.push({ type: 'incident-worsened', incident: next });
      }
    }
    changed.delete(next.id);
    changed.set(next.id, next);
  }
  return { book: open ? { open } : book, events, changed: [...changed.values()] };
}

/**
 * Incidents from service transitions: one opens when a service leaves UP for DOWN or DEGRADED,
 * gathers the transitions that follow, and closes when the service is UP again. A service going
 * UNKNOWN (every vantage point silent) keeps its incident open: silence is not recovery.
 */
import type { Store } from '../store/store.ts';
import type { Incident, Transition } from './types.ts';

export type IncidentEventType = 'incident-opened' | 'incident-worsened' | 'incident-resolved';

export interface IncidentEvent {
  readonly type: IncidentEventType;
  readonly incident: Incident;
}

export class IncidentTracker {
  /** service → its open incident */
  private readonly open = new Map<string, Incident>();

  constructor(private readonly store: Store) {}

  /** Picks up the incidents left open by the previous run. */
  async load(): Promise<void> {
    for (const i of await this.store.incidents({ open: true, limit: 10_000 })) this.open.set(i.service, i);
  }

  openIncidents(): Incident[] {
    return [...this.open.values()];
  }

  /** Applies the service transitions among `transitions`, in order; returns the events for alerts. */
  async apply(transitions: readonly Transition[]): Promise<IncidentEvent[]> {
    const events: IncidentEvent[] = [];
    for (const t of transitions) {
      if (t.type !== 'service') continue;
      const current = this.open.get(t.id);
      const bad = t.to === 'DOWN' || t.to === 'DEGRADED';
      if (!current) {
        if (!bad) continue;
        const incident = await this.store.openIncident(t.id, t);
        this.open.set(t.id, incident);
        events.push({ type: 'incident-opened', incident });
      } else if (t.to === 'UP') {
        const incident = await this.store.closeIncident(current.id, t);
        this.open.delete(t.id);
        events.push({ type: 'incident-resolved', incident });
      } else {
        const wasWorst = current.worst;
        const incident = await this.store.updateIncident(current.id, t);
        this.open.set(t.id, incident);
        if (incident.worst === 'DOWN' && wasWorst !== 'DOWN')
          events.push({ type: 'incident-worsened', incident });
      }
    }
    return events;
  }
}

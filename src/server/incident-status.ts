/**
 * An incident's public status, as a status page shows it: that of the last update an operator
 * posted (investigating, identified, monitoring, resolved), `investigating` before any, and
 * `resolved` once the monitor closed it (the service is UP again), whatever was posted last.
 */
import type { Incident } from '../monitor/types.ts';
import type { IncidentStatus, IncidentUpdate } from '../store/incident-updates.ts';

/** `updates`: the incident's, oldest first (others are ignored). */
export function incidentStatus(incident: Incident, updates: readonly IncidentUpdate[]): IncidentStatus {
  if (incident.closedAt !== undefined) return 'resolved';
  let last: IncidentUpdate | undefined;
  for (const u of updates) if (u.incident === incident.id) last = u;
  return last?.status ?? 'investigating';
}

/** Each incident with its updates (oldest first) and its public status. */
export function withUpdates<I extends Incident>(
  incidents: readonly I[],
  updates: readonly IncidentUpdate[],
): (I & { status: IncidentStatus; updates: IncidentUpdate[] })[] {
  const by = new Map<string, IncidentUpdate[]>();
  for (const u of updates) {
    const list = by.get(u.incident) ?? [];
    list.push(u);
    by.set(u.incident, list);
  }
  return incidents.map((i) => {
    const own = by.get(i.id) ?? [];
    return { ...i, status: incidentStatus(i, own), updates: own };
  });
}

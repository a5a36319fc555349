/**
 * Incidents from service transitions: the pure reducer (monitor/incidents.ts) decides, this stage
 * keeps its book, saves every changed incident, and then publishes the events for people.
 */
import { applyTransitions, bookOf, type IncidentBook } from '../../monitor/incidents.ts';
import type { IncidentStore } from '../../store/store.ts';
import type { Stage } from '../pipeline.ts';

/** Most incidents left open by a previous run that are picked up again. */
const MAX_OPEN = 10_000;

export interface IncidentsStage extends Stage {
  readonly book: () => IncidentBook;
}

/** The stage, with the book of incidents the previous run left open. */
export async function incidentsStage(store: IncidentStore): Promise<IncidentsStage> {
  let book = bookOf(await store.incidents({ open: true, limit: MAX_OPEN }));
  return {
    name: 'incidents',
    durable: true,
    book: () => book,
    on: {
      async transitions(batch, _now, emit) {
        const step = applyTransitions(book, batch);
        if (step.changed.length === 0) return;
        await store.saveIncidents(step.changed);
        book = step.book;
        emit('incidents', { events: step.events, changed: step.changed });
      },
    },
  };
}

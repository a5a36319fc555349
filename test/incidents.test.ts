/** The incident reducer: opening, worsening, silence, recovery, deterministic ids, purity. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applyTransitions,
  bookOf,
  EMPTY_BOOK,
  type IncidentBook,
  incidentId,
} from '../src/monitor/incidents.ts';
import type { State, Transition } from '../src/monitor/types.ts';

const T0 = Date.UTC(2026, 10, 29, 15, 23, 25, 623);
const svc = (at: number, from: State, to: State, id = 'checkout'): Transition => ({
  at,
  type: 'service',
  id,
  from,
  to,
});

/** Runs transitions one batch each; returns the last book and every event as `type service`. */
function run(batches: Transition[][], book: IncidentBook = EMPTY_BOOK) {
  const events: string[] = [];
  for (const b of batches) {
    const step = applyTransitions(book, b);
    book = step.book;
    events.push(...step.events.map((e) => `${e.type} ${e.incident.service}`));
  }
  return { book, events };
}

describe('incidents (pure reducer)', () => {
  it('opens on DOWN with an id made of the service and the time', () => {
    const step = applyTransitions(EMPTY_BOOK, [svc(T0, 'UP', 'DOWN')]);
    assert.deepEqual(
      step.events.map((e) => [e.type, e.incident.id]),
      [['incident-opened', 'checkout@2026-11-29T15:23:25.623Z']],
    );
    assert.equal(incidentId('checkout', T0), 'checkout@2026-11-29T15:23:25.623Z');
    assert.equal(step.book.open.get('checkout')?.worst, 'DOWN');
    assert.equal(EMPTY_BOOK.open.size, 0, 'the book given is not changed');
  });

  it('a DEGRADED incident that goes DOWN is worsened, once', () => {
    const { events, book } = run([
      [svc(T0, 'UP', 'DEGRADED')],
      [svc(T0 + 1, 'DEGRADED', 'DOWN')],
      [svc(T0 + 2, 'DOWN', 'DEGRADED')],
      [svc(T0 + 3, 'DEGRADED', 'DOWN')],
    ]);
    assert.deepEqual(events, ['incident-opened checkout', 'incident-worsened checkout']);
    const open = book.open.get('checkout')!;
    assert.equal(open.worst, 'DOWN');
    assert.equal(open.state, 'DOWN');
    assert.equal(open.timeline.length, 4);
  });

  it('silence (UNKNOWN) keeps the incident open; only UP closes it', () => {
    const { events, book } = run([[svc(T0, 'UP', 'DOWN')], [svc(T0 + 1, 'DOWN', 'UNKNOWN')]]);
    assert.deepEqual(events, ['incident-opened checkout']);
    assert.equal(book.open.get('checkout')?.state, 'UNKNOWN');
    assert.equal(book.open.get('checkout')?.closedAt, undefined);
    const after = applyTransitions(book, [svc(T0 + 2, 'UNKNOWN', 'UP')]);
    assert.deepEqual(
      after.events.map((e) => [e.type, e.incident.closedAt]),
      [['incident-resolved', T0 + 2]],
    );
    assert.equal(after.book.open.size, 0);
  });

  it('a service that goes UNKNOWN or UP without an incident opens nothing', () => {
    const { events } = run([[svc(T0, 'UNKNOWN', 'UP'), svc(T0 + 1, 'UP', 'UNKNOWN')]]);
    assert.deepEqual(events, []);
  });

  it('ignores checks and components, and keeps services apart', () => {
    const step = applyTransitions(EMPTY_BOOK, [
      { at: T0, type: 'check', id: 'api', from: 'UP', to: 'DOWN' },
      { at: T0, type: 'component', id: 'api', from: 'UP', to: 'DOWN' },
      svc(T0, 'UP', 'DOWN', 'blog'),
      svc(T0, 'UP', 'DEGRADED'),
    ]);
    assert.deepEqual(
      step.events.map((e) => e.incident.id),
      ['blog@2026-11-29T15:23:25.623Z', 'checkout@2026-11-29T15:23:25.623Z'],
    );
  });

  it('lists each changed incident once, in its latest form', () => {
    const step = applyTransitions(EMPTY_BOOK, [
      svc(T0, 'UP', 'DOWN'),
      svc(T0 + 1, 'DOWN', 'DEGRADED'),
      svc(T0 + 2, 'DEGRADED', 'UP'),
    ]);
    assert.equal(step.changed.length, 1);
    assert.equal(step.changed[0]?.state, 'UP');
    assert.equal(step.changed[0]?.timeline.length, 3);
  });

  it('picks up the incidents a previous run left open', () => {
    const open = applyTransitions(EMPTY_BOOK, [svc(T0, 'UP', 'DOWN')]).changed;
    const step = applyTransitions(bookOf(open), [svc(T0 + 5, 'DOWN', 'UP')]);
    assert.deepEqual(
      step.events.map((e) => [e.type, e.incident.id]),
      [['incident-resolved', incidentId('checkout', T0)]],
    );
  });
});

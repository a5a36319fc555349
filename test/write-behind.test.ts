/**
 * The write-behind store on a memory store that can be made to fail, on an injected clock: writes
 * go through while the store answers; once one fails, it and every later write wait in order and
 * resolve at once; the queue is replayed with backoff, in order, snapshots coalesced, observations
 * bounded; status() says what waits.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Incident, Observation, Transition } from '../src/monitor/types.ts';
import { ManualClock } from '../src/platform/manual-clock.ts';
import { MemoryStore } from '../src/store/memory.ts';
import type { IncidentUpdate, MaintenanceWindow, OutboxEntry, StateEntry } from '../src/store/store.ts';
import { MAX_QUEUED_OBSERVATIONS, WriteBehindStore } from '../src/store/write-behind.ts';

class Failing extends MemoryStore {
  failing = false;
  writes: string[] = [];
  override async appendObservations(batch: readonly Observation[]) {
    if (this.failing) throw Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' });
    this.writes.push(`obs:${batch.map((o) => o.at).join(',')}`);
    return super.appendObservations(batch);
  }
  override async appendTransitions(batch: readonly Transition[]) {
    if (this.failing) throw Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' });
    this.writes.push(`tr:${batch.map((t) => t.at).join(',')}`);
    return super.appendTransitions(batch);
  }
  override async saveIncidents(batch: readonly Incident[]) {
    if (this.failing) throw Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' });
    this.writes.push(`inc:${batch.map((i) => i.id).join(',')}`);
    return super.saveIncidents(batch);
  }
  override async enqueue(items: readonly OutboxEntry[], state?: StateEntry) {
    if (this.failing) throw Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' });
    return super.enqueue(items, state);
  }
  override async due(now: number, limit: number) {
    if (this.failing) throw Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' });
    return super.due(now, limit);
  }
  override async remove(channel: string, key: string) {
    if (this.failing) throw Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' });
    return super.remove(channel, key);
  }
  override async appendIncidentUpdate(update: IncidentUpdate) {
    if (this.failing) throw Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' });
    this.writes.push(`update:${update.id}`);
    return super.appendIncidentUpdate(update);
  }
  override async saveMaintenance(window: MaintenanceWindow) {
    if (this.failing) throw Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' });
    this.writes.push(`maintenance:${window.id}:${window.end}`);
    return super.saveMaintenance(window);
  }
  override async deleteMaintenance(id: string) {
    if (this.failing) throw Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' });
    this.writes.push(`delete:${id}`);
    return super.deleteMaintenance(id);
  }
  override async saveState(key: string, value: unknown) {
    if (this.failing) throw Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' });
    this.writes.push(`state:${key}=${JSON.stringify(value)}`);
    return super.saveState(key, value);
  }
}

const obs = (at: number): Observation => ({
  check: 'web',
  vantage: 'local',
  at,
  ok: false,
  reason: 'refused',
  latencyMs: 1,
});
const tr = (at: number): Transition => ({ at, type: 'check', id: 'web', from: 'UP', to: 'DOWN' });

describe('write-behind store', () => {
  it('writes through, then queues in order behind a failure and replays once the store is back', async () => {
    const inner = new Failing();
    const clock = new ManualClock(1_000);
    const failing: unknown[] = [];
    const recovered: number[] = [];
    const s = new WriteBehindStore(inner, clock, {
      onFailing: (e) => failing.push(e),
      onRecovered: (st) => recovered.push(st.failedForMs),
    });
    await s.appendObservations([obs(1)]);
    assert.deepEqual(inner.writes, ['obs:1'], 'through while the store answers');
    inner.failing = true;
    await s.appendObservations([obs(2)]); // resolves although the store failed
    await s.appendTransitions([tr(2)]);
    await s.saveState('snap', { v: 1 });
    await s.appendObservations([obs(3)]);
    await s.saveState('snap', { v: 2 });
    const st = s.status();
    assert.equal(st.ok, false);
    assert.equal(st.failingSince, 1_000);
    assert.equal(st.error, 'SQLITE_FULL');
    assert.deepEqual(st.queued, { observations: 2, transitions: 1, other: 1 }, 'snapshots coalesced');
    assert.equal(failing.length, 1, 'said once, not per write');
    await assert.rejects(s.appendObservationsNow([obs(4)]), /store is failing/);

    await clock.advance(5_000); // replays fail while the store still does
    assert.equal(s.status().ok, false);
    inner.failing = false;
    await clock.advance(5_000);
    assert.equal(s.status().ok, true);
    assert.deepEqual(inner.writes, ['obs:1', 'obs:2', 'tr:2', 'state:snap={"v":2}', 'obs:3'], 'in order');
    assert.equal(recovered.length, 1);
    assert.ok(recovered[0]! >= 5_000);
    await s.appendObservations([obs(5)]);
    assert.equal(inner.writes.at(-1), 'obs:5', 'through again');
    assert.equal(clock.pending(), 0, 'no replay timer left');
  });

  it('coalesces incidents by id and bounds the observations it keeps', async () => {
    const inner = new Failing();
    const clock = new ManualClock(0);
    const s = new WriteBehindStore(inner, clock);
    inner.failing = true;
    const incident = (id: string, n: number) =>
      ({
        id,
        service: 'shop',
        openedAt: 0,
        state: 'DOWN',
        worst: 'DOWN',
        timeline: [],
        n,
      }) as unknown as Incident;
    await s.saveIncidents([incident('a', 1)]);
    await s.saveIncidents([incident('a', 2), incident('b', 1)]);
    assert.equal(s.status().queued.other, 2);
    const many = Array.from({ length: MAX_QUEUED_OBSERVATIONS + 10 }, (_, i) => obs(i));
    await s.appendObservations(many);
    assert.equal(s.status().queued.observations, MAX_QUEUED_OBSERVATIONS);
    assert.equal(s.status().dropped, 10, 'the oldest dropped, and counted');
    inner.failing = false;
    const left = await s.flush();
    assert.equal(left.ok, true);
    assert.deepEqual(inner.writes[0], 'inc:a,b');
    assert.match(inner.writes[1]!, /^obs:10,11,/, 'the oldest ten were the ones dropped');
    await s.close();
  });

  it('keeps alerts queued while the store fails in memory, so they leave, and gives the store the rest', async () => {
    const inner = new Failing();
    const clock = new ManualClock(0);
    const s = new WriteBehindStore(inner, clock);
    inner.failing = true;
    const entry = (key: string): OutboxEntry => ({ channel: 'ops', key, payload: { key }, createdAt: 1 });
    await s.enqueue([entry('a:opened'), entry('b:opened')], { key: 'router', value: { n: 1 } });
    const due = await s.due(10, 10);
    assert.deepEqual(
      due.map((i) => i.key),
      ['a:opened', 'b:opened'],
      'deliverable from memory although the store fails',
    );
    await s.remove('ops', 'a:opened'); // delivered meanwhile
    assert.equal(await s.outboxSize(), 1);
    inner.failing = false;
    await clock.advance(5_000);
    assert.equal(s.status().ok, true);
    assert.deepEqual(
      (await inner.due(10, 10)).map((i) => i.key),
      ['b:opened'],
      'the store has what is still to deliver, not what left',
    );
    assert.deepEqual(await inner.loadState('router'), { n: 1 }, 'and the decisions with it');
    assert.deepEqual(
      (await s.due(10, 10)).map((i) => i.key),
      ['b:opened'],
      'read once, from the store',
    );
    await s.close();
  });

  it('queues what operators post while the store fails, in order, and replays it', async () => {
    const inner = new Failing();
    const clock = new ManualClock(1_000);
    const s = new WriteBehindStore(inner, clock);
    const w: MaintenanceWindow = {
      id: 'mw-1',
      title: { en: 'migration' },
      services: ['checkout'],
      start: 1_000,
      end: 5_000,
      silence: true,
      createdAt: 1_000,
      createdBy: 'operator',
    };
    const u: IncidentUpdate = {
      id: 'u1',
      incident: 'checkout@x',
      at: 1_000,
      status: 'identified',
      message: { fr: 'trouvé' },
      who: 'operator',
    };
    inner.failing = true;
    await s.saveMaintenance(w);
    await s.appendIncidentUpdate(u);
    await s.saveMaintenance({ ...w, end: 3_000 });
    await s.deleteMaintenance('mw-2');
    assert.deepEqual(s.status().queued.other, 4, 'all four wait');
    inner.failing = false;
    await clock.advance(5_000);
    assert.equal(s.status().ok, true);
    assert.deepEqual(inner.writes, [
      'maintenance:mw-1:5000',
      'update:u1',
      'maintenance:mw-1:3000',
      'delete:mw-2',
    ]);
    assert.equal((await s.maintenanceWindow('mw-1'))?.end, 3_000);
    assert.deepEqual(await s.incidentUpdates(['checkout@x']), [u]);
    await s.close();
  });
});

/**
 * The pipeline and its stages alone, on a manual clock: order of stages, batches emitted after the
 * current one, a failing stage isolated or (durable) held and retried, stop; and each stage's own
 * job against a memory store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Events } from '../src/daemon/events.ts';
import { Pipeline, retryDelay, type Stage } from '../src/daemon/pipeline.ts';
import { SNAPSHOT_KEY } from '../src/daemon/resume.ts';
import { incidentsStage } from '../src/daemon/stages/incidents.ts';
import { createMonitorMetrics, metricsStage } from '../src/daemon/stages/metrics.ts';
import { persistTransitionsStage } from '../src/daemon/stages/persist.ts';
import { snapshotStage } from '../src/daemon/stages/snapshot.ts';
import type { Monitor } from '../src/monitor/monitor.ts';
import type { Transition } from '../src/monitor/types.ts';
import { createLogger } from '../src/platform/log.ts';
import { ManualClock } from '../src/platform/manual-clock.ts';
import { createRegistry } from '../src/platform/metrics.ts';
import { MemoryStore } from '../src/store/memory.ts';

const log = createLogger('silent');
const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const down: Transition = { at: T0, type: 'service', id: 'checkout', from: 'UP', to: 'DOWN' };
const up: Transition = { at: T0 + 5, type: 'service', id: 'checkout', from: 'DOWN', to: 'UP' };

/** A stage that records what it sees as `name:topic:n`. */
function recorder(name: string, seen: string[], extra: Partial<Stage> = {}): Stage {
  return {
    name,
    on: {
      transitions: (b) => void seen.push(`${name}:transitions:${b.length}`),
      incidents: (b) => void seen.push(`${name}:incidents:${b.events.length}`),
    },
    ...extra,
  };
}

describe('pipeline', () => {
  it('hands a batch to the stages in order; what a stage emits comes after the whole batch', async () => {
    const seen: string[] = [];
    const emitter: Stage = {
      name: 'emitter',
      on: {
        transitions: (_b, _now, emit) => {
          seen.push('emitter:transitions');
          emit('incidents', { events: [], changed: [] });
        },
      },
    };
    const p = new Pipeline([recorder('a', seen), emitter, recorder('b', seen)], new ManualClock(), log);
    await p.publish('transitions', [down, up]);
    assert.deepEqual(seen, [
      'a:transitions:2',
      'emitter:transitions',
      'b:transitions:2',
      'a:incidents:0',
      'b:incidents:0',
    ]);
  });

  it('a failing stage that is not durable is logged; the next stages still act', async () => {
    const seen: string[] = [];
    const broken: Stage = {
      name: 'broken',
      on: {
        transitions: () => {
          throw new Error('boom');
        },
      },
    };
    const p = new Pipeline([broken, recorder('after', seen)], new ManualClock(), log);
    await p.publish('transitions', [down]);
    assert.deepEqual(seen, ['after:transitions:1']);
  });

  it('a failing durable stage holds its batch and is retried with backoff until it succeeds', async () => {
    const clock = new ManualClock();
    const seen: string[] = [];
    let failures = 3;
    const attempts: number[] = [];
    const persist: Stage = {
      name: 'persist',
      durable: true,
      on: {
        transitions: () => {
          attempts.push(clock.now() - T0);
          if (failures-- > 0) throw new Error('database is locked');
        },
      },
    };
    clock.t = T0;
    const p = new Pipeline([persist, recorder('act', seen)], clock, log);
    const done = p.publish('transitions', [down]);
    await clock.advance(50);
    assert.deepEqual(seen, [], 'nothing acts while the durable stage fails');
    await clock.advance(1_000);
    await done;
    assert.deepEqual(
      attempts.slice(1).map((t, i) => t - attempts[i]!),
      [100, 200, 400],
      '100 ms, then doubling',
    );
    assert.deepEqual(seen, ['act:transitions:1']);
    assert.deepEqual([1, 2, 3, 7, 8, 20].map(retryDelay), [100, 200, 400, 5000, 5000, 5000]);
  });

  it('runs periodic work on the clock, one step at a time with the batches', async () => {
    const clock = new ManualClock();
    const ticks: number[] = [];
    const p = new Pipeline(
      [{ name: 'ticker', tick: { every: 1_000, atStart: true, run: (now) => void ticks.push(now) } }],
      clock,
      log,
    );
    const t0 = clock.now();
    p.start();
    await clock.advance(0); // the first one, at start
    await clock.advance(3_500);
    assert.deepEqual(
      ticks.map((t) => t - t0),
      [0, 1_000, 2_000, 3_000],
    );
    await p.stop();
    await clock.advance(5_000);
    assert.equal(ticks.length, 4, 'no tick after stop');
    assert.equal(clock.pending(), 0, 'no timer left behind');
  });

  it('stops a durable stage that keeps failing, and stops the stages last first', async () => {
    const clock = new ManualClock();
    const stopped: string[] = [];
    const stuck: Stage = {
      name: 'stuck',
      durable: true,
      on: {
        transitions: () => {
          throw new Error('down');
        },
      },
      stop: () => void stopped.push('stuck'),
    };
    const last: Stage = { name: 'last', stop: () => void stopped.push('last') };
    const p = new Pipeline([stuck, last], clock, log);
    void p.publish('transitions', [down]);
    await clock.advance(1_000);
    await p.stop();
    assert.deepEqual(stopped, ['last', 'stuck']);
  });
});

describe('stages alone', () => {
  it('persist-transitions stores each batch', async () => {
    const store = new MemoryStore();
    const p = new Pipeline([persistTransitionsStage(store)], new ManualClock(), log);
    await p.publish('transitions', [down, up]);
    assert.deepEqual(
      (await store.transitions()).map((t) => t.to),
      ['UP', 'DOWN'],
    );
  });

  it('incidents saves what changed before it tells the next stages', async () => {
    const store = new MemoryStore();
    const stage = await incidentsStage(store);
    const told: Events['incidents'][] = [];
    const check: Stage = {
      name: 'check',
      on: {
        incidents: async (b) => {
          // Already stored when the next stages hear of it.
          assert.equal((await store.incidents()).length, 1);
          told.push(b);
        },
      },
    };
    const p = new Pipeline([stage, check], new ManualClock(), log);
    await p.publish('transitions', [down]);
    await p.publish('transitions', [up]);
    assert.deepEqual(
      told.map((b) => b.events.map((e) => e.type)),
      [['incident-opened'], ['incident-resolved']],
    );
    assert.equal(stage.book().open.size, 0);
    const again = await incidentsStage(store);
    assert.equal(again.book().open.size, 0, 'a restart finds nothing open');
  });

  it('metrics keeps the state gauges in step', async () => {
    const m = createMonitorMetrics(createRegistry());
    const p = new Pipeline([metricsStage(m, () => 1)], new ManualClock(), log);
    await p.publish('transitions', [down, { ...down, type: 'check', id: 'api' }]);
    await p.publish('incidents', { events: [], changed: [] });
    const text = await m.registry.metrics();
    assert.match(text, /bascule_service_state\{service="checkout"\} 0/);
    assert.match(text, /bascule_check_state\{check="api"\} 0/);
    assert.match(text, /bascule_incidents_open 1/);
  });

  it('snapshot saves the monitor at start, every 10 s and on stop', async () => {
    const store = new MemoryStore();
    const clock = new ManualClock();
    let n = 0;
    const monitor = { snapshot: (at: number) => ({ version: 1, at, n: ++n }) } as unknown as Monitor;
    const p = new Pipeline([snapshotStage(monitor, store)], clock, log);
    p.start();
    await clock.advance(0);
    assert.equal((await store.loadState(SNAPSHOT_KEY)) !== undefined, true, 'at start');
    await clock.advance(20_000);
    await p.stop();
    assert.equal(n, 4, 'start, 10 s, 20 s, stop');
  });
});

/**
 * The switch record's detection time (`downAt`): the DOWN transition of the outage that caused the
 * switch, never one of an earlier outage that ended. The controller runs for real on a memory
 * store, a durable coordinator and a memory actuator, with a manual clock; check states are set
 * by hand, as the monitor would report them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryActuator } from '../src/actuators/memory.ts';
import { durableCoordinator } from '../src/cluster/durable.ts';
import { FailoverController, type FailoverDesired } from '../src/daemon/failover/controller.ts';
import { failoverMetrics } from '../src/daemon/failover/metrics.ts';
import { groupSpec } from '../src/failover/spec.ts';
import type { CheckView } from '../src/monitor/quorum.ts';
import type { State, Transition } from '../src/monitor/types.ts';
import { createLogger } from '../src/platform/log.ts';
import { ManualClock, settle } from '../src/platform/manual-clock.ts';
import { createRegistry } from '../src/platform/metrics.ts';
import { MemoryStore } from '../src/store/memory.ts';

const view = (state: State): CheckView => ({
  state,
  reporting: 1,
  down: state === 'DOWN' ? 1 : 0,
  quorum: 1,
  vantages: [{ vantage: 'local', state: state === 'DOWN' ? 'DOWN' : 'UP', lastAt: 1 }],
});

async function harness() {
  const clock = new ManualClock();
  const store = new MemoryStore();
  const states = new Map<string, State>([
    ['api-aws', 'UP'],
    ['api-gcp', 'UP'],
  ]);
  const spec = groupSpec('api', {
    service: 'api',
    endpoints: [
      { name: 'aws', address: '127.0.0.2:9001', check: 'api-aws' },
      { name: 'gcp', address: '127.0.0.3:9002', check: 'api-gcp' },
    ],
    policy: { failback: 'manual', failbackAfter: '1s', minHold: '1s' },
  } as Parameters<typeof groupSpec>[1]);
  const controller = new FailoverController({
    groups: [{ spec, service: 'api', actuators: [new MemoryActuator()] }],
    coordinator: await durableCoordinator<FailoverDesired>({ rows: store, clock, node: 'n1', session: 's1' }),
    view: (check) => view(states.get(check) ?? 'UNKNOWN'),
    quorumOf: () => 1,
    store,
    clock,
    log: createLogger('silent'),
    metrics: failoverMetrics(createRegistry()),
  });
  await controller.start();
  await controller.evaluate(clock.now()); // the daemon's first tick: both endpoints seen healthy
  const transition = (id: string, to: State): void => {
    const from = states.get(id) ?? 'UNKNOWN';
    states.set(id, to);
    controller.noteTransitions([{ type: 'check', id, from, to, at: clock.now() } as Transition]);
  };
  /** The daemon's tick, once a second: the lease renewed, every group decided again. */
  const advance = async (ms: number) => {
    for (let left = ms; left > 0; left -= 1_000) {
      clock.t += Math.min(1_000, left);
      await controller.maintain(clock.now(), false);
      await controller.evaluate(clock.now());
    }
  };
  const passiveFailures = async (endpoint: string) => {
    for (let i = 0; i < 3; i++) controller.evidence({ group: 'api', endpoint, at: clock.now() } as never);
    await controller.evaluate(clock.now());
    await settle();
  };
  return { clock, store, controller, transition, advance, passiveFailures };
}

describe('switch record detection time', () => {
  it('dates a passive switch from its own outage, not from a DOWN of the endpoint that has since recovered', async () => {
    const h = await harness();
    // A first outage of aws that ends without a switch (gcp was down too: nowhere to go), 5 s long.
    h.transition('api-gcp', 'DOWN');
    h.transition('api-aws', 'DOWN');
    const blipAt = h.clock.now();
    await h.advance(5_000);
    h.transition('api-aws', 'UP');
    h.transition('api-gcp', 'UP');
    // 60 s later the proxy sees aws fail before the checks do: a passive switch.
    await h.advance(60_000);
    await h.passiveFailures('aws');
    const [rec] = await h.store.switches({ group: 'api' });
    assert.ok(rec, 'a switch was recorded');
    assert.equal(rec.reason, 'passive');
    assert.equal(rec.to, 'gcp');
    assert.equal(rec.downAt, undefined, `downAt ${rec.downAt} is the blip's (${blipAt}), which had ended`);
    assert.equal(rec.firstFailureAt, h.clock.now());
  });

  it('dates a switch from the DOWN transition of the outage that caused it', async () => {
    const h = await harness();
    h.clock.t += 10_000;
    h.transition('api-aws', 'DOWN');
    const downAt = h.clock.now();
    h.clock.t += 300;
    await h.controller.evaluate(h.clock.now());
    await settle();
    const [rec] = await h.store.switches({ group: 'api' });
    assert.ok(rec, 'a switch was recorded');
    assert.equal(rec.reason, 'down');
    assert.equal(rec.downAt, downAt);
    assert.equal(rec.decidedAt, downAt + 300);
  });
});

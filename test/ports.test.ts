/** The coordination and actuator ports against their contracts: the single-node lease and the memory actuator. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryActuator } from '../src/actuators/memory.ts';
import {
  type DesiredRecord,
  LEASE_TTL_MS,
  LeaseCoordinator,
  type LeaseRecord,
  localCoordinator,
} from '../src/cluster/lease.ts';
import { MemoryKv } from '../src/cluster/memory-kv.ts';
import { ManualClock } from '../src/platform/manual-clock.ts';
import { actuatorContract } from './actuator.contract.ts';
import {
  coordinatorContract,
  type Desired,
  stallingWrites,
  type TestCluster,
} from './coordinator.contract.ts';

/** Nodes sharing two memory buckets; a restart is new buckets (nothing in process survives it). */
function memoryCluster(clock: ManualClock): TestCluster {
  const lease = new MemoryKv<LeaseRecord>(clock, { ttlMs: LEASE_TTL_MS });
  const state = new MemoryKv<DesiredRecord<Desired>>(clock);
  return {
    clock,
    ttlMs: LEASE_TTL_MS,
    node: (id, hooks) =>
      new LeaseCoordinator({
        lease,
        state: stallingWrites(state, hooks?.beforeDesiredWrite),
        clock,
        node: id,
      }),
    restart: () => memoryCluster(clock),
  };
}

coordinatorContract('lease on memory buckets', () => memoryCluster(new ManualClock()));

describe('localCoordinator', () => {
  it('leads alone, with fences above any a run that started earlier issued', async () => {
    const clock = new ManualClock();
    const first = localCoordinator<Desired>(clock);
    const l1 = await first.campaign();
    assert.equal(l1.leader, true);
    assert.ok(l1.fence >= clock.now(), 'fences start at the clock');
    const p = await first.propose({ api: 'gcp' }, l1.fence);
    assert.ok(p.ok && p.fence > l1.fence);
    assert.deepEqual(await first.desired(), { api: 'gcp' });
    await clock.advance(100); // the process restarts
    const l2 = await localCoordinator<Desired>(clock).campaign();
    assert.ok(l2.leader && l2.fence > p.fence, `${l2.fence} after ${p.fence}`);
  });
});

actuatorContract('memory', async () => {
  // A restart is a new actuator on the target's kept state.
  let actuator = new MemoryActuator();
  return {
    get actuator() {
      return actuator;
    },
    served: async (group) => (await actuator.current(group))?.endpoint,
    breakTarget: async () => {
      actuator.unreachable = true;
    },
    hangTarget: async () => {
      actuator.hung = true;
    },
    restart: async () => {
      actuator = new MemoryActuator(actuator.target);
    },
    close: async () => {},
  };
});

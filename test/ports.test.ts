/** The coordination and actuator ports against their contracts: the single-node lease and the memory actuator. */
import { MemoryActuator } from '../src/actuators/memory.ts';
import { LEASE_TTL_MS, LeaseCoordinator, type LeaseRecord } from '../src/cluster/lease.ts';
import { MemoryKv } from '../src/cluster/memory-kv.ts';
import { ManualClock } from '../src/platform/manual-clock.ts';
import { actuatorContract } from './actuator.contract.ts';
import { coordinatorContract } from './coordinator.contract.ts';

coordinatorContract('lease on a memory bucket', () => {
  const clock = new ManualClock();
  const kv = new MemoryKv<LeaseRecord<{ api: string }>>(clock, LEASE_TTL_MS);
  return { clock, ttlMs: LEASE_TTL_MS, node: (id) => new LeaseCoordinator(kv, id) };
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

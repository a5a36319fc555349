/**
 * The actuator contract: every Actuator (memory today; the proxy, DNS, RFC 2136, HAProxy and
 * webhook actuators with failover) passes it. `target()` gives a fresh actuator, a way to read what
 * the real target routes to by its own means, and a way to make the target unreachable.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actuator, Routing } from '../src/actuators/actuator.ts';

export interface TestTarget {
  readonly actuator: Actuator;
  /** What the target serves for `group`, read from the target itself (a DNS query, a proxied request…). */
  served(group: string): Promise<string | undefined>;
  /** Makes the target unreachable (stops the server, closes the port). */
  breakTarget(): Promise<void>;
  close(): Promise<void>;
}

const aws: Routing = { group: 'api', endpoint: 'aws', address: '127.0.0.2:9001' };
const gcp: Routing = { group: 'api', endpoint: 'gcp', address: '127.0.0.3:9002' };

export function actuatorContract(name: string, target: () => Promise<TestTarget>): void {
  describe(`actuator contract: ${name}`, () => {
    it('applies a routing, and says whether it changed anything', async () => {
      const t = await target();
      try {
        assert.deepEqual(await t.actuator.apply(aws, 1), { ok: true, changed: true });
        assert.equal(await t.served('api'), 'aws');
        assert.deepEqual(await t.actuator.apply(aws, 1), { ok: true, changed: false }, 'idempotent');
        assert.deepEqual(await t.actuator.apply(gcp, 2), { ok: true, changed: true });
        assert.equal(await t.served('api'), 'gcp');
        assert.equal((await t.actuator.current('api'))?.endpoint, 'gcp');
      } finally {
        await t.close();
      }
    });

    it('refuses a fence older than one it has seen, and keeps the newer routing', async () => {
      const t = await target();
      try {
        await t.actuator.apply(gcp, 7);
        const r = await t.actuator.apply(aws, 6);
        assert.equal(r.ok, false);
        assert.equal(!r.ok && r.reason, 'stale-fence');
        assert.equal(await t.served('api'), 'gcp');
      } finally {
        await t.close();
      }
    });

    it('an unreachable target is a result with a reason, never an exception', async () => {
      const t = await target();
      try {
        await t.breakTarget();
        const r = await t.actuator.apply(aws, 1);
        assert.equal(r.ok, false);
        assert.equal(!r.ok && r.reason, 'unreachable');
      } finally {
        await t.close();
      }
    });
  });
}

/**
 * The actuator contract: every Actuator (memory today; the proxy, DNS, RFC 2136, HAProxy and
 * webhook actuators with failover) passes it. `target()` gives a fresh actuator, a way to read what
 * the real target routes to by its own means, and ways to break, hang and restart the target.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Actuator, APPLY_FAILURES, type ApplyResult, type Routing } from '../src/actuators/actuator.ts';

export interface TestTarget {
  /** The actuator driving the target (read again after `restart()`: it may be a new one). */
  readonly actuator: Actuator;
  /** What the target serves for `group`, read from the target itself (a DNS query, a proxied request…). */
  served(group: string): Promise<string | undefined>;
  /** Makes the target unreachable (stops the server, closes the port). */
  breakTarget(): Promise<void>;
  /** Makes the target accept requests and never answer (a hung server, a black-holed route). */
  hangTarget(): Promise<void>;
  /**
   * Restarts the target and the actuator: what the target keeps on disk (a zone and its fence
   * record, a state file) stays, everything held in memory is gone.
   */
  restart(): Promise<void>;
  close(): Promise<void>;
}

const aws: Routing = { group: 'api', endpoint: 'aws', address: '127.0.0.2:9001' };
const gcp: Routing = { group: 'api', endpoint: 'gcp', address: '127.0.0.3:9002' };
/** How long an aborted apply may take to answer. */
const PROMPT_MS = 1_000;

/** `apply`'s result, or `undefined` if none came within PROMPT_MS (it must not hang on an abort). */
async function prompt(p: Promise<ApplyResult>): Promise<ApplyResult | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), PROMPT_MS);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

function assertFailure(r: ApplyResult | undefined): void {
  assert.ok(r !== undefined, `no result within ${PROMPT_MS} ms of the abort`);
  assert.equal(typeof r, 'object');
  assert.equal(r.ok, false, JSON.stringify(r));
  assert.ok(!r.ok && APPLY_FAILURES.includes(r.reason), JSON.stringify(r));
}

export function actuatorContract(name: string, target: () => Promise<TestTarget>): void {
  describe(`actuator contract: ${name}`, () => {
    it('applies a routing, says whether it changed anything and which fence the target holds', async () => {
      const t = await target();
      try {
        assert.deepEqual(await t.actuator.apply(aws, 1), { ok: true, changed: true, fence: 1 });
        assert.equal(await t.served('api'), 'aws');
        assert.deepEqual(
          await t.actuator.apply(aws, 1),
          { ok: true, changed: false, fence: 1 },
          'idempotent',
        );
        assert.deepEqual(await t.actuator.apply(gcp, 2), { ok: true, changed: true, fence: 2 });
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

    it('a target that restarts still refuses a fence older than the newest it applied', async () => {
      const t = await target();
      try {
        assert.equal((await t.actuator.apply(gcp, 7)).ok, true);
        await t.restart();
        const r = await t.actuator.apply(aws, 6);
        assert.equal(!r.ok && r.reason, 'stale-fence', JSON.stringify(r));
        assert.equal(await t.served('api'), 'gcp');
        assert.deepEqual(await t.actuator.apply(aws, 8), { ok: true, changed: true, fence: 8 });
        assert.equal(await t.served('api'), 'aws');
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

    it('an aborted signal returns a result promptly, never an exception', async () => {
      const t = await target();
      try {
        assertFailure(await prompt(t.actuator.apply(aws, 1, AbortSignal.abort())));
        assert.equal(await t.served('api'), undefined, 'aborted before the call: nothing applied');
        await t.hangTarget();
        assertFailure(await prompt(t.actuator.apply(gcp, 2, AbortSignal.timeout(50))));
      } finally {
        await t.close();
      }
    });
  });
}

/**
 * The single node's durable coordination: the lease and the desired state on buckets kept by the
 * store (memory, SQLite, a real PostgreSQL), against the coordinator contract, and what a restart
 * keeps: the desired state, revisions that never go back (even when the clock does), the lease a
 * session held.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { durableCoordinator } from '../src/cluster/durable.ts';
import {
  type DesiredRecord,
  LEASE_TTL_MS,
  LeaseCoordinator,
  type LeaseRecord,
} from '../src/cluster/lease.ts';
import { StoreKv } from '../src/cluster/store-kv.ts';
import { ManualClock } from '../src/platform/manual-clock.ts';
import { openStore } from '../src/store/open.ts';
import type { Store } from '../src/store/store.ts';
import {
  coordinatorContract,
  type Desired,
  stallingWrites,
  type TestCluster,
} from './coordinator.contract.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';

const dir = mkdtempSync(join(tmpdir(), 'bascule-kv-'));
let n = 0;

/** Nodes sharing two store buckets; a restart closes the store and opens it again. */
async function storeCluster(clock: ManualClock, open: () => Promise<Store>): Promise<TestCluster> {
  const store = await open();
  await store.migrate();
  const lease = await StoreKv.open<LeaseRecord>(store, 'lease', clock, { ttlMs: LEASE_TTL_MS });
  const state = await StoreKv.open<DesiredRecord<Desired>>(store, 'desired', clock);
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
    restart: async () => {
      await store.close();
      return storeCluster(clock, open);
    },
  };
}

const memory = () => {
  const name = `memory:${dir}/m${++n}`;
  return () => openStore(name, dir);
};
const sqlite = () => {
  const name = `sqlite:${join(dir, `s${++n}.db`)}`;
  return () => openStore(name, dir);
};

coordinatorContract('lease on store buckets (memory)', () => storeCluster(new ManualClock(), memory()));
coordinatorContract('lease on store buckets (sqlite)', () => storeCluster(new ManualClock(), sqlite()));

let pg: TestPostgres | undefined;
before(async () => {
  pg = await startPostgres();
});
after(() => pg?.stop());
coordinatorContract('lease on store buckets (postgres)', async () => {
  const url = await pg!.createDatabase(`kv${++n}`);
  return storeCluster(new ManualClock(), () => openStore(url, dir));
});

describe('durable coordination across a restart', () => {
  it('keeps the desired state, and fences above every earlier one even when the clock goes back', async () => {
    const open = sqlite();
    const clock = new ManualClock(1_800_000_000_000);
    const s1 = await open();
    await s1.migrate();
    const a = await durableCoordinator<Desired>({ rows: s1, clock, node: 'n', session: 's1' });
    const l = await a.campaign();
    const p = await a.propose({ api: 'gcp' }, l.fence);
    assert.ok(p.ok);
    await s1.close();
    // The machine's clock is set back an hour; the next run must not reuse a fence.
    const earlier = new ManualClock(1_800_000_000_000 - 3_600_000);
    const s2 = await open();
    await s2.migrate();
    const b = await durableCoordinator<Desired>({ rows: s2, clock: earlier, node: 'n', session: 's1' });
    assert.deepEqual(await b.desired(), { api: 'gcp' }, 'the desired state is kept');
    const l2 = await b.campaign();
    assert.equal(l2.leader, true);
    assert.ok(l2.fence > p.fence, `fence ${l2.fence} after ${p.fence}`);
    await s2.close();
  });

  it('the same session takes its lease back at once; another waits for it to expire', async () => {
    const open = sqlite();
    const clock = new ManualClock(1_800_000_000_000);
    const s1 = await open();
    await s1.migrate();
    const a = await durableCoordinator<Desired>({ rows: s1, clock, node: 'n', session: 'kept' });
    const l1 = await a.campaign();
    assert.equal(l1.leader, true);
    await s1.close(); // SIGKILL: the lease is not given up
    await clock.advance(1_000);
    const s2 = await open();
    await s2.migrate();
    const other = await durableCoordinator<Desired>({ rows: s2, clock, node: 'n', session: 'another' });
    assert.equal((await other.campaign()).leader, false, 'a new session waits for the lease');
    const again = await durableCoordinator<Desired>({ rows: s2, clock, node: 'n', session: 'kept' });
    const l2 = await again.campaign();
    assert.equal(l2.leader, true, 'the kept session takes it back');
    assert.ok(l2.fence > l1.fence);
    await s2.close();
  });
});

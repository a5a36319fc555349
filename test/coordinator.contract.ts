/**
 * The coordination contract: every Coordinator (the single-node lease on a memory bucket today, the
 * NATS JetStream bucket with the cluster mode) passes it. `cluster()` gives nodes that share one
 * bucket and the clock that drives its TTL.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Coordinator } from '../src/cluster/coordinator.ts';
import type { ManualClock } from '../src/platform/manual-clock.ts';

interface Desired {
  readonly api: string;
}

export interface TestCluster {
  readonly clock: ManualClock;
  /** The lease's TTL in ms. */
  readonly ttlMs: number;
  node(id: string): Coordinator<Desired>;
}

export function coordinatorContract(name: string, cluster: () => Promise<TestCluster> | TestCluster): void {
  describe(`coordinator contract: ${name}`, () => {
    it('a lone node takes the lease, with a fencing token', async () => {
      const c = await cluster();
      const a = c.node('a');
      const l = await a.campaign();
      assert.equal(l.leader, true);
      assert.equal(l.holder, 'a');
      assert.ok(l.fence > 0);
    });

    it('of two candidates only one leads; the other names the holder', async () => {
      const c = await cluster();
      const [a, b] = [c.node('a'), c.node('b')];
      const [la, lb] = await Promise.all([a.campaign(), b.campaign()]);
      assert.equal([la, lb].filter((l) => l.leader).length, 1);
      const loser = la.leader ? lb : la;
      assert.equal(loser.fence, 0);
      assert.equal(loser.holder, la.leader ? 'a' : 'b');
    });

    it('renewing keeps the lease past its TTL, with a growing fence', async () => {
      const c = await cluster();
      const [a, b] = [c.node('a'), c.node('b')];
      let fence = (await a.campaign()).fence;
      for (let i = 0; i < 5; i++) {
        await c.clock.advance(c.ttlMs / 3);
        const l = await a.campaign();
        assert.equal(l.leader, true);
        assert.ok(l.fence > fence, 'fences only grow');
        fence = l.fence;
        assert.equal((await b.campaign()).leader, false);
      }
    });

    it('a silent leader loses the lease after its TTL; the new fence is larger', async () => {
      const c = await cluster();
      const [a, b] = [c.node('a'), c.node('b')];
      const la = await a.campaign();
      await c.clock.advance(c.ttlMs - 1);
      assert.equal((await b.campaign()).leader, false, 'not before the TTL');
      await c.clock.advance(2);
      const lb = await b.campaign();
      assert.equal(lb.leader, true);
      assert.ok(lb.fence > la.fence);
      // The old leader wakes up: it neither leads nor can change the desired state.
      assert.deepEqual(await a.propose({ api: 'aws' }, la.fence), { ok: false, reason: 'not-leader' });
      assert.equal((await a.campaign()).leader, false);
    });

    it('only the leader changes the desired state, with its current fence; every node reads it', async () => {
      const c = await cluster();
      const [a, b] = [c.node('a'), c.node('b')];
      const la = await a.campaign();
      await b.campaign();
      assert.equal((await b.propose({ api: 'gcp' }, la.fence)).ok, false, 'a follower cannot write');
      const p = await a.propose({ api: 'gcp' }, la.fence);
      assert.equal(p.ok, true);
      assert.deepEqual(await b.desired(), { api: 'gcp' });
      const stale = await a.propose({ api: 'aws' }, la.fence);
      assert.equal(stale.ok, false);
      assert.equal(!stale.ok && stale.reason, 'conflict', 'an old fence is refused');
      assert.deepEqual(await a.desired(), { api: 'gcp' });
      if (p.ok) assert.equal((await a.propose({ api: 'aws' }, p.fence)).ok, true);
      assert.deepEqual(await b.desired(), { api: 'aws' });
    });

    it('the desired state survives a change of leader, even after the lease expired', async () => {
      const c = await cluster();
      const [a, b] = [c.node('a'), c.node('b')];
      const la = await a.campaign();
      await a.propose({ api: 'gcp' }, la.fence);
      assert.deepEqual(await b.desired(), { api: 'gcp' });
      await c.clock.advance(c.ttlMs + 1);
      assert.deepEqual(await b.desired(), { api: 'gcp' }, 'a follower keeps its own copy');
      assert.equal((await b.campaign()).leader, true);
      assert.deepEqual(await a.desired(), { api: 'gcp' }, 'the new lease carries it');
    });

    it('a candidate that lost keeps the desired state it saw, for when it takes over', async () => {
      const c = await cluster();
      const [a, b] = [c.node('a'), c.node('b')];
      const la = await a.campaign();
      await a.propose({ api: 'gcp' }, la.fence);
      assert.equal((await b.campaign()).leader, false);
      await c.clock.advance(c.ttlMs + 1);
      assert.equal((await b.campaign()).leader, true);
      assert.deepEqual(await c.node('c').desired(), { api: 'gcp' }, 'the new lease carries it');
    });

    it('resigning hands the lease over at once', async () => {
      const c = await cluster();
      const [a, b] = [c.node('a'), c.node('b')];
      await a.campaign();
      await a.resign();
      assert.equal((await b.campaign()).leader, true);
      assert.equal((await a.campaign()).leader, false);
    });
  });
}

/**
 * The coordination contract: every Coordinator (the single-node lease on memory buckets today, NATS
 * JetStream buckets with the cluster mode) passes it. `cluster()` gives nodes that share the
 * buckets and the clock that drives the lease's TTL.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Coordinator } from '../src/cluster/coordinator.ts';
import type { KvBucket } from '../src/cluster/kv.ts';
import type { ManualClock } from '../src/platform/manual-clock.ts';

export interface Desired {
  readonly api: string;
}

export interface NodeHooks {
  /** Awaited before each write of the durable desired state: stalls a node between its lease write and that one. */
  readonly beforeDesiredWrite?: () => Promise<void>;
}

export interface TestCluster {
  readonly clock: ManualClock;
  /** The lease's TTL in ms. */
  readonly ttlMs: number;
  /** A new coordinator instance (a new process) named `id`: two calls with one id are two processes. */
  node(id: string, hooks?: NodeHooks): Coordinator<Desired>;
  /** The same cluster after every process restarted, on the same clock: what the buckets keep durably stays. */
  restart(): Promise<TestCluster> | TestCluster;
}

/** `kv` whose writes (create, update) first await `before`: how a harness implements `beforeDesiredWrite`. */
export function stallingWrites<V>(kv: KvBucket<V>, before?: () => Promise<void>): KvBucket<V> {
  if (!before) return kv;
  return {
    get: (key) => kv.get(key),
    create: async (key, value) => {
      await before();
      return kv.create(key, value);
    },
    update: async (key, value, revision) => {
      await before();
      return kv.update(key, value, revision);
    },
    delete: (key, revision) => kv.delete(key, revision),
  };
}

/** A gate a test opens by hand; `reached` resolves when a node first waits on it. */
function gate(): { wait: () => Promise<void>; reached: Promise<void>; open: () => void } {
  let open!: () => void;
  let reach!: () => void;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  const reached = new Promise<void>((r) => {
    reach = r;
  });
  const wait = () => {
    reach();
    return opened;
  };
  return { wait, reached, open };
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

    it('two instances with the same node name never both lead', async () => {
      const c = await cluster();
      const [x, y] = [c.node('n1'), c.node('n1')];
      const lx = await x.campaign();
      assert.equal(lx.leader, true);
      for (let i = 0; i < 4; i++) {
        const ly = await y.campaign();
        assert.equal(ly.leader, false, 'a namesake does not renew a lease it did not write');
        assert.equal(ly.fence, 0);
        assert.equal(ly.holder, 'n1');
        assert.equal((await y.propose({ api: 'gcp' }, lx.fence)).ok, false, 'nor write with its fence');
        await c.clock.advance(c.ttlMs / 3);
        assert.equal((await x.campaign()).leader, true);
      }
      const both = await Promise.all([c.node('n2').campaign(), c.node('n2').campaign()]);
      assert.ok(
        both.every((l) => !l.leader),
        'the lease is held: no namesake takes it',
      );
      await c.clock.advance(c.ttlMs + 1);
      const [l1, l2] = await Promise.all([c.node('n2').campaign(), c.node('n2').campaign()]);
      assert.equal([l1, l2].filter((l) => l.leader).length, 1, 'of two namesakes, one takes a free lease');
    });

    it('a leader knows until when it leads: before that, no one else can', async () => {
      const c = await cluster();
      const [a, b] = [c.node('a'), c.node('b')];
      const t0 = c.clock.now();
      const la = await a.campaign();
      assert.ok(la.until > t0 && la.until <= t0 + c.ttlMs, `until ${la.until - t0} ms after the write`);
      const lb = await b.campaign();
      assert.equal(lb.until, 0, 'a follower has no deadline');
      await c.clock.advance(la.until - c.clock.now());
      assert.equal((await b.campaign()).leader, false, 'the lease outlives the deadline');
      const renewed = await a.campaign();
      assert.equal(renewed.leader, true);
      assert.ok(renewed.until > la.until, 'renewing moves the deadline');
      const p = await a.propose({ api: 'gcp' }, renewed.fence);
      assert.ok(p.ok && p.until >= renewed.until && p.until <= c.clock.now() + c.ttlMs, 'so does a propose');
    });

    it('fences grow across a restart', async () => {
      const c = await cluster();
      const a = c.node('a');
      let fence = (await a.campaign()).fence;
      for (let i = 0; i < 3; i++) {
        await c.clock.advance(c.ttlMs / 3);
        fence = (await a.campaign()).fence;
      }
      const p = await a.propose({ api: 'gcp' }, fence);
      if (p.ok) fence = p.fence;
      await c.clock.advance(1_000);
      const r = await c.restart();
      await r.clock.advance(r.ttlMs + 1); // a lease the dead process held has expired
      const l = await r.node('a').campaign();
      assert.equal(l.leader, true);
      assert.ok(l.fence > fence, `fence ${l.fence} after ${fence}`);
    });

    it('the desired state survives a leader that dies right after a propose, unread', async () => {
      const c = await cluster();
      const a = c.node('a');
      const la = await a.campaign();
      assert.equal((await a.propose({ api: 'gcp' }, la.fence)).ok, true);
      await c.clock.advance(c.ttlMs + 1); // a dies; no one read the lease meanwhile
      const b = c.node('b');
      assert.equal((await b.campaign()).leader, true);
      assert.deepEqual(await b.desired(), { api: 'gcp' }, 'the new leader starts from it');
      assert.deepEqual(await c.node('c').desired(), { api: 'gcp' }, 'and any node reads it');
    });

    it('a stale leader that records its decision late does not overwrite a newer one', async () => {
      const c = await cluster();
      const g = gate();
      let stall = false;
      const a = c.node('a', { beforeDesiredWrite: () => (stall ? g.wait() : Promise.resolve()) });
      const b = c.node('b');
      const la = await a.campaign();
      const p1 = await a.propose({ api: 'gcp' }, la.fence);
      assert.ok(p1.ok);
      stall = true;
      const late = a.propose({ api: 'aws' }, p1.fence);
      await Promise.race([g.reached, late.then(() => assert.fail('propose never wrote the desired state'))]);
      await c.clock.advance(c.ttlMs + 1); // a is paused past its lease
      const lb = await b.campaign();
      assert.equal(lb.leader, true);
      assert.deepEqual(await b.desired(), { api: 'gcp' });
      assert.equal((await b.propose({ api: 'azure' }, lb.fence)).ok, true);
      g.open();
      const r = await late;
      assert.equal(!r.ok && r.reason, 'not-leader', JSON.stringify(r));
      for (const n of [a, b, c.node('c')]) assert.deepEqual(await n.desired(), { api: 'azure' });
    });

    it('a stale leader that records late, before the new leader decides, is refused too', async () => {
      const c = await cluster();
      const g = gate();
      let stall = false;
      const a = c.node('a', { beforeDesiredWrite: () => (stall ? g.wait() : Promise.resolve()) });
      const b = c.node('b');
      const la = await a.campaign();
      const p1 = await a.propose({ api: 'gcp' }, la.fence);
      assert.ok(p1.ok);
      stall = true;
      const late = a.propose({ api: 'aws' }, p1.fence);
      await Promise.race([g.reached, late.then(() => assert.fail('propose never wrote the desired state'))]);
      await c.clock.advance(c.ttlMs + 1);
      assert.equal((await b.campaign()).leader, true);
      g.open();
      const r = await late;
      assert.equal(!r.ok && r.reason, 'not-leader', JSON.stringify(r));
      for (const n of [a, b, c.node('c')]) {
        assert.deepEqual(await n.desired(), { api: 'gcp' }, 'the new leader started from gcp: it stays');
      }
      assert.equal((await a.campaign()).leader, false);
    });

    it('a leader paused past its deadline while recording is told it does not lead', async () => {
      const c = await cluster();
      const g = gate();
      let stall = false;
      const a = c.node('a', { beforeDesiredWrite: () => (stall ? g.wait() : Promise.resolve()) });
      const la = await a.campaign();
      stall = true;
      const late = a.propose({ api: 'aws' }, la.fence);
      await Promise.race([g.reached, late.then(() => assert.fail('propose never wrote the desired state'))]);
      await c.clock.advance(c.ttlMs); // no other node campaigns meanwhile
      g.open();
      const r = await late;
      assert.equal(!r.ok && r.reason, 'not-leader', 'its lease may be gone: it must not act on it');
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

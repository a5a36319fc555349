/** GET /api/v1/events: replay after Last-Event-ID, live delivery, heartbeats, resets, cleanup; and the listener itself. */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Clock } from '../src/platform/clock.ts';
import { createApi } from '../src/server/api.ts';
import { type Listening, listen } from '../src/server/listen.ts';
import { BUSY_RETRY_S, HEARTBEAT_MS, MAX_STREAMS } from '../src/server/sse.ts';
import { Fake, OPERATOR, subscribe as open, startApi, type TestApi } from './helpers/api.ts';

describe('server-sent events', () => {
  let api: TestApi;
  before(async () => {
    api = await startApi();
  });
  after(() => api.server.stop());
  const subscribe = (query?: string, headers?: Record<string, string>) => open(api.server, query, headers);
  const waitUntil = async (what: string, probe: () => boolean) => {
    for (let i = 0; i < 100 && !probe(); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(probe(), what);
  };

  it('replays after Last-Event-ID, then streams new events, with retry and heartbeats; cleans up on disconnect', async () => {
    const a = api.fake.live.publish('incident-opened', { service: 'checkout' });
    api.fake.live.publish('state', { id: 'db-tcp', to: 'DOWN' });
    api.fake.live.publish('state', { id: 'db-tcp', to: 'UP' });
    const s = await subscribe('', { 'last-event-id': String(a.id) });
    const replayed = await s.until(/"to":"UP"/);
    assert.match(replayed, /^retry: 3000\n\n/);
    assert.doesNotMatch(replayed, /incident-opened/, 'not the event it had already seen');
    assert.match(
      replayed,
      new RegExp(`event: state\ndata: \\{"id":"db-tcp","to":"DOWN"\\}\nid: ${a.id + 1}\n\n`),
    );
    const live = api.fake.live.publish('incident-resolved', { service: 'checkout' });
    assert.match(await s.until(/incident-resolved/), new RegExp(`id: ${live.id}\n`));
    await api.fake.clock.advance(15_000);
    await s.until(/: heartbeat\n\n/);
    assert.equal(api.fake.live.subscribers(), 1);
    s.close();
    await waitUntil('unsubscribed on disconnect', () => api.fake.live.subscribers() === 0);
    await waitUntil('heartbeat timer cleared', () => api.fake.clock.pending() === 0);
  });

  it('takes ?lastEventId= for clients that cannot set the header', async () => {
    const last = api.fake.live.lastId();
    api.fake.live.publish('state', { n: 'from-query' });
    const s = await subscribe(`?lastEventId=${last}`);
    await s.until(/from-query/);
    s.close();
    await waitUntil('unsubscribed', () => api.fake.live.subscribers() === 0);
  });

  it('sends a reset when the id asked for is older than the ring holds, or unknown', async () => {
    const old = api.fake.live.lastId();
    for (let i = 0; i < 7; i++) api.fake.live.publish('state', { i }); // the ring holds 5
    for (const id of [old, api.fake.live.lastId() + 50]) {
      const s = await subscribe('', { 'last-event-id': String(id) });
      const text = await s.until(/event: reset\n/);
      assert.match(text, new RegExp(`id: ${api.fake.live.lastId()}\n`));
      assert.doesNotMatch(text, /"i":/, 'no partial replay after a gap');
      s.close();
    }
    await waitUntil('unsubscribed', () => api.fake.live.subscribers() === 0);
    const s = await subscribe('', { 'last-event-id': String(api.fake.live.lastId() - 2) });
    const text = await s.until(/"i":6/);
    assert.doesNotMatch(text, /reset/, 'within the ring: a replay');
    s.close();
  });
});

describe('event streams under load', () => {
  const authorized = { authorization: `Bearer ${OPERATOR}` };

  it('takes at most maxStreams at once: one more is a 503 BASCULE_E_HTTP_BUSY with Retry-After', async () => {
    const fake = new Fake();
    const s = await listen(createApi({ ...fake.deps(), maxStreams: 2 }), '127.0.0.1', 0);
    try {
      const a = await open(s);
      const b = await open(s);
      const refused = await fetch(`${s.url}/api/v1/events`, { headers: authorized });
      assert.equal(refused.status, 503);
      assert.equal(refused.headers.get('retry-after'), String(BUSY_RETRY_S));
      const body = (await refused.json()) as { error: { code: string } };
      assert.equal(body.error.code, 'BASCULE_E_HTTP_BUSY');
      a.close();
      for (let i = 0; i < 100 && fake.live.subscribers() > 1; i++)
        await new Promise((r) => setTimeout(r, 20));
      const c = await open(s);
      await c.until(/^retry: /);
      b.close();
      c.close();
    } finally {
      await s.stop();
    }
    assert.equal(MAX_STREAMS, 100);
  });

  it('disconnects a client that never reads, while a reading one gets every event', async () => {
    const fake = new Fake();
    const s = await listen(createApi(fake.deps()), '127.0.0.1', 0);
    try {
      // A real client that sends its request and then never reads a byte.
      const stalled = connect(s.address.port, '127.0.0.1');
      stalled.pause();
      let closed = false;
      stalled.on('close', () => {
        closed = true;
      });
      stalled.on('error', () => {}); // a reset, once it reads again
      stalled.write(`GET /api/v1/events HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${OPERATOR}\r\n\r\n`);
      const reading = await open(s);
      for (let i = 0; i < 100 && fake.live.subscribers() < 2; i++)
        await new Promise((r) => setTimeout(r, 10));
      assert.equal(fake.live.subscribers(), 2);
      const payload = 'x'.repeat(4096);
      const read = reading.until(/"n":"last"/);
      let sent = 0;
      // Published in rounds, as the daemon does: the reading client keeps up, the other's queue fills.
      for (let round = 0; round < 200 && fake.live.subscribers() === 2; round++) {
        for (let i = 0; i < 50; i++) fake.live.publish('state', { n: sent++, payload });
        await new Promise((r) => setTimeout(r, 5));
      }
      assert.equal(fake.live.subscribers(), 1, 'the stalled client was dropped');
      assert.ok(sent <= 200 * 50, `dropped after ${sent} events`);
      fake.live.publish('state', { n: 'last' });
      const text = await read;
      for (const n of [0, sent - 1])
        assert.ok(text.includes(`"n":${n},`), `the reading client got event ${n}`);
      stalled.resume();
      for (let i = 0; i < 100 && !closed; i++) await new Promise((r) => setTimeout(r, 20));
      assert.ok(closed, 'the server ended the stalled connection');
      reading.close();
    } finally {
      await s.stop();
    }
  });
});

describe('listening', () => {
  it('binds IPv6 loopback and gives its address in brackets', async (t) => {
    let s: Listening;
    try {
      s = await listen(createApi(new Fake().deps()), '::1', 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL') return t.skip('no IPv6 loopback here');
      throw e;
    }
    try {
      assert.match(s.url, /^http:\/\/\[::1\]:\d+$/);
      assert.equal((await fetch(`${s.url}/healthz`)).status, 200);
    } finally {
      await s.stop();
    }
  });

  it('answers HEAD on the events route with the stream’s headers and no stream; stop() then leaves no subscriber or timer', async () => {
    const fake = new Fake();
    const s = await listen(createApi(fake.deps()), '127.0.0.1', 0);
    const headers = { authorization: `Bearer ${OPERATOR}` };
    for (let i = 0; i < 5; i++) {
      const head = await fetch(`${s.url}/api/v1/events`, { method: 'HEAD', headers });
      assert.equal(head.status, 200);
      assert.match(head.headers.get('content-type') ?? '', /^text\/event-stream/);
      assert.equal(head.headers.get('cache-control'), 'no-store');
      assert.equal(await head.text(), '');
    }
    assert.equal((await fetch(`${s.url}/api/v1/events`, { method: 'HEAD' })).status, 401);
    const get = await open(s);
    await get.until(/^retry: /);
    assert.equal(fake.live.subscribers(), 1, 'only the GET subscribes');
    await Promise.race([
      s.stop(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('stop() hangs')), 2000)),
    ]);
    assert.equal(fake.live.subscribers(), 0);
    assert.equal(fake.clock.pending(), 0, 'no heartbeat timer left');
  });

  it('unrefs the heartbeat timer when the clock’s handle can be unref’d', async () => {
    const fake = new Fake();
    let unrefs = 0;
    const clock: Clock = {
      now: () => fake.clock.now(),
      setTimeout: (fn, ms) => ({ inner: fake.clock.setTimeout(fn, ms), unref: () => void unrefs++ }),
      clearTimeout: (h) => fake.clock.clearTimeout((h as { inner: unknown }).inner),
      sleep: (ms, signal) => fake.clock.sleep(ms, signal),
    };
    const s = await listen(createApi({ ...fake.deps(), clock }), '127.0.0.1', 0);
    try {
      const get = await open(s);
      await get.until(/^retry: /);
      assert.equal(unrefs, 1);
      await fake.clock.advance(HEARTBEAT_MS);
      await get.until(/: heartbeat/);
      assert.equal(unrefs, 2, 'each re-armed timer too');
    } finally {
      await s.stop();
    }
    assert.equal(fake.clock.pending(), 0);
  });

  it('stops with an event stream open', async () => {
    const s = await listen(createApi(new Fake().deps()), '127.0.0.1', 0);
    const res = await fetch(`${s.url}/api/v1/events`, { headers: { authorization: `Bearer ${OPERATOR}` } });
    assert.equal(res.status, 200);
    await s.stop();
    await assert.rejects(res.text());
  });
});

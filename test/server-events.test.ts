/** GET /api/v1/events: replay after Last-Event-ID, live delivery, heartbeats, resets, cleanup; and the listener itself. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApi } from '../src/server/api.ts';
import { type Listening, listen } from '../src/server/listen.ts';
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

  it('stops with an event stream open', async () => {
    const s = await listen(createApi(new Fake().deps()), '127.0.0.1', 0);
    const res = await fetch(`${s.url}/api/v1/events`, { headers: { authorization: `Bearer ${OPERATOR}` } });
    assert.equal(res.status, 200);
    await s.stop();
    await assert.rejects(res.text());
  });
});

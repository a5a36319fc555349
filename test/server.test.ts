/**
 * The HTTP API against a real listening server (127.0.0.1:0) and fake daemon pieces: each group's
 * auth, 404/405, body limits before parsing, validation naming the field, the clock-skew clamp, the
 * public projection and its caching, server-sent events, and the OpenAPI document.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Gauge, Registry } from 'prom-client';
import type { StatusJson } from '../src/daemon/status.ts';
import type { CompiledCheck } from '../src/monitor/compile.ts';
import type { Incident, Observation } from '../src/monitor/types.ts';
import { ManualClock } from '../src/platform/manual-clock.ts';
import { type ApiDeps, createApi, type IncidentsQuery } from '../src/server/api.ts';
import { type Listening, listen } from '../src/server/listen.ts';
import { LiveFeed } from '../src/server/live.ts';
import { clientToken, daemonToken } from '../src/server/operator-token.ts';

const OPERATOR = 'operator-secret-5d1e';
const OFFICE = 'office-secret-93ac';
const STRING_ID = 'checkout@2026-11-29T15:23:25.623Z';

const check = (id: string, host: string, from: string[]): CompiledCheck => ({
  id,
  target: { type: 'tcp', host, port: 5432 } as unknown as CompiledCheck['target'],
  intervalMs: 1000,
  timeoutMs: 500,
  failAfter: 2,
  recoverAfter: 1,
  from,
  component: 'db-eu',
});

function incident(id: number | string, closedAt?: number): Incident {
  return {
    id: id as number,
    service: 'checkout',
    openedAt: Date.UTC(2026, 10, 29, 15, 23, 25),
    ...(closedAt !== undefined ? { closedAt } : {}),
    worst: 'DOWN',
    state: closedAt === undefined ? 'DOWN' : 'UP',
    timeline: [{ at: 1, type: 'check', id: 'db-tcp', from: 'UP', to: 'DOWN', reason: 'refused' }],
  };
}

/** Fake daemon pieces; the fields tests look at are public. */
class Fake {
  readonly clock = new ManualClock();
  readonly live = new LiveFeed({ capacity: 5, firstId: 1000 });
  readonly accepted: Observation[][] = [];
  readonly queries: IncidentsQuery[] = [];
  readonly errors: unknown[] = [];
  failStore = false;
  failStatus = false;
  serviceState: 'UP' | 'DOWN' = 'DOWN';
  readonly incidents = [incident(1, Date.UTC(2026, 10, 28)), incident(STRING_ID)];

  status(): StatusJson {
    return {
      name: 'Acme Shop',
      at: new Date(this.clock.now()).toISOString(),
      checks: [
        {
          id: 'db-tcp',
          state: 'DOWN',
          reason: 'refused',
          detail: 'connect ECONNREFUSED db1.internal.acme.example:5432',
          target: { component: 'db-eu' },
          vantages: [{ id: 'office', state: 'DOWN', lastAt: null, reason: 'refused', latencyMs: 3 }],
        },
      ],
      components: [{ id: 'db-eu', state: 'DOWN' }],
      services: [{ id: 'checkout', state: this.serviceState, cause: 'db-eu' }],
      incidents: this.incidents,
    };
  }

  deps(): ApiDeps {
    return {
      name: 'Acme Shop',
      checks: [check('db-tcp', 'db1.internal.acme.example', ['office']), check('local-only', 'x', ['local'])],
      vantageTokens: new Map([['office', OFFICE]]),
      operatorToken: OPERATOR,
      registry: this.registry(),
      clock: this.clock,
      status: async () => {
        if (this.failStatus) throw new Error('the store is on fire at /var/lib/bascule');
        return this.status();
      },
      incidents: async (q) => {
        this.queries.push(q);
        return this.incidents;
      },
      accept: async (batch) => {
        if (this.failStore) throw new Error('disk full');
        this.accepted.push([...batch]);
      },
      live: this.live,
      onError: (e) => this.errors.push(e),
    };
  }

  private registry(): Registry {
    const r = new Registry();
    new Gauge({ name: 'bascule_test_gauge', help: 'a test gauge', registers: [r] }).set(1);
    return r;
  }
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: { error?: { code: string; message: string } } & Record<string, unknown>;
}

describe('HTTP API', () => {
  const fake = new Fake();
  let server: Listening;
  before(async () => {
    server = await listen(createApi(fake.deps()), '127.0.0.1', 0);
  });
  after(() => server.stop());

  async function call(
    path: string,
    o: { method?: string; token?: string; body?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const res = await fetch(`${server.url}${path}`, {
      method: o.method ?? 'GET',
      headers: {
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...o.headers,
      },
      ...(o.body !== undefined ? { body: o.body } : {}),
      signal: AbortSignal.timeout(5000),
    });
    const text = await res.text();
    let json: Answer['json'] = {};
    try {
      json = JSON.parse(text) as Answer['json'];
    } catch {
      // text answers (metrics)
    }
    return { status: res.status, headers: res.headers, text, json };
  }
  const post = (observations: unknown[], token = OFFICE) =>
    call('/api/v1/agent/observations?vantage=office', {
      method: 'POST',
      token,
      body: JSON.stringify({ observations }),
    });

  describe('authentication, per group', () => {
    const operatorRoutes = ['/api/v1/status', '/api/v1/incidents', '/api/v1/incidents/1', '/metrics'];
    for (const path of operatorRoutes) {
      it(`${path} needs the operator token: 401 with WWW-Authenticate without it, with a wrong one or an agent's`, async () => {
        for (const token of [undefined, 'wrong', OFFICE]) {
          const r = await call(path, token ? { token } : {});
          assert.equal(r.status, 401, `${path} with ${token}`);
          assert.equal(r.json.error?.code, 'BASCULE_E_HTTP_UNAUTHORIZED');
          assert.match(r.headers.get('www-authenticate') ?? '', /^Bearer /);
          assert.equal(r.headers.get('cache-control'), 'no-store');
        }
        const ok = await call(path, { token: OPERATOR });
        assert.equal(ok.status, 200, ok.text);
        assert.equal(ok.headers.get('cache-control'), 'no-store');
      });
    }

    it('the agent routes need that vantage point’s token, not the operator’s', async () => {
      const path = '/api/v1/agent/checks?vantage=office';
      for (const [url, token] of [
        [path, undefined],
        [path, 'wrong'],
        [path, OPERATOR],
        ['/api/v1/agent/checks?vantage=paris', OFFICE],
        ['/api/v1/agent/checks', OFFICE],
      ] as const) {
        const r = await call(url, token ? { token } : {});
        assert.equal(r.status, 401, `${url} with ${token}`);
        assert.equal(r.json.error?.code, 'BASCULE_E_HTTP_VANTAGE_UNAUTHORIZED');
        assert.match(r.headers.get('www-authenticate') ?? '', /^Bearer /);
      }
      const ok = await call(path, { token: OFFICE });
      assert.equal(ok.status, 200);
      assert.equal(ok.headers.get('cache-control'), 'no-store');
      assert.deepEqual(
        (ok.json.checks as CompiledCheck[]).map((c) => c.id),
        ['db-tcp'],
        'only the checks assigned to it',
      );
      assert.equal((await post([], OPERATOR)).status, 401);
    });

    it('the full status keeps its shape for the operator', async () => {
      const r = await call('/api/v1/status', { token: OPERATOR });
      assert.deepEqual(r.json, JSON.parse(JSON.stringify(fake.status())));
    });

    it('/healthz, the public status and the OpenAPI document need no token', async () => {
      const health = await call('/healthz');
      assert.deepEqual([health.status, health.json], [200, { ok: true }]);
      assert.equal(health.headers.get('cache-control'), 'no-store');
      assert.equal((await call('/api/v1/public/status')).status, 200);
      assert.equal((await call('/api/v1/openapi.json')).status, 200);
    });
  });

  describe('routing', () => {
    it('answers 405 with Allow for a known path asked with another method', async () => {
      for (const [method, path, allow] of [
        ['POST', '/api/v1/status', 'GET, HEAD'],
        ['DELETE', `/api/v1/incidents/${encodeURIComponent(STRING_ID)}`, 'GET, HEAD'],
        ['GET', '/api/v1/agent/observations?vantage=office', 'POST'],
        ['PUT', '/metrics', 'GET, HEAD'],
      ] as const) {
        const r = await call(path, { method, token: OPERATOR });
        assert.equal(r.status, 405, `${method} ${path}`);
        assert.equal(r.headers.get('allow'), allow);
        assert.equal(r.json.error?.code, 'BASCULE_E_HTTP_METHOD');
        assert.equal(r.headers.get('cache-control'), 'no-store');
      }
    });

    it('answers 404 with a registry code for an unknown path', async () => {
      for (const path of ['/nope', '/api/v1/statuses', '/api/v1/agent/nope', '/api/v1/status/']) {
        const r = await call(path, { token: OPERATOR });
        assert.equal(r.status, 404, path);
        assert.equal(r.json.error?.code, 'BASCULE_E_HTTP_NOT_FOUND');
      }
    });

    it('finds an incident by its URL-encoded string id, or says 404 with a clear code', async () => {
      const r = await call(`/api/v1/incidents/${encodeURIComponent(STRING_ID)}`, { token: OPERATOR });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.id, STRING_ID);
      assert.equal(fake.queries.at(-1)?.id, STRING_ID);
      assert.equal((await call('/api/v1/incidents/1', { token: OPERATOR })).json.id, 1);
      const unknown = await call('/api/v1/incidents/checkout%402020-01-01', { token: OPERATOR });
      assert.equal(unknown.status, 404);
      assert.equal(unknown.json.error?.code, 'BASCULE_E_HTTP_INCIDENT_UNKNOWN');
      assert.match(unknown.json.error?.message ?? '', /checkout@2020-01-01/);
    });

    it('passes validated incident filters on', async () => {
      const r = await call('/api/v1/incidents?open=true&service=checkout&limit=5', { token: OPERATOR });
      assert.equal(r.status, 200);
      assert.equal((r.json.incidents as unknown[]).length, 2);
      assert.deepEqual(fake.queries.at(-1), { open: true, service: 'checkout', limit: 5 });
    });
  });

  describe('validation and limits', () => {
    it('answers 400 naming the field at fault', async () => {
      for (const [path, field] of [
        ['/api/v1/incidents?limit=0', 'limit'],
        ['/api/v1/incidents?limit=ten', 'limit'],
        ['/api/v1/incidents?open=maybe', 'open'],
        ['/api/v1/events?lastEventId=yesterday', 'lastEventId'],
      ] as const) {
        const r = await call(path, { token: OPERATOR });
        assert.equal(r.status, 400, path);
        assert.equal(r.json.error?.code, 'BASCULE_E_HTTP_BAD_REQUEST');
        assert.match(r.json.error?.message ?? '', new RegExp(`^${field}: `), path);
      }
      const shape = await post([{ check: 'db-tcp', at: 'soon', ok: true, latencyMs: 1 }]);
      assert.equal(shape.status, 400);
      assert.match(shape.json.error?.message ?? '', /^observations\.0\.at: /);
      const extra = await post([{ check: 'db-tcp', at: 1, ok: true, latencyMs: 1, host: 'x' }]);
      assert.equal(extra.status, 400);
      const bad = await call('/api/v1/agent/observations?vantage=office', {
        method: 'POST',
        token: OFFICE,
        body: '\u0000not json',
      });
      assert.deepEqual([bad.status, bad.json.error?.code], [400, 'BASCULE_E_HTTP_BAD_JSON']);
      const text = await call('/api/v1/agent/observations?vantage=office', {
        method: 'POST',
        token: OFFICE,
        body: '{}',
        headers: { 'content-type': 'text/plain' },
      });
      assert.deepEqual([text.status, text.json.error?.code], [415, 'BASCULE_E_HTTP_MEDIA_TYPE']);
      assert.equal(fake.accepted.length, 0);
    });

    it('answers in French to a client that asks for it', async () => {
      const r = await call('/api/v1/status', { headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
      assert.match(r.json.error?.message ?? '', /jeton d’opérateur/);
    });

    it('refuses a 2 MiB body with 413 before it reaches the handler, declared or chunked', async () => {
      const obs = JSON.stringify({ check: 'db-tcp', at: fake.clock.now(), ok: true, latencyMs: 1 });
      const big = `{"observations":[${Array(Math.ceil((2 << 20) / obs.length))
        .fill(obs)
        .join(',')}]}`;
      assert.ok(big.length > 2 << 20);
      for (const chunked of [false, true]) {
        const r = await raw('POST', '/api/v1/agent/observations?vantage=office', big, {
          authorization: `Bearer ${OFFICE}`,
          ...(chunked ? {} : { 'content-length': String(Buffer.byteLength(big)) }),
        });
        assert.equal(r.status, 413, `chunked: ${chunked}`);
        assert.equal(JSON.parse(r.body).error.code, 'BASCULE_E_HTTP_TOO_LARGE');
      }
      // A stranger is refused on its headers, whatever it sends.
      const stranger = await raw('POST', '/api/v1/agent/observations?vantage=office', big, {});
      assert.equal(stranger.status, 401);
      assert.equal(fake.accepted.length, 0, 'nothing reached the handler');
    });

    async function raw(
      method: string,
      path: string,
      body: string,
      headers: Record<string, string>,
    ): Promise<{ status: number; body: string }> {
      return new Promise((resolve, reject) => {
        const req = request(
          `${server.url}${path}`,
          { method, headers: { 'content-type': 'application/json', ...headers } },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => {
              text += c;
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        // The server may answer and close before the whole body is sent: that is the point.
        req.on('error', (e: NodeJS.ErrnoException) => {
          if (e.code !== 'EPIPE' && e.code !== 'ECONNRESET') reject(e);
        });
        req.end(body);
      });
    }
  });

  describe('agent results', () => {
    it('keeps a clock 1 min off, replaces one 10 min off with the server’s time, ignores unassigned checks', async () => {
      const now = fake.clock.now();
      const before = fake.accepted.length;
      const r = await post([
        { check: 'db-tcp', at: now + 10 * 60_000, ok: true, latencyMs: 1 },
        { check: 'db-tcp', at: now - 60_000, ok: false, reason: 'refused', latencyMs: 2 },
        { check: 'local-only', at: now, ok: true, latencyMs: 1 },
      ]);
      assert.equal(r.status, 202);
      assert.deepEqual(r.json, { accepted: 2, ignored: 1 });
      const stored = fake.accepted[before]!;
      assert.deepEqual(
        stored.map((o) => [o.check, o.vantage, o.at]),
        [
          ['db-tcp', 'office', now],
          ['db-tcp', 'office', now - 60_000],
        ],
      );
    });

    it('answers 503 when the store fails, so the agent keeps its results', async () => {
      fake.failStore = true;
      try {
        const r = await post([{ check: 'db-tcp', at: fake.clock.now(), ok: true, latencyMs: 1 }]);
        assert.deepEqual([r.status, r.json.error?.code], [503, 'BASCULE_E_HTTP_UNAVAILABLE']);
      } finally {
        fake.failStore = false;
      }
    });

    it('answers 500 without details when something breaks, and reports the error', async () => {
      fake.failStatus = true;
      try {
        const r = await call('/api/v1/status', { token: OPERATOR });
        assert.deepEqual([r.status, r.json.error?.code], [500, 'BASCULE_E_HTTP_INTERNAL']);
        assert.doesNotMatch(r.text, /fire|var\/lib|at .*\.ts/);
        assert.match(String(fake.errors.at(-1)), /on fire/);
      } finally {
        fake.failStatus = false;
      }
    });
  });

  describe('public status', () => {
    it('shows services and incidents, and no check, host, reason, component or vantage point', async () => {
      const r = await call('/api/v1/public/status');
      assert.equal(r.status, 200);
      assert.deepEqual(r.json, {
        name: 'Acme Shop',
        at: new Date(fake.clock.now()).toISOString(),
        services: [{ id: 'checkout', state: fake.serviceState }],
        incidents: [
          {
            service: 'checkout',
            state: 'UP',
            worst: 'DOWN',
            openedAt: '2026-11-29T15:23:25.000Z',
            closedAt: '2026-11-28T00:00:00.000Z',
          },
          {
            service: 'checkout',
            state: 'DOWN',
            worst: 'DOWN',
            openedAt: '2026-11-29T15:23:25.000Z',
            closedAt: null,
          },
        ],
      });
      for (const secret of [
        'db-tcp',
        'db1.internal',
        'ECONNREFUSED',
        'refused',
        'office',
        'db-eu',
        'timeline',
      ]) {
        assert.ok(!r.text.includes(secret), `the public status shows "${secret}"`);
      }
    });

    it('is cacheable for 5 s and answers 304 to its weak ETag until something changes', async () => {
      const first = await call('/api/v1/public/status');
      const etag = first.headers.get('etag') ?? '';
      assert.match(etag, /^W\/"[\w-]+"$/);
      assert.equal(first.headers.get('cache-control'), 'public, max-age=5');
      await fake.clock.advance(60_000); // only the time changes: the same status
      const same = await call('/api/v1/public/status', { headers: { 'if-none-match': etag } });
      assert.equal(same.status, 304);
      assert.equal(same.text, '');
      assert.equal(same.headers.get('etag'), etag);
      assert.equal(same.headers.get('cache-control'), 'public, max-age=5');
      const listed = await call('/api/v1/public/status', {
        headers: { 'if-none-match': `W/"other", ${etag}` },
      });
      assert.equal(listed.status, 304);
      fake.serviceState = 'UP';
      try {
        const changed = await call('/api/v1/public/status', { headers: { 'if-none-match': etag } });
        assert.equal(changed.status, 200);
        assert.notEqual(changed.headers.get('etag'), etag);
      } finally {
        fake.serviceState = 'DOWN';
      }
    });
  });

  describe('server-sent events', () => {
    /** Reads an event stream until `until` matches what arrived; `close()` disconnects. */
    async function subscribe(query = '', headers: Record<string, string> = {}) {
      const abort = new AbortController();
      const res = await fetch(`${server.url}/api/v1/events${query}`, {
        headers: { authorization: `Bearer ${OPERATOR}`, ...headers },
        signal: abort.signal,
      });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      return {
        async until(re: RegExp): Promise<string> {
          const deadline = Date.now() + 5000;
          while (!re.test(text)) {
            if (Date.now() > deadline) throw new Error(`no ${re} in ${JSON.stringify(text)}`);
            let timer: NodeJS.Timeout | undefined;
            const { value, done } = await Promise.race([
              reader.read(),
              new Promise<never>((_, reject) => {
                timer = setTimeout(() => reject(new Error(`no ${re} in ${JSON.stringify(text)}`)), 5000);
              }),
            ]).finally(() => clearTimeout(timer));
            if (done) throw new Error(`stream ended before ${re}: ${JSON.stringify(text)}`);
            text += decoder.decode(value, { stream: true });
          }
          return text;
        },
        close: () => abort.abort(),
      };
    }
    const waitUntil = async (what: string, probe: () => boolean) => {
      for (let i = 0; i < 100 && !probe(); i++) await new Promise((r) => setTimeout(r, 20));
      assert.ok(probe(), what);
    };

    it('replays after Last-Event-ID, then streams new events, with retry and heartbeats; cleans up on disconnect', async () => {
      const a = fake.live.publish('incident-opened', { service: 'checkout' });
      fake.live.publish('state', { id: 'db-tcp', to: 'DOWN' });
      fake.live.publish('state', { id: 'db-tcp', to: 'UP' });
      const s = await subscribe('', { 'last-event-id': String(a.id) });
      const replayed = await s.until(/"to":"UP"/);
      assert.match(replayed, /^retry: 3000\n\n/);
      assert.doesNotMatch(replayed, /incident-opened/, 'not the event it had already seen');
      assert.match(
        replayed,
        new RegExp(`event: state\ndata: \\{"id":"db-tcp","to":"DOWN"\\}\nid: ${a.id + 1}\n\n`),
      );
      const live = fake.live.publish('incident-resolved', { service: 'checkout' });
      assert.match(await s.until(/incident-resolved/), new RegExp(`id: ${live.id}\n`));
      await fake.clock.advance(15_000);
      await s.until(/: heartbeat\n\n/);
      assert.equal(fake.live.subscribers(), 1);
      s.close();
      await waitUntil('unsubscribed on disconnect', () => fake.live.subscribers() === 0);
      await waitUntil('heartbeat timer cleared', () => fake.clock.pending() === 0);
    });

    it('takes ?lastEventId= for clients that cannot set the header', async () => {
      const last = fake.live.lastId();
      fake.live.publish('state', { n: 'from-query' });
      const s = await subscribe(`?lastEventId=${last}`);
      await s.until(/from-query/);
      s.close();
      await waitUntil('unsubscribed', () => fake.live.subscribers() === 0);
    });

    it('sends a reset when the id asked for is older than the ring holds, or unknown', async () => {
      const old = fake.live.lastId();
      for (let i = 0; i < 7; i++) fake.live.publish('state', { i }); // the ring holds 5
      for (const id of [old, fake.live.lastId() + 50]) {
        const s = await subscribe('', { 'last-event-id': String(id) });
        const text = await s.until(/event: reset\n/);
        assert.match(text, new RegExp(`id: ${fake.live.lastId()}\n`));
        assert.doesNotMatch(text, /"i":/, 'no partial replay after a gap');
        s.close();
      }
      await waitUntil('unsubscribed', () => fake.live.subscribers() === 0);
      const s = await subscribe('', { 'last-event-id': String(fake.live.lastId() - 2) });
      const text = await s.until(/"i":6/);
      assert.doesNotMatch(text, /reset/, 'within the ring: a replay');
      s.close();
    });
  });

  it('publishes an OpenAPI 3.1 document listing every route', async () => {
    const doc = (await call('/api/v1/openapi.json')).json as {
      openapi: string;
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    assert.equal(doc.openapi, '3.1.0');
    const listed = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    assert.deepEqual(listed, [
      'GET /api/v1/agent/checks',
      'GET /api/v1/events',
      'GET /api/v1/incidents',
      'GET /api/v1/incidents/{id}',
      'GET /api/v1/public/status',
      'GET /api/v1/status',
      'GET /healthz',
      'GET /metrics',
      'POST /api/v1/agent/observations',
    ]);
    assert.deepEqual(doc.paths['/api/v1/status']?.get?.security, [{ operatorToken: [] }]);
    assert.deepEqual(doc.paths['/api/v1/agent/observations']?.post?.security, [{ vantageToken: [] }]);
    assert.equal(doc.paths['/api/v1/public/status']?.get?.security, undefined);
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

describe('operator token', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'bascule-token-'));

  it('is created once in the data directory, private, and found there by the CLI', () => {
    const baseDir = dir();
    const lookup = { dataDir: 'data', baseDir, env: {} };
    const first = daemonToken(lookup);
    const path = join(baseDir, 'data', 'operator.token');
    assert.equal(first.source, path);
    assert.match(first.token, /^[\w-]{43}$/, '32 random bytes, base64url');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(readFileSync(path, 'utf8').trim(), first.token);
    assert.equal(daemonToken(lookup).token, first.token, 'reused across restarts');
    assert.deepEqual(clientToken(lookup), first);
    assert.equal(
      clientToken({ dataDir: 'elsewhere', baseDir, env: {} }),
      undefined,
      'the CLI creates nothing',
    );
  });

  it('comes from BASCULE_TOKEN, then runtime.token, then --token-file for the CLI', () => {
    const baseDir = dir();
    const env = { BASCULE_TOKEN: 'from-env', MAP_TOKEN: 'from-map' };
    const secret = { env: 'MAP_TOKEN' };
    assert.deepEqual(daemonToken({ dataDir: 'd', baseDir, env, secret }), {
      token: 'from-env',
      source: '$BASCULE_TOKEN',
    });
    assert.deepEqual(daemonToken({ dataDir: 'd', baseDir, env: { MAP_TOKEN: 'from-map' }, secret }), {
      token: 'from-map',
      source: 'runtime.token',
    });
    const file = join(baseDir, 'mine.token');
    daemonToken({ dataDir: '.', baseDir, env: {} });
    assert.equal(
      clientToken({ dataDir: 'd', baseDir, env, secret, flagFile: join(baseDir, 'operator.token') })?.source,
      `--token-file ${join(baseDir, 'operator.token')}`,
    );
    assert.throws(
      () => clientToken({ dataDir: 'd', baseDir, env, flagFile: file }),
      /BASCULE_E_SECRET_MISSING/,
    );
  });
});

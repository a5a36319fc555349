/**
 * The HTTP API against a real listening server (127.0.0.1:0) and fake daemon pieces: each group's
 * auth, 404/405, the clock-skew clamp, the public projection and its caching, and the OpenAPI
 * document (validation and body limits: server-limits.test.ts; events: server-events.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompiledCheck } from '../src/monitor/compile.ts';
import { ManualClock } from '../src/platform/manual-clock.ts';
import type { Listening } from '../src/server/listen.ts';
import { matches, sharedFor } from '../src/server/public-cache.ts';
import { type Fake, OFFICE, OPERATOR, STRING_ID, startApi, type TestApi } from './helpers/api.ts';

interface Schema {
  type?: string;
  example?: string;
  properties?: Record<string, Schema>;
}

describe('HTTP API', () => {
  let api: TestApi;
  let fake: Fake;
  let server: Listening;
  before(async () => {
    api = await startApi();
    ({ fake, server } = api);
  });
  after(() => server.stop());
  const call: TestApi['call'] = (...a) => api.call(...a);
  const post: TestApi['post'] = (...a) => api.post(...a);

  describe('authentication, per group', () => {
    const operatorRoutes = [
      '/api/v1/status',
      '/api/v1/incidents',
      `/api/v1/incidents/${encodeURIComponent(STRING_ID)}`,
      '/metrics',
    ];
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

    it('/healthz and the OpenAPI document need no token; there is no other public status than /status', async () => {
      const health = await call('/healthz');
      assert.deepEqual([health.status, health.json], [200, { ok: true }]);
      assert.equal(health.headers.get('cache-control'), 'no-store');
      assert.equal((await call('/api/v1/openapi.json')).status, 200);
      // It listed every service and the map's name to anyone: the status page says what is public.
      const gone = await call('/api/v1/public/status');
      assert.deepEqual([gone.status, gone.json.error?.code], [404, 'BASCULE_E_HTTP_NOT_FOUND']);
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
      const older = 'checkout@2026-11-28T00:00:00.000Z';
      assert.equal(
        (await call(`/api/v1/incidents/${encodeURIComponent(older)}`, { token: OPERATOR })).json.id,
        older,
      );
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

  describe('agent results', () => {
    it('refuses a result from the future, keeps a late one out of the live state, ignores unassigned checks', async () => {
      const now = fake.clock.now();
      const before = fake.accepted.length;
      const r = await post([
        { check: 'db-tcp', at: now + 10 * 60_000, ok: true, latencyMs: 1 },
        { check: 'db-tcp', at: now - 60_000, ok: false, reason: 'refused', latencyMs: 2 },
        { check: 'db-tcp', at: now - 1000, ok: true, latencyMs: 2 },
        { check: 'local-only', at: now, ok: true, latencyMs: 1 },
      ]);
      assert.equal(r.status, 202);
      assert.deepEqual(r.json, {
        accepted: 2,
        ignored: 1,
        late: 1,
        rejected: [{ index: 0, reason: 'future' }],
      });
      // Stored with their own times; the one older than the staleness window (30 s) is history only.
      assert.deepEqual(
        fake.accepted[before]!.map((o) => [o.check, o.vantage, o.at]),
        [
          ['db-tcp', 'office', now - 60_000],
          ['db-tcp', 'office', now - 1000],
        ],
      );
      assert.deepEqual(
        fake.acceptedLive[before]!.map((o) => o.at),
        [now - 1000],
      );
    });

    it('corrects the results of an agent whose clock is off by the offset of its post, and shows it', async () => {
      const now = fake.clock.now();
      const before = fake.accepted.length;
      // The agent's clock is 2 min behind: it stamps results and the post by it.
      const agentNow = now - 120_000;
      const r = await post(
        [
          { check: 'db-tcp', at: agentNow - 1500, ok: true, latencyMs: 1 },
          { check: 'db-tcp', at: agentNow - 500, ok: true, latencyMs: 1 },
        ],
        OFFICE,
        agentNow,
      );
      assert.deepEqual([r.status, r.json], [202, { accepted: 2, ignored: 0, clockOffsetMs: 120_000 }]);
      assert.deepEqual(
        fake.accepted[before]!.map((o) => o.at),
        [now - 1500, now - 500],
      );
      assert.equal(fake.acceptedLive[before]!.length, 2, 'corrected, they are live');
      // A post that took longer (offset 121 s): the correction held, so results keep their order.
      const later = await post(
        [{ check: 'db-tcp', at: agentNow - 1000, ok: true, latencyMs: 1 }],
        OFFICE,
        agentNow - 1000,
      );
      assert.equal(later.json.clockOffsetMs, 120_000);
      assert.equal(fake.accepted.at(-1)![0]!.at, now - 1000);
      // The gauge shows the offset measured on the last post.
      const metrics = await call('/metrics', { token: OPERATOR });
      assert.match(metrics.text, /bascule_agent_clock_offset_seconds\{vantage="office"\} 121\n/);
      // Within the tolerance (2 s), nothing is moved.
      const close = await post(
        [{ check: 'db-tcp', at: now - 100, ok: true, latencyMs: 1 }],
        OFFICE,
        now - 1000,
      );
      assert.deepEqual(close.json, { accepted: 1, ignored: 0 });
      assert.equal(fake.accepted.at(-1)![0]!.at, now - 100);
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

  describe('one build for every public caller within a second', () => {
    it('shares a build while it runs and after, builds again past the second, and keeps no failure', async () => {
      const clock = new ManualClock();
      let builds = 0;
      let fail = false;
      const current = sharedFor(clock, 1000, async () => {
        builds++;
        if (fail) throw new Error('store unreadable');
        return builds;
      });
      const burst = await Promise.all(Array.from({ length: 20 }, () => current()));
      assert.deepEqual([new Set(burst).size, builds], [1, 1], 'one build for 20 callers');
      await clock.advance(999);
      assert.equal(await current(), 1, 'still within the second');
      await clock.advance(1);
      assert.equal(await current(), 2, 'built again after it');
      await clock.advance(1000);
      fail = true;
      await assert.rejects(current(), /store unreadable/);
      fail = false;
      assert.equal(await current(), 4, 'the failure was not kept');
    });

    it('matches If-None-Match weakly, in lists and with *', () => {
      assert.ok(matches('W/"abc"', 'W/"abc"'));
      assert.ok(matches('"abc"', 'W/"abc"'));
      assert.ok(matches('W/"other", W/"abc"', 'W/"abc"'));
      assert.ok(matches('*', 'W/"abc"'));
      assert.ok(!matches('W/"other"', 'W/"abc"'));
      assert.ok(!matches(undefined, 'W/"abc"'));
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
      'DELETE /api/v1/maintenance/{id}',
      'DELETE /api/v1/session',
      'GET /',
      'GET /api/openapi.json',
      'GET /api/v1/agent/checks',
      'GET /api/v1/analysis',
      'GET /api/v1/backups',
      'GET /api/v1/backups/{dataset}/history',
      'GET /api/v1/checks',
      'GET /api/v1/checks/{id}',
      'GET /api/v1/dashboard/layout',
      'GET /api/v1/events',
      'GET /api/v1/failover',
      'GET /api/v1/failover/{group}',
      'GET /api/v1/history/{type}/{id}',
      'GET /api/v1/incidents',
      'GET /api/v1/incidents/{id}',
      'GET /api/v1/maintenance',
      'GET /api/v1/maintenance/{id}',
      'GET /api/v1/map',
      'GET /api/v1/openapi.json',
      'GET /api/v1/plan',
      'GET /api/v1/scenarios',
      'GET /api/v1/session',
      'GET /api/v1/status',
      'GET /dashboard/assets/{file}',
      'GET /healthz',
      'GET /metrics',
      'GET /status',
      'GET /status/badge/{badge}',
      'GET /status/feed.atom',
      'GET /status/status.json',
      'PATCH /api/v1/maintenance/{id}',
      'POST /api/v1/agent/observations',
      'POST /api/v1/backups/{dataset}/run',
      'POST /api/v1/backups/{dataset}/verify',
      'POST /api/v1/failover/{group}/drain',
      'POST /api/v1/failover/{group}/pin',
      'POST /api/v1/failover/{group}/release',
      'POST /api/v1/incidents/{id}/updates',
      'POST /api/v1/maintenance',
      'POST /api/v1/maintenance/{id}/end',
      'POST /api/v1/session',
      'POST /api/v1/simulate',
    ]);
    assert.deepEqual(doc.paths['/api/v1/failover/{group}/pin']?.post?.security, [{ operatorToken: [] }]);
    assert.deepEqual(doc.paths['/api/v1/status']?.get?.security, [{ operatorToken: [] }]);
    assert.deepEqual(doc.paths['/api/v1/backups/{dataset}/run']?.post?.security, [{ operatorToken: [] }]);
    assert.deepEqual(doc.paths['/api/v1/agent/observations']?.post?.security, [{ vantageToken: [] }]);
    assert.equal(doc.paths['/status/status.json']?.get?.security, undefined);
    const schemas = (doc as unknown as { components: { schemas: Record<string, Schema> } }).components
      .schemas;
    const id = schemas.Incident?.properties?.id;
    assert.equal(id?.type, 'string', 'an incident id is a string');
    assert.match(id?.example ?? '', /^checkout@\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    assert.doesNotMatch(JSON.stringify(doc), /becoming|numbers today/);
    const one = doc.paths['/api/v1/incidents/{id}']?.get as { parameters?: { schema?: Schema }[] };
    assert.equal(one.parameters?.[0]?.schema?.example, STRING_ID);
  });
});

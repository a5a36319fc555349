/**
 * The dashboard's server side over real HTTP (a listening API with fake daemon pieces): the login
 * that trades the operator token for a session cookie (its attributes, its lifetime, logout), the
 * CSRF token every write made with the cookie must carry (403 without it, with a wrong one, or
 * from another site), the bearer token unchanged, the page and its built files (cache rules), the
 * map's layout (ELK, kept per language) and the history with its uptime bars.
 */
import assert from 'node:assert/strict';
import { type IncomingHttpHeaders, request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { buildDashboard } from '../scripts/build-web.ts';
import { buildGraph } from '../src/analysis/graph.ts';
import type { Transition } from '../src/monitor/types.ts';
import { createApi } from '../src/server/api.ts';
import { loadAssets } from '../src/server/dashboard-assets.ts';
import { listen } from '../src/server/listen.ts';
import { LoginThrottle, MAX_FAILURES } from '../src/server/login-throttle.ts';
import { layoutCache, type MapLayout } from '../src/server/map-layout.ts';
import { IDLE_MS, LIFETIME_MS, SessionBook } from '../src/server/session.ts';
import { uptimeBars } from '../src/server/uptime.ts';
import { FAKE_MAP, OFFICE, OPERATOR, startApi, type TestApi } from './helpers/api.ts';

const HOUR = 3_600_000;

/** Logs in; the cookie (`name=value`) and the CSRF token. */
async function login(api: TestApi, headers: Record<string, string> = {}) {
  const r = await api.call('/api/v1/session', {
    method: 'POST',
    body: JSON.stringify({ token: OPERATOR }),
    headers,
  });
  assert.equal(r.status, 200, r.text);
  const setCookie = r.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0]!;
  return { cookie, setCookie, csrf: (r.json as { csrf: string }).csrf };
}

const simulate = JSON.stringify({ fail: ['provider=aws'] });

describe('dashboard: login, session cookie and CSRF', () => {
  let api: TestApi;
  before(async () => {
    api = await startApi();
  });
  after(() => api.server.stop());

  it('refuses a wrong token: 401 BASCULE_E_HTTP_LOGIN_FAILED, no cookie, in the caller’s language', async () => {
    const r = await api.call('/api/v1/session', {
      method: 'POST',
      body: JSON.stringify({ token: 'not-the-token' }),
      headers: { 'accept-language': 'fr' },
    });
    assert.equal(r.status, 401);
    assert.equal(r.json.error?.code, 'BASCULE_E_HTTP_LOGIN_FAILED');
    assert.match(r.json.error?.message ?? '', /jeton d’opérateur erroné/);
    assert.equal(r.headers.get('set-cookie'), null);
    const bad = await api.call('/api/v1/session', { method: 'POST', body: JSON.stringify({ token: 1 }) });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error?.code, 'BASCULE_E_HTTP_BAD_REQUEST');
  });

  it('sets an HttpOnly, SameSite=Strict cookie with a bounded lifetime; Secure only behind https', async () => {
    const { setCookie, csrf } = await login(api);
    assert.match(setCookie, /^bascule_session=[A-Za-z0-9_-]{43};/);
    assert.match(setCookie, /; HttpOnly/);
    assert.match(setCookie, /; SameSite=Strict/);
    assert.match(setCookie, /; Path=\//);
    assert.match(setCookie, new RegExp(`; Max-Age=${LIFETIME_MS / 1000}`));
    assert.doesNotMatch(setCookie, /Secure/);
    assert.match(csrf, /^[A-Za-z0-9_-]{43}$/);
    const behind = await login(api, { 'x-forwarded-proto': 'https' });
    assert.match(behind.setCookie, /; Secure/);
  });

  it('the cookie opens the operator routes (reads), and nothing without it', async () => {
    const { cookie } = await login(api);
    assert.equal((await api.call('/api/v1/status', { headers: { cookie } })).status, 200);
    assert.equal((await api.call('/api/v1/status')).status, 401);
    assert.equal(
      (await api.call('/api/v1/status', { headers: { cookie: 'bascule_session=forged' } })).status,
      401,
    );
    // Not the agents' routes: those take a vantage point's token only.
    assert.equal(
      (await api.call('/api/v1/agent/checks?vantage=office', { headers: { cookie } })).status,
      401,
    );
  });

  it('a write with the cookie needs its CSRF token: none or a wrong one is a 403, another site too', async () => {
    const { cookie, csrf } = await login(api);
    const other = await login(api);
    const post = (headers: Record<string, string>) =>
      api.call('/api/v1/simulate', { method: 'POST', body: simulate, headers: { cookie, ...headers } });
    for (const [why, headers] of [
      ['no token', {}],
      ['a wrong token', { 'x-csrf-token': 'x'.repeat(43) }],
      ['another session’s token', { 'x-csrf-token': other.csrf }],
      ['from another site', { 'x-csrf-token': csrf, 'sec-fetch-site': 'cross-site' }],
    ] as const) {
      const r = await post(headers);
      assert.equal(r.status, 403, why);
      assert.equal(r.json.error?.code, 'BASCULE_E_HTTP_CSRF', why);
    }
    const fr = await api.call('/api/v1/simulate', {
      method: 'POST',
      body: simulate,
      headers: { cookie, 'accept-language': 'fr' },
    });
    assert.match(fr.json.error?.message ?? '', /jeton CSRF/);
    const ok = await post({ 'x-csrf-token': csrf, 'sec-fetch-site': 'same-origin' });
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual((ok.json as { servicesDown: string[] }).servicesDown, ['checkout']);
  });

  it('the bearer token works as before, without a CSRF token', async () => {
    const r = await api.call('/api/v1/simulate', { method: 'POST', body: simulate, token: OPERATOR });
    assert.equal(r.status, 200, r.text);
    // A wrong bearer token is refused even with a live cookie: the bearer is what counts when given.
    const { cookie } = await login(api);
    assert.equal((await api.call('/api/v1/status', { token: 'wrong', headers: { cookie } })).status, 401);
  });

  it('GET /api/v1/session gives the CSRF token back (after a reload); logout ends the session', async () => {
    const { cookie, csrf } = await login(api);
    const s = await api.call('/api/v1/session', { headers: { cookie } });
    assert.equal(s.status, 200);
    assert.equal((s.json as { csrf: string }).csrf, csrf);
    assert.equal((await api.call('/api/v1/session')).status, 401);
    const noCsrf = await api.call('/api/v1/session', { method: 'DELETE', headers: { cookie } });
    assert.equal(noCsrf.status, 403);
    const out = await api.call('/api/v1/session', {
      method: 'DELETE',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    assert.equal(out.status, 204);
    assert.match(out.headers.get('set-cookie') ?? '', /^bascule_session=;.*Max-Age=0/);
    assert.equal((await api.call('/api/v1/status', { headers: { cookie } })).status, 401);
  });

  it('a session ends after an hour unused, and after twelve hours however used', async () => {
    const { clock } = api.fake;
    const idle = await login(api);
    await clock.advance(IDLE_MS - 1000);
    assert.equal((await api.call('/api/v1/status', { headers: { cookie: idle.cookie } })).status, 200);
    await clock.advance(IDLE_MS - 1000);
    assert.equal((await api.call('/api/v1/status', { headers: { cookie: idle.cookie } })).status, 200);
    await clock.advance(IDLE_MS);
    assert.equal((await api.call('/api/v1/status', { headers: { cookie: idle.cookie } })).status, 401);

    const busy = await login(api);
    for (let i = 0; i < LIFETIME_MS / (IDLE_MS / 2) - 1; i++) {
      await clock.advance(IDLE_MS / 2);
      assert.equal(
        (await api.call('/api/v1/status', { headers: { cookie: busy.cookie } })).status,
        200,
        `use ${i}`,
      );
    }
    await clock.advance(IDLE_MS / 2);
    assert.equal((await api.call('/api/v1/status', { headers: { cookie: busy.cookie } })).status, 401);
  });

  it('the agent’s post is not touched by a cookie (its own token, no CSRF)', async () => {
    const { cookie } = await login(api);
    const r = await api.call('/api/v1/agent/observations?vantage=office', {
      method: 'POST',
      token: OFFICE,
      body: JSON.stringify({ observations: [] }),
      headers: { cookie },
    });
    assert.equal(r.status, 202, r.text);
    // Without its token, the cookie neither opens it nor changes the answer (its own 401, not a CSRF 403).
    const bare = await api.call('/api/v1/agent/observations?vantage=office', {
      method: 'POST',
      body: JSON.stringify({ observations: [] }),
      headers: { cookie },
    });
    assert.equal(bare.status, 401);
    assert.equal(bare.json.error?.code, 'BASCULE_E_HTTP_VANTAGE_UNAUTHORIZED');
  });
});

/** POST /api/v1/session from a given loopback address (127.0.0.2 is another client). */
function loginFrom(
  api: TestApi,
  token: string,
  localAddress: string,
  lang = 'en',
): Promise<{
  status: number;
  headers: IncomingHttpHeaders;
  json: { error?: { code: string; message: string } };
}> {
  const url = new URL('/api/v1/session', api.server.url);
  const body = JSON.stringify({ token });
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'accept-language': lang },
        timeout: 5000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          text += d;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json: JSON.parse(text) }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('dashboard: the login’s brake on guessing', () => {
  let api: TestApi;
  before(async () => {
    api = await startApi();
  });
  after(() => api.server.stop());

  it('refuses every login from an address after 5 wrong tokens in a minute (429, Retry-After), not from another', async () => {
    for (let i = 0; i < MAX_FAILURES; i++) {
      const r = await loginFrom(api, `guess-${i}`, '127.0.0.1');
      assert.equal(r.status, 401, `guess ${i}`);
      await api.fake.clock.advance(1000);
    }
    // Even the right token is refused now: nothing is compared while the address waits.
    const refused = await loginFrom(api, OPERATOR, '127.0.0.1', 'fr');
    assert.equal(refused.status, 429);
    assert.equal(refused.json.error?.code, 'BASCULE_E_HTTP_LOGIN_THROTTLED');
    assert.equal(refused.headers['retry-after'], '55', 'the oldest failure leaves the minute in 55 s');
    assert.equal(refused.headers['set-cookie'], undefined);
    assert.match(refused.json.error?.message ?? '', /trop de jetons erronés .* réessayez dans 55 s/);
    const en = await loginFrom(api, 'guess', '127.0.0.1');
    assert.deepEqual(
      [en.status, en.json.error?.message],
      [429, 'too many wrong tokens from this address (5 in a minute): try again in 55 s'],
    );
    // Another client is not held by it.
    const other = await loginFrom(api, OPERATOR, '127.0.0.2');
    assert.equal(other.status, 200);
    // A minute after the oldest failure, one more try is allowed; a wrong one is refused again.
    await api.fake.clock.advance(54_000);
    assert.equal((await loginFrom(api, 'guess', '127.0.0.1')).status, 429);
    await api.fake.clock.advance(1000);
    assert.equal((await loginFrom(api, 'guess', '127.0.0.1')).status, 401);
    assert.equal((await loginFrom(api, OPERATOR, '127.0.0.1')).status, 429);
    await api.fake.clock.advance(1000);
    // The right token then opens a session and clears the address's failures.
    assert.equal((await loginFrom(api, OPERATOR, '127.0.0.1')).status, 200);
    for (let i = 0; i < MAX_FAILURES - 1; i++)
      assert.equal((await loginFrom(api, 'guess', '127.0.0.1')).status, 401);
    assert.equal((await loginFrom(api, OPERATOR, '127.0.0.1')).status, 200);
  });

  it('follows a bounded number of addresses, forgetting the least recently failing first', () => {
    const throttle = new LoginThrottle({ max: 2, windowMs: 60_000, addresses: 3 });
    for (const a of ['a', 'b', 'c', 'd']) {
      throttle.failed(a, 0);
      throttle.failed(a, 1);
    }
    assert.equal(throttle.size(), 3);
    assert.equal(throttle.wait('a', 2), 0, 'forgotten');
    assert.equal(throttle.wait('d', 2), 60);
    assert.equal(throttle.wait('d', 60_001), 0, 'a minute after the oldest');
  });
});

describe('dashboard: the session book', () => {
  it('holds at most its bound, dropping the least recently used', () => {
    const book = new SessionBook({ idleMs: IDLE_MS, lifetimeMs: LIFETIME_MS, max: 3 });
    const a = book.open(0);
    const b = book.open(1);
    const c = book.open(2);
    assert.ok(book.use(a.id, 3)); // a is now the most recently used
    book.open(4);
    assert.equal(book.size(), 3);
    assert.equal(book.use(b.id, 5), undefined);
    assert.ok(book.use(a.id, 5));
    assert.ok(book.use(c.id, 5));
  });
});

describe('dashboard: the page and its files', () => {
  let api: TestApi;
  before(async () => {
    await buildDashboard();
    api = await startApi();
  });
  after(() => api.server.stop());

  it('serves the page (never cached, its own files only) and the hashed files (cached for good)', async () => {
    const page = await api.call('/', { headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.match(page.text, /<html lang="fr">/);
    const assets = loadAssets();
    assert.ok(assets, 'dist/web/dashboard is built');
    for (const file of [assets.manifest.js, assets.manifest.css]) {
      assert.ok(page.text.includes(`dashboard/assets/${file}`), file);
      const r = await api.call(`/dashboard/assets/${file}`);
      assert.equal(r.status, 200, file);
      assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.match(
        r.headers.get('content-type') ?? '',
        file.endsWith('.js') ? /^text\/javascript/ : /^text\/css/,
      );
    }
    for (const bad of ['manifest.json', 'main-ZZZZZZZZ.js', '..%2F..%2Fpackage.json']) {
      const r = await api.call(`/dashboard/assets/${bad}`);
      assert.equal(r.status, 404, bad);
      assert.equal(r.json.error?.code, 'BASCULE_E_HTTP_ASSET_UNKNOWN', bad);
    }
    // The page holds no data: nothing of the map is in it.
    assert.doesNotMatch(page.text, /checkout|db-eu/);
  });
});

describe('dashboard: the map’s layout and the history', () => {
  let api: TestApi;
  before(async () => {
    api = await startApi();
  });
  after(() => api.server.stop());

  it('lays the map out with ELK: every box placed, inside its provider and region, edges with points', async () => {
    const r = await api.call('/api/v1/dashboard/layout?lang=fr', { token: OPERATOR });
    assert.equal(r.status, 200, r.text);
    const layout = r.json as unknown as MapLayout;
    assert.equal(layout.tooBig, false);
    assert.deepEqual(layout.nodes.map((n) => n.id).sort(), ['blog', 'checkout', 'db-eu', 'web']);
    const db = layout.nodes.find((n) => n.id === 'db-eu')!;
    assert.equal(db.kind, 'component');
    assert.equal(db.cluster, 'r:aws/eu-west-3');
    const region = layout.clusters.find((c) => c.id === db.cluster)!;
    assert.equal(region.parent, 'p:aws');
    assert.ok(db.x >= region.x && db.x + db.width <= region.x + region.width, 'inside its region');
    assert.ok(db.width > 0 && db.height > 0);
    const checkout = layout.nodes.find((n) => n.id === 'checkout')!;
    assert.deepEqual(checkout.dependsOn, ['db-eu']);
    assert.ok(checkout.y < db.y, 'services above what they depend on');
    const edge = layout.edges.find((e) => e.from === 'checkout' && e.to === 'db-eu')!;
    assert.ok(edge.points.length >= 2);
    assert.equal((await api.call('/api/v1/dashboard/layout')).status, 401);
  });

  it('is laid out once per language, then kept', () => {
    const layout = layoutCache(buildGraph(FAKE_MAP));
    const en = layout('en');
    assert.equal(layout('en'), en);
    assert.notEqual(layout('fr'), en);
  });

  it('answers a subject’s changes and its uptime bars over 24 h, 7 d and 90 d', async () => {
    const now = api.fake.clock.now();
    const t = (hoursAgo: number, from: Transition['from'], to: Transition['to']): Transition => ({
      at: now - hoursAgo * HOUR,
      type: 'component',
      id: 'db-eu',
      from,
      to,
    });
    // Monitored from 48 h ago; down for 2 h, 10 h ago.
    await api.fake.store.appendTransitions([t(48, 'UNKNOWN', 'UP'), t(10, 'UP', 'DOWN'), t(8, 'DOWN', 'UP')]);
    const r = await api.call('/api/v1/history/component/db-eu', { token: OPERATOR });
    assert.equal(r.status, 200, r.text);
    const h = r.json as unknown as {
      changes: Transition[];
      uptime: Record<'24h' | '7d' | '90d', { up: number; down: number; unknown: number }[]>;
    };
    assert.deepEqual(
      h.changes.map((c) => c.to),
      ['UP', 'DOWN', 'UP'],
    );
    assert.equal(h.uptime['24h'].length, 24);
    assert.equal(h.uptime['7d'].length, 28);
    assert.equal(h.uptime['90d'].length, 90);
    const sum = (k: 'up' | 'down' | 'unknown', w: '24h' | '7d' | '90d') =>
      h.uptime[w].reduce((s, b) => s + b[k], 0) / HOUR;
    assert.equal(sum('down', '24h'), 2);
    assert.equal(sum('up', '24h'), 22);
    assert.equal(sum('up', '90d'), 46);
    assert.equal(sum('unknown', '90d'), 90 * 24 - 48);
    // The daemon was stopped from 30 h ago to 20 h ago, and from 6 h ago to 5 h ago.
    const gapped = await startApi();
    try {
      await gapped.fake.store.appendTransitions([
        t(48, 'UNKNOWN', 'UP'),
        t(10, 'UP', 'DOWN'),
        t(8, 'DOWN', 'UP'),
      ]);
      const deps = gapped.fake.deps();
      const server = await listen(
        createApi({
          ...deps,
          watched: async () => ({
            since: now - 48 * HOUR,
            runs: [
              { from: now - 48 * HOUR, to: now - 30 * HOUR },
              { from: now - 20 * HOUR, to: now - 6 * HOUR },
              { from: now - 5 * HOUR, to: now },
            ],
          }),
        }),
        '127.0.0.1',
        0,
      );
      try {
        const res = await fetch(`${server.url}/api/v1/history/component/db-eu`, {
          headers: { authorization: `Bearer ${OPERATOR}` },
        });
        const g = (await res.json()) as typeof h;
        const of = (k: 'up' | 'down' | 'unknown', w: '24h' | '90d') =>
          g.uptime[w].reduce((s, b) => s + b[k], 0) / HOUR;
        assert.deepEqual([of('up', '24h'), of('down', '24h'), of('unknown', '24h')], [17, 2, 5]);
        assert.deepEqual([of('up', '90d'), of('unknown', '90d')], [35, 90 * 24 - 37]);
      } finally {
        await server.stop();
      }
    } finally {
      await gapped.server.stop();
    }
    const unknown = await api.call('/api/v1/history/service/chekout', { token: OPERATOR });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error?.code, 'BASCULE_E_HTTP_SUBJECT_UNKNOWN');
    assert.match(unknown.json.error?.message ?? '', /checkout/);
  });
});

describe('dashboard: uptime bars', () => {
  it('counts a time Bascule was not running as no data, neither up nor down', () => {
    const now = 100 * HOUR;
    const up = [{ at: now - 30 * HOUR, from: 'UNKNOWN' as const, to: 'UP' as const }];
    // Stopped from 10 h ago to 7 h ago: nothing was probed, whatever the last state stored.
    const watched = {
      since: now - 30 * HOUR,
      runs: [
        { from: now - 30 * HOUR, to: now - 10 * HOUR },
        { from: now - 7 * HOUR, to: now },
      ],
    };
    const bars = uptimeBars(up, 'UNKNOWN', now, '24h', watched);
    const hours = (k: 'up' | 'down' | 'unknown') => bars.reduce((s, b) => s + b[k], 0) / HOUR;
    assert.deepEqual([hours('up'), hours('down'), hours('unknown')], [21, 0, 3]);
    assert.deepEqual(
      bars.slice(13, 18).map((b) => b.unknown / HOUR),
      [0, 1, 1, 1, 0],
    );
    // Without the record, the state stored before the stop runs on: 24 h up.
    assert.equal(
      uptimeBars(up, 'UNKNOWN', now, '24h').reduce((s, b) => s + b.up, 0),
      24 * HOUR,
    );
    // Before the record began nothing says Bascule was stopped: that time counts as it was.
    const late = uptimeBars(up, 'UNKNOWN', now, '24h', {
      since: now - 20 * HOUR,
      runs: [{ from: now - 5 * HOUR, to: now }],
    });
    assert.deepEqual(
      ['up', 'unknown'].map((k) => late.reduce((s, b) => s + b[k as 'up'], 0) / HOUR),
      [9, 15],
    );
  });

  it('splits each state’s time across the bars it spans', () => {
    const now = 100 * HOUR;
    const bars = uptimeBars(
      [
        { at: now - 30 * HOUR, from: 'UNKNOWN', to: 'UP' },
        { at: now - 90 * 60_000, from: 'UP', to: 'DOWN' },
        { at: now - 30 * 60_000, from: 'DOWN', to: 'DEGRADED' },
      ],
      'UNKNOWN',
      now,
      '24h',
    );
    assert.equal(bars[0]!.start, now - 24 * HOUR);
    assert.equal(bars[23]!.end, now);
    assert.deepEqual(
      bars.slice(21).map((b) => [b.up, b.down, b.degraded].map((ms) => ms / 60_000)),
      [
        [60, 0, 0],
        [30, 30, 0],
        [0, 30, 30],
      ],
    );
    const flat = uptimeBars([], 'DOWN', now, '7d');
    assert.ok(flat.every((b) => b.down === 6 * HOUR && b.up === 0));
  });
});

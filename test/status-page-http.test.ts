/**
 * The public status page over HTTP (server/status-routes.ts) on a real listening API with a real
 * memory store: never an internal name in any public answer (page, feed, JSON, badges, 404s, the
 * static export), the JSON's contract, languages, ETag and 304, HEAD, caching, one build a second
 * for every caller, and 404 everywhere for a map without a status page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApi } from '../src/server/api.ts';
import { type Listening, listen } from '../src/server/listen.ts';
import type { StatusJson } from '../src/server/status-json.ts';
import { statusPageSchema } from '../src/server/status-routes.ts';
import type { MemoryStore } from '../src/store/memory.ts';
import { statusInput } from '../src/web/status/input.ts';
import { type StatusPageSource, statusPageSource } from '../src/web/status/load.ts';
import { staticSite } from '../src/web/status/site.ts';
import { pageLang, statusView } from '../src/web/status/view.ts';
import { Fake } from './helpers/api.ts';
import {
  internalStrings,
  leakyMap,
  PUBLIC_MAINTENANCE,
  PUBLIC_UPDATE,
  SHOWN,
  storeFor,
} from './helpers/status-page.ts';

const CONFIG = leakyMap();
const PAGE = CONFIG.statusPage!;

interface Got {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/**
 * The daemon's live state of the leaky map, internal names and all, as GET /api/v1/status gives it
 * to the operator: whatever a public route made of it would show them.
 */
function internalStatus(at: number): StatusJson {
  return {
    name: CONFIG.name,
    at: new Date(at).toISOString(),
    checks: Object.entries(CONFIG.checks).map(([id, c]) => ({
      id,
      state: 'DOWN' as const,
      reason: 'refused',
      detail: 'connect ECONNREFUSED 10.20.30.40:5432',
      target: { component: (c as { component?: string }).component ?? '' },
      vantages: Object.keys(CONFIG.vantages).map((v) => ({
        id: v,
        state: 'DOWN',
        lastAt: null,
        reason: 'refused',
        latencyMs: 3,
      })),
    })),
    components: Object.keys(CONFIG.components).map((id) => ({ id, state: 'DOWN' as const })),
    services: Object.keys(CONFIG.services).map((id) => ({
      id,
      state: 'DOWN' as const,
      cause: 'pg-primary-eu',
    })),
    incidents: [],
  };
}

async function serve(source: StatusPageSource | undefined, fake = new Fake()) {
  const deps = {
    ...fake.deps(),
    status: async () => internalStatus(fake.clock.now()),
    ...(source ? { statusPage: source } : {}),
  };
  const server = await listen(createApi(deps), '127.0.0.1', 0);
  const get = async (path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Got> => {
    const res = await fetch(`${server.url}${path}`, { method, headers, signal: AbortSignal.timeout(5000) });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  return { server, get, fake };
}

/** Every public path of the page: each language of each document, each badge, and 404s. */
const PUBLIC_PATHS = [
  '/status',
  '/status?lang=en',
  '/status?lang=fr',
  '/status/feed.atom',
  '/status/feed.atom?lang=en',
  '/status/feed.atom?lang=fr',
  '/status/status.json',
  '/status/status.json?lang=en',
  '/status/status.json?lang=fr',
  ...SHOWN.flatMap((id) => [`/status/badge/${id}.svg`, `/status/badge/${id}.svg?lang=fr`]),
  '/status/badge/billing-backoffice.svg',
  '/status/badge/pg-primary-eu.svg',
  '/status/badge/nope.svg',
  '/status/badge/checkout',
  '/status/nope',
  '/status?lang=de',
  // The other answers given without a token, but the OpenAPI document (the same for every map).
  '/',
  '/healthz',
  '/api/v1/public/status',
  '/api/v1/nope',
];

/** The OpenAPI document's paths that need no token and are fetched above (or hold nothing of a map). */
const OPEN_GETS_COVERED = new Set(['/api/openapi.json', '/api/v1/openapi.json', '/dashboard/assets/{file}']);

describe('the public status page over HTTP', () => {
  let store: MemoryStore;
  let reads = 0;
  let server: Listening;
  let get: (path: string, headers?: Record<string, string>, method?: string) => Promise<Got>;
  let fake: Fake;
  const states = new Map([
    ['checkout', 'DOWN' as const],
    ['api', 'UP' as const],
    ['billing-backoffice', 'DOWN' as const],
  ]);

  before(async () => {
    fake = new Fake();
    store = await storeFor(fake.clock.now());
    const counted = {
      transitions: (o?: Parameters<MemoryStore['transitions']>[0]) => {
        reads++;
        return store.transitions(o);
      },
      incidents: store.incidents.bind(store),
      loadState: store.loadState.bind(store),
      incidentUpdates: store.incidentUpdates.bind(store),
      maintenance: store.maintenance.bind(store),
    };
    const source = statusPageSource({
      page: PAGE,
      lang: pageLang(PAGE, CONFIG.lang),
      store: counted,
      now: () => fake.clock.now(),
      liveStates: () => states,
    });
    ({ server, get } = await serve(source, fake));
  });
  after(async () => {
    await server?.stop();
  });

  it('never shows an internal name, id or address: in every public answer, and in the export', async () => {
    const internal = internalStrings(CONFIG);
    assert.ok(internal.length > 30, `${internal.length} internal strings`);
    const answers: [string, string][] = [];
    for (const path of PUBLIC_PATHS) {
      for (const lang of ['en', 'fr-FR,fr;q=0.9']) {
        const r = await get(path, { 'accept-language': lang });
        answers.push([`${path} (${lang})`, r.text]);
      }
    }
    const view = statusView(
      PAGE,
      'en',
      await statusPageSource({
        page: PAGE,
        lang: 'en',
        store,
        now: () => fake.clock.now(),
        liveStates: () => states,
      }).read(),
    );
    for (const f of staticSite(view)) answers.push([`export ${f.path}`, f.body]);
    // The view's own allow-list, given everything the store holds (the loader reads only what is shown).
    const all = Object.keys(CONFIG.services);
    const everything = statusInput({
      now: fake.clock.now(),
      states: new Map(all.map((id) => [id, 'DOWN' as const])),
      transitions: new Map(
        await Promise.all(
          all.map(async (id) => [id, { rows: await store.transitions({ id }), cut: false }] as const),
        ),
      ),
      windowStart: 0,
      incidents: await store.incidents({ limit: 100 }),
    });
    assert.ok(
      everything.incidents.some((i) => i.service === 'billing-backoffice'),
      'the hidden incident is in the input',
    );
    for (const f of staticSite(statusView(PAGE, 'fr', everything)))
      answers.push([`view of everything ${f.path}`, f.body]);
    // Every route that answers without a token is among those fetched.
    const doc = JSON.parse((await get('/api/openapi.json')).text) as {
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    const open = Object.entries(doc.paths)
      .filter(([, ops]) => ops.get && ops.get.security === undefined)
      .map(([path]) => path)
      .filter((path) => !OPEN_GETS_COVERED.has(path));
    const fetched = (path: string) =>
      PUBLIC_PATHS.some(
        (p) => p.split('?')[0] === path || (path.includes('{') && p.startsWith(path.split('{')[0]!)),
      );
    assert.deepEqual(
      open.filter((p) => !fetched(p)),
      [],
      'a route open to anyone is missing from PUBLIC_PATHS',
    );
    const leaks: string[] = [];
    for (const [where, text] of answers) {
      const lower = text.toLowerCase();
      for (const s of internal) if (lower.includes(s.toLowerCase())) leaks.push(`${where}: ${s}`);
    }
    assert.deepEqual(leaks, []);
    // And it does show what was chosen: the public names, the incident of a shown service.
    const page = answers.find(([w]) => w.startsWith('/status?lang=fr'))![1];
    assert.match(page, /Paiement en ligne/);
    assert.match(page, /Public API/);
    // The entry that opened the incident: the status page’s crisis message (i18n/crisis.ts).
    assert.match(page, /Depuis [^<]*, Paiement en ligne est indisponible ou perturbé\./);
  });

  it('shows the operators’ public update and the maintenance window, in each language', async () => {
    const en = (await get('/status?lang=en')).text;
    const fr = (await get('/status?lang=fr')).text;
    const esc = (t: string) => t.replace(/’/g, '&#39;').replace(/'/g, '&#39;');
    for (const [page, lang] of [
      [en, 'en'],
      [fr, 'fr'],
    ] as const) {
      const has = (t: string) => page.includes(t) || page.includes(esc(t));
      assert.ok(has(PUBLIC_UPDATE[lang]), `the ${lang} page shows the update`);
      assert.ok(has(PUBLIC_MAINTENANCE[lang]), `the ${lang} page shows the maintenance`);
    }
    const feed = (await get('/status/feed.atom?lang=en')).text;
    assert.ok(feed.includes(PUBLIC_UPDATE.en), 'the feed carries the update');
  });

  it('answers a hidden service’s badge exactly as an unknown one: a 404', async () => {
    const hidden = await get('/status/badge/billing-backoffice.svg');
    const unknown = await get('/status/badge/nope.svg');
    assert.equal(hidden.status, 404);
    assert.deepEqual([hidden.status, hidden.text], [unknown.status, unknown.text]);
    assert.equal(JSON.parse(hidden.text).error.code, 'BASCULE_E_HTTP_NOT_FOUND');
  });

  it('serves status.json as documented: the shown services under their ids and public names', async () => {
    const r = await get('/status/status.json?lang=fr');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(r.headers.get('access-control-allow-origin'), '*');
    const body = statusPageSchema.parse(JSON.parse(r.text));
    assert.deepEqual(
      body.services.map((s) => [s.id, s.name, s.state]),
      [
        ['checkout', 'Paiement en ligne', 'DOWN'],
        ['api', 'Public API', 'UP'],
      ],
    );
    assert.deepEqual(
      body.incidents.map((i) => [i.service, i.status, i.closedAt === null]),
      [
        ['checkout', 'identified', true],
        ['api', 'resolved', false],
      ],
    );
    assert.equal(body.services[1]!.uptime, 1, 'an hour DEGRADED is still available');
    assert.ok(body.services[0]!.uptime! > 0.999 && body.services[0]!.uptime! < 1, '20 min down in 40 days');
  });

  it('speaks the reader’s language: ?lang=, else Accept-Language (weights), else the page’s', async () => {
    const lang = async (path: string, accept?: string) => {
      const r = await get(path, accept ? { 'accept-language': accept } : {});
      return [/<html lang="(\w+)"/.exec(r.text)?.[1], r.headers.get('content-language')];
    };
    assert.deepEqual(await lang('/status'), ['en', 'en']);
    assert.deepEqual(await lang('/status', 'de-DE, fr-CH;q=0.8, en;q=0.5'), ['fr', 'fr']);
    assert.deepEqual(await lang('/status?lang=en', 'fr'), ['en', 'en']);
    const page = (await get('/status', { 'accept-language': 'fr' })).text;
    assert.match(page, /<a href="\/status\?lang=en" hreflang="en" lang="en">English<\/a>/);
    const bad = await get('/status?lang=de');
    assert.equal(bad.status, 400);
    assert.equal(JSON.parse(bad.text).error.code, 'BASCULE_E_HTTP_BAD_REQUEST');
    assert.match(JSON.parse(bad.text).error.message, /^lang: /);
  });

  it('caches briefly, revalidates with a weak ETag (304), answers HEAD, and varies on the language', async () => {
    for (const path of ['/status', '/status/feed.atom', '/status/status.json', '/status/badge/api.svg']) {
      const r = await get(path);
      assert.equal(r.status, 200, path);
      assert.equal(r.headers.get('cache-control'), 'public, max-age=5', path);
      assert.equal(r.headers.get('vary'), 'Accept-Language', path);
      const etag = r.headers.get('etag') ?? '';
      assert.match(etag, /^W\/".+"$/, path);
      const again = await get(path, { 'if-none-match': etag });
      assert.deepEqual([again.status, again.text, again.headers.get('etag')], [304, '', etag], path);
      const head = await get(path, {}, 'HEAD');
      assert.deepEqual([head.status, head.text, head.headers.get('etag')], [200, '', etag], path);
    }
    const html = await get('/status');
    assert.match(html.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
    assert.match(html.headers.get('content-security-policy') ?? '', /default-src 'none'; style-src 'sha256-/);
    assert.doesNotMatch(html.text, /<script/i, 'no script at all');
    assert.match(
      (await get('/status/feed.atom')).headers.get('content-type') ?? '',
      /^application\/atom\+xml/,
    );
    assert.match((await get('/status/badge/api.svg')).headers.get('content-type') ?? '', /^image\/svg\+xml/);
    const fr = await get('/status', { 'accept-language': 'fr' });
    assert.notEqual(fr.headers.get('etag'), html.headers.get('etag'), 'one validator per language');
  });

  it('keeps its validator while only the time moves, and changes it when the status does', async () => {
    const first = await get('/status/status.json');
    fake.clock.t += 2_000;
    const later = await get('/status/status.json');
    assert.notEqual(JSON.parse(later.text).updatedAt, JSON.parse(first.text).updatedAt);
    assert.equal(later.headers.get('etag'), first.headers.get('etag'));
    states.set('api', 'DOWN');
    fake.clock.t += 2_000;
    const changed = await get('/status/status.json', { 'if-none-match': first.headers.get('etag')! });
    states.set('api', 'UP');
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), first.headers.get('etag'));
  });

  it('builds at most once a second whoever asks, whatever they ask', async () => {
    fake.clock.t += 2_000;
    const before = reads;
    await Promise.all(PUBLIC_PATHS.slice(0, 12).map((p) => get(p)));
    assert.equal(reads - before, SHOWN.length, 'one read of each shown service’s history');
    fake.clock.t += 1_000;
    await get('/status');
    assert.equal(reads - before, 2 * SHOWN.length);
  });

  it('is in the OpenAPI document; another method is a 405 naming GET, HEAD', async () => {
    const doc = JSON.parse((await get('/api/v1/openapi.json')).text) as { paths: Record<string, unknown> };
    for (const p of ['/status', '/status/feed.atom', '/status/status.json', '/status/badge/{badge}'])
      assert.ok(doc.paths[p], p);
    const post = await get('/status', {}, 'POST');
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD');
  });
});

describe('the status page in its time zone', () => {
  it('shows its times in statusPage.timezone, and says which', async () => {
    const fake = new Fake();
    const store = await storeFor(fake.clock.now());
    const page = { ...PAGE, timezone: 'Europe/Paris' };
    const source = statusPageSource({
      page,
      lang: 'en',
      store,
      now: () => fake.clock.now(),
      liveStates: () => new Map([['checkout', 'DOWN' as const]]),
    });
    const { server, get } = await serve(source, fake);
    try {
      const en = (await get('/status?lang=en')).text;
      assert.match(en, /Time zone: Europe\/Paris\./);
      assert.match(en, /<time datetime="[^"]+">[^<]+ (CET|CEST)<\/time>/);
      assert.doesNotMatch(en, /<time datetime="[^"]+">[^<]+ UTC<\/time>/);
      const fr = (await get('/status?lang=fr')).text;
      assert.match(fr, /Fuseau horaire : Europe\/Paris\./);
      assert.match(fr, /<time datetime="[^"]+">[^<]+ UTC\+[12]<\/time>/);
      assert.match((await get('/status/feed.atom?lang=en')).text, / (CET|CEST)/);
      // The default is UTC, said as such.
      const utc = await serve(
        statusPageSource({
          page: PAGE,
          lang: 'en',
          store,
          now: () => fake.clock.now(),
          liveStates: () => new Map(),
        }),
        fake,
      );
      try {
        const text = (await utc.get('/status?lang=en')).text;
        assert.match(text, /Time zone: UTC\./);
        assert.match(text, /<time datetime="[^"]+">[^<]+ UTC<\/time>/);
      } finally {
        await utc.server.stop();
      }
    } finally {
      await server.stop();
    }
  });
});

describe('the status page while the store cannot be read', () => {
  it('still answers, from memory: the states now and the open incidents, the days without data', async () => {
    const fake = new Fake();
    const healthy = await storeFor(fake.clock.now());
    const open = (await healthy.incidents({ open: true })).filter((i) => i.service === 'checkout');
    const errors: unknown[] = [];
    const failing = {
      transitions: async () => {
        throw new Error('SQLITE_BUSY: database is locked');
      },
      incidents: async () => [],
      loadState: async () => undefined,
      incidentUpdates: async () => [],
      maintenance: async () => [],
    };
    const source = statusPageSource({
      page: PAGE,
      lang: 'en',
      store: failing,
      now: () => fake.clock.now(),
      liveStates: () => new Map([['checkout', 'DOWN' as const]]),
      openIncidents: () => open,
      onError: (e) => errors.push(e),
    });
    const { server, get } = await serve(source, fake);
    try {
      const r = await get('/status/status.json');
      assert.equal(r.status, 200, r.text);
      const body = statusPageSchema.parse(JSON.parse(r.text));
      assert.deepEqual(
        body.services.map((s) => [s.id, s.state, s.uptime]),
        [
          ['checkout', 'DOWN', null],
          ['api', 'UNKNOWN', null],
        ],
      );
      assert.deepEqual(
        body.incidents.map((i) => i.service),
        ['checkout'],
      );
      assert.equal(errors.length, 1, 'said once per build');
      assert.doesNotMatch(r.text, /SQLITE_BUSY/);
    } finally {
      await server.stop();
    }
  });
});

describe('a map without statusPage', () => {
  it('serves no status page: every path is a 404', async () => {
    const { server, get } = await serve(undefined);
    try {
      for (const path of [
        '/status',
        '/status/feed.atom',
        '/status/status.json',
        '/status/badge/checkout.svg',
      ]) {
        const r = await get(path);
        assert.equal(r.status, 404, path);
        assert.equal(JSON.parse(r.text).error.code, 'BASCULE_E_HTTP_NOT_FOUND', path);
      }
    } finally {
      await server.stop();
    }
  });
});

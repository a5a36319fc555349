/**
 * The operator's reads against a real listening API (127.0.0.1:0): the map (its secrets never
 * shown), the analysis, the scenarios and simulations (the very JSON `bascule analyze`, `scenarios`
 * and `simulate` print with --format json for the same map), and the checks with their recent
 * results and per-minute roll-ups over a bounded window; each with no or a wrong token.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildGraph } from '../src/analysis/graph.ts';
import { mapApi } from '../src/daemon/map-api.ts';
import type { Catalogue } from '../src/model/catalogue.ts';
import type { Observation } from '../src/monitor/types.ts';
import { loadScenarios } from '../src/scenarios/library.ts';
import { MAX_RESULTS } from '../src/server/check-schemas.ts';
import {
  FAKE_MAP,
  FAKE_MAP_YAML,
  type Fake,
  OFFICE,
  OPERATOR,
  SECRETS,
  startApi,
  type TestApi,
} from './helpers/api.ts';
import { runCli, tempDir } from './helpers/cli.ts';

const M = 60_000;

describe('HTTP API: reads', () => {
  let api: TestApi;
  let fake: Fake;
  const dir = tempDir();
  const file = join(dir, 'bascule.yaml');
  writeFileSync(file, FAKE_MAP_YAML);
  /** What the CLI prints with --format json for the same map. */
  const cli = async (...args: string[]) => {
    const r = await runCli([...args, '--format', 'json'], { cwd: dir, env: { LANG: 'C' } });
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as unknown;
  };
  before(async () => {
    api = await startApi();
    fake = api.fake;
  });
  after(() => api.server.stop());
  const get = (path: string, headers: Record<string, string> = {}) =>
    api.call(path, { token: OPERATOR, headers });
  const simulate = (body: unknown, headers: Record<string, string> = {}) =>
    api.call('/api/v1/simulate', { method: 'POST', token: OPERATOR, body: JSON.stringify(body), headers });

  it('every read needs the operator token: 401 without it, with a wrong one or an agent’s', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/v1/map'],
      ['GET', '/api/v1/analysis'],
      ['GET', '/api/v1/scenarios'],
      ['POST', '/api/v1/simulate', { fail: ['provider=aws'] }],
      ['GET', '/api/v1/checks'],
      ['GET', '/api/v1/checks/db-tcp'],
    ] as const) {
      for (const token of [undefined, 'wrong', OFFICE]) {
        const r = await api.call(path, {
          method,
          ...(token ? { token } : {}),
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        assert.deepEqual(
          [r.status, r.json.error?.code],
          [401, 'BASCULE_E_HTTP_UNAUTHORIZED'],
          `${path} ${token}`,
        );
      }
    }
  });

  it('the map: as validated, secrets as references, and no secret the file holds in plain text', async () => {
    const r = await get('/api/v1/map');
    assert.equal(r.status, 200, r.text);
    const m = r.json as unknown as {
      name: string;
      services: Record<string, unknown>;
      runtime: { token: unknown; store: string };
      vantages: { office: { token: unknown } };
      notify: { ops: { slack: string } };
      checks: Record<string, { headers?: Record<string, string> }>;
    };
    assert.equal(m.name, 'Acme Shop');
    assert.deepEqual(Object.keys(m.services), ['checkout', 'blog']);
    assert.deepEqual(m.runtime.token, { env: 'OPS_TOKEN' }, 'a reference, as written');
    assert.deepEqual(m.vantages.office.token, { env: 'OFFICE_TOKEN' });
    assert.equal(m.notify.ops.slack, 'https://hooks.slack.com/[redacted]', 'a webhook URL is its own secret');
    assert.equal(m.runtime.store, 'postgres://bascule:***@db.acme.example/bascule');
    assert.deepEqual(m.checks['web-http']?.headers, { Authorization: '[redacted]' });
    for (const secret of Object.values(SECRETS)) assert.ok(!r.text.includes(secret), `no ${secret}`);
  });

  it('the analysis: the JSON of `bascule analyze --format json`, in the language asked', async () => {
    const r = await get('/api/v1/analysis');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, await cli('analyze', '-c', file));
    const fr = await cli('analyze', '-c', file, '--lang', 'fr');
    assert.deepEqual((await get('/api/v1/analysis?lang=fr')).json, fr);
    assert.deepEqual((await get('/api/v1/analysis', { 'accept-language': 'fr-FR,fr;q=0.9' })).json, fr);
    assert.notDeepEqual(fr, r.json, 'worded in French');
    const a = r.json as { findings: unknown[]; actions: unknown[]; score: unknown };
    assert.ok(a.findings.length > 0 && a.score !== undefined);
    const bad = await get('/api/v1/analysis?lang=de');
    assert.deepEqual([bad.status, bad.json.error?.code], [400, 'BASCULE_E_HTTP_BAD_REQUEST']);
  });

  it('the scenarios: those of `bascule scenarios --format json`', async () => {
    const r = await get('/api/v1/scenarios');
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, await cli('scenarios'));
    assert.ok((r.json.scenarios as unknown[]).length > 5);
  });

  it('simulates failures (as text or objects) and scenarios: the JSON of `bascule simulate --format json`', async () => {
    const text = await simulate({ fail: ['provider=aws,region=eu-west-3', 'provider=ovh'] });
    assert.equal(text.status, 200, text.text);
    assert.deepEqual(
      text.json,
      await cli('simulate', '-c', file, '--fail', 'provider=aws,region=eu-west-3', '--fail', 'provider=ovh'),
    );
    assert.deepEqual(text.json.servicesDown, ['blog', 'checkout']);
    const objects = await simulate({ fail: [{ provider: 'aws', region: 'eu-west-3' }] });
    assert.deepEqual(
      objects.json,
      await cli('simulate', '-c', file, '--fail', 'provider=aws,region=eu-west-3'),
    );
    // Providers as people write them are read through the catalogue, as --fail reads them.
    const alias = await simulate({ fail: ['provider=OVHcloud'] });
    assert.deepEqual(alias.json, await cli('simulate', '-c', file, '--fail', 'provider=OVHcloud'));
    assert.deepEqual(alias.json.servicesDown, ['blog']);
    const id = (((await get('/api/v1/scenarios')).json.scenarios as { id: string }[])[0] ?? { id: '' }).id;
    const replay = await simulate({ scenario: id }, { 'accept-language': 'fr' });
    assert.equal(replay.status, 200, replay.text);
    assert.deepEqual(replay.json, await cli('simulate', '-c', file, '--replay', id, '--lang', 'fr'));
  });

  it('answers 400 naming the field for a bad simulation, 404 with the closest id for an unknown scenario', async () => {
    for (const [body, field] of [
      [{}, 'fail'],
      [{ fail: ['provider=aws'], scenario: 'x' }, 'fail'],
      [{ fail: [] }, 'fail'],
      [{ fail: 'provider=aws' }, 'fail'],
      [{ fail: ['provider'] }, 'fail.0'],
      [{ fail: ['provider=aws', 'colour=red'] }, 'fail.1'],
      [{ fail: [{}] }, 'fail.0'],
      [{ fail: Array.from({ length: 51 }, () => 'provider=aws') }, 'fail'],
      [{ scenario: '' }, 'scenario'],
      [{ replay: 'x' }, 'replay'],
    ] as const) {
      const r = await simulate(body);
      assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
      assert.equal(r.json.error?.code, 'BASCULE_E_HTTP_BAD_REQUEST');
      assert.match(
        r.json.error?.message ?? '',
        new RegExp(`^${field.replace('.', '\\.')}: `),
        JSON.stringify(body),
      );
    }
    const key = await simulate({ fail: ['colour=red'] }, { 'accept-language': 'fr' });
    assert.match(key.json.error?.message ?? '', /^fail\.0 : .*colour/);
    const scenarios = ((await get('/api/v1/scenarios')).json.scenarios as { id: string }[]).map((s) => s.id);
    const typo = `${scenarios[0]}x`;
    const r = await simulate({ scenario: typo });
    assert.deepEqual([r.status, r.json.error?.code], [404, 'BASCULE_E_HTTP_SCENARIO_UNKNOWN']);
    assert.match(r.json.error?.message ?? '', new RegExp(`did you mean "${scenarios[0]}"`));
  });

  it('lists the checks with their probe type, vantage points and live state, and nothing of their targets', async () => {
    const r = await get('/api/v1/checks');
    assert.equal(r.status, 200, r.text);
    const checks = r.json.checks as {
      id: string;
      type: string;
      from: string[];
      state: string;
      intervalMs: number;
    }[];
    assert.deepEqual(
      checks.map((c) => [c.id, c.type, c.from, c.state]),
      [
        ['db-tcp', 'tcp', ['office'], 'DOWN'],
        ['local-only', 'tcp', ['local'], 'UNKNOWN'],
      ],
    );
    assert.ok(!r.text.includes('"host"') && !r.text.includes('5432,'), 'no target');
  });

  it('one check: live state, raw results and per-minute roll-ups since `since`, bounded', async () => {
    const now = fake.clock.now();
    const obs = (at: number, over: Partial<Observation> = {}): Observation => ({
      check: 'db-tcp',
      vantage: 'office',
      at,
      ok: true,
      latencyMs: 4,
      ...over,
    });
    // Two hours ago, rolled up; the last ten minutes raw; another check's results beside.
    await fake.store.appendObservations([
      obs(now - 120 * M),
      obs(now - 120 * M + 1000, { ok: false, reason: 'refused', latencyMs: 1 }),
      obs(now - 10 * M),
      obs(now - 5 * M, { ok: false, reason: 'refused', detail: 'connect ECONNREFUSED' }),
      obs(now - 5 * M, { check: 'local-only', vantage: 'local' }),
    ]);
    await fake.store.rollUp(now - 60 * M);
    const r = await get('/api/v1/checks/db-tcp?since=3h');
    assert.equal(r.status, 200, r.text);
    const h = r.json as unknown as {
      check: { id: string; state: string };
      since: string;
      until: string;
      results: { at: number; ok: boolean; reason?: string }[];
      rollups: { minute: number; count: number; failures: number; vantage: string }[];
      truncated: boolean;
    };
    assert.deepEqual([h.check.id, h.check.state], ['db-tcp', 'DOWN']);
    assert.deepEqual(
      [h.since, h.until],
      [new Date(now - 180 * M).toISOString(), new Date(now).toISOString()],
    );
    assert.deepEqual(
      h.results.map((x) => [x.at - now, x.ok, x.reason ?? null]),
      [
        [-10 * M, true, null],
        [-5 * M, false, 'refused'],
      ],
    );
    assert.deepEqual(
      h.rollups.map((x) => [x.minute - now, x.count, x.failures, x.vantage]),
      [[-120 * M, 2, 1, 'office']],
    );
    assert.equal(h.truncated, false);
    const recent = (await get('/api/v1/checks/db-tcp')).json as typeof h;
    assert.deepEqual(
      [recent.results.length, recent.rollups.length, recent.since],
      [2, 0, new Date(now - 15 * M).toISOString()],
      'default: the last 15 minutes',
    );
    const iso = (await get(`/api/v1/checks/db-tcp?since=${new Date(now - 6 * M).toISOString()}`))
      .json as typeof h;
    assert.equal(iso.results.length, 1);
  });

  it('cuts the results at their limit and says so', async () => {
    const now = fake.clock.now();
    const batch = Array.from({ length: MAX_RESULTS + 1 }, (_, i) => ({
      check: 'local-only',
      vantage: 'local',
      at: now - 10 * M + i,
      ok: true,
      latencyMs: 1,
    }));
    await fake.store.appendObservations(batch);
    const h = (await get('/api/v1/checks/local-only?since=11m')).json as {
      results: unknown[];
      truncated: boolean;
    };
    assert.deepEqual([h.results.length, h.truncated], [MAX_RESULTS, true]);
  });

  it('answers 400 for a `since` that is not a time or too far back, 404 with the closest id for an unknown check', async () => {
    for (const since of ['yesterday', '32d', '2026-13-01T00:00:00Z', '2026-11-30T12:00:00', '-1h']) {
      const r = await get(`/api/v1/checks/db-tcp?since=${encodeURIComponent(since)}`);
      assert.equal(r.status, 400, `${since}: ${r.text}`);
      assert.match(r.json.error?.message ?? '', /^since: /, since);
    }
    const far = await get('/api/v1/checks/db-tcp?since=40d', { 'accept-language': 'fr' });
    assert.equal(far.json.error?.message, 'since : 31 jours en arrière au plus, et pas dans le futur');
    const future = await get(`/api/v1/checks/db-tcp?since=${new Date(fake.clock.now() + M).toISOString()}`);
    assert.equal(future.status, 400);
    const r = await get('/api/v1/checks/db-tc');
    assert.deepEqual([r.status, r.json.error?.code], [404, 'BASCULE_E_HTTP_CHECK_UNKNOWN']);
    assert.match(r.json.error?.message ?? '', /did you mean "db-tcp"/);
  });
});

describe('the map’s analysis failing at start', () => {
  it('does not stop the rest: the error is told, the analysis answers 500, the map and simulations still work', async () => {
    const errors: unknown[] = [];
    const broken = mapApi(
      {
        config: FAKE_MAP,
        graph: buildGraph(FAKE_MAP),
        scenarios: loadScenarios(),
        catalogue: {} as Catalogue,
      },
      (e) => errors.push(e),
    );
    assert.equal(errors.length, 1);
    assert.throws(() => broken.analysis('en'));
    assert.equal((broken.map() as { name: string }).name, 'Acme Shop');
    const id = loadScenarios()[0]?.id ?? '';
    assert.equal(broken.simulate({ scenario: id }, 'en').ok, true);
  });
});

/**
 * The daemon end to end, in process: real HTTP backends probed for real, SQLite in a temporary
 * directory, the HTTP API, remote agents with tokens, quorum across vantage points, incidents,
 * restarts.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Agent } from '../src/agent/agent.ts';
import { Daemon, type DaemonOptions } from '../src/daemon/daemon.ts';
import { BasculeError } from '../src/errors.ts';
import type { IncidentEvent } from '../src/monitor/incidents.ts';
import { createLogger } from '../src/platform/log.ts';
import type { StatusJson } from '../src/server/status-json.ts';
import { tempDir } from './helpers/cli.ts';
import { type Backend, getJson, startBackend, waitFor } from './helpers/daemon.ts';
import { map } from './helpers/map.ts';

const log = createLogger('silent');
const TOKEN = 'office-token-7f3a9c';
const OPERATOR = 'operator-token-2b8e51';
const asOperator = { headers: { authorization: `Bearer ${OPERATOR}` } };

function shop(backend: Backend, extra: Record<string, unknown> = {}) {
  return map({
    services: { checkout: { criticality: 'critical', dependsOn: ['api'] } },
    components: { api: { provider: 'aws' } },
    checks: {
      'api-http': {
        component: 'api',
        http: backend.url,
        interval: '1s',
        timeout: '500ms',
        failAfter: 2,
        recoverAfter: 1,
        expect: { status: 200, bodyContains: 'ok' },
      },
    },
    ...extra,
  });
}

async function start(
  o: Partial<DaemonOptions> & Pick<DaemonOptions, 'config'>,
  events: IncidentEvent[] = [],
) {
  return Daemon.start({
    baseDir: tempDir(),
    listen: '127.0.0.1:0',
    lang: 'en',
    log,
    env: { OFFICE_TOKEN: TOKEN, BASCULE_TOKEN: OPERATOR },
    flushMs: 50,
    onIncidents: (e) => {
      events.push(...e);
    },
    ...o,
  });
}

const status = async (d: Daemon) => (await getJson<StatusJson>(`${d.url}/api/v1/status`, asOperator)).body;
const checkState = async (d: Daemon, id = 'api-http') => (await status(d)).checks.find((c) => c.id === id);

describe('bascule run (daemon)', () => {
  const closers: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of closers.reverse()) await c();
  });

  it('watches a real backend: DOWN with its reason, an incident, then recovery', async () => {
    const backend = await startBackend();
    closers.push(() => backend.close());
    const events: IncidentEvent[] = [];
    const d = await start({ config: shop(backend), dataDir: tempDir() }, events);
    closers.push(() => d.stop());

    await waitFor('check UP', async () => (await checkState(d))?.state === 'UP');
    const up = await status(d);
    assert.equal(up.services[0]?.state, 'UP');
    assert.equal(up.components.find((c) => c.id === 'api')?.state, 'UP');

    backend.healthy = false;
    await waitFor('check DOWN', async () => (await checkState(d))?.state === 'DOWN');
    const down = await status(d);
    const check = down.checks[0]!;
    assert.equal(check.reason, 'status');
    assert.match(check.detail ?? '', /503 Service Unavailable/);
    assert.deepEqual(
      check.vantages.map((v) => [v.id, v.state]),
      [['local', 'DOWN']],
    );
    assert.equal(down.services.find((s) => s.id === 'checkout')?.state, 'DOWN');
    await waitFor('incident opened', () => events.some((e) => e.type === 'incident-opened'));
    assert.equal(down.incidents.length, 1);
    assert.equal(down.incidents[0]?.service, 'checkout');
    assert.match(
      d.causes('checkout').join('\n'),
      /api-http: DOWN — bad status \(503 Service Unavailable\) — 1\/1/,
    );

    const metrics = (await getJson<string>(`${d.url}/metrics`, asOperator)).body;
    assert.match(metrics, /bascule_check_state\{check="api-http"\} 0/);
    assert.match(metrics, /bascule_probe_failures_total\{reason="status",vantage="local"\} [1-9]/);
    assert.match(metrics, /bascule_probe_duration_seconds_count\{type="http",vantage="local"\} [1-9]/);

    backend.healthy = true;
    await waitFor('incident resolved', () => events.some((e) => e.type === 'incident-resolved'));
    const resolved = events.find((e) => e.type === 'incident-resolved')!.incident;
    assert.equal(resolved.state, 'UP');
    assert.equal(resolved.worst, 'DOWN');
    assert.ok(resolved.closedAt !== undefined && resolved.closedAt >= resolved.openedAt);
    assert.deepEqual(
      resolved.timeline.map((t) => `${t.from}>${t.to}`),
      ['UP>DOWN', 'DOWN>UP'],
    );
    const history = await d.store.observations('api-http', 0);
    assert.ok(history.length >= 4, `stored ${history.length} observations`);
    assert.ok(history.some((o) => !o.ok && o.reason === 'status'));
  });

  it('takes results from an agent with its token, rejects strangers and garbage, and tells vantage points apart', async () => {
    const backend = await startBackend();
    closers.push(() => backend.close());
    const config = shop(backend, {
      vantages: { office: { provider: 'ovh', token: { env: 'OFFICE_TOKEN' } } },
      runtime: { staleAfter: '3s' },
    });
    const d = await start({ config, dataDir: tempDir() });
    closers.push(() => d.stop());
    const post = (body: string, token?: string, vantage = 'office') =>
      getJson<{ error?: { code: string; message: string }; accepted?: number; ignored?: number }>(
        `${d.url}/api/v1/agent/observations?vantage=${vantage}`,
        {
          method: 'POST',
          body,
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
      );

    // Strangers and garbage are refused with a reason, and the daemon keeps running.
    assert.equal((await post('{}')).status, 401);
    assert.equal((await post('{}', 'wrong')).status, 401);
    assert.equal((await post('{}', TOKEN, 'paris')).status, 401);
    const garbage = await post('\u0000\u0001not json', TOKEN);
    assert.equal(garbage.status, 400);
    assert.equal(garbage.body.error?.code, 'BASCULE_E_HTTP_BAD_JSON');
    const shape = await post(JSON.stringify({ observations: 'soon' }), TOKEN);
    assert.equal(shape.status, 400);
    assert.match(shape.body.error?.message ?? '', /^observations: /);
    const big = await post(`{"observations":[${'1,'.repeat(600_000)}1]}`, TOKEN);
    assert.equal(big.status, 413);
    const unassigned = await post(
      JSON.stringify({ observations: [{ check: 'nope', at: Date.now(), ok: true, latencyMs: 1 }] }),
      TOKEN,
    );
    assert.deepEqual(unassigned.body, { accepted: 0, ignored: 1 });
    assert.equal((await getJson(`${d.url}/healthz`)).status, 200);

    // A wrong token is refused at start.
    await assert.rejects(
      new Agent({ server: d.url, vantage: 'office', token: 'wrong', log }).start(),
      (e: unknown) =>
        e instanceof BasculeError &&
        e.diagnostics[0]?.code === 'BASCULE_E_AGENT_REFUSED' &&
        e.diagnostics[0].params.status === 401,
    );

    // The office agent still reaches the backend while the daemon's own vantage point does not:
    // one of two sees it down, fewer than the quorum (a majority, 2): DEGRADED, not DOWN.
    const agent = new Agent({
      server: d.url,
      vantage: 'office',
      token: TOKEN,
      log,
      postEveryMs: 200,
      probe: async () => ({ ok: true, latencyMs: 3 }),
    });
    await agent.start();
    let stopped = false;
    closers.push(async () => {
      if (!stopped) await agent.stop();
    });
    await waitFor('both vantage points UP', async () => {
      const c = await checkState(d);
      return c?.state === 'UP' && c.vantages.every((v) => v.state === 'UP');
    });
    backend.healthy = false;
    await waitFor('check DEGRADED', async () => (await checkState(d))?.state === 'DEGRADED');
    const degraded = await checkState(d);
    assert.deepEqual(
      degraded?.vantages.map((v) => [v.id, v.state]),
      [
        ['local', 'DOWN'],
        ['office', 'UP'],
      ],
    );
    assert.equal((await status(d)).services[0]?.state, 'DEGRADED');
    const fromOffice = await d.store.observations('api-http', 0, { vantage: 'office' });
    assert.ok(fromOffice.length > 0 && fromOffice.every((o) => o.ok && o.vantage === 'office'));

    // The office agent goes silent: stale, it counts neither way; the daemon alone is a quorum.
    await agent.stop();
    stopped = true;
    await waitFor('office STALE and check DOWN', async () => {
      const c = await checkState(d);
      return c?.state === 'DOWN' && c.vantages.find((v) => v.id === 'office')?.state === 'STALE';
    });
  });

  it('restarts where it stopped: history kept, incident still open, no new alert', async () => {
    const backend = await startBackend();
    closers.push(() => backend.close());
    backend.healthy = false;
    const dataDir = tempDir();
    const config = shop(backend);
    const first: IncidentEvent[] = [];
    const d1 = await start({ config, dataDir }, first);
    await waitFor('incident opened', () => first.some((e) => e.type === 'incident-opened'));
    const stored = (await d1.store.observations('api-http', 0)).length;
    await d1.stop();

    const second: IncidentEvent[] = [];
    const d2 = await start({ config, dataDir }, second);
    closers.push(() => d2.stop());
    const s = await status(d2);
    assert.equal(s.checks[0]?.state, 'DOWN', 'the restored state, before any new probe');
    assert.equal(s.incidents.length, 1);
    assert.equal(s.incidents[0]?.closedAt ?? null, null);
    const restored = (await d2.store.observations('api-http', 0)).length;
    assert.ok(restored >= stored);
    // A few more probes, still failing, acted on (a flush after them): no event.
    await waitFor(
      'three more failed probes',
      async () => (await d2.store.observations('api-http', 0)).length >= restored + 3,
    );
    await new Promise((r) => setTimeout(r, 200)); // past the next flush (50 ms) of those results
    assert.equal(second.length, 0, 'no incident event after a restart on an unchanged outage');
    backend.healthy = true;
    await waitFor('incident resolved', () => second.some((e) => e.type === 'incident-resolved'));
    assert.equal(second[0]?.incident.id, first[0]?.incident.id);
  });
});

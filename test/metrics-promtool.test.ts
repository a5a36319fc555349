/**
 * /metrics passes `promtool check metrics` (Prometheus' own linter, Debian's `prometheus` package,
 * installed by scripts/test.sh): a real daemon with a check that goes DOWN (an incident, alerted to a webhook), an agent's
 * results (its clock offset, one refused, one late), the store's and the daemon's own health, and
 * Node's process metrics under a single `bascule_` prefix. Issue 10, item 11.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { Daemon } from '../src/daemon/daemon.ts';
import type { IncidentEvent } from '../src/monitor/incidents.ts';
import { Notifier } from '../src/notify/notifier.ts';
import { createLogger } from '../src/platform/log.ts';
import { tempDir } from './helpers/cli.ts';
import { getJson, startBackend, waitFor } from './helpers/daemon.ts';
import { map } from './helpers/map.ts';
import { receiver } from './helpers/receivers.ts';

/** Where Debian's `prometheus` package puts it. */
const PROMTOOL = '/usr/bin/promtool';
const TOKEN = 'office-token-4d2e8a';
const OPERATOR = 'operator-token-c71b39';
const asOperator = { headers: { authorization: `Bearer ${OPERATOR}` } };

/** promtool's findings on a metrics text (it prints them on stderr and exits 3 when there are any). */
function promtool(metrics: string): { status: number | null; problems: string } {
  const r = spawnSync(PROMTOOL, ['check', 'metrics'], { input: metrics, encoding: 'utf8', timeout: 10_000 });
  if (r.error) throw r.error;
  return { status: r.status, problems: `${r.stdout}${r.stderr}`.trim() };
}

describe('/metrics and promtool', () => {
  const closers: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of closers.reverse()) await c();
  });

  it('promtool is installed at its Debian path', () => {
    assert.match(execFileSync(PROMTOOL, ['--version'], { encoding: 'utf8' }), /promtool, version \d/);
  });

  it('a live daemon’s /metrics has no problem for promtool, and every name has one bascule_ prefix', async () => {
    const backend = await startBackend();
    closers.push(() => backend.close());
    const hook = await receiver();
    closers.push(async () => {
      hook.close();
    });
    const events: IncidentEvent[] = [];
    const config = map({
      services: { checkout: { criticality: 'critical', dependsOn: ['api'] } },
      components: { api: { provider: 'aws' } },
      vantages: { office: { provider: 'ovh', token: { env: 'OFFICE_TOKEN' } } },
      checks: {
        'api-http': {
          component: 'api',
          http: backend.url,
          interval: '1s',
          timeout: '500ms',
          failAfter: 2,
          recoverAfter: 1,
          from: ['local'],
        },
        'api-office': { component: 'api', http: backend.url, interval: '1s', from: ['office'] },
      },
      notify: { ops: { webhook: `${hook.url}/hook` } },
      runtime: { staleAfter: '3s' },
    });
    const log = createLogger('silent');
    const env = { OFFICE_TOKEN: TOKEN, BASCULE_TOKEN: OPERATOR };
    const baseDir = tempDir();
    const d = await Daemon.start({
      config,
      notifier: new Notifier({ config, lang: 'en', baseDir, env, log }),
      baseDir,
      dataDir: tempDir(),
      listen: '127.0.0.1:0',
      lang: 'en',
      log,
      env,
      flushMs: 50,
      onIncidents: (e) => {
        events.push(...e);
      },
    });
    closers.push(() => d.stop());

    // An agent's post: one result now, one an hour old (late), one in the future (refused).
    const now = Date.now();
    const post = await getJson<Record<string, unknown>>(`${d.url}/api/v1/agent/observations?vantage=office`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        sentAt: now,
        observations: [
          { check: 'api-office', at: now, ok: true, latencyMs: 3 },
          { check: 'api-office', at: now - 3_600_000, ok: true, latencyMs: 3 },
          { check: 'api-office', at: now + 600_000, ok: true, latencyMs: 3 },
        ],
      }),
    });
    assert.equal(post.status, 202, JSON.stringify(post.body));

    backend.healthy = false;
    await waitFor('incident opened', () => events.some((e) => e.type === 'incident-opened'));
    await waitFor('alert delivered', () => hook.requests.length > 0);
    const metrics = (await getJson<string>(`${d.url}/metrics`, asOperator)).body;

    for (const name of [
      'bascule_check_state',
      'bascule_service_state',
      'bascule_component_state',
      'bascule_probe_duration_seconds',
      'bascule_probe_failures_total',
      'bascule_observations_total',
      'bascule_scheduler_drift_seconds',
      'bascule_incidents_open',
      'bascule_agent_clock_offset_seconds',
      'bascule_agent_observations_refused_total',
      'bascule_agent_observations_late_total',
      'bascule_store_up',
      'bascule_store_queued',
      'bascule_store_dropped_observations',
      'bascule_daemon_problem',
      'bascule_alerts_expired_total',
      'bascule_process_cpu_seconds_total',
      'bascule_nodejs_eventloop_lag_seconds',
    ])
      assert.match(metrics, new RegExp(`^# TYPE ${name} `, 'm'), `${name} is served`);
    assert.match(metrics, /^bascule_incidents_open 1$/m);
    assert.match(
      metrics,
      /^bascule_agent_observations_refused_total\{vantage="office",reason="future"\} 1$/m,
    );
    assert.match(metrics, /^bascule_agent_observations_late_total\{vantage="office"\} 1$/m);

    const names = [...metrics.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!);
    assert.deepEqual(
      names.filter((n) => !n.startsWith('bascule_')),
      [],
    );
    assert.deepEqual(
      names.filter((n) => /bascule_.*bascule_|process_process_|nodejs_nodejs_/.test(n)),
      [],
      'no doubled prefix',
    );

    const lint = promtool(metrics);
    assert.equal(lint.problems, '', 'promtool finds no problem');
    assert.equal(lint.status, 0);
  });
});

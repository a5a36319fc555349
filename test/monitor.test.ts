/** The monitor's core: hysteresis per vantage point, quorum, staleness, health through the map, restarts. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildGraph } from '../src/analysis/graph.ts';
import { t as message } from '../src/i18n/index.ts';
import { compileChecks } from '../src/monitor/compile.ts';
import { Monitor } from '../src/monitor/monitor.ts';
import type { Observation, ProbeResult, Transition } from '../src/monitor/types.ts';
import { map } from './helpers/map.ts';

const SHOP = map({
  services: {
    checkout: { criticality: 'critical', dependsOn: ['web', 'payments'] },
    blog: { criticality: 'low', dependsOn: ['cms'] },
  },
  components: {
    web: { dependsOn: [{ anyOf: ['web-aws', 'web-gcp'] }] },
    'web-aws': { provider: 'aws' },
    'web-gcp': { provider: 'gcp' },
    payments: { provider: 'stripe' },
    cms: { provider: 'ovh' },
  },
  vantages: { paris: { provider: 'ovh' }, frankfurt: { provider: 'hetzner' } },
  checks: {
    'web-aws': {
      component: 'web-aws',
      http: 'http://127.0.0.1:1/',
      interval: '10s',
      failAfter: 2,
      recoverAfter: 2,
    },
    'web-gcp': {
      component: 'web-gcp',
      http: 'http://127.0.0.1:2/',
      interval: '10s',
      failAfter: 2,
      recoverAfter: 2,
    },
    payments: { component: 'payments', tcp: '127.0.0.1:3', interval: '10s', failAfter: 1 },
  },
});

const OK: ProbeResult = { ok: true, latencyMs: 12 };
const TIMEOUT: ProbeResult = { ok: false, reason: 'timeout', detail: '10s', latencyMs: 10_000 };

function newMonitor(staleAfterMs = 60_000) {
  return new Monitor(buildGraph(SHOP), compileChecks(SHOP), staleAfterMs);
}

/** One round: every vantage point reports on `check` at time `at`. */
function round(check: string, at: number, results: Record<string, ProbeResult>): Observation[] {
  return Object.entries(results).map(([vantage, r]) => ({ ...r, check, vantage, at }));
}

const all = (r: ProbeResult) => ({ local: r, paris: r, frankfurt: r });
const states = (ts: Transition[]) => ts.map((t) => `${t.type} ${t.id} ${t.from}→${t.to}`);

describe('monitor', () => {
  it('starts UNKNOWN and goes UP on the first successes, without an incident-worthy transition', () => {
    const m = newMonitor();
    let t = 1_000;
    for (const c of ['web-aws', 'web-gcp', 'payments']) m.ingest(round(c, t, all(OK)), t);
    assert.equal(m.checkView('web-aws')?.state, 'UP');
    assert.equal(m.current().services.get('checkout'), 'UP');
    assert.equal(m.current().services.get('blog'), 'UNKNOWN', 'nothing watches the blog');
    t += 10_000;
    assert.deepEqual(m.ingest(round('web-aws', t, all(OK)), t), []);
  });

  it('needs failAfter failures in a row from a quorum of vantage points before DOWN', () => {
    const m = newMonitor();
    let t = 1_000;
    for (const c of ['web-aws', 'web-gcp', 'payments']) m.ingest(round(c, t, all(OK)), t);
    t += 10_000;
    assert.deepEqual(m.ingest(round('web-aws', t, all(TIMEOUT)), t), [], 'one failure is not an outage');
    t += 10_000;
    const down = m.ingest(round('web-aws', t, all(TIMEOUT)), t);
    assert.deepEqual(states(down), [
      'check web-aws UP→DOWN',
      'component web-aws UP→DOWN',
      'component web UP→DEGRADED',
      'service checkout UP→DEGRADED',
    ]);
    assert.deepEqual(down[0]!.reason, {
      code: 'check-failed',
      reason: 'timeout',
      detail: '10s',
      down: 3,
      reporting: 3,
    });
    assert.equal(message('en', 'monitor.transition', down[0]!.reason!), 'timeout (10s) — 3/3');
    assert.equal(message('fr', 'monitor.transition', down[0]!.reason!), 'délai dépassé (10s) — 3/3');
  });

  it('calls a failure seen by one vantage point of three DEGRADED, not DOWN', () => {
    const m = newMonitor();
    let t = 1_000;
    m.ingest(round('payments', t, all(OK)), t);
    t += 10_000;
    const ts = m.ingest(round('payments', t, { local: TIMEOUT, paris: OK, frankfurt: OK }), t);
    assert.deepEqual(states(ts).slice(0, 1), ['check payments UP→DEGRADED']);
    const view = m.checkView('payments')!;
    assert.deepEqual([view.down, view.reporting, view.quorum], [1, 3, 2]);
    assert.deepEqual(
      view.vantages.map((v) => `${v.vantage}:${v.state}`),
      ['local:DOWN', 'paris:UP', 'frankfurt:UP'],
    );
  });

  it('takes a service DOWN through the map when both redundant members are down', () => {
    const m = newMonitor();
    let t = 1_000;
    for (const c of ['web-aws', 'web-gcp', 'payments']) m.ingest(round(c, t, all(OK)), t);
    for (let i = 0; i < 2; i++) {
      t += 10_000;
      m.ingest([...round('web-aws', t, all(TIMEOUT)), ...round('web-gcp', t, all(TIMEOUT))], t);
    }
    assert.equal(m.current().components.get('web'), 'DOWN');
    assert.equal(m.current().services.get('checkout'), 'DOWN');
    assert.equal(m.current().causes.get('checkout'), 'web');
  });

  it('does not count a vantage point that stopped reporting either way', () => {
    const m = newMonitor(30_000);
    let t = 1_000;
    m.ingest(round('payments', t, all(OK)), t);
    // paris and frankfurt go silent; local keeps reporting failures.
    t += 40_000;
    const ts = m.ingest(round('payments', t, { local: TIMEOUT }), t);
    const view = m.checkView('payments')!;
    assert.deepEqual([view.reporting, view.down, view.state], [1, 1, 'DOWN']);
    assert.deepEqual(
      view.vantages.map((v) => v.state),
      ['DOWN', 'STALE', 'STALE'],
    );
    assert.ok(states(ts).includes('check payments UP→DOWN'));
  });

  it('goes UNKNOWN when every vantage point is silent, through tick()', () => {
    const m = newMonitor(30_000);
    m.ingest(round('payments', 1_000, all(OK)), 1_000);
    assert.deepEqual(states(m.tick(20_000)), []);
    assert.deepEqual(states(m.tick(40_000)).slice(0, 1), ['check payments UP→UNKNOWN']);
  });

  it('stamps a change with the time of the result that made it, however results are batched', () => {
    // payments (failAfter 1, local, paris and frankfurt) fails from 12 000; processed at 15 000.
    const fail = (at: number, vantage: string): Observation => ({
      ...TIMEOUT,
      check: 'payments',
      vantage,
      at,
    });
    const results = [fail(12_000, 'local'), fail(12_500, 'paris'), fail(13_000, 'frankfurt')];
    const times = (ts: Transition[]) => ts.map((t) => `${t.type} ${t.id} ${t.to} @${t.at}`);
    const oneBatch = newMonitor();
    oneBatch.ingest(round('payments', 1_000, all(OK)), 1_000);
    const together = oneBatch.ingest(results, 15_000);
    const split = newMonitor();
    split.ingest(round('payments', 1_000, all(OK)), 1_000);
    const apart = [...split.ingest(results.slice(0, 2), 14_000), ...split.ingest(results.slice(2), 16_000)];
    // Two of three is the quorum: DOWN from paris's result at 12 500.
    assert.deepEqual(times(together), [
      'check payments DOWN @12500',
      'component payments DOWN @12500',
      'service checkout DOWN @12500',
    ]);
    assert.deepEqual(times(apart), times(together), 'the same results, the same times');
    // Silence: stamped when the last vantage point went stale, not when the tick noticed.
    const silent = newMonitor(60_000);
    silent.ingest(round('payments', 1_000, all(OK)), 1_000);
    const stale = silent.tick(200_000);
    assert.deepEqual(times(stale).slice(0, 1), ['check payments UNKNOWN @61001']);
  });

  it('needs recoverAfter successes to come back UP', () => {
    const m = newMonitor();
    let t = 1_000;
    m.ingest(round('web-aws', t, all(OK)), t);
    for (let i = 0; i < 2; i++) {
      t += 10_000;
      m.ingest(round('web-aws', t, all(TIMEOUT)), t);
    }
    t += 10_000;
    assert.deepEqual(m.ingest(round('web-aws', t, all(OK)), t), [], 'one success is not a recovery');
    t += 10_000;
    assert.deepEqual(states(m.ingest(round('web-aws', t, all(OK)), t)).slice(0, 1), [
      'check web-aws DOWN→UP',
    ]);
  });

  it('ignores observations for unknown checks and from vantage points a check does not run on', () => {
    const m = newMonitor();
    const scoped = map({
      ...SHOP,
      checks: { p: { component: 'payments', tcp: '127.0.0.1:3', from: ['paris'], failAfter: 1 } },
    });
    const m2 = new Monitor(buildGraph(scoped), compileChecks(scoped), 60_000);
    assert.deepEqual(m.ingest(round('nope', 1, all(TIMEOUT)), 1), []);
    assert.deepEqual(m2.ingest(round('p', 1, { local: TIMEOUT }), 1), []);
    assert.equal(m2.checkView('p')?.state ?? 'UNKNOWN', 'UNKNOWN');
  });

  it('resumes from a snapshot without inventing or forgetting a DOWN', () => {
    const m = newMonitor();
    let t = 1_000;
    m.ingest(round('web-aws', t, all(OK)), t);
    for (let i = 0; i < 2; i++) {
      t += 10_000;
      m.ingest(round('web-aws', t, all(TIMEOUT)), t);
    }
    const snap = JSON.parse(JSON.stringify(m.snapshot()));
    const again = newMonitor();
    again.restore(snap, t + 5_000);
    assert.equal(again.checkView('web-aws')?.state, 'DOWN');
    assert.equal(again.current().components.get('web-aws'), 'DOWN');
    // One success after the restart is not a recovery: the counters survived.
    t += 10_000;
    assert.deepEqual(again.ingest(round('web-aws', t, all(OK)), t), []);
  });
});

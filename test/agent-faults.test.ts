/**
 * Agents under faults, end to end with a real daemon (SQLite in a temporary directory) and real
 * HTTP posts: long details, a result the daemon refuses, a backlog over the body limit and a proxy
 * with a lower one, forged and skewed timestamps, an hour-old backlog. Issue 9, defects 4 and 6.
 */
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { Agent } from '../src/agent/agent.ts';
import { Daemon, type DaemonOptions } from '../src/daemon/daemon.ts';
import type { IncidentEvent } from '../src/monitor/incidents.ts';
import { CLOCK_TOLERANCE_MS, MAX_DETAIL } from '../src/monitor/limits.ts';
import { createLogger } from '../src/platform/log.ts';
import { ManualClock } from '../src/platform/manual-clock.ts';
import type { StatusJson } from '../src/server/status-json.ts';
import { tempDir } from './helpers/cli.ts';
import { getJson, waitFor } from './helpers/daemon.ts';
import { map } from './helpers/map.ts';

const TOKEN = 'office-token-51c0de';
const OPERATOR = 'operator-token-9a7f12';
const asOperator = { headers: { authorization: `Bearer ${OPERATOR}` } };
const silent = createLogger('silent');

/** A logger whose JSON lines the test reads. */
function recordingLog() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n'))
        if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger('info', sink), lines };
}

/** Checks run from the office vantage point only, so only the agent reports on them. */
function officeMap(checks: number, extra: Record<string, unknown> = {}) {
  return map({
    services: { shop: { criticality: 'critical', dependsOn: ['web'] } },
    components: { web: { provider: 'aws' } },
    vantages: { office: { provider: 'ovh', token: { env: 'OFFICE_TOKEN' } } },
    checks: Object.fromEntries(
      Array.from({ length: checks }, (_, i) => [
        `web-${i}`,
        {
          component: 'web',
          http: 'http://127.0.0.1:9/',
          interval: '1s',
          timeout: '500ms',
          failAfter: 3,
          recoverAfter: 1,
          from: ['office'],
        },
      ]),
    ),
    ...extra,
  });
}

const closers: (() => Promise<unknown> | unknown)[] = [];
after(async () => {
  for (const close of closers.reverse()) await close();
});

async function start(
  o: Partial<DaemonOptions> & Pick<DaemonOptions, 'config'>,
  events: IncidentEvent[] = [],
) {
  const d = await Daemon.start({
    baseDir: tempDir(),
    dataDir: tempDir(),
    listen: '127.0.0.1:0',
    lang: 'en',
    log: silent,
    env: { OFFICE_TOKEN: TOKEN, BASCULE_TOKEN: OPERATOR },
    flushMs: 50,
    onIncidents: (e) => {
      events.push(...e);
    },
    ...o,
  });
  closers.push(() => d.stop());
  return d;
}

/** A post as an agent sends it, with forged times when the test says so. */
async function postAs(url: string, observations: unknown[], sentAt?: number) {
  return getJson<Record<string, unknown>>(`${url}/api/v1/agent/observations?vantage=office`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...(sentAt === undefined ? {} : { sentAt }), observations }),
  });
}

const checkOf = async (d: Daemon, id: string) =>
  (await getJson<StatusJson>(`${d.url}/api/v1/status`, asOperator)).body.checks.find((c) => c.id === id);

/**
 * A reverse proxy on loopback in front of the daemon, as nginx would be: a body limit of its own
 * (413 beyond it, like client_max_body_size), and it can be taken down (connections dropped).
 */
async function proxy(target: string) {
  const state = { limit: Number.POSITIVE_INFINITY, down: false, tooLarge: 0, posts: 0 };
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    if (state.down) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.method === 'POST') state.posts++;
      if (body.length > state.limit) {
        state.tooLarge++;
        res.writeHead(413, { 'content-type': 'text/html' }).end('<html>413 Request Entity Too Large</html>');
        return;
      }
      const headers = { ...req.headers, host: upstream.host, 'content-length': String(body.length) };
      const out = request(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      out.on('error', () => res.writeHead(502).end());
      out.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(
    () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, state };
}

describe('agents under faults (issue 9)', () => {
  it('cuts long details itself, and quarantines a result the daemon refuses instead of blocking the queue', async () => {
    const d = await start({ config: officeMap(1) });
    const { log, lines } = recordingLog();
    let n = 0;
    const agent = new Agent({
      server: d.url,
      vantage: 'office',
      token: TOKEN,
      log,
      postEveryMs: 100,
      // The first result is one the daemon refuses (a latency over an hour); then failures with a
      // detail of 2,000 characters (a long bodyContains), which used to make every post a 400.
      probe: async () =>
        n++ === 0
          ? { ok: true, latencyMs: 7_200_000 }
          : {
              ok: false,
              reason: 'body',
              detail: `body does not contain "${'x'.repeat(2000)}"`,
              latencyMs: 3,
            },
    });
    await agent.start();
    closers.push(() => agent.stop());
    await waitFor('the failures stored', async () => (await d.store.observations('web-0', 0)).length >= 3);
    const stored = await d.store.observations('web-0', 0);
    assert.ok(stored.every((o) => o.detail?.length === MAX_DETAIL && o.detail.endsWith('…')));
    assert.ok(
      stored.every((o) => o.latencyMs === 3),
      'the refused result was not stored',
    );
    assert.equal(agent.quarantined, 1);
    const line = lines.find((l) => l.msg === 'result quarantined: the daemon refuses it');
    assert.deepEqual(
      [line?.check, line?.why, line?.field, line?.quarantined],
      ['web-0', 'invalid', 'latencyMs', 1],
    );
    await waitFor('the check DOWN from the agent', async () => (await checkOf(d, 'web-0'))?.state === 'DOWN');
  });

  it('drains a backlog over 1 MiB in posts sized to the limit, and splits them when a proxy answers 413', async () => {
    const d = await start({ config: officeMap(100) });
    const front = await proxy(d.url);
    const { log, lines } = recordingLog();
    // The agent's clock, moved by the test: 60 s of results pile up while the daemon is out of reach.
    const clock = new ManualClock(Date.now());
    const detail = `503 Service Unavailable ${'-'.repeat(180)}`;
    const agent = new Agent({
      server: front.url,
      vantage: 'office',
      token: TOKEN,
      log,
      clock,
      postEveryMs: 3_600_000,
      probe: async () => ({ ok: true, detail, latencyMs: 4 }),
    });
    await agent.start();
    closers.push(() => agent.stop());
    front.state.down = true;
    await clock.advance(60_000);
    const backlog = agent.buffered();
    assert.ok(backlog >= 5_900, `backlog ${backlog}`);
    assert.ok(backlog * (detail.length + 60) > 1 << 20, 'over 1 MiB');
    front.state.down = false;

    const stored = async () => {
      let total = 0;
      for (let i = 0; i < 100; i++) total += (await d.store.observations(`web-${i}`, 0)).length;
      return total;
    };
    for (let round = 0; round < 10 && agent.buffered() > 0; round++) await agent.post();
    assert.equal(agent.buffered(), 0);
    assert.equal(front.state.tooLarge, 0, 'sized to the limit the daemon gave: no 413');
    assert.ok(front.state.posts >= 2, 'more than one post');
    // Another outage, then a proxy whose limit (256 KiB) is lower than the daemon's.
    front.state.down = true;
    await clock.advance(60_000);
    const second = agent.buffered();
    front.state.down = false;
    front.state.limit = 256 * 1024;
    const posts = front.state.posts;
    for (let round = 0; round < 20 && agent.buffered() > 0; round++) await agent.post();
    assert.equal(agent.buffered(), 0);
    assert.equal(await stored(), backlog + second, 'every result stored once');
    assert.ok(front.state.tooLarge >= 1 && front.state.tooLarge <= 3, `${front.state.tooLarge} 413s`);
    assert.ok(front.state.posts - posts < 20, `${front.state.posts - posts} posts`);
    assert.equal(agent.quarantined, 0);
    assert.ok(lines.some((l) => l.msg === 'post refused; splitting it' && l.status === 413));
  });

  it('refuses results stamped in the future, and corrects an agent whose clock is ahead', async () => {
    const events: IncidentEvent[] = [];
    const d = await start({ config: officeMap(2) }, events);
    const now = Date.now();
    // Three failures stamped now + 290 s by a forger whose post says the right time: refused.
    const forged = Array.from({ length: 3 }, (_, i) => ({
      check: 'web-0',
      at: now + 290_000 + i,
      ok: false,
      reason: 'timeout',
      latencyMs: 500,
    }));
    const refused = await postAs(d.url, forged, now);
    assert.equal(refused.status, 202);
    assert.deepEqual(
      refused.body.rejected,
      [0, 1, 2].map((index) => ({ index, reason: 'future' })),
    );
    assert.equal((await d.store.observations('web-0', 0)).length, 0, 'not stored');
    // The genuine successes that follow count at once.
    const ok = await postAs(d.url, [{ check: 'web-0', at: Date.now(), ok: true, latencyMs: 3 }], Date.now());
    assert.deepEqual(ok.body, { accepted: 1, ignored: 0 });
    await waitFor('web-0 UP', async () => (await checkOf(d, 'web-0'))?.state === 'UP', 3000);

    // An agent whose clock is 290 s ahead: its post's sentAt says so, its results are moved back.
    const skew = 290_000;
    const up = await postAs(
      d.url,
      [{ check: 'web-1', at: Date.now() + skew, ok: true, latencyMs: 3 }],
      Date.now() + skew,
    );
    assert.ok(Math.abs(Number(up.body.clockOffsetMs) + skew) < 1000, JSON.stringify(up.body));
    for (let i = 0; i < 3; i++) {
      const at = Date.now() + skew;
      await postAs(d.url, [{ check: 'web-1', at, ok: false, reason: 'refused', latencyMs: 1 }], at + 1);
    }
    await waitFor('web-1 DOWN', async () => (await checkOf(d, 'web-1'))?.state === 'DOWN', 3000);
    const t0 = Date.now();
    await postAs(
      d.url,
      [{ check: 'web-1', at: Date.now() + skew + 30, ok: true, latencyMs: 3 }],
      Date.now() + skew + 30,
    );
    await waitFor('web-1 UP again', async () => (await checkOf(d, 'web-1'))?.state === 'UP', 3000);
    assert.ok(Date.now() - t0 < 3000);
    const kept = await d.store.observations('web-1', 0);
    // At the daemon’s time within the tolerance: the correction is held through each post’s transit.
    assert.ok(
      kept.every((o) => o.at <= Date.now() + CLOCK_TOLERANCE_MS),
      'stored at the daemon’s time',
    );
    const metrics = await getJson<string>(`${d.url}/metrics`, asOperator);
    assert.match(metrics.body, /bascule_agent_clock_offset_seconds\{vantage="office"\} -29\d/);
    assert.match(
      metrics.body,
      /bascule_agent_observations_refused_total\{vantage="office",reason="future"\} 3/,
    );
  });

  it('stores an hour-old backlog with its real times, without driving the live state: no DOWN, no incident', async () => {
    const events: IncidentEvent[] = [];
    const d = await start({ config: officeMap(1) }, events);
    const now = Date.now();
    // 15,000 failures from an hour earlier, one every 200 ms: an agent catching up after an outage.
    const backlog = Array.from({ length: 15_000 }, (_, i) => ({
      check: 'web-0',
      at: now - 3_600_000 + i * 200,
      ok: false,
      reason: 'timeout',
      latencyMs: 500,
    }));
    for (let i = 0; i < backlog.length; i += 5_000) {
      const r = await postAs(d.url, backlog.slice(i, i + 5_000), Date.now());
      assert.deepEqual(r.body, { accepted: 5_000, ignored: 0, late: 5_000 });
    }
    const stored = await d.store.observations('web-0', 0);
    assert.equal(stored.length, 15_000);
    assert.equal(new Set(stored.map((o) => o.at)).size, 15_000, 'each at its own time');
    assert.equal(Math.min(...stored.map((o) => o.at)), now - 3_600_000);
    await new Promise((r) => setTimeout(r, 300)); // a few flushes
    assert.equal((await checkOf(d, 'web-0'))?.state, 'UNKNOWN');
    assert.deepEqual(events, []);
    assert.deepEqual(await d.store.incidents({}), []);
  });
});

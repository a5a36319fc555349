/**
 * Issue 12, "Proving it end to end": one failover group with every actuator the daemon builds, all
 * real and on loopback: two backends standing for two providers (child processes on 127.0.0.2 and
 * 127.0.0.3), the built-in proxy under a bounded load, the built-in DNS (127.0.0.53), a BIND it
 * feeds as a hidden primary (AXFR/NOTIFY with TSIG), a BIND driven by RFC 2136 and an HAProxy
 * driven through its Runtime API. The primary is killed mid-load: `dig` against the built-in DNS
 * answers the secondary's address within interval × failAfter + 1 s of the kill, the RFC 2136 BIND
 * and the secondary BIND follow within a further second, HAProxy routes to the secondary, and the
 * switch record holds each actuator's confirmation time and the proxy's first response.
 * HAProxy's servers are the helper's own small HTTP servers (named aws and gcp, on the same two
 * addresses): its `aws` is killed with the primary.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Daemon } from '../src/daemon/daemon.ts';
import { createLogger } from '../src/platform/log.ts';
import { type Backend, startBackend } from './helpers/backends.ts';
import { KEY_FILE_TEXT, startBind, type TestBind } from './helpers/bind.ts';
import { tempDir } from './helpers/cli.ts';
import { waitFor } from './helpers/daemon.ts';
import { dig } from './helpers/dns.ts';
import { fourActuatorsMap } from './helpers/four-actuators.ts';
import { startHaproxy, type TestHaproxy } from './helpers/haproxy.ts';
import { send } from './helpers/http-client.ts';
import { map } from './helpers/map.ts';
import { type Bind, freePort, startBindSecondary } from './helpers/named.ts';

const INTERVAL_MS = 1_000;
const FAIL_AFTER = 2;
/** named listens only on interface addresses (127.0.0.1); the built-in server takes another loopback address. */
const OUR_HOST = '127.0.0.53';
const BIND_HOST = '127.0.0.1';

function missing(): string | undefined {
  for (const tool of ['named', 'haproxy', 'dig'])
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      return `${tool} is not installed (Debian: bind9, haproxy, bind9-dnsutils; scripts/test.sh installs them)`;
    }
  return undefined;
}
const skip = missing();

const closers: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const c of closers.reverse()) await c().catch(() => undefined);
});

/** Polls `f` every 25 ms until it holds; the time it first held, or undefined past `ms`. */
async function when(ms: number, f: () => Promise<boolean>): Promise<number | undefined> {
  const deadline = Date.now() + ms;
  for (let i = 0; i < 2_000; i++) {
    if (await f().catch(() => false)) return Date.now();
    if (Date.now() > deadline) return undefined;
    await sleep(25);
  }
  return undefined;
}

describe('failover end to end: proxy, built-in DNS, its BIND secondary, RFC 2136 to BIND, HAProxy', {
  skip,
}, () => {
  it('a SIGKILL of the primary mid-load moves every actuator to the secondary, in time, and the record says when', async () => {
    const aws: Backend = await startBackend('aws', '127.0.0.2');
    closers.push(() => aws.kill());
    const gcp: Backend = await startBackend('gcp', '127.0.0.3');
    closers.push(() => gcp.kill());
    const rfc: TestBind = await startBind();
    closers.push(() => rfc.close());
    const h: TestHaproxy = await startHaproxy();
    closers.push(() => h.close());

    const dir = tempDir();
    const xfr = randomBytes(32).toString('base64');
    writeFileSync(join(dir, 'xfr.key'), `${xfr}\n`);
    writeFileSync(join(dir, 'tsig.key'), KEY_FILE_TEXT);
    const dnsPort = await freePort(OUR_HOST);
    const secondaryPort = await freePort(BIND_HOST);
    const config = map({
      ...fourActuatorsMap({
        aws,
        gcp,
        rfc2136: rfc.server,
        haproxySocket: h.socket,
        secondary: `${BIND_HOST}:${secondaryPort}`,
        interval: `${INTERVAL_MS}ms`,
        failAfter: FAIL_AFTER,
      }),
      runtime: { dns: { listen: `${OUR_HOST}:${dnsPort}` } },
    });
    const d = await Daemon.start({
      config,
      baseDir: dir,
      listen: '127.0.0.1:0',
      store: 'sqlite',
      lang: 'en',
      log: createLogger('silent'),
      env: { BASCULE_TOKEN: 'operator-token-for-tests' },
      flushMs: 50,
      failoverTiming: { tickMs: 100, reconcileMs: 500 },
    });
    closers.push(() => d.stop());
    const secondary: Bind = await startBindSecondary({
      host: BIND_HOST,
      port: secondaryPort,
      primary: { host: OUR_HOST, port: dnsPort },
      key: { name: 'xfr', algorithm: 'hmac-sha256', secret: xfr },
    });
    closers.push(() => secondary.stop());

    const ours = async () => (await dig(dnsPort, ['api.example.com', 'A'], OUR_HOST)).answer.map((r) => r[4]);
    const theirs = async () =>
      (await dig(secondaryPort, ['api.example.com', 'A'], BIND_HOST)).answer.map((r) => r[4]);
    const updated = () => rfc.dig('api.example.com', 'A');
    const is = (host: string) => (xs: readonly (string | undefined)[]) => xs.length === 1 && xs[0] === host;
    const view = () => d.failover!.controller.view('api')!;

    // Before: every actuator routes to aws.
    await waitFor('both endpoints healthy', () => view().endpoints.every((e) => e.health === 'up'), 10_000);
    const ready = await when(10_000, async () => {
      const [a, b, c, x] = await Promise.all([ours(), theirs(), updated(), h.get()]);
      return is('127.0.0.2')(a) && is('127.0.0.2')(b) && is('127.0.0.2')(c) && x === 'aws';
    });
    assert.ok(ready, 'the DNS, its secondary, the RFC 2136 BIND and HAProxy route to aws first');

    // A bounded load through the proxy (4 clients, at most 2000 requests each, stopped below).
    const proxy = d.failover!.proxies[0]!.url;
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    let stop = false;
    const errors: string[] = [];
    const client = async () => {
      for (let i = 0; i < 2_000 && !stop; i++) {
        const a = await send(`${proxy}/`, { agent, timeoutMs: 5_000 }).catch((e) => ({ status: String(e) }));
        if (a.status !== 200) errors.push(String(a.status));
        await sleep(10);
      }
    };
    const clients = Array.from({ length: 4 }, client);
    await sleep(300);

    const killedAt = Date.now();
    await Promise.all([aws.kill(), h.killBackend('aws')]);
    const budget = INTERVAL_MS * FAIL_AFTER + 1_000;
    const dnsAt = await when(budget + 2_000, async () => is('127.0.0.3')(await ours()));
    assert.ok(dnsAt, 'the built-in DNS answers gcp');
    assert.ok(
      dnsAt - killedAt <= budget,
      `the built-in DNS answered gcp ${dnsAt - killedAt} ms after the kill`,
    );
    const [rfcAt, secondaryAt] = await Promise.all([
      when(3_000, async () => is('127.0.0.3')(await updated())),
      when(3_000, async () => is('127.0.0.3')(await theirs())),
    ]);
    assert.ok(
      rfcAt && rfcAt - dnsAt <= 1_000,
      `the RFC 2136 BIND followed ${rfcAt ? rfcAt - dnsAt : '-'} ms later`,
    );
    assert.ok(
      secondaryAt && secondaryAt - dnsAt <= 1_000,
      `the secondary followed ${secondaryAt ? secondaryAt - dnsAt : '-'} ms later`,
    );
    const names = new Set<string | undefined>();
    for (let i = 0; i < 6; i++) names.add(await h.get());
    assert.deepEqual([...names], ['gcp'], 'HAProxy routes to gcp');
    const stats = await h.stats();
    assert.match(stats.aws?.status ?? '', /DRAIN|MAINT|DOWN/, JSON.stringify(stats));

    // The switch record: each actuator's confirmation, and the first response of gcp.
    let rec: ReturnType<typeof view>['switches'][number] | undefined;
    await waitFor(
      'a complete switch record',
      () => {
        rec = view().switches[0];
        return (
          rec !== undefined &&
          rec.firstServedAt !== undefined &&
          ['proxy', 'dns', 'rfc2136', 'haproxy'].every((k) => rec!.confirmed[k] !== undefined)
        );
      },
      5_000,
    );
    stop = true;
    await Promise.all(clients);
    agent.destroy();
    assert.equal(rec!.from, 'aws');
    assert.equal(rec!.to, 'gcp');
    // The proxy's passive evidence under the load often decides before the probes do.
    assert.ok(['down', 'passive'].includes(rec!.reason), rec!.reason);
    for (const k of ['proxy', 'dns', 'rfc2136', 'haproxy']) {
      const at = rec!.confirmed[k]!;
      assert.ok(
        at >= rec!.decidedAt && at <= dnsAt + 1_000,
        `${k} confirmed ${at - rec!.decidedAt} ms after the decision`,
      );
    }
    assert.ok(rec!.firstServedAt! >= rec!.decidedAt, 'the first response of gcp came after the decision');
    assert.ok(rec!.decidedAt - killedAt <= budget, `decided ${rec!.decidedAt - killedAt} ms after the kill`);
    // The secondary acknowledged the NOTIFYs with a valid TSIG, and /metrics says so.
    const metrics = await d.metrics.registry.metrics();
    const acked = Number(/^bascule_dns_notify_total\{outcome="acknowledged"\} (\d+)$/m.exec(metrics)?.[1]);
    assert.ok(acked >= 1, `NOTIFYs acknowledged: ${acked}`);
    assert.doesNotMatch(metrics, /^bascule_dns_notify_refused_total\{[^}]*\} [1-9]/m);
    const stored = await d.store.switches({ group: 'api', limit: 1 });
    assert.deepEqual(Object.keys(stored[0]!.confirmed).sort(), ['dns', 'haproxy', 'proxy', 'rfc2136']);
    assert.ok(
      errors.length < 5,
      `the load through the proxy saw ${errors.length} errors: ${errors.slice(0, 3)}`,
    );
  });
});

/**
 * The proxy in front of two backends (child processes on 127.0.0.2 and 127.0.0.3): the primary is
 * SIGKILLed under a bounded concurrent load of GETs; retries carry the load, then the routing is
 * switched by apply() as the decision would, and no client request fails. A POST whose body reached
 * a dying backend is not replayed: a 502 that says so.
 */
import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProxyActuator } from '../src/actuators/proxy/actuator.ts';
import { type Backend, startBackend } from './helpers/backends.ts';
import { codeOf, send } from './helpers/http-client.ts';
import { routing, startProxy, type TestProxy } from './helpers/proxy.ts';

const WORKERS = 8;
const MAX_REQUESTS = 20_000;

describe('proxy failover under load', () => {
  let aws: Backend;
  let gcp: Backend;
  let t: TestProxy;
  before(async () => {
    [aws, gcp] = await Promise.all([startBackend('aws', '127.0.0.2'), startBackend('gcp', '127.0.0.3')]);
  });
  after(async () => {
    await t?.proxy.close();
    await Promise.all([aws?.kill(), gcp?.kill()]);
  });

  it('loses no GET when the primary is SIGKILLed: retries carry the load, then apply() switches', async () => {
    t = await startProxy(undefined);
    const actuator = new ProxyActuator(t.proxy);
    const a = { name: 'aws', address: aws.address };
    const g = { name: 'gcp', address: gcp.address };
    assert.deepEqual(await actuator.apply(routing(a, g), 1), { ok: true, changed: true, fence: 1 });
    const agent = new Agent({ keepAlive: true, maxSockets: WORKERS });
    const served: Array<{ at: number; by: string }> = [];
    const errors: string[] = [];
    let stop = false;
    const deadline = Date.now() + 20_000;
    const worker = async () => {
      while (!stop && Date.now() < deadline && served.length + errors.length < MAX_REQUESTS) {
        try {
          const r = await send(`${t.url}/`, { agent });
          if (r.status !== 200) errors.push(`${r.status} ${r.body}`);
          else served.push({ at: Date.now(), by: (JSON.parse(r.body) as { name: string }).name });
        } catch (e) {
          errors.push(String(e));
        }
      }
    };
    const load = Promise.all(Array.from({ length: WORKERS }, worker));
    await sleep(800);
    const killedAt = Date.now();
    await aws.kill();
    await sleep(1_500); // retries alone carry the traffic
    const beforeSwitch = served.filter((s) => s.at > killedAt + 200).length;
    assert.deepEqual(await actuator.apply(routing(g), 2), { ok: true, changed: true, fence: 2 });
    await sleep(800);
    stop = true;
    await load;
    agent.destroy();
    assert.deepEqual(errors, [], 'no client request failed');
    assert.ok(
      served.some((s) => s.at < killedAt && s.by === 'aws'),
      'aws served before the kill',
    );
    assert.ok(beforeSwitch > 20, `retries carried the load before the switch (${beforeSwitch})`);
    assert.ok(
      served.filter((s) => s.at > killedAt + 100).every((s) => s.by === 'gcp'),
      'gcp served after the kill',
    );
    assert.ok(t.evidence.some((e) => e.endpoint === 'aws' && ['refused', 'reset'].includes(e.reason)));
    assert.ok(t.evidence.every((e) => e.group === 'api' && typeof e.at === 'number'));
    const metrics = await t.registry.metrics();
    assert.match(metrics, /bascule_proxy_retries_total\{group="api",endpoint="gcp"\} [1-9]/);
    assert.match(
      metrics,
      /bascule_proxy_passive_failures_total\{group="api",endpoint="aws",reason="refused"\} [1-9]/,
    );
    assert.match(metrics, /bascule_proxy_requests_total\{group="api",code="2xx"\} [1-9]/);
    assert.match(metrics, /bascule_proxy_upstream_seconds_count\{group="api",endpoint="gcp"\} [1-9]/);
    await t.proxy.close();
  });

  it('does not replay a POST whose body reached a dying backend: a 502 that says so', async () => {
    await aws.kill(); // the first test killed it, unless it was filtered out
    aws = await startBackend('aws', '127.0.0.2');
    t = await startProxy(
      routing({ name: 'aws', address: aws.address }, { name: 'gcp', address: gcp.address }),
    );
    const r = await send(`${t.url}/die?only=aws`, { method: 'POST', body: 'order=42' });
    assert.equal(r.status, 502);
    assert.equal(codeOf(r), 'BASCULE_E_PROXY_NOT_REPLAYED');
    assert.equal((await gcp.stats())['POST /die'], undefined, 'the standby never got it');
    await t.proxy.close();
  });

  it('replays a PUT (idempotent) and a POST with an Idempotency-Key on the standby, body included', async () => {
    for (const [method, headers] of [
      ['PUT', {}],
      ['POST', { 'idempotency-key': 'k-1' }],
    ] as const) {
      await aws.kill();
      aws = await startBackend('aws', '127.0.0.2');
      t = await startProxy(
        routing({ name: 'aws', address: aws.address }, { name: 'gcp', address: gcp.address }),
      );
      const r = await send(`${t.url}/die?only=aws`, { method, headers, body: 'order=42' });
      assert.equal(r.status, 200, r.body);
      const echo = JSON.parse(r.body) as { name: string; body: string; method: string };
      assert.deepEqual([echo.name, echo.method, echo.body], ['gcp', method, 'order=42']);
      await t.proxy.close();
    }
  });

  it('sends a POST to the standby when the primary refuses the connection (nothing reached it)', async () => {
    await aws.kill();
    t = await startProxy(
      routing({ name: 'aws', address: aws.address }, { name: 'gcp', address: gcp.address }),
    );
    const r = await send(`${t.url}/echo`, { method: 'POST', body: 'x'.repeat(50_000) });
    assert.equal(r.status, 200, r.body);
    assert.equal((JSON.parse(r.body) as { body: string }).body.length, 50_000);
    await t.proxy.close();
  });
});

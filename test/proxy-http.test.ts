/**
 * The proxy's HTTP path against real backends (child processes on 127.0.0.2 and 127.0.0.3):
 * forwarded headers, hop-by-hop headers, WebSocket, retries on the standby list and their budget,
 * passive evidence, the backend's own failing answers, timeouts, and its error answers in two languages.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ProxyActuator } from '../src/actuators/proxy/actuator.ts';
import { type Backend, startBackend } from './helpers/backends.ts';
import { codeOf, send } from './helpers/http-client.ts';
import { routing, startProxy, type TestProxy } from './helpers/proxy.ts';

describe('proxy http', () => {
  let aws: Backend;
  let gcp: Backend;
  let a: { name: string; address: string };
  let g: { name: string; address: string };
  const proxies: TestProxy[] = [];
  const proxy = async (...args: Parameters<typeof startProxy>) => {
    const p = await startProxy(...args);
    proxies.push(p);
    return p;
  };
  before(async () => {
    [aws, gcp] = await Promise.all([startBackend('aws', '127.0.0.2'), startBackend('gcp', '127.0.0.3')]);
    a = { name: 'aws', address: aws.address };
    g = { name: 'gcp', address: gcp.address };
  });
  after(async () => {
    for (const p of proxies) await p.proxy.close();
    await Promise.all([aws?.kill(), gcp?.kill()]);
  });

  it('appends X-Forwarded-For and Forwarded, sets X-Forwarded-Proto/Host, strips hop-by-hop headers both ways', async () => {
    const t = await proxy(routing(a));
    const r = await send(`${t.url}/echo`, {
      headers: {
        'x-forwarded-for': '203.0.113.7',
        forwarded: 'for=203.0.113.7;proto=https',
        connection: 'keep-alive, x-private',
        'x-private': 'for this hop only',
        'keep-alive': 'timeout=5',
        'proxy-authorization': 'Basic c2VjcmV0',
        'x-kept': 'yes',
      },
    });
    assert.equal(r.status, 200);
    const seen = (JSON.parse(r.body) as { headers: Record<string, string> }).headers;
    const port = t.proxy.port;
    assert.equal(seen['x-forwarded-for'], '203.0.113.7, 127.0.0.1');
    assert.equal(seen['x-forwarded-proto'], 'http');
    assert.equal(seen['x-forwarded-host'], `127.0.0.1:${port}`);
    assert.equal(
      seen.forwarded,
      `for=203.0.113.7;proto=https, for=127.0.0.1;host="127.0.0.1:${port}";proto=http`,
    );
    assert.equal(seen.host, `127.0.0.1:${port}`, 'the client’s Host goes to the backend');
    assert.equal(seen['x-kept'], 'yes');
    for (const h of ['x-private', 'keep-alive', 'proxy-authorization'])
      assert.equal(seen[h], undefined, `${h} stays on the client's hop`);
    assert.equal(r.headers['x-hop'], undefined, 'a header the backend lists in Connection stays on its hop');
    assert.equal(r.headers['x-backend'], 'aws');
  });

  it('tunnels a WebSocket after the backend’s 101, both ways', async () => {
    const t = await proxy(routing(a, g));
    const socket = connect(t.proxy.port, '127.0.0.1');
    const key = 'dGhlIHNhbXBsZSBub25jZQ==';
    socket.write(
      `GET /chat HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    let got = '';
    const echoed = new Promise<void>((resolve, reject) => {
      setTimeout(() => reject(new Error(`no echo within 5 s; got ${JSON.stringify(got)}`)), 5_000).unref();
      socket.on('error', reject);
      socket.on('data', (d) => {
        got += d.toString('latin1');
        if (got.includes('\r\n\r\n') && !got.includes('ping')) socket.write('ping through the tunnel');
        if (got.includes('ping through the tunnel')) resolve();
      });
    });
    await echoed.finally(() => socket.destroy());
    assert.match(got, /^HTTP\/1\.1 101 /);
    assert.match(got, /Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK\+xOo=/i);
    assert.match(got, /X-Backend: aws/i);
  });

  it('retries a GET the primary answers 503 on the standby, and tells the caller (never switching)', async () => {
    const t = await proxy(routing(a, g));
    const r = await send(`${t.url}/status/503?only=aws`);
    assert.equal(r.status, 200);
    assert.equal(JSON.parse(r.body).name, 'gcp');
    assert.deepEqual(
      t.evidence.map((e) => [e.endpoint, e.reason, e.status]),
      [['aws', 'status', 503]],
    );
    assert.equal(t.proxy.state, undefined, 'nothing was applied: the routing is still the initial one');
    assert.equal(JSON.parse((await send(`${t.url}/`)).body).name, 'aws', 'the next request goes to aws');
  });

  it('passes the backend’s own 503 on when there is no standby', async () => {
    const t = await proxy(routing(a));
    const r = await send(`${t.url}/status/503`);
    assert.equal(r.status, 503);
    assert.equal(JSON.parse(r.body).name, 'aws');
  });

  it('stops retrying when the retry budget is spent, and counts the refusals', async () => {
    const t = await proxy(routing(a, g), { retryBudget: { burst: 1, ratio: 0, perSecond: 0 } });
    assert.equal((await send(`${t.url}/status/503?only=aws`)).status, 200, 'the one token');
    assert.equal((await send(`${t.url}/status/503?only=aws`)).status, 503, 'no token left');
    assert.match(await t.registry.metrics(), /bascule_proxy_retries_denied_total\{group="api"\} 1/);
  });

  it('retries on every attempt down the standby list', async () => {
    const t = await proxy(routing(a, { name: 'dead', address: '127.0.0.4:9' }, g));
    const r = await send(`${t.url}/status/503?only=aws`);
    assert.equal(JSON.parse(r.body).name, 'gcp');
    assert.deepEqual(
      t.evidence.map((e) => [e.endpoint, e.reason]),
      [
        ['aws', 'status'],
        ['dead', 'refused'],
      ],
    );
  });

  it('a backend that never answers: 504 after the first-byte timeout, or the standby for a GET', async () => {
    const t = await proxy(routing(a), { timeouts: { firstByte: 300 } });
    const r = await send(`${t.url}/hang`, { headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
    assert.equal(r.status, 504);
    assert.equal(codeOf(r), 'BASCULE_E_PROXY_TIMEOUT');
    assert.match(JSON.parse(r.body).error.message, /n’a pas répondu à temps/);
    const t2 = await proxy(routing(a, g), { timeouts: { firstByte: 300 } });
    assert.equal(JSON.parse((await send(`${t2.url}/hang?only=aws`)).body).name, 'gcp');
    assert.equal(t2.evidence[0]?.reason, 'timeout');
    const post = await send(`${t2.url}/hang?only=aws`, { method: 'POST', body: 'x' });
    assert.equal(codeOf(post), 'BASCULE_E_PROXY_NOT_REPLAYED');
    assert.ok(
      t2.logs().some((l) => l.kind === 'passive-timeout' && l.endpoint === 'aws'),
      'a reason logged',
    );
  });

  it('a backend that sends garbage: 502 BAD_RESPONSE, or the standby for a GET', async () => {
    const t = await proxy(routing(a));
    const r = await send(`${t.url}/garbage`);
    assert.equal(r.status, 502);
    assert.equal(codeOf(r), 'BASCULE_E_PROXY_BAD_RESPONSE');
    const t2 = await proxy(routing(a, g));
    assert.equal(JSON.parse((await send(`${t2.url}/garbage?only=aws`)).body).name, 'gcp');
    assert.equal(t2.evidence[0]?.reason, 'garbage');
  });

  it('answers 503 NO_ROUTE in the client’s language until a routing is applied, then follows apply()', async () => {
    const t = await proxy(undefined);
    const en = await send(`${t.url}/`);
    assert.equal(en.status, 503);
    assert.equal(codeOf(en), 'BASCULE_E_PROXY_NO_ROUTE');
    assert.match(JSON.parse(en.body).error.message, /no server is in service for api/);
    const fr = await send(`${t.url}/`, { headers: { 'accept-language': 'fr' } });
    assert.match(JSON.parse(fr.body).error.message, /aucun serveur n’est encore en service pour api/);
    const actuator = new ProxyActuator(t.proxy);
    await actuator.apply(routing(g), 5);
    assert.equal(JSON.parse((await send(`${t.url}/`)).body).name, 'gcp');
    assert.deepEqual(await actuator.apply(routing(a), 4), {
      ok: false,
      reason: 'stale-fence',
      detail: 'fence 4 < 5',
    });
    assert.equal(JSON.parse((await send(`${t.url}/`)).body).name, 'gcp');
  });

  it('answers a client’s Expect: 100-continue itself, then sends its body to the backend without Expect', async () => {
    const t = await proxy(routing(a));
    const socket = connect(t.proxy.port, '127.0.0.1');
    socket.write('PUT /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n');
    let got = '';
    const answered = new Promise<void>((resolve, reject) => {
      setTimeout(() => reject(new Error(`no answer within 5 s; got ${JSON.stringify(got)}`)), 5_000).unref();
      socket.on('error', reject);
      socket.on('data', (d: Buffer) => {
        got += d.toString('latin1');
        if (got.startsWith('HTTP/1.1 100 ') && !got.includes('\r\n\r\nsent')) socket.write('hello');
        if (/"body":"hello"/.test(got)) resolve();
      });
    });
    await answered.finally(() => socket.destroy());
    assert.match(got, /^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 /);
    const json = got.slice(got.indexOf('{'), got.lastIndexOf('}') + 1);
    const seen = JSON.parse(json) as { headers: Record<string, string> };
    assert.equal(seen.headers.expect, undefined, 'Expect stays on the client’s hop');
  });

  it('a client that half-closes after its request still gets the response', async () => {
    const t = await proxy(routing(a));
    const socket = connect(t.proxy.port, '127.0.0.1');
    socket.end('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    let got = '';
    for await (const d of socket) got += (d as Buffer).toString();
    assert.match(got, /^HTTP\/1\.1 200 /);
    assert.match(got, /"name":"aws"/);
  });
});

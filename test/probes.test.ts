/**
 * The probes against real servers on 127.0.0.1 started here: HTTP (statuses, bodies, JSON,
 * redirects, slow answers, tarpits, endless bodies, garbage, resets), HTTPS and TLS with real
 * certificates (valid, expiring, expired, self-signed, wrong host), TCP, and DNS over UDP and TCP
 * against a small DNS server (NXDOMAIN, SERVFAIL, REFUSED, garbage, spoofed replies, truncation).
 */
import assert from 'node:assert/strict';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer as createHttp, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { type AddressInfo, createServer as createTcp, type Server as TcpServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import dnsPacket from 'dns-packet';
import { compileCheck } from '../src/monitor/compile.ts';
import { trustCa } from '../src/probes/certs.ts';
import { runProbe } from '../src/probes/registry.ts';
import { testCerts } from './helpers/certs.ts';
import { map } from './helpers/map.ts';

const servers: (Server | TcpServer)[] = [];
const sockets = new Set<import('node:net').Socket>();
let udp: UdpSocket | undefined;
after(async () => {
  for (const s of sockets) s.destroy();
  for (const s of servers) await new Promise((r) => s.close(r));
  udp?.close();
});

async function listen<S extends Server | TcpServer>(server: S): Promise<number> {
  servers.push(server);
  server.on('connection', (s: import('node:net').Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

/** Probes one check given as it would be written in bascule.yaml. */
function probe(spec: Record<string, unknown>) {
  const config = map({
    components: { c: { provider: 'x' } },
    checks: { k: { component: 'c', timeout: '1s', interval: '5s', ...spec } },
  });
  return runProbe(compileCheck('k', config.checks.k!, config));
}

const BODY_JSON = JSON.stringify({ status: 'up', checks: { db: { ok: true } }, items: [{ name: 'a' }] });

describe('http probe', () => {
  let base = '';
  before(async () => {
    const port = await listen(
      createHttp((req, res) => {
        const url = new URL(req.url ?? '/', 'http://x');
        switch (url.pathname) {
          case '/ok':
            res.end('all ok here');
            return;
          case '/503':
            res.writeHead(503).end('down');
            return;
          case '/redirect':
            res.writeHead(302, { location: '/ok' }).end();
            return;
          case '/json':
            res.writeHead(200, { 'content-type': 'application/json' }).end(BODY_JSON);
            return;
          case '/slow':
            setTimeout(() => res.end('ok'), Number(url.searchParams.get('ms')));
            return;
          case '/endless': {
            res.writeHead(200);
            const chunk = Buffer.alloc(64 * 1024, 'x');
            const pump = () => {
              while (res.write(chunk)) {
                /* fill the buffer */
              }
            };
            res.on('drain', pump);
            pump();
            return;
          }
          case '/echo':
            res.end(
              `${req.method} ${req.headers['x-probe'] ?? ''} ${req.headers.host} ${req.headers.connection}`,
            );
            return;
          default:
            return; // /hang: headers never come
        }
      }),
    );
    base = `http://127.0.0.1:${port}`;
  });

  it('passes a healthy endpoint, with its latency', async () => {
    const r = await probe({ http: `${base}/ok`, expect: { status: 200, bodyContains: 'ok' } });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.ok(r.latencyMs > 0 && r.latencyMs < 1000);
  });

  it('fails a bad status with its text', async () => {
    const r = await probe({ http: `${base}/503` });
    assert.deepEqual([r.ok, r.reason, r.detail], [false, 'status', '503 Service Unavailable']);
    const list = await probe({ http: `${base}/503`, expect: { status: [200, 503] } });
    assert.equal(list.ok, true);
    const range = await probe({ http: `${base}/503`, expect: { status: '500-599' } });
    assert.equal(range.ok, true);
  });

  it('judges a redirect as a status unless told to follow it', async () => {
    const judged = await probe({ http: `${base}/redirect`, expect: { status: 200 } });
    assert.deepEqual([judged.reason, judged.detail], ['status', '302 Found']);
    const followed = await probe({
      http: `${base}/redirect`,
      redirects: 2,
      expect: { status: 200, bodyContains: 'all ok' },
    });
    assert.equal(followed.ok, true, JSON.stringify(followed));
  });

  it('checks the body, a regex and a JSON path', async () => {
    const body = await probe({ http: `${base}/ok`, expect: { bodyContains: 'healthy' } });
    assert.deepEqual([body.reason, body.detail], ['body', 'body does not contain "healthy"']);
    assert.equal((await probe({ http: `${base}/ok`, expect: { bodyRegex: '^all ok' } })).ok, true);
    assert.equal((await probe({ http: `${base}/ok`, expect: { bodyRegex: '^ok' } })).reason, 'body');
    assert.equal(
      (await probe({ http: `${base}/json`, expect: { json: { path: 'checks.db.ok', equals: true } } })).ok,
      true,
    );
    assert.equal(
      (await probe({ http: `${base}/json`, expect: { json: { path: '$.items.0.name', equals: 'a' } } })).ok,
      true,
    );
    const wrong = await probe({ http: `${base}/json`, expect: { json: { path: 'status', equals: 'down' } } });
    assert.deepEqual([wrong.reason, wrong.detail], ['json', 'status is "up", expected "down"']);
    const missing = await probe({ http: `${base}/json`, expect: { json: { path: 'nope.x', equals: 1 } } });
    assert.deepEqual([missing.reason, missing.detail], ['json', 'nope.x: missing']);
    const notJson = await probe({ http: `${base}/ok`, expect: { json: { path: 'a', equals: 1 } } });
    assert.equal(notJson.reason, 'json');
  });

  it('sends the method, headers and body', async () => {
    const r = await probe({
      http: `${base}/echo`,
      method: 'POST',
      headers: { 'x-probe': 'yes', host: 'api.example.com' },
      body: '{}',
      // A virtual host by address, on a connection closed after the answer.
      expect: { bodyContains: 'POST yes api.example.com close' },
    });
    assert.equal(r.ok, true, JSON.stringify(r));
  });

  it('fails too slow an answer, and times out a silent one in time', async () => {
    const slow = await probe({ http: `${base}/slow?ms=300`, expect: { maxLatency: '100ms' } });
    assert.equal(slow.reason, 'too-slow');
    assert.match(slow.detail ?? '', /^3\d\dms > 100ms$/);
    const t0 = Date.now();
    const hung = await probe({ http: `${base}/hang`, timeout: '300ms' });
    const took = Date.now() - t0;
    assert.equal(hung.reason, 'timeout');
    assert.ok(took >= 290 && took < 600, `took ${took} ms`);
  });

  it('cuts an endless body at 1 MiB without stalling', async () => {
    const t0 = Date.now();
    const r = await probe({ http: `${base}/endless`, expect: { bodyContains: 'never' } });
    assert.equal(r.reason, 'too-large');
    assert.ok(Date.now() - t0 < 900, 'well before the timeout');
    const unread = await probe({ http: `${base}/endless` });
    assert.equal(unread.ok, true, 'a body no expectation needs is not read');
  });

  it('classifies refused connections, resets, garbage and tarpits', async () => {
    const closed = createTcp();
    const closedPort = await listen(closed);
    await new Promise((r) => closed.close(r));
    servers.splice(servers.indexOf(closed), 1);
    const refused = await probe({ http: `http://127.0.0.1:${closedPort}/` });
    assert.deepEqual([refused.reason, refused.detail], ['refused', 'ECONNREFUSED']);

    const resetPort = await listen(createTcp((s) => s.resetAndDestroy()));
    assert.equal((await probe({ http: `http://127.0.0.1:${resetPort}/` })).reason, 'reset');

    const garbagePort = await listen(createTcp((s) => s.end('\u0000\u0001 garbage, not HTTP\r\n\r\n')));
    const garbage = await probe({ http: `http://127.0.0.1:${garbagePort}/` });
    assert.equal(garbage.reason, 'protocol', JSON.stringify(garbage));

    const tarpitPort = await listen(createTcp(() => {}));
    const t0 = Date.now();
    const tarpit = await probe({ http: `http://127.0.0.1:${tarpitPort}/`, timeout: '300ms' });
    assert.equal(tarpit.reason, 'timeout');
    assert.ok(Date.now() - t0 < 600);
  });

  it('classifies a name that does not resolve', async () => {
    const r = await probe({ http: 'http://does-not-exist.invalid/' });
    assert.ok(r.reason === 'dns-nxdomain' || r.reason === 'dns-servfail', JSON.stringify(r));
  });
});

describe('https and tls probes', () => {
  const ports: Record<string, number> = {};
  before(async () => {
    const certs = testCerts();
    trustCa(certs.ca);
    for (const name of ['valid', 'expiring', 'expired', 'wrongHost', 'selfSigned'] as const) {
      ports[name] = await listen(createHttps(certs[name], (_req, res) => res.end('ok')));
    }
  });
  const https = (name: string, extra: Record<string, unknown> = {}) =>
    probe({ http: `https://127.0.0.1:${ports[name]}/`, ...extra });
  const tls = (name: string, extra: Record<string, unknown> = {}) =>
    probe({ tls: `127.0.0.1:${ports[name]}`, ...extra });

  it('passes a valid certificate and reports the days left', async () => {
    for (const r of [await https('valid'), await tls('valid')]) {
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.ok(r.certDaysLeft! > 29 && r.certDaysLeft! <= 30);
      assert.equal(r.warning, undefined);
    }
  });

  it('warns when the certificate expires soon', async () => {
    for (const r of [await https('expiring'), await tls('expiring', { expect: { certValidFor: '7d' } })]) {
      assert.equal(r.ok, true);
      assert.equal(r.warning, 'cert-expiring');
      assert.ok(r.certDaysLeft! < 3.1);
    }
  });

  it('fails an expired certificate, even unverified', async () => {
    assert.equal((await https('expired')).reason, 'tls-expired');
    assert.equal((await https('expired', { verifyTls: false })).reason, 'tls-expired');
    assert.equal((await tls('expired', { verifyTls: false })).reason, 'tls-expired');
  });

  it('fails an untrusted chain and a wrong host name, unless verification is off', async () => {
    assert.equal((await https('selfSigned')).reason, 'tls-untrusted');
    assert.equal((await tls('selfSigned')).reason, 'tls-untrusted');
    assert.equal((await https('wrongHost')).reason, 'tls-hostname');
    assert.equal((await tls('wrongHost')).reason, 'tls-hostname');
    assert.equal((await https('selfSigned', { verifyTls: false })).ok, true);
    assert.equal((await tls('wrongHost', { verifyTls: false })).ok, true);
  });

  it('fails TLS spoken to a plain HTTP server', async () => {
    const plain = await listen(createHttp((_q, s) => s.end('ok')));
    const r = await probe({ tls: `127.0.0.1:${plain}` });
    assert.equal(r.reason, 'tls-error', JSON.stringify(r));
  });
});

describe('tcp probe', () => {
  it('opens a connection, or says why not', async () => {
    const port = await listen(createTcp((s) => s.end()));
    assert.equal((await probe({ tcp: `127.0.0.1:${port}` })).ok, true);
    const closed = createTcp();
    const closedPort = await listen(closed);
    await new Promise((r) => closed.close(r));
    servers.splice(servers.indexOf(closed), 1);
    assert.equal((await probe({ tcp: `127.0.0.1:${closedPort}` })).reason, 'refused');
  });
});

describe('dns probe', () => {
  let port = 0;
  before(async () => {
    const answer = (q: dnsPacket.Packet, over: Partial<dnsPacket.Packet> = {}, rcode = 0) =>
      dnsPacket.encode({
        type: 'response',
        id: q.id,
        flags: dnsPacket.RECURSION_DESIRED | rcode,
        questions: q.questions,
        answers: [],
        ...over,
      });
    const a = (name: string, data: string) => ({ type: 'A' as const, name, ttl: 60, data });
    udp = createSocket('udp4');
    udp.on('message', (msg, from) => {
      const q = dnsPacket.decode(msg);
      const name = q.questions?.[0]?.name ?? '';
      const send = (b: Buffer) => udp!.send(b, from.port, from.address);
      if (name === 'ok.test')
        send(answer(q, { answers: [a(name, '203.0.113.10'), a(name, '203.0.113.11')] }));
      else if (name === 'mx.test')
        send(
          answer(q, {
            answers: [{ type: 'MX', name, ttl: 60, data: { preference: 10, exchange: 'Mail.Example.com' } }],
          }),
        );
      else if (name === 'nx.test') send(answer(q, {}, 3));
      else if (name === 'fail.test') send(answer(q, {}, 2));
      else if (name === 'refused.test') send(answer(q, {}, 5));
      else if (name === 'garbage.test') send(Buffer.from([1, 2, 3]));
      else if (name === 'spoof.test') {
        send(answer({ ...q, id: ((q.id ?? 0) + 1) % 65536 }, { answers: [a(name, '6.6.6.6')] }));
        setTimeout(() => send(answer(q, { answers: [a(name, '203.0.113.10')] })), 20);
      } else if (name === 'tc.test') {
        send(
          dnsPacket.encode({
            type: 'response',
            id: q.id,
            flags: dnsPacket.TRUNCATED_RESPONSE,
            questions: q.questions,
          }),
        );
      }
      // silent.test: no answer
    });
    await new Promise<void>((r) => udp!.bind(0, '127.0.0.1', r));
    port = (udp.address() as AddressInfo).port;
    // The same port over TCP, for truncated answers.
    const tcp = createTcp((s) => {
      let buf = Buffer.alloc(0);
      s.on('data', (c: Buffer) => {
        buf = Buffer.concat([buf, c]);
        if (buf.length < 2 || buf.length < buf.readUInt16BE(0) + 2) return;
        const q = dnsPacket.streamDecode(buf);
        const name = q.questions?.[0]?.name ?? '';
        s.end(
          dnsPacket.streamEncode({
            type: 'response',
            id: q.id,
            questions: q.questions,
            answers: Array.from({ length: 40 }, (_, i) => a(name, `198.51.100.${i + 1}`)),
          }),
        );
      });
    });
    servers.push(tcp);
    await new Promise<void>((r) => tcp.listen(port, '127.0.0.1', r));
  });
  const dns = (name: string, expect: Record<string, unknown> = {}, type = 'A') =>
    probe({
      dns: { name, type, resolver: `127.0.0.1:${port}` },
      timeout: '500ms',
      ...(Object.keys(expect).length ? { expect } : {}),
    });

  it('checks answers and rcodes', async () => {
    assert.equal((await dns('ok.test', { answers: ['203.0.113.11'] })).ok, true);
    const mismatch = await dns('ok.test', { answers: ['192.0.2.1'] });
    assert.deepEqual(
      [mismatch.reason, mismatch.detail],
      ['dns-mismatch', 'missing 192.0.2.1; got 203.0.113.10, 203.0.113.11'],
    );
    assert.equal((await dns('mx.test', { answers: ['10 mail.example.com.'] }, 'MX')).ok, true);
    const nx = await dns('nx.test');
    assert.deepEqual([nx.reason, nx.detail], ['dns-nxdomain', 'NXDOMAIN, expected NOERROR']);
    assert.equal((await dns('nx.test', { rcode: 'NXDOMAIN' })).ok, true);
    assert.equal((await dns('ok.test', { rcode: 'NXDOMAIN' })).reason, 'dns-mismatch');
    assert.equal((await dns('fail.test')).reason, 'dns-servfail');
    assert.equal((await dns('refused.test')).reason, 'dns-refused');
  });

  it('rejects garbage, ignores a reply with the wrong id, falls back to TCP when truncated', async () => {
    assert.equal((await dns('garbage.test')).reason, 'protocol');
    const spoofed = await dns('spoof.test', { answers: ['203.0.113.10'] });
    assert.equal(spoofed.ok, true, JSON.stringify(spoofed));
    const tc = await dns('tc.test', { answers: ['198.51.100.40'] });
    assert.equal(tc.ok, true, JSON.stringify(tc));
    const t0 = Date.now();
    assert.equal((await dns('silent.test')).reason, 'timeout');
    assert.ok(Date.now() - t0 < 900);
  });
});

describe('probe registry', () => {
  it('always answers within the timeout', async () => {
    const results = await Promise.all([
      probe({ http: 'http://127.0.0.1:1/', timeout: '200ms' }),
      probe({ tcp: '127.0.0.1:1', timeout: '200ms' }),
    ]);
    for (const r of results) assert.equal(r.ok, false);
  });
});

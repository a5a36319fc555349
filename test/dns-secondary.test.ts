/**
 * The built-in server as a hidden primary: a real BIND started as its secondary on loopback takes
 * the zone by AXFR with TSIG, then follows each change within a second or two of the NOTIFY
 * (by IXFR), as `dig` against BIND shows. Transfers without the key, or from a host that is not a
 * secondary, are refused.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../src/platform/log.ts';
import { dig, startExample } from './helpers/dns.ts';
import { type Bind, freePort, startBindSecondary } from './helpers/named.ts';

type Dns = Awaited<ReturnType<typeof startExample>>;

/** named listens only on interface addresses: 127.0.0.1. The built-in server takes another loopback address. */
const BIND_HOST = '127.0.0.1';
const OUR_HOST = '127.0.0.53';
const secret = randomBytes(32);
const key = { name: 'xfr', algorithm: 'hmac-sha256', secret };

async function until<T>(what: string, ms: number, f: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (let i = 0; i < 10_000; i++) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${what}: not within ${ms} ms`);
}

describe('BIND as a secondary of the built-in server', () => {
  let dns: Dns;
  let bind: Bind;
  before(async () => {
    const bindPort = await freePort(BIND_HOST);
    dns = await startExample({
      listen: `${OUR_HOST}:0`,
      secondaries: [{ address: `${BIND_HOST}:${bindPort}`, tsig: key }],
    });
    await dns.actuator.apply({ group: 'api', endpoint: 'aws', address: '127.0.0.2:9001' }, 1);
    bind = await startBindSecondary({
      host: BIND_HOST,
      port: bindPort,
      primary: { host: OUR_HOST, port: dns.port },
      key: { name: 'xfr', algorithm: 'hmac-sha256', secret: secret.toString('base64') },
    });
  });
  after(async () => {
    await bind?.stop();
    await dns?.close();
  });

  const bindAnswer = async () =>
    (await dig(bind.port, ['api.example.com', 'A'], BIND_HOST)).answer.map((r) => r[4]).join(',');

  it('takes the whole zone by AXFR with TSIG', async () => {
    await until('BIND serves the zone', 10_000, async () =>
      (await bindAnswer()) === '127.0.0.2' ? true : undefined,
    );
    const mx = await dig(bind.port, ['example.com', 'MX'], BIND_HOST);
    assert.deepEqual(
      mx.answer.map((r) => r.slice(3).join(' ')),
      ['MX 10 mail.example.com.'],
    );
    assert.ok(mx.flags.includes('aa'), 'BIND answers authoritatively for the zone');
  });

  it('follows a switch within 2 s of the NOTIFY, by IXFR, several times in a row', async () => {
    const to = ['127.0.0.3', '127.0.0.2', '127.0.0.3'];
    for (const [i, host] of to.entries()) {
      const t0 = Date.now();
      const r = await dns.actuator.apply({ group: 'api', endpoint: `e${i}`, address: `${host}:9000` }, 2 + i);
      assert.equal(r.ok, true);
      await until('BIND follows', 2_000, async () => ((await bindAnswer()) === host ? true : undefined));
      const ms = Date.now() - t0;
      assert.ok(ms <= 2_000, `followed in ${ms} ms`);
      const ours = (await dig(dns.port, ['example.com', 'SOA'], OUR_HOST)).answer[0]?.[6];
      const theirs = (await dig(bind.port, ['example.com', 'SOA'], BIND_HOST)).answer[0]?.[6];
      assert.equal(theirs, ours, 'same serial');
    }
    // An IXFR of one change is 6 records (SOA, old SOA, the A removed, new SOA, the A added, SOA);
    // the whole zone is 12.
    const sizes = [...bind.log().matchAll(/Transfer completed: \d+ messages, (\d+) records/g)].map(
      (m) => m[1],
    );
    assert.deepEqual(sizes, ['12', '6', '6', '6'], 'one AXFR, then incremental transfers');
    assert.equal(dns.server.notifiesPending, 0, 'every NOTIFY was answered');
    const stats = dns.server.notifyStats;
    assert.ok(stats.acknowledged >= to.length, JSON.stringify(stats));
    assert.deepEqual(
      stats.refused,
      { unsigned: 0, 'tsig-error': 0, 'bad-signature': 0, rcode: 0 },
      'BIND’s replies verify as signed by the key over our NOTIFY’s MAC',
    );
  });

  it('refuses a transfer without the key, with a wrong key, or to a host that is not a secondary', async () => {
    const signed = ['-y', `hmac-sha256:xfr:${secret.toString('base64')}`];
    const ok = await dig(dns.port, ['-b', BIND_HOST, ...signed, 'example.com', 'AXFR'], OUR_HOST);
    assert.ok(ok.raw.split('\n').filter((l) => /\tSOA\t/.test(l)).length === 2, ok.raw);
    const unsigned = await dig(dns.port, ['-b', BIND_HOST, 'example.com', 'AXFR'], OUR_HOST);
    assert.match(unsigned.raw, /Transfer failed/);
    const wrong = await dig(
      dns.port,
      ['-b', BIND_HOST, '-y', `hmac-sha256:xfr:${randomBytes(32).toString('base64')}`, 'example.com', 'AXFR'],
      OUR_HOST,
    );
    assert.doesNotMatch(wrong.raw, /\tSOA\t/);
    const elsewhere = await dig(dns.port, ['-b', '127.0.0.5', ...signed, 'example.com', 'AXFR'], OUR_HOST);
    assert.match(elsewhere.raw, /Transfer failed/);
  });
});

describe('NOTIFY to a BIND secondary that has another secret for the key', () => {
  let dns: Dns;
  let bind: Bind;
  const lines: string[] = [];
  const theirs = randomBytes(32);
  before(async () => {
    const bindPort = await freePort(BIND_HOST);
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    dns = await startExample({
      listen: `${OUR_HOST}:0`,
      secondaries: [{ address: `${BIND_HOST}:${bindPort}`, tsig: key }],
      notify: { intervalMs: 200, attempts: 3 },
      logger: createLogger('debug', sink),
    });
    bind = await startBindSecondary({
      host: BIND_HOST,
      port: bindPort,
      primary: { host: OUR_HOST, port: dns.port },
      key: { name: 'xfr', algorithm: 'hmac-sha256', secret: theirs.toString('base64') },
    });
  });
  after(async () => {
    await bind?.stop();
    await dns?.close();
  });

  it('is not acknowledged: BIND’s BADSIG reply is refused, logged with its reason, counted, and the NOTIFY sent again', async () => {
    const r = await dns.actuator.apply({ group: 'api', endpoint: 'aws', address: '127.0.0.2:9001' }, 1);
    assert.equal(r.ok, true);
    await until('the NOTIFY is given up', 5_000, async () =>
      dns.server.notifyStats.unacknowledged === 1 ? true : undefined,
    );
    const stats = dns.server.notifyStats;
    assert.equal(stats.acknowledged, 0, JSON.stringify(stats));
    assert.equal(stats.sent, 3, 'sent again until the last attempt');
    assert.equal(stats.refused['tsig-error'], 3, `each reply refused: ${JSON.stringify(stats)}`);
    assert.equal(dns.server.notifiesPending, 0);
    const refused = lines.filter((l) => l.includes('NOTIFY reply not taken as an acknowledgement'));
    assert.equal(refused.length, 3, lines.join(''));
    const line = JSON.parse(refused[0]!) as Record<string, unknown>;
    assert.equal(line.reason, 'tsig-error');
    assert.match(String(line.detail), /BADSIG/);
    assert.equal(line.rcode, 'NOTAUTH');
    assert.equal(line.key, 'xfr');
    assert.ok(
      lines.some((l) => l.includes('NOTIFY not acknowledged') && l.includes('"reason":"tsig-error"')),
      'giving up says why',
    );
    const shown = lines.join('');
    for (const s of [secret, theirs])
      assert.ok(
        !shown.includes(s.toString('base64')) && !shown.includes(s.toString('hex')),
        'no secret logged',
      );
    const bindSaw = bind
      .log()
      .match(/request has invalid signature: TSIG xfr: tsig verify failure \(BADSIG\)/g);
    assert.equal(bindSaw?.length, 3, `BIND refused each NOTIFY's signature:\n${bind.log()}`);
  });
});

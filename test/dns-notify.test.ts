/**
 * What acknowledges a NOTIFY: a secondary on loopback (a UDP socket of the test) answers the
 * built-in server's signed NOTIFY in the ways a secondary or a forger could. Only a NOERROR reply
 * whose TSIG is the key's over our NOTIFY's MAC (RFC 8945 §5.3) acknowledges; an unsigned reply,
 * one signed without our MAC, one with another key, or a REFUSED is refused, counted, and the
 * NOTIFY is sent again. (BIND's own replies, right and wrong key: test/dns-secondary.test.ts.)
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import type { NotifyRefusal } from '../src/dns/notify.ts';
import { parseMessage } from '../src/dns/parse.ts';
import { readTsigRdata, sign } from '../src/dns/tsig.ts';
import type { TsigKey } from '../src/dns/zone-book.ts';
import { createLogger } from '../src/platform/log.ts';
import { startExample } from './helpers/dns.ts';

const key: TsigKey = { name: 'xfr', algorithm: 'hmac-sha256', secret: randomBytes(32) };
const other: TsigKey = { name: 'xfr', algorithm: 'hmac-sha256', secret: randomBytes(32) };

type Mode = 'good' | 'unsigned' | 'no-request-mac' | 'other-secret' | 'refused' | 'unsigned-no-key';

/** The reply a secondary would send to `notify`: the same message as a response, signed per `mode`. */
function replyTo(notify: Buffer, mode: Mode): Buffer {
  const parsed = parseMessage(notify);
  assert.ok(parsed.ok);
  const tsig = parsed.message.tsig;
  const body = Buffer.from(notify.subarray(0, tsig?.offset ?? notify.length));
  if (tsig) body.writeUInt16BE(body.readUInt16BE(10) - 1, 10);
  body.writeUInt16BE(body.readUInt16BE(2) | 0x8000 | (mode === 'refused' ? 5 : 0), 2);
  const now = Math.floor(Date.now() / 1000);
  if (mode === 'unsigned' || mode === 'unsigned-no-key') return body;
  const requestMac = tsig ? readTsigRdata(tsig.rdata).mac : undefined;
  if (mode === 'no-request-mac') return sign(body, key, { now }).message;
  const k = mode === 'other-secret' ? other : key;
  return sign(body, k, { now, ...(requestMac ? { priorMac: requestMac } : {}) }).message;
}

async function secondary(mode: Mode): Promise<{ socket: Socket; port: number; got: number }> {
  const socket = createSocket('udp4');
  const s = { socket, port: 0, got: 0 };
  socket.on('message', (msg, rinfo) => {
    s.got++;
    socket.send(replyTo(msg, mode), rinfo.port, rinfo.address);
  });
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  s.port = socket.address().port;
  return s;
}

async function until(what: string, ms: number, f: () => boolean): Promise<void> {
  const deadline = Date.now() + ms;
  for (let i = 0; i < 1_000 && !f(); i++) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function run(mode: Mode) {
  const sec = await secondary(mode);
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const dns = await startExample({
    secondaries: [{ address: `127.0.0.1:${sec.port}`, ...(mode === 'unsigned-no-key' ? {} : { tsig: key }) }],
    notify: { intervalMs: 100, attempts: 3 },
    logger: createLogger('debug', sink),
  });
  try {
    assert.equal(
      (await dns.actuator.apply({ group: 'api', endpoint: 'a', address: '127.0.0.2:1' }, 1)).ok,
      true,
    );
    await until('the NOTIFY is settled', 3_000, () => dns.server.notifiesPending === 0);
    return { stats: dns.server.notifyStats, got: sec.got, log: lines.join('') };
  } finally {
    await dns.close();
    sec.socket.close();
  }
}

describe('NOTIFY acknowledgements', () => {
  it('a NOERROR reply signed by the key over our NOTIFY’s MAC acknowledges it at once', async () => {
    const r = await run('good');
    assert.equal(r.stats.acknowledged, 1, JSON.stringify(r.stats));
    assert.equal(r.stats.sent, 1, 'not sent again');
    assert.equal(r.got, 1);
  });

  it('an unsigned reply acknowledges a NOTIFY to a secondary without a key', async () => {
    const r = await run('unsigned-no-key');
    assert.equal(r.stats.acknowledged, 1, JSON.stringify(r.stats));
  });

  const refused: [Mode, NotifyRefusal, RegExp][] = [
    ['unsigned', 'unsigned', /not TSIG-signed/],
    ['no-request-mac', 'bad-signature', /does not verify/],
    ['other-secret', 'bad-signature', /does not verify/],
    ['refused', 'rcode', /answered REFUSED/],
  ];
  for (const [mode, reason, detail] of refused)
    it(`a reply ${mode} is not an acknowledgement: refused (${reason}), logged, counted, sent again`, async () => {
      const r = await run(mode);
      assert.equal(r.stats.acknowledged, 0, JSON.stringify(r.stats));
      assert.equal(r.stats.sent, 3, 'every attempt sent');
      assert.equal(r.got, 3);
      assert.equal(r.stats.refused[reason], 3, JSON.stringify(r.stats));
      assert.equal(r.stats.unacknowledged, 1);
      assert.match(r.log, new RegExp(`"reason":"${reason}"`));
      assert.match(r.log, detail);
      assert.match(r.log, /NOTIFY not acknowledged/);
      for (const k of [key, other])
        assert.ok(!r.log.includes(k.secret.toString('base64')), 'no secret logged');
    });
});

/**
 * The RFC 2136 actuator against the other servers it is meant for, each a real one started here
 * on loopback with its files in a temporary directory: Knot DNS (Debian's `knot`) and PowerDNS
 * Authoritative (Debian's `pdns-server` with the SQLite backend). The same checks as with BIND
 * (test/rfc2136-actuator.test.ts): the record set is replaced in one update and `dig` sees it,
 * each algorithm, a wrong and an unknown key refused, a fence moved behind the actuator's back
 * refused by the server itself, a second Bascule with an older fence, a restart keeps it all, the
 * actuator contract. Then, on all three, the two prerequisites the updates carry, sent by hand:
 * each server refuses an update whose prerequisite does not hold, and applies none of it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { createRfc2136Actuator } from '../src/actuators/rfc2136/actuator.ts';
import { DnsConnection } from '../src/actuators/rfc2136/connection.ts';
import { parseTsigKey } from '../src/actuators/rfc2136/key-file.ts';
import type { TsigAlgorithm } from '../src/actuators/rfc2136/options.ts';
import { rcodeOf, updateMessage } from '../src/actuators/rfc2136/wire.ts';
import { sign, verifyAnswer } from '../src/dns/tsig.ts';
import { createLogger } from '../src/platform/log.ts';
import { actuatorContract } from './actuator.contract.ts';
import { startBind } from './helpers/bind.ts';
import { startKnot } from './helpers/knot.ts';
import { startPdns } from './helpers/pdns.ts';
import { aws, FENCE, gcp, NAME, nsupdate, updateOptions, v6 } from './helpers/rfc2136-fixtures.ts';
import {
  KEY_FILE_TEXT,
  KEY_SECRET,
  OTHER_KEYS,
  type TestUpdateServer,
  WRONG_SECRET,
  ZONE,
} from './helpers/update-server.ts';

const options = updateOptions;

interface Server {
  readonly name: string;
  start(): Promise<TestUpdateServer>;
  /** What the actuator's detail says of a wrong secret, and of a key the server does not know. */
  readonly wrongKey: RegExp;
  readonly unknownKey: RegExp;
  /** What the server's own log says of them, when its answer does not. */
  readonly logSays?: readonly RegExp[];
}

const SERVERS: readonly Server[] = [
  { name: 'Knot DNS 3.2', start: startKnot, wrongKey: /BADSIG/, unknownKey: /BADKEY/ },
  // PowerDNS answers a request it cannot verify NOTAUTH with no TSIG record at all (RFC 8945 wants
  // one with BADSIG or BADKEY): the refusal cannot say which.
  {
    name: 'PowerDNS 4.7',
    start: startPdns,
    wrongKey: /NOTAUTH without a TSIG/,
    unknownKey: /NOTAUTH without a TSIG/,
    logSays: [
      /Signature with TSIG key 'bascule' failed to validate/,
      /can't find TSIG key with name 'nobody'/,
    ],
  },
];

for (const server of SERVERS)
  describe(`RFC 2136 actuator against ${server.name}`, () => {
    let s: TestUpdateServer;
    before(async () => {
      s = await server.start();
    });
    after(async () => {
      await s?.close();
    });

    it('replaces the record set and the fence in one update; dig sees it; A and AAAA follow the address family', async () => {
      const a = createRfc2136Actuator(options(s));
      assert.deepEqual(await a.apply(aws, 10), { ok: true, changed: true, fence: 10 });
      assert.deepEqual(await s.dig(NAME, 'A'), ['127.0.0.2']);
      assert.deepEqual(await s.dig(FENCE, 'TXT'), ['"10"']);
      assert.deepEqual(await a.apply(aws, 10), { ok: true, changed: false, fence: 10 });
      assert.deepEqual(await a.apply(aws, 11), { ok: true, changed: false, fence: 11 }, 'newer fence only');
      assert.deepEqual(await s.dig(FENCE, 'TXT'), ['"11"']);
      assert.deepEqual(await a.apply(gcp, 12), { ok: true, changed: true, fence: 12 });
      assert.deepEqual(await s.dig(NAME, 'A'), ['127.0.0.3']);
      assert.deepEqual(await a.apply(v6, 13), { ok: true, changed: true, fence: 13 });
      assert.deepEqual(await s.dig(NAME, 'A'), [], 'the A record set is gone');
      assert.deepEqual(await s.dig(NAME, 'AAAA'), ['2001:db8::3']);
      const ttl = execFileSync(
        'dig',
        ['+noall', '+answer', '+tcp', '-p', String(s.port), '@127.0.0.1', NAME, 'AAAA'],
        { encoding: 'utf8' },
      );
      assert.match(ttl, /\s5\s+IN\s+AAAA/, 'the configured ttl');
      const fresh = createRfc2136Actuator(options(s));
      assert.deepEqual(await fresh.current('api'), { group: 'api', endpoint: 'v6', address: v6.address });
    });

    it('signs and verifies with hmac-sha512 and hmac-sha1 too', async () => {
      let fence = 20;
      for (const algorithm of ['hmac-sha512', 'hmac-sha1'] as const satisfies readonly TsigAlgorithm[]) {
        const k = OTHER_KEYS[algorithm];
        const a = createRfc2136Actuator(
          options(s, { tsig: { name: k.name, algorithm, secret: k.secret, source: 'env' } }),
        );
        fence++;
        const to = fence % 2 === 0 ? aws : gcp;
        assert.deepEqual(await a.apply(to, fence), { ok: true, changed: true, fence }, algorithm);
        assert.deepEqual(await s.dig(NAME, 'A'), [to.address.split(':')[0]]);
      }
    });

    it('a wrong secret and an unknown key are refused by the server and reported, without the secret', async () => {
      const before = await s.dig(NAME, 'A');
      const lines: string[] = [];
      const logger = createLogger(
        'debug',
        new Writable({
          write(chunk, _enc, done) {
            lines.push(String(chunk));
            done();
          },
        }),
      );
      const wrong = createRfc2136Actuator(
        options(s, {
          tsig: { name: 'bascule', algorithm: 'hmac-sha256', secret: WRONG_SECRET, source: 'env' },
          logger,
        }),
      );
      const r = await wrong.apply(aws, 1_000);
      assert.equal(!r.ok && r.reason, 'rejected', JSON.stringify(r));
      assert.match(!r.ok ? (r.detail ?? '') : '', server.wrongKey);
      const unknown = createRfc2136Actuator(
        options(s, {
          tsig: { name: 'nobody', algorithm: 'hmac-sha256', secret: WRONG_SECRET, source: 'env' },
          logger,
        }),
      );
      const r2 = await unknown.apply(aws, 1_000);
      assert.equal(!r2.ok && r2.reason, 'rejected', JSON.stringify(r2));
      assert.match(!r2.ok ? (r2.detail ?? '') : '', server.unknownKey);
      assert.ok(lines.length > 0, 'the refusal is logged');
      const shown = JSON.stringify([r, r2]) + lines.join('');
      assert.ok(!shown.includes(WRONG_SECRET) && !shown.includes(KEY_SECRET), 'no secret shown');
      assert.deepEqual(await s.dig(NAME, 'A'), before, 'nothing changed');
      for (const said of server.logSays ?? []) assert.match(s.log(), said);
    });

    it('a fence moved behind the actuator’s back makes the server refuse the stale update (NXRRSET)', async () => {
      const a = createRfc2136Actuator(options(s));
      assert.equal((await a.apply(aws, 30)).ok, true);
      nsupdate(
        s,
        `update delete ${FENCE} TXT\nupdate add ${FENCE} 0 TXT "32"\nupdate delete ${NAME} A\nupdate add ${NAME} 5 A 127.0.0.3`,
      );
      const r = await a.apply(aws, 31);
      assert.equal(!r.ok && r.reason, 'stale-fence', JSON.stringify(r));
      assert.match(!r.ok ? (r.detail ?? '') : '', /refused the update: fence 31 < 32/);
      assert.deepEqual(await s.dig(NAME, 'A'), ['127.0.0.3'], 'the newer decision stands');
      assert.deepEqual(await s.dig(FENCE, 'TXT'), ['"32"']);
      assert.deepEqual(await a.apply(aws, 33), { ok: true, changed: true, fence: 33 });
      assert.deepEqual(await s.dig(NAME, 'A'), ['127.0.0.2']);
    });

    it('a second Bascule with an older fence cannot overwrite the newer one’s record', async () => {
      const older = createRfc2136Actuator(options(s));
      const newer = createRfc2136Actuator(options(s));
      assert.equal((await older.apply(aws, 40)).ok, true);
      assert.deepEqual(await newer.apply(gcp, 42), { ok: true, changed: true, fence: 42 });
      const r = await older.apply(aws, 41);
      assert.equal(!r.ok && r.reason, 'stale-fence', JSON.stringify(r));
      assert.match(!r.ok ? (r.detail ?? '') : '', /refused the update/, 'the server refused it');
      assert.deepEqual(await s.dig(NAME, 'A'), ['127.0.0.3']);
    });

    it('a restart of the server keeps the record and the fence', async () => {
      const a = createRfc2136Actuator(options(s));
      assert.equal((await a.apply(gcp, 50)).ok, true);
      await s.stop();
      await s.start();
      assert.deepEqual(await s.dig(NAME, 'A'), ['127.0.0.3']);
      assert.deepEqual(await s.dig(FENCE, 'TXT'), ['"50"']);
      const r = await createRfc2136Actuator(options(s)).apply(aws, 49);
      assert.equal(!r.ok && r.reason, 'stale-fence');
    });
  });

/** Sends one UPDATE built as the actuator builds it, signed, and returns the verified rcode. */
async function sendUpdate(s: TestUpdateServer, expected: number | undefined, fence: number, ip: string) {
  const key = parseTsigKey(KEY_FILE_TEXT, { name: 'bascule', algorithm: 'hmac-sha256' }, 'tsig.key');
  const message = updateMessage({
    id: 4242,
    zone: ZONE,
    name: NAME,
    ip,
    ttl: 5,
    fenceName: FENCE,
    expected,
    fence,
  });
  const now = Math.floor(Date.now() / 1000);
  const signed = sign(message, key, { now });
  const conn = new DnsConnection({ host: '127.0.0.1', port: s.port }, 2_000);
  try {
    const answer = await conn.exchange(signed.message);
    assert.ok(Buffer.isBuffer(answer), JSON.stringify(answer));
    assert.deepEqual(verifyAnswer(answer, key, signed.mac, now), { ok: true }, 'a signed answer');
    return rcodeOf(answer);
  } finally {
    conn.close();
  }
}

const ALL: readonly { name: string; start(): Promise<TestUpdateServer> }[] = [
  { name: 'BIND 9.18', start: startBind },
  ...SERVERS,
];
const YXRRSET = 7;
const NXRRSET = 8;

describe('the prerequisites of the actuator’s updates, enforced by each server', () => {
  for (const server of ALL)
    it(`${server.name}: "the fence does not exist" and "the fence holds exactly N" refuse the whole update when untrue`, async () => {
      const s = await server.start();
      try {
        assert.equal(await sendUpdate(s, undefined, 5, '127.0.0.2'), 0, 'first write: no fence yet');
        assert.deepEqual(await s.dig(FENCE, 'TXT'), ['"5"']);
        assert.equal(await sendUpdate(s, undefined, 6, '127.0.0.3'), YXRRSET, 'a fence exists now');
        assert.equal(await sendUpdate(s, 4, 6, '127.0.0.3'), NXRRSET, 'the fence is not 4');
        assert.deepEqual(await s.dig(NAME, 'A'), ['127.0.0.2'], 'nothing of the refused updates applied');
        assert.deepEqual(await s.dig(FENCE, 'TXT'), ['"5"']);
        assert.equal(await sendUpdate(s, 5, 6, '127.0.0.3'), 0, 'the fence is 5');
        assert.deepEqual(await s.dig(NAME, 'A'), ['127.0.0.3']);
        assert.deepEqual(await s.dig(FENCE, 'TXT'), ['"6"']);
      } finally {
        await s.close();
      }
    });
});

for (const server of SERVERS)
  actuatorContract(`rfc2136 (${server.name})`, async () => {
    const s = await server.start();
    const make = () => createRfc2136Actuator(options(s));
    let actuator = make();
    const byIp = new Map([
      ['127.0.0.2', 'aws'],
      ['127.0.0.3', 'gcp'],
    ]);
    return {
      get actuator() {
        return actuator;
      },
      async served() {
        const ips = await s.dig(NAME, 'A');
        return ips.length === 1 ? byIp.get(ips[0]!) : undefined;
      },
      breakTarget: () => s.stop(),
      hangTarget: () => s.hang(),
      async restart() {
        await s.stop();
        await s.start();
        actuator = make();
      },
      close: () => s.close(),
    };
  });

/**
 * The RFC 2136 actuator against a real BIND 9 started here (zone file and journal in a temporary
 * directory, updates allowed to TSIG keys): the record changes and `dig` sees it; each supported
 * algorithm signs and verifies; a wrong key is refused and reported without the secret; a stale
 * fence is refused by BIND itself; a second Bascule with an older fence cannot overwrite; BIND's
 * restart keeps the journal; a hung server is `unreachable` within the timeout; the contract.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { createRfc2136Actuator } from '../src/actuators/rfc2136/actuator.ts';
import type { TsigAlgorithm } from '../src/actuators/rfc2136/options.ts';
import { lastRecordOffset } from '../src/actuators/rfc2136/wire.ts';
import { createLogger } from '../src/platform/log.ts';
import { actuatorContract } from './actuator.contract.ts';
import { KEY_SECRET, OTHER_KEYS, startBind, type TestBind, WRONG_SECRET, ZONE } from './helpers/bind.ts';
import { aws, FENCE, gcp, NAME, nsupdate, updateOptions, v6 } from './helpers/rfc2136-fixtures.ts';

const options = updateOptions;

describe('RFC 2136 actuator against BIND 9', () => {
  let bind: TestBind;
  before(async () => {
    bind = await startBind();
  });
  after(async () => {
    await bind?.close();
  });

  it('replaces the record set and the fence in one update; dig sees it; A and AAAA follow the address family', async () => {
    const a = createRfc2136Actuator(options(bind));
    assert.deepEqual(await a.apply(aws, 10), { ok: true, changed: true, fence: 10 });
    assert.deepEqual(await bind.dig(NAME, 'A'), ['127.0.0.2']);
    assert.deepEqual(await bind.dig(FENCE, 'TXT'), ['"10"']);
    assert.deepEqual(await a.apply(aws, 10), { ok: true, changed: false, fence: 10 });
    assert.deepEqual(
      await a.apply(aws, 11),
      { ok: true, changed: false, fence: 11 },
      'same record, newer fence',
    );
    assert.deepEqual(await bind.dig(FENCE, 'TXT'), ['"11"']);
    assert.deepEqual(await a.apply(gcp, 12), { ok: true, changed: true, fence: 12 });
    assert.deepEqual(await bind.dig(NAME, 'A'), ['127.0.0.3']);
    assert.deepEqual(await a.apply(v6, 13), { ok: true, changed: true, fence: 13 });
    assert.deepEqual(await bind.dig(NAME, 'A'), [], 'the A record set is gone');
    assert.deepEqual(await bind.dig(NAME, 'AAAA'), ['2001:db8::3']);
    const ttl = execFileSync(
      'dig',
      ['+noall', '+answer', '+tcp', '-p', String(bind.port), '@127.0.0.1', NAME, 'AAAA'],
      {
        encoding: 'utf8',
      },
    );
    assert.match(ttl, /\s5\s+IN\s+AAAA/, 'the configured ttl');
    const fresh = createRfc2136Actuator(options(bind));
    assert.deepEqual(await fresh.current('api'), { group: 'api', endpoint: 'v6', address: v6.address });
    assert.equal(await fresh.current('other'), undefined);
  });

  it('signs and verifies with each supported algorithm (hmac-sha256, hmac-sha512, hmac-sha1)', async () => {
    let fence = 20;
    for (const algorithm of ['hmac-sha512', 'hmac-sha1'] as const satisfies readonly TsigAlgorithm[]) {
      const k = OTHER_KEYS[algorithm];
      const a = createRfc2136Actuator(
        options(bind, { tsig: { name: k.name, algorithm, secret: k.secret, source: 'env' } }),
      );
      fence++;
      const to = fence % 2 === 0 ? aws : gcp;
      assert.deepEqual(await a.apply(to, fence), { ok: true, changed: true, fence }, algorithm);
      assert.deepEqual(await bind.dig(NAME, 'A'), [to.address.split(':')[0]]);
    }
  });

  it('a wrong TSIG key is refused by BIND and reported, without the secret in the result or the log', async () => {
    const before = await bind.dig(NAME, 'A');
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const wrong = createRfc2136Actuator(
      options(bind, {
        tsig: { name: 'bascule', algorithm: 'hmac-sha256', secret: WRONG_SECRET, source: 'env' },
        logger: createLogger('debug', sink),
      }),
    );
    const r = await wrong.apply(aws, 1_000);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.reason, 'rejected', JSON.stringify(r));
    assert.match(!r.ok ? (r.detail ?? '') : '', /BADSIG/);
    const unknown = createRfc2136Actuator(
      options(bind, {
        tsig: { name: 'nobody', algorithm: 'hmac-sha256', secret: WRONG_SECRET, source: 'env' },
      }),
    );
    const r2 = await unknown.apply(aws, 1_000);
    assert.equal(!r2.ok && r2.reason, 'rejected', JSON.stringify(r2));
    assert.match(!r2.ok ? (r2.detail ?? '') : '', /BADKEY/);
    const shown = JSON.stringify([r, r2]) + lines.join('');
    assert.ok(lines.length > 0, 'the refusal is logged');
    assert.ok(!shown.includes(WRONG_SECRET) && !shown.includes(KEY_SECRET), 'no secret shown');
    assert.deepEqual(await bind.dig(NAME, 'A'), before, 'nothing changed');
  });

  it('a stale fence is refused by BIND itself: the update’s prerequisite no longer holds (NXRRSET)', async () => {
    const a = createRfc2136Actuator(options(bind));
    assert.equal((await a.apply(aws, 30)).ok, true);
    // A newer leader writes fence 32 and its record, behind this actuator's back.
    nsupdate(
      bind,
      `update delete ${FENCE} TXT\nupdate add ${FENCE} 0 TXT "32"\nupdate delete ${NAME} A\nupdate add ${NAME} 5 A 127.0.0.3`,
    );
    const r = await a.apply(aws, 31);
    assert.equal(!r.ok && r.reason, 'stale-fence', JSON.stringify(r));
    assert.match(!r.ok ? (r.detail ?? '') : '', /refused the update: fence 31 < 32/);
    assert.deepEqual(await bind.dig(NAME, 'A'), ['127.0.0.3'], 'the newer decision stands');
    assert.deepEqual(await bind.dig(FENCE, 'TXT'), ['"32"']);
    // Once it has read the newer fence, a newer decision of its own goes through.
    assert.deepEqual(await a.apply(aws, 33), { ok: true, changed: true, fence: 33 });
    assert.deepEqual(await bind.dig(NAME, 'A'), ['127.0.0.2']);
  });

  it('a second Bascule with an older fence cannot overwrite the newer one’s record', async () => {
    const older = createRfc2136Actuator(options(bind));
    const newer = createRfc2136Actuator(options(bind));
    assert.equal((await older.apply(aws, 40)).ok, true);
    assert.deepEqual(await newer.apply(gcp, 42), { ok: true, changed: true, fence: 42 });
    const r = await older.apply(aws, 41);
    assert.equal(!r.ok && r.reason, 'stale-fence', JSON.stringify(r));
    assert.match(!r.ok ? (r.detail ?? '') : '', /refused the update/, 'BIND refused it, not a local cache');
    assert.deepEqual(await bind.dig(NAME, 'A'), ['127.0.0.3']);
    const late = createRfc2136Actuator(options(bind));
    const r2 = await late.apply(aws, 41);
    assert.equal(!r2.ok && r2.reason, 'stale-fence', 'a fresh actuator reads the fence first');
  });

  it('a restart of BIND keeps the journal: the record and the fence are still there', async () => {
    const a = createRfc2136Actuator(options(bind));
    assert.equal((await a.apply(gcp, 50)).ok, true);
    assert.ok(existsSync(join(bind.dir, `${ZONE}.db.jnl`)), 'BIND keeps a journal');
    await bind.stop();
    await bind.start();
    assert.deepEqual(await bind.dig(NAME, 'A'), ['127.0.0.3']);
    assert.deepEqual(await bind.dig(FENCE, 'TXT'), ['"50"']);
    const r = await createRfc2136Actuator(options(bind)).apply(aws, 49);
    assert.equal(!r.ok && r.reason, 'stale-fence');
  });

  it('a server that accepts and never answers is unreachable within the timeout, and so is a stopped one', async () => {
    const a = createRfc2136Actuator(options(bind, { timeoutMs: 300 }));
    await bind.hang();
    try {
      const t0 = performance.now();
      const r = await a.apply(aws, 60);
      const took = performance.now() - t0;
      assert.equal(!r.ok && r.reason, 'unreachable', JSON.stringify(r));
      assert.ok(took < 1_500, `answered in ${Math.round(took)} ms`);
      assert.equal(await a.current('api'), undefined);
      await bind.stop();
    } finally {
      await bind.start();
    }
    await bind.stop();
    try {
      const r = await a.apply(aws, 60);
      assert.equal(!r.ok && r.reason, 'unreachable', JSON.stringify(r));
      assert.match(!r.ok ? (r.detail ?? '') : '', /ECONNREFUSED/);
    } finally {
      await bind.start();
    }
  });
});

/**
 * A DNS server on 127.0.0.1 that answers each message with itself turned into a response
 * (NOERROR): signed with the request's own TSIG, which cannot verify as an answer's, or with the
 * TSIG stripped (`unsigned`).
 */
async function echoServer(unsigned: boolean): Promise<{ server: string; close(): Promise<void> }> {
  const server = createServer((socket) => {
    let buf = Buffer.alloc(0);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const message = Buffer.from(buf.subarray(2, 2 + buf.readUInt16BE(0)));
        buf = buf.subarray(2 + message.length);
        message.writeUInt16BE(message.readUInt16BE(2) | 0x8000, 2);
        let answer = message;
        if (unsigned) {
          const at = lastRecordOffset(message)!;
          answer = Buffer.from(message.subarray(0, at));
          answer.writeUInt16BE(answer.readUInt16BE(10) - 1, 10);
        }
        const framed = Buffer.alloc(2);
        framed.writeUInt16BE(answer.length);
        socket.write(Buffer.concat([framed, answer]));
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server: `127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

describe('RFC 2136 actuator against a server that is not what it says', () => {
  for (const unsigned of [false, true]) {
    it(`an answer ${unsigned ? 'without a TSIG' : 'whose TSIG does not verify'} is an error, never applied`, async () => {
      const echo = await echoServer(unsigned);
      try {
        const a = createRfc2136Actuator({ ...options({ server: echo.server } as TestBind) });
        const r = await a.apply(aws, 1);
        assert.equal(!r.ok && r.reason, 'error', JSON.stringify(r));
        assert.match(!r.ok ? (r.detail ?? '') : '', unsigned ? /not TSIG-signed/ : /does not verify/);
        assert.equal(await a.current('api'), undefined);
      } finally {
        await echo.close();
      }
    });
  }
});

actuatorContract('rfc2136 (BIND 9)', async () => {
  const bind = await startBind();
  const make = () => createRfc2136Actuator(options(bind, { timeoutMs: 2_000 }));
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
      const ips = await bind.dig(NAME, 'A');
      return ips.length === 1 ? byIp.get(ips[0]!) : undefined;
    },
    breakTarget: () => bind.stop(),
    hangTarget: () => bind.hang(),
    async restart() {
      await bind.stop();
      await bind.start();
      actuator = make();
    },
    close: () => bind.close(),
  };
});

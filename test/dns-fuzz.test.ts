/**
 * The DNS server's parse path against 100,000 random, truncated and hostile packets (compression
 * pointer loops, huge counts, bad EDNS, broken TSIG), bounded in time: it never throws, and every
 * answer it gives is a well-formed response (dns-packet reads it back, same ID, QR set) or none.
 * Then a burst of them over real UDP: the server still answers a plain query afterwards.
 */
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { after, before, describe, it } from 'node:test';
import dnsPacket from 'dns-packet';
import { dig, startExample } from './helpers/dns.ts';

type Dns = Awaited<ReturnType<typeof startExample>>;

const PACKETS = 100_000;
const BUDGET_MS = 20_000;

/** A small deterministic generator (xorshift32), so a failure can be replayed from its seed. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

const good = [
  dnsPacket.encode({ type: 'query', id: 1, questions: [{ type: 'A', name: 'api.example.com' }] }),
  dnsPacket.encode({
    type: 'query',
    id: 2,
    questions: [{ type: 'TXT', name: 'example.com' }],
    additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 4096, flags: 0, options: [] } as never],
  }),
  dnsPacket.encode({ type: 'query', id: 3, questions: [{ type: 'AXFR', name: 'example.com' }] }),
];

function hostile(r: () => number, i: number): Buffer {
  const pick = (n: number) => Math.floor(r() * n);
  const base = Buffer.from(good[pick(good.length)]!);
  switch (i % 8) {
    case 0: // random bytes
      return Buffer.from(Array.from({ length: pick(600) }, () => pick(256)));
    case 1: // truncated
      return base.subarray(0, pick(base.length));
    case 2: {
      // bytes flipped
      const b = Buffer.from(base);
      for (let k = 0; k < 1 + pick(6); k++) b[pick(b.length)] = pick(256);
      return b;
    }
    case 3: {
      // huge counts
      const b = Buffer.from(base);
      for (const at of [4, 6, 8, 10]) if (r() < 0.5) b.writeUInt16BE(pick(65_536), at);
      return b;
    }
    case 4: {
      // a compression pointer to itself, or forwards, in the question
      const b = Buffer.from(base);
      const p = 12 + pick(3);
      b.writeUInt16BE(0xc000 | (r() < 0.5 ? p : p + pick(40)), p);
      return b;
    }
    case 5: {
      // bad EDNS: several OPTs, a version, a name that is not the root, an option longer than its record
      const opt = Buffer.from([0, 0, 41, 0x10, 0, pick(256), pick(256), 0, 0, 0, 4, 0, 8, 0, 200]);
      if (r() < 0.3) opt[0] = 1;
      const n = 1 + pick(3);
      const b = Buffer.concat([good[0]!, ...Array.from({ length: n }, () => opt)]);
      b.writeUInt16BE(n, 10);
      return b;
    }
    case 6: {
      // a TSIG record of random bytes, or one misplaced
      const rdata = Buffer.from(Array.from({ length: pick(80) }, () => pick(256)));
      const head = Buffer.from([3, 120, 102, 114, 0, 0, 250, 0, 255, 0, 0, 0, 0, 0, rdata.length]);
      const b = Buffer.concat([good[pick(2)]!, head, rdata]);
      b.writeUInt16BE(b.readUInt16BE(10) + 1, 10);
      return b;
    }
    default: {
      // a deep chain of pointers, each to the one before
      const parts = [Buffer.from(base.subarray(0, 12)), Buffer.from([1, 97, 0])];
      for (let k = 0; k < 60; k++) parts.push(Buffer.from([1, 98, 0xc0, 12 + k * 4 - (k === 0 ? 0 : 4) + 0]));
      const b = Buffer.concat([...parts, Buffer.from([0, 1, 0, 1])]);
      b.writeUInt16BE(1 + pick(3), 4);
      return b;
    }
  }
}

describe('DNS parse path under hostile input', () => {
  let dns: Dns;
  before(async () => {
    dns = await startExample({ secondaries: [{ address: '127.0.0.1:53' }] });
    await dns.actuator.apply({ group: 'api', endpoint: 'aws', address: '127.0.0.2:9001' }, 1);
  });
  after(() => dns.close());

  it(`${PACKETS} packets: no exception, every answer well-formed or none`, () => {
    const r = rng(0x5eed);
    const start = Date.now();
    let answered = 0;
    for (let i = 0; i < PACKETS; i++) {
      const packet = hostile(r, i);
      let out: Buffer[] | undefined;
      try {
        out = dns.server.handle(packet, i % 3 === 0 ? 'tcp' : 'udp', '127.0.0.1');
      } catch (e) {
        assert.fail(`packet ${i} (${packet.toString('hex')}) threw: ${e}`);
      }
      for (const b of out ?? []) {
        answered++;
        const d = dnsPacket.decode(b) as { id?: number; type?: string };
        assert.equal(d.type, 'response', `packet ${i}: not a response`);
        assert.equal(d.id, packet.readUInt16BE(0), `packet ${i}: another ID`);
        if (i % 3 !== 0) assert.ok(b.length <= 4096, `packet ${i}: ${b.length} bytes over UDP`);
      }
      assert.ok(Date.now() - start < BUDGET_MS, `over ${BUDGET_MS} ms at packet ${i}`);
    }
    assert.ok(answered > PACKETS / 10, `only ${answered} answers`);
  });

  it('a burst of them over UDP leaves the server answering', async () => {
    const r = rng(42);
    const s = createSocket('udp4');
    await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
    for (let i = 0; i < 5_000; i++) s.send(hostile(r, i), dns.port, '127.0.0.1');
    await new Promise((resolve) => setTimeout(resolve, 200));
    s.close();
    const a = await dig(dns.port, ['api.example.com', 'A']);
    assert.deepEqual(
      a.answer.map((x) => x[4]),
      ['127.0.0.2'],
    );
    assert.equal(dns.server.listening, true);
  });
});

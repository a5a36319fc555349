/**
 * The answers the DNS server keeps ready for the common UDP query (src/dns/answer-cache.ts): each is
 * the full path's answer byte for byte (the full path still answers the same query over TCP), with
 * the query's own ID, RD and CD bits and the case of its name; one that would not fit a smaller
 * payload is not used (the full path cuts it); a change to the zone is answered at once; the number
 * kept is bounded.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import dnsPacket from 'dns-packet';
import { AnswerCache, MAX_READY, quickQuery } from '../src/dns/answer-cache.ts';
import { RECORDS, startExample } from './helpers/dns.ts';

type Dns = Awaited<ReturnType<typeof startExample>>;

interface Ask {
  name: string;
  type: string;
  class?: string;
  edns?: { size: number; do?: boolean };
}

function query(a: Ask, id: number, flags: number): Buffer {
  return dnsPacket.encode({
    type: 'query',
    id,
    flags,
    questions: [{ name: a.name, type: a.type, class: a.class ?? 'IN' } as never],
    ...(a.edns
      ? {
          additionals: [
            {
              type: 'OPT',
              name: '.',
              udpPayloadSize: a.edns.size,
              flags: a.edns.do ? dnsPacket.DNSSEC_OK : 0,
              options: [],
            } as never,
          ],
        }
      : {}),
  });
}

/** Every other letter upper case. */
const mixed = (name: string) => [...name].map((c, i) => (i % 2 === 0 ? c.toUpperCase() : c)).join('');

const ASKS: Ask[] = [
  { name: 'api.example.com', type: 'A' },
  { name: 'www.example.com', type: 'A' },
  { name: 'example.com', type: 'SOA' },
  { name: 'example.com', type: 'NS', edns: { size: 1232 } },
  { name: 'example.com', type: 'MX', edns: { size: 4096, do: true } },
  { name: 'nope.example.com', type: 'A' },
  { name: 'deep.example.com', type: 'A' },
  { name: 'example.com', type: 'TXT', edns: { size: 512 } },
  { name: 'example.com', type: 'ANY' },
  { name: 'example.com', type: 'IXFR' },
  { name: 'example.com', type: 'AXFR' },
  { name: 'example.com', type: 'OPT' },
  { name: 'example.com', type: 'A', class: 'CH' },
  { name: 'example.org', type: 'A' },
];

const bigTxt = Array.from({ length: 12 }, (_, i) => ({
  name: 'big.example.com',
  type: 'TXT' as const,
  ttl: 300,
  data: [`${i}-${'x'.repeat(80)}`],
}));

describe('answers kept ready', () => {
  let dns: Dns;
  before(async () => {
    dns = await startExample({ records: [...RECORDS, ...bigTxt] });
    assert.equal(
      (await dns.actuator.apply({ group: 'api', endpoint: 'aws', address: '127.0.0.2:9001' }, 1)).ok,
      true,
    );
  });
  after(() => dns.close());

  const udp = (m: Buffer) => dns.server.handle(m, 'udp', '127.0.0.1');
  const tcp = (m: Buffer) => dns.server.handle(m, 'tcp', '127.0.0.1');

  it("is the full path's answer, byte for byte, with the query's ID, RD, CD and case", () => {
    // Over TCP the full path answers (transfers aside: those are the transfer path's over TCP, so
    // the answer over UDP to the first query, read back, is the reference).
    const xfr = (a: Ask) => a.type === 'AXFR' || a.type === 'IXFR';
    for (const a of ASKS) {
      const first = query(a, 1, 0);
      assert.ok(quickQuery(first), `${a.name} ${a.type}: not for the quick path`);
      const firstAnswer = udp(first);
      if (!xfr(a)) assert.deepEqual(firstAnswer, tcp(first), `${a.name} ${a.type}: first answer`);
      for (const [id, flags] of [
        [0xbeef, dnsPacket.RECURSION_DESIRED],
        [7, dnsPacket.CHECKING_DISABLED],
        [0xffff, dnsPacket.RECURSION_DESIRED | dnsPacket.CHECKING_DISABLED],
      ] as const) {
        const again = query({ ...a, name: mixed(a.name) }, id, flags);
        const got = udp(again);
        const what = `${a.name} ${a.type} id ${id} flags ${flags}`;
        assert.equal(got?.length, 1, what);
        if (!xfr(a)) assert.deepEqual(got, tcp(again), what);
        else {
          // Names in the records point into the question, so they read in its case.
          const read = (b: Buffer) => {
            const d = dnsPacket.decode(b);
            return JSON.stringify([d.questions, d.answers, d.authorities]).toLowerCase();
          };
          assert.equal(read(got[0]!), read(firstAnswer![0]!), what);
          assert.equal(dnsPacket.decode(got[0]!).questions?.[0]?.name, mixed(a.name), what);
          assert.equal(got[0]!.readUInt16BE(2), firstAnswer![0]!.readUInt16BE(2) | flags, what);
        }
      }
    }
  });

  it('is not used when it does not fit the payload size the query offers: that answer is cut', () => {
    const ask = { name: 'big.example.com', type: 'TXT' };
    const whole = udp(query({ ...ask, edns: { size: 4096 } }, 1, 0))?.[0];
    assert.ok(whole && whole.length > 512 && (whole.readUInt16BE(2) & dnsPacket.TRUNCATED_RESPONSE) === 0);
    const small = udp(query({ ...ask, edns: { size: 512 } }, 2, 0))?.[0];
    assert.ok(small && small.length <= 512, `${small?.length} bytes`);
    assert.notEqual(small.readUInt16BE(2) & dnsPacket.TRUNCATED_RESPONSE, 0);
    const again = udp(query({ ...ask, edns: { size: 4096 } }, 3, 0))?.[0];
    assert.equal(again?.length, whole.length);
  });

  it('follows a change of the zone at once', async () => {
    const ask = { name: 'api.example.com', type: 'A' };
    const before = dnsPacket.decode(udp(query(ask, 1, 0))![0]!);
    assert.deepEqual(
      before.answers?.map((r) => r.type === 'A' && r.data),
      ['127.0.0.2'],
    );
    udp(query(ask, 2, 0));
    const moved = { group: 'api', endpoint: 'other', address: '127.0.0.9:9001' };
    assert.equal((await dns.actuator.apply(moved, 2)).ok, true);
    const after = dnsPacket.decode(udp(query(ask, 3, 0))![0]!);
    assert.deepEqual(
      after.answers?.map((r) => r.type === 'A' && r.data),
      ['127.0.0.9'],
    );
  });
});

describe('the quick path', () => {
  it('leaves to the full path what it does not read: pointers, other records, OPT options, responses', () => {
    const plain = query({ name: 'example.com', type: 'A' }, 1, 0);
    const pointer = Buffer.concat([plain.subarray(0, 12), Buffer.from([0xc0, 12, 0, 1, 0, 1])]);
    const cookie = dnsPacket.encode({
      type: 'query',
      id: 1,
      questions: [{ name: 'example.com', type: 'A' }],
      additionals: [
        {
          type: 'OPT',
          name: '.',
          udpPayloadSize: 1232,
          options: [{ code: 10, data: Buffer.alloc(8) }],
        } as never,
      ],
    });
    const response = Buffer.from(plain);
    response[2] = response[2]! | 0x80;
    const trailing = Buffer.concat([plain, Buffer.from([0])]);
    const version1 = query({ name: 'example.com', type: 'A', edns: { size: 1232 } }, 1, 0);
    version1[plain.length + 6] = 1;
    const optCut = Buffer.from(query({ name: 'example.com', type: 'A', edns: { size: 1232 } }, 1, 0));
    optCut.writeUInt16BE(4, optCut.length - 2);
    assert.ok(quickQuery(plain));
    for (const m of [
      pointer,
      cookie,
      optCut,
      response,
      trailing,
      version1,
      plain.subarray(0, plain.length - 1),
    ])
      assert.equal(quickQuery(m), undefined, m.toString('hex'));
  });

  it('one key for a name in any case, another for another name, type, class or EDNS', () => {
    const key = (a: Ask) => quickQuery(query(a, 1, 0))?.key;
    const a = { name: 'www.example.com', type: 'A' };
    assert.equal(key({ ...a, name: 'WwW.ExAmPlE.cOm' }), key(a));
    const others = [
      { ...a, name: 'wwx.example.com' },
      { ...a, type: 'AAAA' },
      { ...a, class: 'CH' },
      { ...a, edns: { size: 1232 } },
      { ...a, edns: { size: 1232, do: true } },
    ];
    assert.equal(new Set([a, ...others].map(key)).size, others.length + 1);
  });

  it(`keeps at most ${MAX_READY} answers`, () => {
    const cache = new AnswerCache();
    cache.answer(Buffer.alloc(0), quickQuery(query({ name: 'a.example.com', type: 'A' }, 1, 0))!, 0);
    for (let i = 0; i <= MAX_READY; i++) {
      const m = query({ name: `n${i}.example.com`, type: 'A' }, 1, 0);
      const answer = Buffer.from(m);
      answer[2] = answer[2]! | 0x80;
      cache.keep(quickQuery(m)!, answer, 0);
      assert.ok(cache.size <= MAX_READY, `${cache.size} kept`);
    }
    assert.ok(cache.size > 0);
  });
});

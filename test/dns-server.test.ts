/**
 * The built-in authoritative DNS server, judged by `dig`: UDP and TCP, the apex SOA and NS (with
 * glue), each record type, the failover name following apply(), NXDOMAIN vs NODATA with the SOA,
 * REFUSED outside its zones, FORMERR, NOTIMP and BADVERS, EDNS0, truncation and the TCP fallback,
 * case-insensitive names, compression, the serial bumped on every change, the health-aware TTL.
 */
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { after, before, describe, it } from 'node:test';
import dnsPacket from 'dns-packet';
import { type Dig, dig, RECORDS, startExample } from './helpers/dns.ts';

type Dns = Awaited<ReturnType<typeof startExample>>;

/** Sends raw bytes over UDP and returns the answer's bytes, or undefined after 1 s. */
async function udpRaw(port: number, msg: Buffer): Promise<Buffer | undefined> {
  const s = createSocket('udp4');
  try {
    return await new Promise<Buffer | undefined>((resolve) => {
      const t = setTimeout(() => resolve(undefined), 1_000);
      s.on('message', (m) => {
        clearTimeout(t);
        resolve(m);
      });
      s.send(msg, port, '127.0.0.1');
    });
  } finally {
    s.close();
  }
}

function serialOf(d: Dig): number {
  return Number(d.answer.find((r) => r[3] === 'SOA')?.[6]);
}

const aws = { group: 'api', endpoint: 'aws', address: '127.0.0.2:9001' };
const gcp = { group: 'api', endpoint: 'gcp', address: '[2001:db8::3]:9002' };

describe('built-in DNS server, asked with dig', () => {
  let dns: Dns;
  before(async () => {
    const bigTxt = Array.from({ length: 12 }, (_, i) => ({
      name: 'big.example.com',
      type: 'TXT' as const,
      ttl: 300,
      data: [`${i}-${'x'.repeat(80)}`],
    }));
    dns = await startExample({ records: [...RECORDS, ...bigTxt] });
    assert.equal((await dns.actuator.apply(aws, 1)).ok, true);
  });
  after(() => dns.close());

  it('answers SOA and NS at the apex, with the NS glue, authoritatively, over UDP and TCP', async () => {
    for (const transport of ['+notcp', '+tcp']) {
      const soa = await dig(dns.port, [transport, 'example.com', 'SOA']);
      assert.equal(soa.status, 'NOERROR');
      assert.ok(soa.flags.includes('aa'), soa.raw);
      assert.deepEqual(soa.answer[0]?.slice(0, 6), [
        'example.com.',
        '3600',
        'IN',
        'SOA',
        'ns1.example.com.',
        'hostmaster.example.com.',
      ]);
      const ns = await dig(dns.port, [transport, 'example.com', 'NS']);
      assert.deepEqual(
        ns.answer.map((r) => r.slice(3)),
        [['NS', 'ns1.example.com.']],
      );
      assert.deepEqual(ns.additional.map((r) => `${r[0]} ${r[3]} ${r[4]}`).sort(), [
        'ns1.example.com. A 127.0.0.1',
        'ns1.example.com. AAAA ::1',
      ]);
    }
  });

  it('serves A, AAAA, CNAME, TXT, MX and CAA records', async () => {
    const one = async (name: string, type: string) =>
      (await dig(dns.port, [name, type])).answer.map((r) => r.slice(3).join(' '));
    assert.deepEqual(await one('mail.example.com', 'A'), ['A 192.0.2.25']);
    assert.deepEqual(await one('ns1.example.com', 'AAAA'), ['AAAA ::1']);
    assert.deepEqual(await one('example.com', 'TXT'), ['TXT "v=spf1 -all"']);
    assert.deepEqual(await one('example.com', 'MX'), ['MX 10 mail.example.com.']);
    assert.deepEqual(await one('example.com', 'CAA'), ['CAA 0 issue "letsencrypt.org"']);
    // A CNAME to the failover name is followed within the zone.
    assert.deepEqual(await one('www.example.com', 'A'), ['CNAME api.example.com.', 'A 127.0.0.2']);
  });

  it('the failover name follows apply(): A or AAAA of the active endpoint, the serial bumped each time', async () => {
    const before = serialOf(await dig(dns.port, ['example.com', 'SOA']));
    const a = await dig(dns.port, ['api.example.com', 'A']);
    assert.deepEqual(
      a.answer.map((r) => r.slice(1)),
      [['5', 'IN', 'A', '127.0.0.2']],
    );
    assert.equal((await dns.actuator.apply(gcp, 2)).ok, true);
    const v6 = await dig(dns.port, ['api.example.com', 'AAAA']);
    assert.deepEqual(
      v6.answer.map((r) => r.slice(3)),
      [['AAAA', '2001:db8::3']],
    );
    const gone = await dig(dns.port, ['api.example.com', 'A']);
    assert.equal(gone.status, 'NOERROR');
    assert.deepEqual(gone.answer, [], 'NODATA: the name has only an AAAA now');
    const mid = serialOf(await dig(dns.port, ['example.com', 'SOA']));
    assert.ok(mid > before, `${mid} > ${before}`);
    assert.equal((await dns.actuator.apply(aws, 3)).ok, true);
    const last = serialOf(await dig(dns.port, ['example.com', 'SOA']));
    assert.ok(last > mid, `${last} > ${mid}`);
    assert.deepEqual(
      (await dig(dns.port, ['api.example.com', 'A'])).answer.map((r) => r[4]),
      ['127.0.0.2'],
    );
  });

  it('NXDOMAIN for a name that does not exist, NODATA for one without that type, both with the SOA', async () => {
    const nx = await dig(dns.port, ['nope.example.com', 'A']);
    assert.equal(nx.status, 'NXDOMAIN');
    assert.ok(nx.flags.includes('aa'));
    assert.deepEqual(
      nx.authority.map((r) => r.slice(0, 4)),
      [['example.com.', '60', 'IN', 'SOA']],
    );
    const nodata = await dig(dns.port, ['mail.example.com', 'AAAA']);
    assert.equal(nodata.status, 'NOERROR');
    assert.deepEqual(nodata.answer, []);
    assert.equal(nodata.authority[0]?.[3], 'SOA');
    // An empty non-terminal exists: NODATA, not NXDOMAIN.
    const ent = await dig(dns.port, ['deep.example.com', 'A']);
    assert.equal(ent.status, 'NOERROR');
    assert.equal(ent.authority[0]?.[3], 'SOA');
  });

  it('REFUSED for a zone it does not serve, without the aa flag', async () => {
    const r = await dig(dns.port, ['example.org', 'A']);
    assert.equal(r.status, 'REFUSED');
    assert.ok(!r.flags.includes('aa'));
    assert.equal((await dig(dns.port, ['notexample.com', 'A'])).status, 'REFUSED');
  });

  it('FORMERR for no question or a broken one, NOTIMP for an opcode other than QUERY, BADVERS for EDNS 1', async () => {
    const noQuestion = Buffer.from([0x12, 0x34, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const r1 = dnsPacket.decode((await udpRaw(dns.port, noQuestion))!) as { id?: number; rcode?: string };
    assert.equal(r1.id, 0x1234);
    assert.equal(r1.rcode, 'FORMERR');
    const truncated = Buffer.from([0x12, 0x35, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3, 0x61]);
    assert.equal(
      (dnsPacket.decode((await udpRaw(dns.port, truncated))!) as { rcode?: string }).rcode,
      'FORMERR',
    );
    const update = await dig(dns.port, ['+opcode=5', 'example.com', 'SOA']);
    assert.equal(update.status, 'NOTIMP');
    const badvers = await dig(dns.port, ['+edns=1', '+noednsneg', 'example.com', 'SOA']);
    assert.equal(badvers.status, 'BADVERS');
    // A response is never answered (no reflection loops).
    const response = Buffer.from(noQuestion);
    response[2] = 0x80;
    assert.equal(await udpRaw(dns.port, response), undefined);
  });

  it('EDNS0: the OPT record is echoed when asked, absent when not', async () => {
    const e = await dig(dns.port, ['+edns=0', 'example.com', 'SOA']);
    assert.match(e.edns ?? '', /version: 0.*udp: 1232/);
    const none = await dig(dns.port, ['+noedns', 'example.com', 'SOA']);
    assert.equal(none.edns, undefined);
  });

  it('truncates what does not fit the payload size (TC), and dig gets it all over TCP', async () => {
    const small = await dig(dns.port, ['+noedns', '+ignore', 'big.example.com', 'TXT']);
    assert.ok(small.flags.includes('tc'), small.raw);
    assert.deepEqual(small.answer, []);
    const fallback = await dig(dns.port, ['+noedns', 'big.example.com', 'TXT']);
    assert.equal(fallback.answer.length, 12, 'dig retried over TCP');
    const roomy = await dig(dns.port, ['+bufsize=4096', '+ignore', 'big.example.com', 'TXT']);
    assert.ok(!roomy.flags.includes('tc'));
    assert.equal(roomy.answer.length, 12, 'the client’s payload size is honoured');
    const tight = await dig(dns.port, ['+bufsize=600', '+ignore', 'big.example.com', 'TXT']);
    assert.ok(tight.flags.includes('tc'), 'a payload size of 600 bytes is honoured too');
  });

  it('names are case-insensitive, and the question keeps the case it was asked in', async () => {
    const r = await dig(dns.port, ['MaIl.ExAmPlE.CoM', 'A']);
    assert.equal(r.status, 'NOERROR');
    assert.equal(r.answer[0]?.[0], 'MaIl.ExAmPlE.CoM.');
    assert.equal(r.answer[0]?.[4], '192.0.2.25');
  });

  it('compresses names: the answer is smaller than the same message written without compression', async () => {
    const q = dnsPacket.encode({ type: 'query', id: 7, questions: [{ type: 'MX', name: 'example.com' }] });
    const raw = (await udpRaw(dns.port, q))!;
    const decoded = dnsPacket.decode(raw);
    assert.equal(decoded.answers?.[0]?.type, 'MX');
    const uncompressed = dnsPacket.encode(decoded);
    assert.ok(raw.length < uncompressed.length, `${raw.length} < ${uncompressed.length}`);
    assert.ok(raw.includes(Buffer.from([0xc0, 0x0c])), 'a pointer to the question’s name');
  });

  it('lowers the TTL while the active endpoint degrades, to the time until its next possible change', async () => {
    const serial = serialOf(await dig(dns.port, ['example.com', 'SOA']));
    assert.equal(dns.setHealth('api', { state: 'degraded', nextChangeMs: 2_500 }), true);
    assert.equal((await dig(dns.port, ['api.example.com', 'A'])).answer[0]?.[1], '3');
    assert.ok(
      serialOf(await dig(dns.port, ['example.com', 'SOA'])) > serial,
      'the TTL change moves the serial',
    );
    dns.setHealth('api', { state: 'down' });
    assert.equal((await dig(dns.port, ['api.example.com', 'A'])).answer[0]?.[1], '1');
    dns.setHealth('api', { state: 'degraded', nextChangeMs: 60_000 });
    assert.equal(
      (await dig(dns.port, ['api.example.com', 'A'])).answer[0]?.[1],
      '5',
      'never above the TTL configured',
    );
    assert.equal(dns.setHealth('api', { state: 'up' }), false, 'same TTL: no change');
    assert.equal((await dig(dns.port, ['api.example.com', 'A'])).answer[0]?.[1], '5');
  });
});

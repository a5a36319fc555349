/**
 * The DNS messages the RFC 2136 actuator sends, on dns-packet: a query for one RRset, and the one
 * UPDATE (RFC 2136) that moves a name and its fence together. dns-packet has no class NONE (254),
 * which the "RRset does not exist" prerequisite needs, nor records without rdata (the deletes), so
 * those few records are laid out here; names and rdata are dns-packet's.
 */
import { isIP } from 'node:net';
import dnsPacket from 'dns-packet';

/** dns-packet's encoders of names and rdata: exported by the package, not declared by its types. */
interface DnsParts {
  readonly name: {
    encode(name: string): Buffer;
    decode: ((buf: Buffer, offset: number) => string) & { readonly bytes: number };
  };
  readonly a: { encode(ip: string): Buffer };
  readonly aaaa: { encode(ip: string): Buffer };
  readonly txt: { encode(strings: readonly string[]): Buffer };
}
export const parts = dnsPacket as unknown as DnsParts;

const CLASS_IN = 1;
const CLASS_NONE = 254;
const CLASS_ANY = 255;
const TYPE = { A: 1, TXT: 16, AAAA: 28, SOA: 6 } as const;
const OPCODE_UPDATE = 5;

/** The rcodes an UPDATE can answer (RFC 2136 §2.2), by number. */
export const RCODES: Readonly<Record<number, string>> = {
  0: 'NOERROR',
  1: 'FORMERR',
  2: 'SERVFAIL',
  3: 'NXDOMAIN',
  4: 'NOTIMP',
  5: 'REFUSED',
  6: 'YXDOMAIN',
  7: 'YXRRSET',
  8: 'NXRRSET',
  9: 'NOTAUTH',
  10: 'NOTZONE',
};

export function rcodeOf(message: Buffer): number {
  return message.readUInt16BE(2) & 0xf;
}

/** Skips a (possibly compressed) name; undefined past the end. */
function skipName(buf: Buffer, offset: number): number | undefined {
  let p = offset;
  for (let labels = 0; labels < 128 && p < buf.length; labels++) {
    const len = buf[p]!;
    if (len === 0) return p + 1;
    if ((len & 0xc0) === 0xc0) return p + 2 <= buf.length ? p + 2 : undefined;
    if ((len & 0xc0) !== 0) return undefined;
    p += len + 1;
  }
  return undefined;
}

/** Where the last record of the message starts (the TSIG, when signed); undefined if malformed. */
export function lastRecordOffset(buf: Buffer): number | undefined {
  if (buf.length < 12) return undefined;
  const qd = buf.readUInt16BE(4);
  const rrs = buf.readUInt16BE(6) + buf.readUInt16BE(8) + buf.readUInt16BE(10);
  let p: number | undefined = 12;
  for (let i = 0; i < qd; i++) {
    p = skipName(buf, p);
    if (p === undefined || p + 4 > buf.length) return undefined;
    p += 4;
  }
  let last: number | undefined;
  for (let i = 0; i < rrs; i++) {
    last = p;
    p = skipName(buf, p);
    if (p === undefined || p + 10 > buf.length) return undefined;
    p += 10 + buf.readUInt16BE(p + 8);
    if (p > buf.length) return undefined;
  }
  return p === buf.length ? last : undefined;
}

function record(name: string, type: number, klass: number, ttl: number, rdata: Buffer): Buffer {
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(type, 0);
  fixed.writeUInt16BE(klass, 2);
  fixed.writeUInt32BE(ttl, 4);
  fixed.writeUInt16BE(rdata.length, 8);
  return Buffer.concat([parts.name.encode(name), fixed, rdata]);
}

/** The rdata of an A or AAAA record for an IP address. */
function addressRdata(ip: string): { type: number; rdata: Buffer } {
  if (isIP(ip) === 4) return { type: TYPE.A, rdata: parts.a.encode(ip).subarray(2) };
  return { type: TYPE.AAAA, rdata: parts.aaaa.encode(ip).subarray(2) };
}

function txtRdata(value: string): Buffer {
  return parts.txt.encode([value]).subarray(2);
}

function header(id: number, flags: number, counts: readonly [number, number, number, number]): Buffer {
  const h = Buffer.alloc(12);
  h.writeUInt16BE(id, 0);
  h.writeUInt16BE(flags, 2);
  counts.forEach((c, i) => {
    h.writeUInt16BE(c, 4 + 2 * i);
  });
  return h;
}

export interface UpdatePlan {
  readonly id: number;
  readonly zone: string;
  /** The owner of the address records (`api.example.com`). */
  readonly name: string;
  readonly ip: string;
  readonly ttl: number;
  /** The owner of the fence TXT (`_bascule-fence.example.com`). */
  readonly fenceName: string;
  /** The fence the server must hold for the update to apply; undefined: no fence record yet. */
  readonly expected: number | undefined;
  readonly fence: number;
}

/**
 * One UPDATE: prerequisite that the fence TXT holds exactly `expected` (or does not exist), then
 * delete the name's A and AAAA RRsets, add the new address, and replace the fence TXT. The server
 * applies it all or nothing.
 */
export function updateMessage(p: UpdatePlan): Buffer {
  const zone = Buffer.concat([parts.name.encode(p.zone), Buffer.from([0, TYPE.SOA, 0, CLASS_IN])]);
  const prerequisite =
    p.expected === undefined
      ? record(p.fenceName, TYPE.TXT, CLASS_NONE, 0, Buffer.alloc(0))
      : record(p.fenceName, TYPE.TXT, CLASS_IN, 0, txtRdata(String(p.expected)));
  const address = addressRdata(p.ip);
  const updates = [
    record(p.name, TYPE.A, CLASS_ANY, 0, Buffer.alloc(0)),
    record(p.name, TYPE.AAAA, CLASS_ANY, 0, Buffer.alloc(0)),
    record(p.name, address.type, CLASS_IN, p.ttl, address.rdata),
    record(p.fenceName, TYPE.TXT, CLASS_ANY, 0, Buffer.alloc(0)),
    record(p.fenceName, TYPE.TXT, CLASS_IN, 0, txtRdata(String(p.fence))),
  ];
  return Buffer.concat([
    header(p.id, OPCODE_UPDATE << 11, [1, 1, updates.length, 0]),
    zone,
    prerequisite,
    ...updates,
  ]);
}

export type RRType = 'A' | 'AAAA' | 'TXT';

export function queryMessage(id: number, name: string, type: RRType): Buffer {
  return dnsPacket.encode({ type: 'query', id, flags: 0, questions: [{ name, type, class: 'IN' }] });
}

/** The values of the answer's records of `type` at `name` (addresses, or TXT strings joined). */
export function answerValues(message: Buffer, name: string, type: RRType): string[] {
  const decoded = dnsPacket.decode(message);
  const owner = name.toLowerCase().replace(/\.$/, '');
  const out: string[] = [];
  for (const a of decoded.answers ?? []) {
    if (a.type !== type || a.name.toLowerCase().replace(/\.$/, '') !== owner) continue;
    if (a.type === 'TXT') {
      const parts = Array.isArray(a.data) ? a.data : [a.data];
      out.push(parts.map((x) => (typeof x === 'string' ? x : Buffer.from(x).toString('utf8'))).join(''));
    } else if (a.type === 'A' || a.type === 'AAAA') out.push(a.data);
  }
  return out;
}

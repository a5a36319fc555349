/**
 * Writing a DNS message: the header, the question as it was asked (its case kept), the records
 * with their names compressed (RFC 1035 4.1.4: owners and the names in NS, CNAME, MX and SOA data
 * point back to a suffix already written), RDATA of the other types by `dns-packet`, the OPT record
 * last. A message that does not fit `maxSize` is cut: its record sections are dropped and TC set,
 * so the client asks again over TCP.
 */
import { rdataCodec } from './codec.ts';
import { keyOf, type Labels, labelsOf } from './names.ts';
import type { Question } from './parse.ts';
import { type CaaData, type MxData, type Rr, type SoaData, TYPE_NUMBERS } from './records.ts';

export const FLAG_QR = 0x8000;
export const FLAG_AA = 0x0400;
export const FLAG_TC = 0x0200;
export const FLAG_RD = 0x0100;
export const FLAG_CD = 0x0010;
export const DO_BIT = 0x8000;

export const RCODE = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
  NOTAUTH: 9,
  BADVERS: 16,
} as const;

export interface OutEdns {
  readonly udpPayloadSize: number;
  /** DO, copied from the query (RFC 3225). */
  readonly flags: number;
}

export interface Response {
  readonly id: number;
  /** QR, opcode, AA, RD, CD (the rcode goes in `rcode`). */
  readonly flags: number;
  /** 0 to 4095: the low 4 bits go in the header, the rest in the OPT record. */
  readonly rcode: number;
  readonly question?: Question;
  /** For a NOTIFY: the question is written from a name (no labels asked). */
  readonly questionName?: { name: string; type: number };
  readonly answers: readonly Rr[];
  readonly authorities: readonly Rr[];
  readonly additionals: readonly Rr[];
  readonly edns?: OutEdns;
}

const SCRATCH = Buffer.alloc(4 * 65_536);
const LIMIT = 65_535;

class Writer {
  off = 12;
  private readonly names = new Map<string, number>();
  constructor(private readonly buf: Buffer) {}

  u16(n: number) {
    this.buf.writeUInt16BE(n & 0xffff, this.off);
    this.off += 2;
  }
  u32(n: number) {
    this.buf.writeUInt32BE(n >>> 0, this.off);
    this.off += 4;
  }

  name(labels: Labels) {
    for (let i = 0; i < labels.length; i++) {
      const rest = labels.slice(i);
      const key = keyOf(rest);
      const at = this.names.get(key);
      if (at !== undefined) {
        this.u16(0xc000 | at);
        return;
      }
      if (this.off < 0x4000) this.names.set(key, this.off);
      const l = labels[i]!;
      this.buf[this.off] = l.length;
      l.copy(this.buf, this.off + 1);
      this.off += 1 + l.length;
    }
    this.buf[this.off++] = 0;
  }

  record(rr: Rr, owner: Labels) {
    this.name(owner);
    this.u16(TYPE_NUMBERS[rr.type]);
    this.u16(1);
    this.u32(rr.ttl);
    const lenAt = this.off;
    switch (rr.type) {
      case 'NS':
      case 'CNAME':
        this.off += 2;
        this.name(labelsOf(rr.data as string));
        break;
      case 'MX': {
        const mx = rr.data as MxData;
        this.off += 2;
        this.u16(mx.preference);
        this.name(labelsOf(mx.exchange));
        break;
      }
      case 'SOA': {
        const s = rr.data as SoaData;
        this.off += 2;
        this.name(labelsOf(s.mname));
        this.name(labelsOf(s.rname));
        for (const n of [s.serial, s.refresh, s.retry, s.expire, s.minimum]) this.u32(n);
        break;
      }
      default: {
        const codec = rdataCodec(rr.type);
        const data = rr.type === 'CAA' ? { ...(rr.data as CaaData) } : rr.data;
        codec.encode(data, this.buf, lenAt);
        this.off = lenAt + codec.encode.bytes;
        return;
      }
    }
    this.buf.writeUInt16BE(this.off - lenAt - 2, lenAt);
  }
}

function header(buf: Buffer, r: Response, tc: boolean, counts: [number, number, number, number]) {
  buf.writeUInt16BE(r.id, 0);
  buf.writeUInt16BE((r.flags & ~0x020f) | (tc ? FLAG_TC : 0) | (r.rcode & 0xf), 2);
  counts.forEach((n, i) => {
    buf.writeUInt16BE(n, 4 + 2 * i);
  });
}

function writeOnce(r: Response, cut: boolean): Buffer {
  const w = new Writer(SCRATCH);
  let qd = 0;
  if (r.question) {
    w.name(r.question.labels);
    w.u16(r.question.type);
    w.u16(r.question.class);
    qd = 1;
  } else if (r.questionName) {
    w.name(labelsOf(r.questionName.name));
    w.u16(r.questionName.type);
    w.u16(1);
    qd = 1;
  }
  const owner = (rr: Rr): Labels =>
    r.question && r.question.key === rr.name ? r.question.labels : labelsOf(rr.name);
  const sections = cut ? [[], [], []] : [r.answers, r.authorities, r.additionals];
  for (const section of sections)
    for (const rr of section) {
      w.record(rr, owner(rr));
      if (w.off > LIMIT) throw new RangeError('message over 65535 bytes');
    }
  let ar = sections[2]!.length;
  if (r.edns) {
    w.name([]);
    w.u16(41);
    w.u16(r.edns.udpPayloadSize);
    w.u32((((r.rcode >> 4) & 0xff) << 24) | (r.edns.flags & 0xffff));
    w.u16(0);
    ar++;
  }
  header(SCRATCH, r, cut, [qd, sections[0]!.length, sections[1]!.length, ar]);
  return Buffer.from(SCRATCH.subarray(0, w.off));
}

/**
 * The message in wire form, at most `maxSize` bytes with `reserve` left for a TSIG record: cut
 * (TC set, no records) when it would be larger.
 */
export function writeMessage(r: Response, maxSize = LIMIT, reserve = 0): Buffer {
  let out: Buffer | undefined;
  try {
    out = writeOnce(r, false);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
  }
  if (out && out.length + reserve <= maxSize) return out;
  return writeOnce(r, true);
}

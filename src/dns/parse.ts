/**
 * Reading a DNS message from untrusted bytes: the header, the one question (its name read label by
 * label, pointers only backwards, so a loop cannot be built), then every resource record with
 * `dns-packet`, keeping where the last one starts (TSIG signs what comes before it). Bounded: a
 * count that the remaining bytes cannot hold is refused before any loop runs; any error is a
 * result, never an exception.
 */
import { type DecodedRecord, recordCodec } from './codec.ts';
import { keyOf, type Labels } from './names.ts';

export interface Question {
  readonly labels: Labels;
  /** The lowercase key (names.ts). */
  readonly key: string;
  readonly type: number;
  readonly class: number;
}

export interface Edns {
  readonly udpPayloadSize: number;
  readonly version: number;
  /** The DO bit and the rest of the flags. */
  readonly flags: number;
}

export interface Tsig {
  /** Where the TSIG record starts in the message. */
  readonly offset: number;
  /** The key name, canonical. */
  readonly key: string;
  /** Its RDATA, raw. */
  readonly rdata: Buffer;
}

export interface Message {
  readonly id: number;
  /** The 16 flag bits of the header. */
  readonly flags: number;
  readonly response: boolean;
  readonly opcode: number;
  readonly questions: readonly Question[];
  readonly answers: readonly DecodedRecord[];
  readonly authorities: readonly DecodedRecord[];
  readonly additionals: readonly DecodedRecord[];
  /** The OPT record, when there is exactly one. */
  readonly edns?: Edns;
  /** How many OPT records there were (more than one is a format error). */
  readonly optCount: number;
  readonly tsig?: Tsig;
  /** Whether a TSIG record was found elsewhere than last (a format error). */
  readonly tsigMisplaced: boolean;
}

export type Parsed =
  | { readonly ok: true; readonly message: Message }
  /** `header`: the header, when the message had one (a FORMERR can be answered to it). */
  | { readonly ok: false; readonly reason: string; readonly header?: { id: number; flags: number } };

const MIN_QUESTION = 5;
const MIN_RECORD = 11;
const MAX_LABELS = 128;
const TYPE_OPT = 41;
const TYPE_TSIG = 250;

/** A name's labels at `offset`, and the bytes it takes there. Throws on a bad name. */
export function readName(buf: Buffer, offset: number): { labels: Buffer[]; bytes: number } {
  const labels: Buffer[] = [];
  let at = offset;
  let bytes = -1;
  let total = 1;
  let floor = offset;
  for (let steps = 0; steps <= MAX_LABELS; steps++) {
    if (at >= buf.length) throw new Error('name past the end');
    const len = buf[at]!;
    if (len === 0) {
      if (bytes < 0) bytes = at + 1 - offset;
      return { labels, bytes };
    }
    if ((len & 0xc0) === 0xc0) {
      if (at + 1 >= buf.length) throw new Error('pointer past the end');
      const to = ((len & 0x3f) << 8) | buf[at + 1]!;
      if (to >= floor) throw new Error('pointer not backwards');
      if (bytes < 0) bytes = at + 2 - offset;
      floor = to;
      at = to;
      continue;
    }
    if ((len & 0xc0) !== 0) throw new Error('bad label type');
    if (at + 1 + len > buf.length) throw new Error('label past the end');
    total += len + 1;
    if (total > 255) throw new Error('name over 255 bytes');
    labels.push(buf.subarray(at + 1, at + 1 + len));
    at += 1 + len;
  }
  throw new Error('too many labels');
}

function readRecords(buf: Buffer, at: number, count: number, out: DecodedRecord[], starts: number[]) {
  let offset = at;
  for (let i = 0; i < count; i++) {
    starts.push(offset);
    out.push(recordCodec.decode(buf, offset));
    offset += recordCodec.decode.bytes;
    if (offset > buf.length) throw new Error('record past the end');
  }
  return offset;
}

export function parseMessage(buf: Buffer): Parsed {
  if (buf.length < 12) return { ok: false, reason: 'shorter than a header' };
  const id = buf.readUInt16BE(0);
  const flags = buf.readUInt16BE(2);
  const header = { id, flags };
  const qd = buf.readUInt16BE(4);
  const an = buf.readUInt16BE(6);
  const ns = buf.readUInt16BE(8);
  const ar = buf.readUInt16BE(10);
  if (qd * MIN_QUESTION + (an + ns + ar) * MIN_RECORD > buf.length - 12)
    return { ok: false, reason: 'counts larger than the message', header };
  try {
    let offset = 12;
    const questions: Question[] = [];
    for (let i = 0; i < qd; i++) {
      const { labels, bytes } = readName(buf, offset);
      offset += bytes;
      if (offset + 4 > buf.length) throw new Error('question past the end');
      questions.push({
        labels,
        key: keyOf(labels),
        type: buf.readUInt16BE(offset),
        class: buf.readUInt16BE(offset + 2),
      });
      offset += 4;
    }
    const answers: DecodedRecord[] = [];
    const authorities: DecodedRecord[] = [];
    const additionals: DecodedRecord[] = [];
    const starts: number[] = [];
    offset = readRecords(buf, offset, an, answers, starts);
    offset = readRecords(buf, offset, ns, authorities, starts);
    const arStart = starts.length;
    offset = readRecords(buf, offset, ar, additionals, starts);
    const opts = additionals.filter((r) => r.type === 'OPT');
    const tsigAt = [...answers, ...authorities, ...additionals].findIndex((r) => r.type === 'TSIG');
    const last = starts.length - 1;
    const tsigRecord = tsigAt === last && tsigAt >= arStart ? additionals[additionals.length - 1] : undefined;
    const opt = opts.length === 1 ? opts[0]! : undefined;
    const message: Message = {
      id,
      flags,
      response: (flags & 0x8000) !== 0,
      opcode: (flags >> 11) & 0xf,
      questions,
      answers,
      authorities,
      additionals,
      optCount: opts.length,
      tsigMisplaced: tsigAt >= 0 && tsigRecord === undefined,
      ...(opt
        ? {
            edns: {
              udpPayloadSize: opt.udpPayloadSize ?? 512,
              version: opt.ednsVersion ?? 0,
              flags: opt.flags ?? 0,
            },
          }
        : {}),
      ...(tsigRecord && Buffer.isBuffer(tsigRecord.data)
        ? {
            tsig: {
              offset: starts[last]!,
              key: tsigRecord.name.toLowerCase().replace(/\.$/, ''),
              rdata: tsigRecord.data,
            },
          }
        : {}),
    };
    return { ok: true, message };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e), header };
  }
}

export const TYPES = { OPT: TYPE_OPT, TSIG: TYPE_TSIG } as const;

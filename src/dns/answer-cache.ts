/**
 * Answers kept ready for the common UDP query: one question, its name written out (no pointer),
 * no record but an optional OPT (version 0, no options). Such a query is read here byte by byte,
 * without the full parse; its answer, once written by the full path, is kept by (lowercase name,
 * type, class, EDNS or not, DO) as the bytes after the question, and the next query with the same
 * key is answered by copying its own header and question (so its ID, RD, CD and the case of its
 * name are kept) in front of them: every name in them is a pointer back into the question or an
 * absolute name, never the question's case. Any change to the zones (ZoneBook.version) empties it;
 * it holds at most MAX_READY answers (then it starts afresh). Pure: no I/O.
 */
import { FLAG_CD, FLAG_RD, FLAG_TC } from './write.ts';

export const MAX_READY = 10_000;
const HEADER = 12;
const MAX_NAME = 255;
const TYPE_OPT = 41;
/** QR and the opcode, in the third byte: a query with either set is not for the quick path. */
const QR_OPCODE = 0xf8;
const COPIED = FLAG_RD | FLAG_CD;

export interface QuickQuery {
  /** The lowercase question and what of EDNS changes the answer. */
  readonly key: string;
  /** Where the question ends. */
  readonly end: number;
  /** The largest answer the client takes over UDP. */
  readonly limit: number;
}

interface Ready {
  /** The flags, without those copied from the query. */
  readonly flags: number;
  /** The four counts and everything after the question. */
  readonly counts: Buffer;
  readonly tail: Buffer;
}

const KEY = Buffer.alloc(MAX_NAME + 4);

/** The query read the quick way, or undefined when it is anything else (the full path reads it). */
export function quickQuery(buf: Buffer): QuickQuery | undefined {
  const len = buf.length;
  if (len < HEADER + 5) return undefined;
  if (buf[2]! & QR_OPCODE) return undefined;
  // One question, no answer or authority record, at most one additional (the OPT).
  if (buf[4] !== 0 || buf[5] !== 1 || buf[6] !== 0 || buf[7] !== 0 || buf[8] !== 0 || buf[9] !== 0)
    return undefined;
  if (buf[10] !== 0 || buf[11]! > 1) return undefined;
  let at = HEADER;
  for (;;) {
    if (at >= len) return undefined;
    const l = buf[at]!;
    if (l === 0) break;
    if (l > 63 || at + 1 + l - HEADER >= MAX_NAME) return undefined;
    at += 1 + l;
  }
  const nameEnd = at + 1;
  const end = nameEnd + 4;
  if (end > len) return undefined;
  let edns = '-';
  let limit = 512;
  if (buf[11] === 1) {
    // The OPT record: root name, type 41, class = payload size, TTL = extended rcode, version,
    // flags; no options.
    if (end + 11 !== len || buf[end] !== 0 || buf.readUInt16BE(end + 1) !== TYPE_OPT) return undefined;
    if (buf[end + 6] !== 0 || buf[end + 9] !== 0 || buf[end + 10] !== 0) return undefined;
    limit = Math.min(4096, Math.max(512, buf.readUInt16BE(end + 3)));
    edns = buf[end + 7]! & 0x80 ? 'D' : 'E';
  } else if (end !== len) return undefined;
  const n = end - HEADER;
  buf.copy(KEY, 0, HEADER, end);
  for (let i = 0; i < nameEnd - HEADER; i++) {
    const b = KEY[i]!;
    if (b >= 0x41 && b <= 0x5a) KEY[i] = b + 32;
  }
  return { key: KEY.toString('latin1', 0, n) + edns, end, limit };
}

export class AnswerCache {
  private readonly ready = new Map<string, Ready>();
  private version = -1;

  /** The answer to `query`, ready, or undefined. */
  answer(query: Buffer, q: QuickQuery, version: number): Buffer | undefined {
    if (version !== this.version) {
      this.ready.clear();
      this.version = version;
      return undefined;
    }
    const r = this.ready.get(q.key);
    if (!r || q.end + r.tail.length > q.limit) return undefined;
    const out = Buffer.allocUnsafe(q.end + r.tail.length);
    out[0] = query[0]!;
    out[1] = query[1]!;
    out.writeUInt16BE(r.flags | (query.readUInt16BE(2) & COPIED), 2);
    r.counts.copy(out, 4);
    query.copy(out, HEADER, HEADER, q.end);
    r.tail.copy(out, q.end);
    return out;
  }

  /** Keeps `answer`, the full path's answer to `q` at `version`, unless it was cut. */
  keep(q: QuickQuery, answer: Buffer, version: number): void {
    if (version !== this.version || answer.length < q.end) return;
    const flags = answer.readUInt16BE(2);
    if (flags & FLAG_TC) return;
    if (this.ready.size >= MAX_READY) this.ready.clear();
    this.ready.set(q.key, {
      flags: flags & ~COPIED,
      counts: Buffer.from(answer.subarray(4, HEADER)),
      tail: Buffer.from(answer.subarray(q.end)),
    });
  }

  get size(): number {
    return this.ready.size;
  }
}

/**
 * TSIG (RFC 8945): signing and verifying DNS messages with a shared HMAC key, as BIND does for
 * zone transfers and NOTIFY. A request's MAC covers the message (without its TSIG record, ARCOUNT
 * one less, the original ID) and the TSIG variables; a response's also covers the request's MAC;
 * each later message of a multi-message transfer covers the previous MAC, the message and the
 * timers only. MACs are compared in constant time; a time off by more than the fudge is BADTIME.
 * One module for both sides: the server (transfers, NOTIFY) and the clients that sign a request and
 * verify the answer (the RFC 2136 actuator's UPDATE and queries: `verifyAnswer`).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonical, canonicalWire } from './names.ts';
import { parseMessage, readName } from './parse.ts';
import type { TsigKey } from './zone-book.ts';

export const TSIG_ERROR = { NOERROR: 0, BADSIG: 16, BADKEY: 17, BADTIME: 18 } as const;
export const FUDGE = 300;
const CLASS_ANY = 255;
const TYPE_TSIG = 250;

/** The algorithm names of RFC 8945 §6 and the digests behind them. */
const ALGORITHMS: Record<string, string> = {
  'hmac-md5.sig-alg.reg.int': 'md5',
  'hmac-sha1': 'sha1',
  'hmac-sha224': 'sha224',
  'hmac-sha256': 'sha256',
  'hmac-sha384': 'sha384',
  'hmac-sha512': 'sha512',
};
export const TSIG_ALGORITHMS = [
  'hmac-md5',
  'hmac-sha1',
  'hmac-sha224',
  'hmac-sha256',
  'hmac-sha384',
  'hmac-sha512',
] as const;

/** `hmac-md5` → its wire name; the others are themselves. */
export function algorithmName(algorithm: string): string {
  const a = canonical(algorithm);
  return a === 'hmac-md5' ? 'hmac-md5.sig-alg.reg.int' : a;
}

export interface TsigRdata {
  readonly algorithm: string;
  readonly timeSigned: number;
  readonly fudge: number;
  readonly mac: Buffer;
  readonly originalId: number;
  readonly error: number;
  readonly other: Buffer;
}

export function readTsigRdata(rdata: Buffer): TsigRdata {
  const { labels, bytes } = readName(rdata, 0);
  let o = bytes;
  const u16 = () => {
    if (o + 2 > rdata.length) throw new Error('TSIG past the end');
    const v = rdata.readUInt16BE(o);
    o += 2;
    return v;
  };
  const hi = u16();
  const lo = rdata.length >= o + 4 ? rdata.readUInt32BE(o) : Number.NaN;
  o += 4;
  const timeSigned = hi * 2 ** 32 + lo;
  const fudge = u16();
  const macSize = u16();
  if (o + macSize > rdata.length) throw new Error('TSIG MAC past the end');
  const mac = rdata.subarray(o, o + macSize);
  o += macSize;
  const originalId = u16();
  const error = u16();
  const otherLen = u16();
  if (o + otherLen > rdata.length || Number.isNaN(timeSigned)) throw new Error('TSIG past the end');
  const other = rdata.subarray(o, o + otherLen);
  return {
    algorithm: labels.map((l) => l.toString('latin1').toLowerCase()).join('.'),
    timeSigned,
    fudge,
    mac,
    originalId,
    error,
    other,
  };
}

function u48(n: number): Buffer {
  const b = Buffer.alloc(6);
  b.writeUInt16BE(Math.floor(n / 2 ** 32), 0);
  b.writeUInt32BE(n % 2 ** 32, 2);
  return b;
}
function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function digestOf(key: TsigKey): string | undefined {
  return ALGORITHMS[algorithmName(key.algorithm)];
}

/** The message as signed: ARCOUNT one less when it had the TSIG record, the ID the original one. */
function unsignedPart(message: Buffer, tsigOffset: number | undefined, originalId: number): Buffer {
  const part = Buffer.from(message.subarray(0, tsigOffset ?? message.length));
  part.writeUInt16BE(originalId, 0);
  if (tsigOffset !== undefined) part.writeUInt16BE(part.readUInt16BE(10) - 1, 10);
  return part;
}

interface Variables {
  readonly timeSigned: number;
  readonly fudge: number;
  readonly error: number;
  readonly other: Buffer;
}

function variables(key: TsigKey, v: Variables): Buffer {
  return Buffer.concat([
    canonicalWire(key.name),
    u16(CLASS_ANY),
    Buffer.alloc(4),
    canonicalWire(algorithmName(key.algorithm)),
    u48(v.timeSigned),
    u16(v.fudge),
    u16(v.error),
    u16(v.other.length),
    v.other,
  ]);
}

function mac(key: TsigKey, parts: readonly Buffer[]): Buffer {
  const h = createHmac(digestOf(key)!, key.secret);
  for (const p of parts) h.update(p);
  return h.digest();
}

function withMac(m: Buffer | undefined): Buffer[] {
  return m === undefined ? [] : [u16(m.length), m];
}

/** The TSIG record's bytes (owner, type, class, TTL, RDATA). */
function tsigRecord(key: TsigKey, v: Variables, macBytes: Buffer, originalId: number): Buffer {
  const rdata = Buffer.concat([
    canonicalWire(algorithmName(key.algorithm)),
    u48(v.timeSigned),
    u16(v.fudge),
    u16(macBytes.length),
    macBytes,
    u16(originalId),
    u16(v.error),
    u16(v.other.length),
    v.other,
  ]);
  const head = Buffer.alloc(10);
  head.writeUInt16BE(TYPE_TSIG, 0);
  head.writeUInt16BE(CLASS_ANY, 2);
  head.writeUInt32BE(0, 4);
  head.writeUInt16BE(rdata.length, 8);
  return Buffer.concat([canonicalWire(key.name), head, rdata]);
}

function append(message: Buffer, record: Buffer): Buffer {
  const out = Buffer.concat([message, record]);
  out.writeUInt16BE(out.readUInt16BE(10) + 1, 10);
  return out;
}

export interface SignOptions {
  /** Epoch seconds. */
  readonly now: number;
  /** The request's MAC (signing a response to it), or the previous message's (a later message of a transfer). */
  readonly priorMac?: Buffer;
  /** A later message of a multi-message response: only the timers are covered. */
  readonly subsequent?: boolean;
  readonly error?: number;
}

/** `message` with a TSIG record appended, and the MAC (for the next message of a transfer). */
export function sign(message: Buffer, key: TsigKey, o: SignOptions): { message: Buffer; mac: Buffer } {
  const id = message.readUInt16BE(0);
  const v: Variables = { timeSigned: o.now, fudge: FUDGE, error: o.error ?? 0, other: Buffer.alloc(0) };
  const covered = o.subsequent
    ? [...withMac(o.priorMac), message, u48(v.timeSigned), u16(v.fudge)]
    : [...withMac(o.priorMac), message, variables(key, v)];
  const m = mac(key, covered);
  return { message: append(message, tsigRecord(key, v, m, id)), mac: m };
}

/** A TSIG record with no MAC and an error (BADKEY, BADSIG), for a refusal (RFC 8945 §5.3.2). */
export function unsignedError(
  message: Buffer,
  keyName: string,
  algorithm: string,
  error: number,
  now: number,
): Buffer {
  const key: TsigKey = { name: keyName, algorithm, secret: Buffer.alloc(0) };
  const v: Variables = { timeSigned: now, fudge: FUDGE, error, other: Buffer.alloc(0) };
  return append(message, tsigRecord(key, v, Buffer.alloc(0), message.readUInt16BE(0)));
}

export type Verified =
  | { readonly ok: true; readonly key: TsigKey; readonly mac: Buffer }
  | {
      readonly ok: false;
      readonly error: number;
      readonly keyName: string;
      readonly algorithm: string;
      readonly key?: TsigKey;
      readonly mac?: Buffer;
    };

/**
 * Checks the TSIG record of a request (`tsig` from parse.ts) with the keys known: BADKEY for an
 * unknown key or algorithm, BADSIG for a wrong MAC, BADTIME for a time outside the fudge.
 */
export function verify(
  message: Buffer,
  tsig: { offset: number; key: string; rdata: Buffer },
  keys: readonly TsigKey[],
  nowSeconds: number,
  priorMac?: Buffer,
): Verified {
  let r: TsigRdata;
  try {
    r = readTsigRdata(tsig.rdata);
  } catch {
    return { ok: false, error: TSIG_ERROR.BADSIG, keyName: tsig.key, algorithm: 'hmac-sha256' };
  }
  const key = keys.find((k) => canonical(k.name) === tsig.key && algorithmName(k.algorithm) === r.algorithm);
  const fail = (error: number) => ({ ok: false as const, error, keyName: tsig.key, algorithm: r.algorithm });
  if (!key || !digestOf(key)) return fail(TSIG_ERROR.BADKEY);
  const expected = mac(key, [
    ...withMac(priorMac),
    unsignedPart(message, tsig.offset, r.originalId),
    variables(key, r),
  ]);
  if (r.mac.length !== expected.length || !timingSafeEqual(r.mac, expected)) return fail(TSIG_ERROR.BADSIG);
  if (Math.abs(nowSeconds - r.timeSigned) > r.fudge) return { ...fail(TSIG_ERROR.BADTIME), key, mac: r.mac };
  return { ok: true, key, mac: r.mac };
}

export type AnswerVerified =
  | { readonly ok: true }
  /** `unsigned`: no TSIG; `tsig-error`: the server's TSIG says why it refused ours (BADKEY…). */
  | { readonly ok: false; readonly kind: 'unsigned' | 'tsig-error' | 'bad'; readonly detail: string };

/** What a TSIG error the server answered means, for the operator. */
function tsigErrorDetail(error: number, key: TsigKey): string {
  const name =
    Object.entries(TSIG_ERROR).find(([, v]) => v === error)?.[0] ??
    (error === 22 ? 'BADTRUNC' : `TSIG error ${error}`);
  const why =
    error === TSIG_ERROR.BADKEY
      ? `the server does not know key "${key.name}" (${key.algorithm})`
      : error === TSIG_ERROR.BADSIG
        ? `the server finds the signature wrong (another secret for key "${key.name}"?)`
        : error === TSIG_ERROR.BADTIME
          ? 'the server’s clock and ours differ by more than the fudge'
          : 'the server refused the signature';
  return `${name}: ${why}`;
}

/**
 * Verifies `response`, the answer to a request signed with `key` whose MAC was `requestMac`: its
 * last record must be a TSIG by the same key and algorithm, with no TSIG error, a MAC that
 * matches and a time within the fudge of `nowSeconds`.
 */
export function verifyAnswer(
  response: Buffer,
  key: TsigKey,
  requestMac: Buffer,
  nowSeconds: number,
): AnswerVerified {
  const parsed = parseMessage(response);
  const malformed = { ok: false, kind: 'bad', detail: 'the answer’s TSIG record is malformed' } as const;
  if (!parsed.ok || parsed.message.tsig === undefined)
    return parsed.ok && parsed.message.tsigMisplaced
      ? malformed
      : { ok: false, kind: 'unsigned', detail: 'the answer is not TSIG-signed' };
  const tsig = parsed.message.tsig;
  let r: TsigRdata;
  try {
    r = readTsigRdata(tsig.rdata);
  } catch {
    return malformed;
  }
  if (r.error !== TSIG_ERROR.NOERROR)
    return { ok: false, kind: 'tsig-error', detail: tsigErrorDetail(r.error, key) };
  if (tsig.key !== canonical(key.name))
    return { ok: false, kind: 'bad', detail: `the answer is signed with another key (${tsig.key})` };
  if (r.algorithm !== algorithmName(key.algorithm) || !digestOf(key))
    return { ok: false, kind: 'bad', detail: `the answer is signed with another algorithm (${r.algorithm})` };
  const expected = mac(key, [
    ...withMac(requestMac),
    unsignedPart(response, tsig.offset, r.originalId),
    variables(key, r),
  ]);
  if (r.mac.length !== expected.length || !timingSafeEqual(r.mac, expected))
    return { ok: false, kind: 'bad', detail: 'the answer’s TSIG signature does not verify' };
  if (Math.abs(nowSeconds - r.timeSigned) > r.fudge)
    return { ok: false, kind: 'bad', detail: 'the answer’s TSIG time is outside its fudge' };
  return { ok: true };
}

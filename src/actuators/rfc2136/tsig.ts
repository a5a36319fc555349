/**
 * TSIG (RFC 8945) on node:crypto's HMAC: signing a request and verifying the server's signed answer.
 * No well-kept npm package does TSIG (dns-packet knows the type number only), so the few bytes it
 * takes are written here: the TSIG record appended as the last additional record, the MAC over the
 * message and the TSIG variables, and for an answer the request's MAC first.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { TSIG_ALGORITHMS } from '../../model/schema-failover.ts';
import { lastRecordOffset, parts } from './wire.ts';

export { TSIG_ALGORITHMS };
export type TsigAlgorithm = (typeof TSIG_ALGORITHMS)[number];

const HASH: Readonly<Record<TsigAlgorithm, string>> = {
  'hmac-sha256': 'sha256',
  'hmac-sha512': 'sha512',
  'hmac-sha1': 'sha1',
};

export interface TsigKey {
  /** The key's name, as the server knows it (`bascule`). */
  readonly name: string;
  readonly algorithm: TsigAlgorithm;
  /** The secret's bytes (decoded from base64). */
  readonly secret: Buffer;
}

const TYPE_TSIG = 250;
const CLASS_ANY = 255;
/** Seconds of clock difference allowed between Bascule and the server. */
export const FUDGE = 300;

/** TSIG error codes (RFC 8945 §5.2), in the record's error field. */
const TSIG_ERRORS: Readonly<Record<number, string>> = {
  16: 'BADSIG',
  17: 'BADKEY',
  18: 'BADTIME',
  22: 'BADTRUNC',
};

/** A name in canonical wire form: lower case, uncompressed. */
function wireName(name: string): Buffer {
  return parts.name.encode(name.toLowerCase().replace(/\.$/, ''));
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function time48(seconds: number): Buffer {
  const b = Buffer.alloc(6);
  b.writeUIntBE(seconds, 0, 6);
  return b;
}

/** The TSIG variables the MAC covers after the message (RFC 8945 §4.3.3). */
function variables(key: TsigKey, timeSigned: number, fudge: number, error: number, other: Buffer): Buffer {
  return Buffer.concat([
    wireName(key.name),
    u16(CLASS_ANY),
    Buffer.alloc(4), // TTL 0
    wireName(key.algorithm),
    time48(timeSigned),
    u16(fudge),
    u16(error),
    u16(other.length),
    other,
  ]);
}

function mac(key: TsigKey, parts: readonly Buffer[]): Buffer {
  const h = createHmac(HASH[key.algorithm], key.secret);
  for (const p of parts) h.update(p);
  return h.digest();
}

export interface Signed {
  /** The message with its TSIG record, ready to send. */
  readonly wire: Buffer;
  /** The request's MAC: the answer's MAC covers it. */
  readonly mac: Buffer;
  readonly id: number;
}

/** Signs `message` (a whole DNS message without TSIG) at `nowSeconds`. */
export function sign(message: Buffer, key: TsigKey, nowSeconds: number): Signed {
  const id = message.readUInt16BE(0);
  const digest = mac(key, [message, variables(key, nowSeconds, FUDGE, 0, Buffer.alloc(0))]);
  const rdata = Buffer.concat([
    wireName(key.algorithm),
    time48(nowSeconds),
    u16(FUDGE),
    u16(digest.length),
    digest,
    u16(id),
    u16(0), // error
    u16(0), // other len
  ]);
  const rr = Buffer.concat([
    wireName(key.name),
    u16(TYPE_TSIG),
    u16(CLASS_ANY),
    Buffer.alloc(4),
    u16(rdata.length),
    rdata,
  ]);
  const wire = Buffer.concat([message, rr]);
  wire.writeUInt16BE(message.readUInt16BE(10) + 1, 10); // ARCOUNT
  return { wire, mac: digest, id };
}

export type Verified =
  | { readonly ok: true }
  /** `unsigned`: no TSIG; `tsig-error`: the server's TSIG says why it refused ours (BADKEY…). */
  | { readonly ok: false; readonly kind: 'unsigned' | 'tsig-error' | 'bad'; readonly detail: string };

/** Reads a name at `offset` (uncompressed, as a TSIG record's are); undefined when it is not one. */
function readName(buf: Buffer, offset: number): { name: string; end: number } | undefined {
  try {
    const name = parts.name.decode(buf, offset);
    return { name: name.toLowerCase(), end: offset + parts.name.decode.bytes };
  } catch {
    return undefined;
  }
}

/**
 * Verifies the answer `response` to a request whose MAC was `requestMac`: its last record must be a
 * TSIG by the same key and algorithm, with no TSIG error, a time within the fudge of `nowSeconds`,
 * and a MAC that matches.
 */
export function verify(response: Buffer, key: TsigKey, requestMac: Buffer, nowSeconds: number): Verified {
  const arcount = response.length >= 12 ? response.readUInt16BE(10) : 0;
  const at = arcount > 0 ? lastRecordOffset(response) : undefined;
  if (at === undefined) return { ok: false, kind: 'unsigned', detail: 'the answer is not TSIG-signed' };
  const owner = readName(response, at);
  if (!owner || owner.end + 10 > response.length)
    return { ok: false, kind: 'unsigned', detail: 'the answer is not TSIG-signed' };
  let p = owner.end;
  const type = response.readUInt16BE(p);
  if (type !== TYPE_TSIG) return { ok: false, kind: 'unsigned', detail: 'the answer is not TSIG-signed' };
  const rdlength = response.readUInt16BE(p + 8);
  p += 10;
  const rdEnd = p + rdlength;
  if (rdEnd !== response.length)
    return { ok: false, kind: 'bad', detail: 'the answer’s TSIG record is malformed' };
  const algorithm = readName(response, p);
  if (!algorithm || algorithm.end + 10 > rdEnd)
    return { ok: false, kind: 'bad', detail: 'the answer’s TSIG record is malformed' };
  p = algorithm.end;
  const timeSigned = response.readUIntBE(p, 6);
  const fudge = response.readUInt16BE(p + 6);
  const macSize = response.readUInt16BE(p + 8);
  p += 10;
  if (p + macSize + 6 > rdEnd)
    return { ok: false, kind: 'bad', detail: 'the answer’s TSIG record is malformed' };
  const theirMac = response.subarray(p, p + macSize);
  p += macSize;
  const originalId = response.readUInt16BE(p);
  const error = response.readUInt16BE(p + 2);
  const otherLen = response.readUInt16BE(p + 4);
  p += 6;
  if (p + otherLen !== rdEnd)
    return { ok: false, kind: 'bad', detail: 'the answer’s TSIG record is malformed' };
  const other = response.subarray(p, rdEnd);
  if (error !== 0) {
    const name = TSIG_ERRORS[error] ?? `TSIG error ${error}`;
    const why =
      error === 17
        ? `the server does not know key "${key.name}" (${key.algorithm})`
        : error === 16
          ? `the server finds the signature wrong (another secret for key "${key.name}"?)`
          : error === 18
            ? 'the server’s clock and ours differ by more than the fudge'
            : 'the server refused the signature';
    return { ok: false, kind: 'tsig-error', detail: `${name}: ${why}` };
  }
  if (owner.name.replace(/\.$/, '') !== key.name.toLowerCase().replace(/\.$/, ''))
    return { ok: false, kind: 'bad', detail: `the answer is signed with another key (${owner.name})` };
  if (algorithm.name.replace(/\.$/, '') !== key.algorithm)
    return {
      ok: false,
      kind: 'bad',
      detail: `the answer is signed with another algorithm (${algorithm.name})`,
    };
  // The message the MAC covers: without the TSIG record, ARCOUNT one less, the original id.
  const unsigned = Buffer.from(response.subarray(0, at));
  unsigned.writeUInt16BE(arcount - 1, 10);
  unsigned.writeUInt16BE(originalId, 0);
  const expected = mac(key, [
    u16(requestMac.length),
    requestMac,
    unsigned,
    variables(key, timeSigned, fudge, 0, other),
  ]);
  if (theirMac.length !== expected.length || !timingSafeEqual(theirMac, expected))
    return { ok: false, kind: 'bad', detail: 'the answer’s TSIG signature does not verify' };
  if (Math.abs(nowSeconds - timeSigned) > fudge)
    return { ok: false, kind: 'bad', detail: 'the answer’s TSIG time is outside its fudge' };
  return { ok: true };
}

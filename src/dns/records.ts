/**
 * The records a zone holds, as the server keeps them: an owner name (canonical, absolute), a type,
 * a TTL and the data in `dns-packet`'s shape for that type. The types a zone may hold, their
 * numbers, and the reading of a record's `value` as written in bascule.yaml.
 */
import { isIP } from 'node:net';
import { canonical, nameProblem } from './names.ts';

export const TYPE_NUMBERS = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  CAA: 257,
} as const;
export type RrType = keyof typeof TYPE_NUMBERS;
/** The types a `dnsZones.<zone>.records` entry may have. */
export const RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'TXT', 'MX', 'CAA'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export interface SoaData {
  readonly mname: string;
  readonly rname: string;
  readonly serial: number;
  readonly refresh: number;
  readonly retry: number;
  readonly expire: number;
  readonly minimum: number;
}
export interface MxData {
  readonly preference: number;
  readonly exchange: string;
}
export interface CaaData {
  readonly flags: number;
  readonly tag: string;
  readonly value: string;
}
export type RrData = string | readonly string[] | SoaData | MxData | CaaData;

export interface Rr {
  readonly name: string;
  readonly type: RrType;
  readonly ttl: number;
  readonly data: RrData;
}

/** The number of a type name, or undefined. */
export function typeNumber(type: string): number | undefined {
  return (TYPE_NUMBERS as Record<string, number>)[type];
}

export function typeName(n: number): RrType | undefined {
  return (Object.keys(TYPE_NUMBERS) as RrType[]).find((t) => TYPE_NUMBERS[t] === n);
}

/** A TXT value cut in strings of at most 255 bytes. */
function txtStrings(value: string): string[] {
  const bytes = Buffer.from(value);
  const out: string[] = [];
  for (let i = 0; i < bytes.length || out.length === 0; i += 255)
    out.push(bytes.subarray(i, i + 255).toString());
  return out;
}

const CAA = /^(\d{1,3})\s+([A-Za-z0-9]+)\s+"?([^"]*)"?$/;
const MX = /^(\d{1,5})\s+(\S+)$/;

/**
 * The data of a record of `type` written `value` (`192.0.2.1`, `10 mail.example.com`,
 * `0 issue "letsencrypt.org"`, a target name), or why it cannot be one.
 */
export function readValue(type: RecordType, value: string): { data: RrData } | { problem: string } {
  switch (type) {
    case 'A':
      return isIP(value) === 4 ? { data: value } : { problem: 'not an IPv4 address' };
    case 'AAAA':
      return isIP(value) === 6 ? { data: value } : { problem: 'not an IPv6 address' };
    case 'CNAME': {
      const p = nameProblem(value);
      return p || canonical(value) === '' ? { problem: p ?? 'the root' } : { data: canonical(value) };
    }
    case 'TXT':
      return { data: txtStrings(value) };
    case 'MX': {
      const m = MX.exec(value.trim());
      if (!m || Number(m[1]) > 65_535) return { problem: 'not "<preference 0-65535> <host>"' };
      const p = nameProblem(m[2]!);
      return p ? { problem: p } : { data: { preference: Number(m[1]), exchange: canonical(m[2]!) } };
    }
    case 'CAA': {
      const m = CAA.exec(value.trim());
      if (!m || Number(m[1]) > 255) return { problem: 'not "<flags 0-255> <tag> <value>"' };
      return { data: { flags: Number(m[1]), tag: m[2]!.toLowerCase(), value: m[3]! } };
    }
  }
}

/** The failover answer for an endpoint's host: A for IPv4, AAAA for IPv6, CNAME for a host name. */
export function endpointRecord(name: string, host: string, ttl: number): Rr {
  const bare = host.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  const type = family === 4 ? 'A' : family === 6 ? 'AAAA' : 'CNAME';
  return { name, type, ttl, data: family === 0 ? canonical(bare) : bare };
}

/** The host of `host:port` or `[v6]:port`. */
export function hostOf(address: string): string {
  const m = /^\[([^\]]+)\]:\d+$/.exec(address);
  if (m) return m[1]!;
  const i = address.lastIndexOf(':');
  return i < 0 ? address : address.slice(0, i);
}

function dataKey(rr: Rr): string {
  return JSON.stringify(rr.data).toLowerCase();
}

/** Whether two record lists hold the same records (order aside). */
export function sameRecords(a: readonly Rr[], b: readonly Rr[]): boolean {
  if (a.length !== b.length) return false;
  const key = (r: Rr) => `${r.name} ${r.type} ${r.ttl} ${dataKey(r)}`;
  const bs = new Set(b.map(key));
  return a.every((r) => bs.has(key(r)));
}

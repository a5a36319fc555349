/**
 * Checks as the monitor runs them: every default applied, durations in milliseconds, targets
 * parsed. Pure: the same compiled form goes to the local scheduler and to remote agents (as JSON).
 */
import { parseDuration } from '../model/duration.ts';
import { LOCAL_VANTAGE } from '../model/operations-check.ts';
import type { CheckSpec, Config } from '../model/schema.ts';

export const DEFAULT_INTERVAL_MS = 30_000;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_FAIL_AFTER = 3;
export const DEFAULT_RECOVER_AFTER = 2;
export const DEFAULT_CERT_VALID_FOR_MS = 14 * 86_400_000;
/** The most of a response body a probe reads; beyond it the answer is `too-large`. */
export const MAX_BODY_BYTES = 1 << 20;

/** An HTTP status rule: one status, or an inclusive range. */
export interface StatusRange {
  readonly min: number;
  readonly max: number;
}

export interface HttpTarget {
  readonly type: 'http';
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly redirects: number;
  readonly verifyTls: boolean;
  /** Default 200–399. */
  readonly status: readonly StatusRange[];
  readonly bodyContains?: string;
  readonly bodyRegex?: string;
  readonly json?: { readonly path: string; readonly equals: string | number | boolean | null };
  readonly certValidForMs: number;
}

export interface TcpTarget {
  readonly type: 'tcp';
  readonly host: string;
  readonly port: number;
}

export interface TlsTarget {
  readonly type: 'tls';
  readonly host: string;
  readonly port: number;
  readonly verifyTls: boolean;
  readonly certValidForMs: number;
}

export interface DnsTarget {
  readonly type: 'dns';
  readonly name: string;
  readonly recordType: string;
  /** host:port of the server to ask; undefined: the system resolver. */
  readonly resolver?: { readonly host: string; readonly port: number };
  readonly answers: readonly string[];
  readonly rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';
}

export type Target = HttpTarget | TcpTarget | TlsTarget | DnsTarget;

export interface CompiledCheck {
  readonly id: string;
  readonly target: Target;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  /** Slower than this is `too-slow`; undefined: no limit but the timeout. */
  readonly maxLatencyMs?: number;
  readonly failAfter: number;
  readonly recoverAfter: number;
  /** The vantage points that run it. */
  readonly from: readonly string[];
  /** How many of them must see it failing for DOWN; undefined: a majority of those reporting. */
  readonly quorum?: number;
  /** What it watches in the map. */
  readonly component?: string;
  readonly service?: string;
}

/** `host:port` or `[v6]:port` (validated by the schema). */
export function parseHostPort(text: string): { host: string; port: number } {
  const i = text.lastIndexOf(':');
  const host = text.slice(0, i).replace(/^\[(.*)\]$/, '$1');
  return { host, port: Number(text.slice(i + 1)) };
}

function statusRanges(spec: CheckSpec['expect']): StatusRange[] {
  const raw = spec?.status;
  if (raw === undefined) return [{ min: 200, max: 399 }];
  return (Array.isArray(raw) ? raw : [raw]).map((s) => {
    if (typeof s === 'number') return { min: s, max: s };
    const [min, max] = s.split('-').map(Number) as [number, number];
    return { min, max };
  });
}

function target(spec: CheckSpec): Target {
  const certValidForMs = parseDuration(spec.expect?.certValidFor ?? '') ?? DEFAULT_CERT_VALID_FOR_MS;
  if (spec.http !== undefined) {
    return {
      type: 'http',
      url: spec.http,
      method: spec.method ?? 'GET',
      headers: spec.headers ?? {},
      ...(spec.body !== undefined ? { body: spec.body } : {}),
      redirects: spec.redirects ?? 0,
      verifyTls: spec.verifyTls ?? true,
      status: statusRanges(spec.expect),
      ...(spec.expect?.bodyContains !== undefined ? { bodyContains: spec.expect.bodyContains } : {}),
      ...(spec.expect?.bodyRegex !== undefined ? { bodyRegex: spec.expect.bodyRegex } : {}),
      ...(spec.expect?.json !== undefined ? { json: spec.expect.json } : {}),
      certValidForMs,
    };
  }
  if (spec.tcp !== undefined) return { type: 'tcp', ...parseHostPort(spec.tcp) };
  if (spec.tls !== undefined) {
    return { type: 'tls', ...parseHostPort(spec.tls), verifyTls: spec.verifyTls ?? true, certValidForMs };
  }
  const dns = spec.dns!;
  return {
    type: 'dns',
    name: dns.name,
    recordType: dns.type,
    ...(dns.resolver !== undefined ? { resolver: parseHostPort(dns.resolver) } : {}),
    answers: spec.expect?.answers ?? [],
    rcode: spec.expect?.rcode ?? 'NOERROR',
  };
}

/** The vantage point the daemon itself probes from. */
export function localVantage(config: Config): string {
  return config.runtime?.vantage ?? LOCAL_VANTAGE;
}

/** Every vantage point checks run from by default: the daemon's own and every declared one. */
export function allVantages(config: Config): string[] {
  return [...new Set([localVantage(config), ...Object.keys(config.vantages)])];
}

export function compileCheck(id: string, spec: CheckSpec, config: Config): CompiledCheck {
  const intervalMs = parseDuration(spec.interval ?? '') ?? DEFAULT_INTERVAL_MS;
  const timeoutMs = Math.min(parseDuration(spec.timeout ?? '') ?? DEFAULT_TIMEOUT_MS, intervalMs);
  const maxLatencyMs = parseDuration(spec.expect?.maxLatency ?? '');
  return {
    id,
    target: target(spec),
    intervalMs,
    timeoutMs,
    ...(maxLatencyMs !== undefined ? { maxLatencyMs } : {}),
    failAfter: spec.failAfter ?? DEFAULT_FAIL_AFTER,
    recoverAfter: spec.recoverAfter ?? DEFAULT_RECOVER_AFTER,
    from: spec.from ?? allVantages(config),
    ...(spec.quorum !== undefined ? { quorum: spec.quorum } : {}),
    ...(spec.component !== undefined ? { component: spec.component } : {}),
    ...(spec.service !== undefined ? { service: spec.service } : {}),
  };
}

export function compileChecks(config: Config): CompiledCheck[] {
  return Object.entries(config.checks).map(([id, spec]) => compileCheck(id, spec, config));
}

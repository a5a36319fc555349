/**
 * Errors of sockets, TLS, DNS and the HTTP client, classified into the failure reasons people see,
 * with a short detail (an error code, never a stack or a secret). A resource the prober's own
 * machine ran out of (open files, memory, local ports) is `local`: Bascule's fault, not the
 * target's, and the monitor does not count it against the target. Pure.
 */
import type { FailureReason } from '../monitor/types.ts';

const BY_CODE: Readonly<Record<string, FailureReason>> = {
  // Bascule's own machine out of a resource: says nothing of the target.
  EMFILE: 'local', // this process's open files
  ENFILE: 'local', // the system's open files
  ENOMEM: 'local',
  ENOBUFS: 'local',
  EADDRNOTAVAIL: 'local', // no local port left to connect from
  EAI_MEMORY: 'local',
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ECONNABORTED: 'reset',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EHOSTDOWN: 'unreachable',
  ENETDOWN: 'unreachable',
  ENOTFOUND: 'dns-nxdomain',
  EAI_NONAME: 'dns-nxdomain',
  EAI_AGAIN: 'dns-servfail',
  EAI_FAIL: 'dns-servfail',
  ESERVFAIL: 'dns-servfail',
  ETIMEDOUT: 'timeout',
  ETIMEOUT: 'timeout',
  CERT_HAS_EXPIRED: 'tls-expired',
  CERT_NOT_YET_VALID: 'tls-expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'tls-untrusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'tls-untrusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tls-untrusted',
  UNABLE_TO_GET_ISSUER_CERT: 'tls-untrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'tls-untrusted',
  CERT_UNTRUSTED: 'tls-untrusted',
  CERT_REVOKED: 'tls-untrusted',
  CERT_SIGNATURE_FAILURE: 'tls-untrusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'tls-hostname',
  HOSTNAME_MISMATCH: 'tls-hostname',
  EPROTO: 'tls-error',
};

interface Coded {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The innermost error code in an error and its causes. */
function codes(e: unknown): string[] {
  if (typeof e === 'string') return [e]; // tls: authorizationError is a bare code
  const out: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; depth < 4 && cur && typeof cur === 'object'; depth++) {
    const c = cur as Coded;
    if (typeof c.code === 'string') out.push(c.code);
    if (typeof c.name === 'string') out.push(c.name);
    cur = c.cause;
  }
  return out;
}

export interface Classified {
  readonly reason: FailureReason;
  readonly detail: string;
}

export function classify(e: unknown, timedOut = false): Classified {
  if (timedOut) return { reason: 'timeout', detail: 'no answer in time' };
  const all = codes(e);
  for (const code of all) {
    const reason = BY_CODE[code];
    if (reason) return { reason, detail: code };
    if (code.startsWith('HPE_')) return { reason: 'protocol', detail: `not HTTP (${code})` };
    if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_'))
      return { reason: 'tls-error', detail: code };
    if (code === 'TimeoutError') return { reason: 'timeout', detail: 'no answer in time' };
  }
  const message = e instanceof Error ? e.message : String(e);
  if (/other side closed|socket hang up/i.test(message)) return { reason: 'reset', detail: message };
  if (/wrong version number|handshake|ssl|tls/i.test(message))
    return { reason: 'tls-error', detail: message.slice(0, 200) };
  return { reason: 'error', detail: (all[0] ? `${all[0]}: ` : '') + message.slice(0, 200) };
}

/** `123ms`, `1.2s`. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}s`;
}

/** Milliseconds since `t0` (performance.now), rounded to 0.1 ms. */
export function since(t0: number): number {
  return Math.round((performance.now() - t0) * 10) / 10;
}

/**
 * The built-in proxy's options: plain values (the daemon derives them from `bascule.yaml`), their
 * defaults, and the frozen, complete form the other modules read.
 */
import { isHostPort, parseHostPort } from '../../model/schema-primitives.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/log.ts';
import type { Registry } from '../../platform/metrics.ts';
import type { Routing } from '../actuator.ts';
import type { PassiveEvidence, ServedEvent } from './evidence.ts';

/** Milliseconds. */
export interface ProxyTimeouts {
  /** To open a connection to a backend. */
  readonly connect: number;
  /** From the request sent to the backend's response headers. */
  readonly firstByte: number;
  /** A backend connection silent this long while a response streams (or idle in the pool) is closed. */
  readonly backendIdle: number;
  /** A client connection silent this long (between requests, or mid-request) is closed. */
  readonly clientIdle: number;
  /** A client must have sent its request line and headers within this (slowloris). */
  readonly headers: number;
  /** A client must have sent its whole request (headers and body) within this. */
  readonly request: number;
  /** A WebSocket (or other upgraded) tunnel silent this long both ways is closed. */
  readonly tunnelIdle: number;
}

/** Bytes, connections, attempts. */
export interface ProxyLimits {
  /** The request line and headers together (over it: 431); also the backend's response headers. */
  readonly headerBytes: number;
  /** A request body (over it: 413). */
  readonly bodyBytes: number;
  /** A retriable request's body is held up to this so it can be replayed on a standby. */
  readonly replayBytes: number;
  /** Client connections at once; more are closed at accept. */
  readonly connections: number;
  /** Connections to each backend at once (the keep-alive pool's size). */
  readonly backendConnections: number;
  /** Retries of one request (each on the next endpoint of the standby list). */
  readonly retries: number;
}

/** The token bucket retries draw from (retry-budget.ts). */
export interface RetryBudgetOptions {
  /** Tokens each request adds: 0.2 = at most 20 % extra load from retries. */
  readonly ratio: number;
  /** Tokens added per second whatever the traffic, so a dead primary at low traffic is still retried. */
  readonly perSecond: number;
  /** The bucket's size (it starts full): the burst of retries allowed at once. */
  readonly burst: number;
}

export interface ProxyOptions {
  /** The failover group this proxy serves. */
  readonly group: string;
  /** `host:port` to listen on (port 0: any free port). */
  readonly listen: string;
  /** Where the newest fence and routing applied are kept, so a restarted proxy resumes and refuses stale fences. */
  readonly stateFile: string;
  /** What to serve before anything is applied and when no state file exists (absent: 503 until an apply). */
  readonly initial?: Routing;
  /** TLS termination: PEM files, reloaded when they change. */
  readonly tls?: { readonly cert: string; readonly key: string };
  readonly timeouts?: Partial<ProxyTimeouts>;
  readonly limits?: Partial<ProxyLimits>;
  readonly retryBudget?: Partial<RetryBudgetOptions>;
  /** Passive evidence (a backend refused, reset, timed out, answered 502/503/504…); the proxy never switches on it. */
  readonly onEvidence?: (e: PassiveEvidence) => void;
  /** The first response of each endpoint after each routing change (absent: nothing is watched). */
  readonly onServed?: (e: ServedEvent) => void;
  readonly logger: Logger;
  readonly registry?: Registry;
  readonly clock?: Clock;
}

export const DEFAULT_TIMEOUTS: ProxyTimeouts = {
  connect: 1_000,
  firstByte: 30_000,
  backendIdle: 60_000,
  clientIdle: 60_000,
  headers: 10_000,
  request: 60_000,
  tunnelIdle: 600_000,
};

export const DEFAULT_LIMITS: ProxyLimits = {
  headerBytes: 16 * 1024,
  bodyBytes: 10 * 1024 * 1024,
  replayBytes: 1024 * 1024,
  connections: 10_000,
  backendConnections: 256,
  retries: 2,
};

export const DEFAULT_RETRY_BUDGET: RetryBudgetOptions = { ratio: 0.2, perSecond: 5, burst: 20 };

export interface ResolvedOptions {
  readonly group: string;
  readonly host: string;
  readonly port: number;
  readonly timeouts: ProxyTimeouts;
  readonly limits: ProxyLimits;
  readonly retryBudget: RetryBudgetOptions;
}

/** Completes and checks the options; a programming error (the schema validates what users write) throws. */
export function resolveOptions(o: ProxyOptions): ResolvedOptions {
  if (!isHostPort(o.listen)) throw new TypeError(`proxy listen: not host:port: ${o.listen}`);
  const timeouts = { ...DEFAULT_TIMEOUTS, ...o.timeouts };
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  const retryBudget = { ...DEFAULT_RETRY_BUDGET, ...o.retryBudget };
  for (const [k, v] of Object.entries({ ...timeouts, ...limits, ...retryBudget })) {
    if (!Number.isFinite(v) || v < 0) throw new TypeError(`proxy ${k}: not a positive number: ${v}`);
  }
  if (limits.replayBytes > limits.bodyBytes) throw new TypeError('proxy replayBytes: over bodyBytes');
  return Object.freeze({
    group: o.group,
    ...parseHostPort(o.listen),
    timeouts: Object.freeze(timeouts),
    limits: Object.freeze(limits),
    retryBudget: Object.freeze(retryBudget),
  });
}

/**
 * Passive evidence: what the proxy saw go wrong with a backend while carrying real traffic, named
 * as a reason. The caller (the failover stage) may weigh it; the proxy itself never switches on it.
 */

export const PASSIVE_REASONS = [
  'refused', // the backend's port refused the connection
  'unreachable', // no route to the backend's host
  'connect-timeout', // the connection did not open within timeouts.connect
  'reset', // the connection was reset or closed before a whole response head came
  'timeout', // no response head within timeouts.firstByte
  'garbage', // the backend answered with something that is not HTTP (or headers over the limit)
  'status', // the backend answered 502, 503 or 504
] as const;
export type PassiveReason = (typeof PASSIVE_REASONS)[number];

export interface PassiveEvidence {
  readonly group: string;
  readonly endpoint: string;
  readonly address: string;
  readonly reason: PassiveReason;
  /** The backend's status, for `status`. */
  readonly status?: number;
  /** Epoch milliseconds. */
  readonly at: number;
}

/**
 * The first response an endpoint served since the routing last changed (`onServed`): once per
 * endpoint and routing change, so a switch's "first request served by the new endpoint" is known
 * without watching every response.
 */
export interface ServedEvent {
  readonly group: string;
  readonly endpoint: string;
  readonly address: string;
  /** Epoch milliseconds, when its response head came. */
  readonly at: number;
}

/** The statuses a backend answers when it (or what is behind it) is failing: evidence, and retried. */
export const FAILING_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/**
 * The reason of a socket or parser error. `delivered`: whether the request may have reached the
 * backend (false only when no connection was ever opened, so anything may be sent again).
 */
export function classifyError(e: unknown, connected: boolean): { reason: PassiveReason; delivered: boolean } {
  const code = (e as { code?: unknown } | undefined)?.code;
  if (code === 'ECONNREFUSED') return { reason: 'refused', delivered: false };
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL')
    return { reason: 'unreachable', delivered: false };
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return { reason: 'connect-timeout', delivered: false };
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return { reason: 'timeout', delivered: true };
  const parser = (e as { name?: unknown } | undefined)?.name === 'HTTPParserError';
  if (parser || code === 'UND_ERR_HEADERS_OVERFLOW' || (typeof code === 'string' && code.startsWith('HPE_')))
    return { reason: 'garbage', delivered: true };
  return { reason: 'reset', delivered: connected };
}

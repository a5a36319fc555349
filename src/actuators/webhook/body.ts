/**
 * What the webhook receives for one change of a group's desired endpoint: a JSON body and the key a
 * receiver dedupes retries on. The key is the same for every attempt and every re-send of one
 * (group, fence, endpoint), so a change that was received but not acknowledged is not acted on twice.
 */
import type { Routing } from '../actuator.ts';

export interface FailoverChange {
  readonly version: 1;
  readonly source: 'bascule';
  /** Tells these posts from the alert webhook's (whose kinds are opened, worsened…). */
  readonly kind: 'failover';
  readonly group: string;
  readonly endpoint: string;
  readonly address: string;
  /** The endpoint it last told this receiver about, if any. */
  readonly previous?: string;
  readonly fence: number;
  /** Why the decision moved (down, failback, pin…), when the caller says. */
  readonly reason?: string;
  /** Epoch milliseconds: when the change was first sent. */
  readonly at: number;
  readonly idempotencyKey: string;
}

/** `api:1764000000123:gcp`: stable for one (group, fence, endpoint). */
export function idempotencyKey(group: string, fence: number, endpoint: string): string {
  return `${group}:${fence}:${endpoint}`;
}

/** The reason a caller may carry beside the routing (the port's Routing has none of its own). */
function reasonOf(routing: Routing): string | undefined {
  const reason = (routing as { readonly reason?: unknown }).reason;
  return typeof reason === 'string' && reason !== '' ? reason : undefined;
}

export function changeBody(
  routing: Routing,
  fence: number,
  at: number,
  previous: Routing | undefined,
): FailoverChange {
  const reason = reasonOf(routing);
  return {
    version: 1,
    source: 'bascule',
    kind: 'failover',
    group: routing.group,
    endpoint: routing.endpoint,
    address: routing.address,
    ...(previous ? { previous: previous.endpoint } : {}),
    fence,
    ...(reason !== undefined ? { reason } : {}),
    at,
    idempotencyKey: idempotencyKey(routing.group, fence, routing.endpoint),
  };
}

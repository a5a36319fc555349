/** The error registry's part (errors.ts) for the failover: its commands, its actuators, the built-in proxy's answers. */
import type { ErrorSpec } from './spec.ts';

export const FAILOVER_ERRORS = {
  BASCULE_E_FAILOVER_NOT_HEALTHY: {
    exit: 2,
    http: 409,
    doc: 'pin refused: the endpoint is not healthy by a healthy quorum (--force overrides, audited as forced).',
  },
  BASCULE_E_FAILOVER_DRAINED: {
    exit: 2,
    http: 409,
    doc: 'pin refused: the endpoint is drained (release first, or --force, which undrains it).',
  },
  BASCULE_E_FAILOVER_PINNED: {
    exit: 2,
    http: 409,
    doc: 'drain refused: the endpoint is pinned (release first).',
  },
  BASCULE_E_FAILOVER_ALREADY_DRAINED: {
    exit: 2,
    http: 409,
    doc: 'drain refused: the endpoint is already drained.',
  },
  BASCULE_E_FAILOVER_LAST_HEALTHY: {
    exit: 2,
    http: 409,
    doc: 'drain refused: no other healthy endpoint would be left in service (--force overrides, audited as forced).',
  },
  BASCULE_E_FAILOVER_NOTHING_TO_RELEASE: {
    exit: 2,
    http: 409,
    doc: 'release refused: the group has no pin and no drained endpoint.',
  },
  BASCULE_E_FAILOVER_NOT_LEADER: {
    exit: 3,
    http: 503,
    doc: 'The command could not be recorded: this node does not hold the failover lease (another node leads, or the store fails); retry.',
  },
  BASCULE_E_PROXY_NO_ROUTE: {
    exit: 3,
    http: 503,
    doc: 'The built-in proxy has no endpoint to send the request to yet (nothing applied, no state kept).',
  },
  BASCULE_E_PROXY_UNREACHABLE: {
    exit: 3,
    http: 502,
    doc: 'No endpoint of the failover group took the request (refused, unreachable, reset), retries included; reason: what happened last.',
  },
  BASCULE_E_PROXY_TIMEOUT: {
    exit: 3,
    http: 504,
    doc: 'The endpoint did not open a connection or answer within the proxy’s timeouts (connect, first byte), retries included.',
  },
  BASCULE_E_PROXY_BAD_RESPONSE: {
    exit: 3,
    http: 502,
    doc: 'The endpoint answered with something that is not HTTP, or with headers over the limit.',
  },
  BASCULE_E_PROXY_NOT_REPLAYED: {
    exit: 3,
    http: 502,
    doc: 'The endpoint failed after a non-idempotent request (a POST without Idempotency-Key) was sent to it: it may have taken effect, so the proxy did not send it again.',
  },
  BASCULE_E_PROXY_HEADERS_TOO_LARGE: {
    exit: 2,
    http: 431,
    doc: 'The request line and headers are over the proxy’s limit (limits.headerBytes, 16 KiB by default).',
  },
  BASCULE_E_PROXY_BODY_TOO_LARGE: {
    exit: 2,
    http: 413,
    doc: 'The request body is over the proxy’s limit (limits.bodyBytes, 10 MiB by default).',
  },
  BASCULE_E_PROXY_BAD_REQUEST: { exit: 2, http: 400, doc: 'The request is not valid HTTP/1.1.' },
  BASCULE_E_PROXY_REQUEST_TIMEOUT: {
    exit: 2,
    http: 408,
    doc: 'The client did not send its whole request within the proxy’s timeouts (headers, request).',
  },
} as const satisfies Record<string, ErrorSpec>;

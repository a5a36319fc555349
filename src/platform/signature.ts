/**
 * The signature of every POST Bascule sends to a user's webhook (alerts, failover changes), so one
 * verifier serves both: `X-Bascule-Timestamp: <unix seconds>` and, with a secret,
 * `X-Bascule-Signature: sha256=<hex>` where hex is HMAC-SHA256(secret, `${timestamp}.${rawBody}`).
 * Receivers recompute it over the raw body exactly as received, compare in constant time, and
 * reject timestamps more than a few minutes old (replays).
 */
import { createHmac } from 'node:crypto';

export const TIMESTAMP_HEADER = 'x-bascule-timestamp';
export const SIGNATURE_HEADER = 'x-bascule-signature';

/** The signature header value for a body sent at `timestamp` (unix seconds, as a string). */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The timestamp header and, when there is a secret, the signature of `body` sent at `nowMs`. */
export function signatureHeaders(body: string, nowMs: number, secret?: string): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  const headers: Record<string, string> = { [TIMESTAMP_HEADER]: timestamp };
  if (secret !== undefined) headers[SIGNATURE_HEADER] = signature(secret, timestamp, body);
  return headers;
}

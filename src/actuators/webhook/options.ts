/**
 * The webhook actuator's options: plain values (the daemon derives them from `failover.<id>.webhook`
 * and reads the secret), their defaults, and the complete form the other modules read.
 */
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/log.ts';

/** How a change is retried (milliseconds, attempts). */
export interface WebhookRetry {
  /** Attempts of one change at most, the first included. */
  readonly attempts: number;
  /** The wait after the first failed attempt; it doubles after each one. */
  readonly firstDelayMs: number;
  /** No wait is longer, a receiver's Retry-After included. */
  readonly maxDelayMs: number;
  /** All attempts of one change (and the waits between them) end within this. */
  readonly deadlineMs: number;
  /** One attempt (connect, send, response headers) ends within this. */
  readonly attemptTimeoutMs: number;
}

export interface WebhookOptions {
  /** The failover group this webhook is told about (`failover.<id>`). */
  readonly group: string;
  /** Where each change is POSTed (http or https; user:password in it is sent as basic authentication). */
  readonly url: string;
  /** The HMAC key (the secret's value, already read); absent: the POST is not signed. */
  readonly secret?: string;
  /** Where the newest fence and the routing applied are kept (`webhook-<group>.json`). */
  readonly stateDir: string;
  readonly retry?: Partial<WebhookRetry>;
  readonly logger?: Logger;
  readonly clock?: Clock;
}

export const DEFAULT_RETRY: WebhookRetry = {
  attempts: 5,
  firstDelayMs: 500,
  maxDelayMs: 8_000,
  deadlineMs: 30_000,
  attemptTimeoutMs: 5_000,
};

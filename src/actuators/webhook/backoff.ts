/**
 * How long to wait before the next attempt: the first delay doubling after each failure, or the
 * receiver's Retry-After (seconds or an HTTP date), never longer than the cap.
 */
import type { WebhookRetry } from './options.ts';

/** Milliseconds a Retry-After header asks for, undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait after failed attempt number `attempt` (1 for the first). */
export function delayAfter(attempt: number, retry: WebhookRetry, asked?: number): number {
  const doubled = retry.firstDelayMs * 2 ** Math.min(attempt - 1, 30);
  return Math.min(asked ?? doubled, retry.maxDelayMs);
}

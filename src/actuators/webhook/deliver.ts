/**
 * Delivering one change: attempts with backoff, bounded in count (`attempts`) and in time (every
 * attempt and wait ends within `deadlineMs`), stopped at once by the caller's signal. Every attempt
 * carries the same body and idempotency key, freshly timestamped and signed.
 */
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/log.ts';
import { signatureHeaders } from '../../platform/signature.ts';
import type { ApplyResult } from '../actuator.ts';
import { delayAfter } from './backoff.ts';
import type { WebhookRetry } from './options.ts';
import { type Attempt, postOnce, type Receiver } from './post-once.ts';

export interface Delivery {
  readonly to: Receiver;
  readonly body: string;
  readonly idempotencyKey: string;
  readonly secret?: string;
  readonly retry: WebhookRetry;
  readonly clock: Clock;
  readonly logger?: Logger;
  /** Logged with every failed attempt: group, fence, endpoint. */
  readonly context: Readonly<Record<string, unknown>>;
}

export type Delivered = { readonly ok: true } | Extract<ApplyResult, { ok: false }>;

export const ABORTED = { ok: false, reason: 'error', detail: 'aborted' } as const;

export async function deliver(d: Delivery, signal?: AbortSignal): Promise<Delivered> {
  const { retry, clock } = d;
  const deadline = clock.now() + retry.deadlineMs;
  let last: Extract<Attempt, { kind: 'retry' }> | undefined;
  let made = 0;
  for (;;) {
    const remaining = deadline - clock.now();
    if (remaining <= 0) break;
    made++;
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'bascule',
      'idempotency-key': d.idempotencyKey,
      ...signatureHeaders(d.body, clock.now(), d.secret),
    };
    const out = await postOnce(
      d.to,
      d.body,
      headers,
      Math.min(retry.attemptTimeoutMs, remaining),
      clock.now(),
      signal,
    );
    if (out.kind === 'delivered') return { ok: true };
    if (out.kind === 'aborted') return ABORTED;
    if (out.kind === 'rejected') {
      d.logger?.warn(
        { ...d.context, attempt: made, detail: out.detail },
        'failover webhook refused the change',
      );
      return { ok: false, reason: 'rejected', detail: out.detail };
    }
    last = out;
    if (made >= retry.attempts) break;
    const wait = delayAfter(made, retry, out.retryAfterMs);
    if (clock.now() + wait >= deadline) break;
    d.logger?.warn(
      { ...d.context, attempt: made, detail: out.detail, retryInMs: wait },
      'failover webhook attempt failed, retrying',
    );
    await clock.sleep(wait, signal); // an abort ends it, and the next attempt's fetch answers aborted
  }
  const detail = last
    ? `${last.detail} (${made} ${made === 1 ? 'attempt' : 'attempts'})`
    : `no attempt within ${retry.deadlineMs / 1000}s`;
  d.logger?.warn({ ...d.context, attempts: made, detail }, 'failover webhook failed');
  return { ok: false, reason: last?.reason ?? 'unreachable', detail };
}

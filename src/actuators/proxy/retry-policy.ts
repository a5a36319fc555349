/**
 * Which requests may be sent again, and how many retries the proxy may add: a token bucket that
 * each request fills by `ratio` (at most 20 % extra load), that time fills by `perSecond` (so a dead
 * primary at low traffic is still retried), capped at `burst`. A retry takes one token.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '../../platform/clock.ts';
import type { RetryBudgetOptions } from './options.ts';

const IDEMPOTENT: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** RFC 9110's idempotent methods, or a request carrying an Idempotency-Key. */
export function isIdempotent(method: string, headers: IncomingHttpHeaders): boolean {
  return IDEMPOTENT.has(method) || headers['idempotency-key'] !== undefined;
}

export class RetryBudget {
  private tokens: number;
  private last: number;

  constructor(
    private readonly clock: Clock,
    private readonly o: RetryBudgetOptions,
  ) {
    this.tokens = o.burst;
    this.last = clock.now();
  }

  /** A request came in: it earns the bucket `ratio` of a retry. */
  deposit(): void {
    this.tokens = Math.min(this.o.burst, this.tokens + this.o.ratio);
  }

  /** Takes a token if there is one: whether the retry may go. */
  withdraw(): boolean {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.o.burst, this.tokens + elapsed * this.o.perSecond);
    if (this.tokens < 1 - 1e-9) return false; // five deposits of 0.2 make a token, rounding aside
    this.tokens -= 1;
    return true;
  }

  /** Tokens left (metrics, tests). */
  get available(): number {
    return this.tokens;
  }
}

/**
 * The alert outbox's deliverer: what the router decided is queued in the store (with its
 * decision, in one transaction) and this sends it. An alert leaves the outbox only once its
 * channel accepted it, or when it expired (older than `maxAgeMs`: logged and counted); a failed
 * attempt is retried with backoff, with the same idempotency key; alerts of a channel leave in
 * the order they were queued (those behind one that failed wait for it); on start, everything a
 * previous run left is sent again at once. Every pass is bounded (`batch` items), and a stop
 * leaves what is not delivered in the outbox for the next start.
 */
import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/log.ts';
import type { OutboxItem, OutboxStore } from '../store/store.ts';
import type { Alert } from './alert.ts';

/** Waits after the 1st, 2nd… failed attempt; the last one repeats. */
export const OUTBOX_RETRY_DELAYS: readonly number[] = [1_000, 4_000, 15_000, 60_000, 300_000];
/** An alert not delivered within this time is dropped (logged, counted): 6 hours. */
export const OUTBOX_MAX_AGE_MS = 6 * 3600_000;
/** How often the outbox is looked at when nothing wakes it. */
const POLL_MS = 1_000;
/** Items taken per pass. */
const BATCH = 200;
/** `due` at start: everything, whenever its next attempt was planned. */
const EVERYTHING = Number.MAX_SAFE_INTEGER;

/** Sends one alert once: resolves when the channel accepted it, rejects with a secret-free Error. */
export type SendOnce = (channel: string, alert: Alert, signal: AbortSignal) => Promise<void>;

export interface AlertOutboxOptions {
  readonly store: OutboxStore;
  readonly send: SendOnce;
  readonly clock: Clock;
  readonly log?: Logger;
  readonly retryDelays?: readonly number[];
  readonly maxAgeMs?: number;
  /** Told of each alert dropped undelivered (the expiry policy, or a payload that is no alert). */
  readonly onExpired?: (channel: string, reason: 'max-age' | 'invalid') => void;
}

export class AlertOutbox {
  private readonly abort = new AbortController();
  private wake = new AbortController();
  private again = false;
  private loop: Promise<void> | undefined;
  /** Channels whose oldest alert failed: nothing of theirs goes before this time. */
  private readonly blocked = new Map<string, number>();
  private readonly delays: readonly number[];
  private readonly maxAgeMs: number;

  constructor(private readonly o: AlertOutboxOptions) {
    this.delays = o.retryDelays?.length ? o.retryDelays : OUTBOX_RETRY_DELAYS;
    this.maxAgeMs = o.maxAgeMs ?? OUTBOX_MAX_AGE_MS;
  }

  /** Starts delivering; the first pass sends again everything a previous run left. */
  start(): void {
    this.loop ??= this.run();
  }

  /** Something was queued: look now rather than at the next poll. */
  poke(): void {
    this.again = true;
    this.wake.abort();
  }

  /**
   * Keeps delivering for at most `drainMs` while alerts wait, then cancels what is in flight and
   * stops. What is not delivered stays in the outbox, sent at the next start.
   */
  async stop(drainMs: number): Promise<void> {
    const until = this.o.clock.now() + drainMs;
    while (this.loop && !this.abort.signal.aborted && this.o.clock.now() < until) {
      let left: number;
      try {
        left = await this.o.store.outboxSize();
      } catch {
        break; // the store is failing: what it holds is sent at the next start
      }
      if (left === 0) break;
      await this.o.clock.sleep(Math.min(100, Math.max(0, until - this.o.clock.now())));
    }
    this.abort.abort();
    this.wake.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    let at = EVERYTHING;
    while (!this.abort.signal.aborted) {
      let full = false;
      try {
        full = await this.pass(at);
      } catch (e) {
        // The store is failing: the alerts are still in it; the next poll tries again.
        this.o.log?.error({ error: messageOf(e) }, 'alert outbox unavailable; retrying');
      }
      if (this.abort.signal.aborted) return;
      if (!full && !this.again) {
        this.wake = new AbortController();
        await this.o.clock.sleep(POLL_MS, AbortSignal.any([this.wake.signal, this.abort.signal]));
      }
      this.again = false;
      at = -1; // from now on: what is due at the time of the pass
    }
  }

  /**
   * One bounded pass over the due alerts; true when it took a full batch and removed some (more
   * may be due: the next pass runs at once; a full batch of alerts that all wait does not spin).
   */
  private async pass(at: number): Promise<boolean> {
    const now = this.o.clock.now();
    const items = await this.o.store.due(at < 0 ? now : at, BATCH);
    const byChannel = new Map<string, OutboxItem[]>();
    for (const item of items) {
      const list = byChannel.get(item.channel) ?? [];
      list.push(item);
      byChannel.set(item.channel, list);
    }
    const removed = await Promise.all(
      [...byChannel].map(([channel, list]) => this.channel(channel, list, now)),
    );
    return items.length === BATCH && removed.some((n) => n > 0);
  }

  /** A channel's due alerts, in order; the first failure stops the channel until its retry. Returns how many left. */
  private async channel(channel: string, items: readonly OutboxItem[], now: number): Promise<number> {
    let removed = 0;
    if ((this.blocked.get(channel) ?? 0) > now) return removed;
    this.blocked.delete(channel);
    const log = this.o.log;
    for (const item of items) {
      if (this.abort.signal.aborted) return removed;
      const alert = alertOf(item.payload);
      const age = now - item.createdAt;
      if (!alert || age > this.maxAgeMs) {
        const reason = alert ? 'max-age' : 'invalid';
        await this.o.store.remove(channel, item.key);
        log?.warn(
          { channel, key: item.key, attempts: item.attempts, ageMs: age, reason, error: item.lastError },
          'alert dropped undelivered',
        );
        this.o.onExpired?.(channel, reason);
        removed++;
        continue;
      }
      try {
        await this.o.send(channel, alert, this.abort.signal);
      } catch (e) {
        // Cancelled by the stop: left as it is, sent at the next start.
        if (this.abort.signal.aborted) return removed;
        const attempts = item.attempts + 1;
        const nextAt = now + (this.delays[Math.min(attempts, this.delays.length) - 1] ?? POLL_MS);
        const error = messageOf(e);
        await this.o.store.markAttempt(channel, item.key, nextAt, error);
        await this.o.store.postpone(channel, nextAt);
        this.blocked.set(channel, nextAt);
        log?.warn(
          { channel, key: item.key, attempt: attempts, nextAt, error },
          'alert delivery failed, retrying',
        );
        return removed;
      }
      await this.o.store.remove(channel, item.key);
      log?.info({ channel, key: item.key, attempt: item.attempts + 1 }, 'alert sent');
      removed++;
    }
    return removed;
  }
}

/** An outbox payload back to an alert; undefined when it is not shaped like one. */
export function alertOf(payload: unknown): Alert | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const a = payload as Record<string, unknown>;
  for (const k of ['kind', 'service', 'criticality', 'incident', 'state', 'lang', 'title', 'text', 'key'])
    if (typeof a[k] !== 'string') return undefined;
  if (typeof a.since !== 'number' || typeof a.at !== 'number') return undefined;
  if (!Array.isArray(a.causes) || !a.causes.every((c) => typeof c === 'string')) return undefined;
  return payload as Alert;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

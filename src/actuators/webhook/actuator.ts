/**
 * The webhook actuator: tells a user's automation (a Route 53 or Cloudflare API call of their own)
 * each change of a failover group's desired endpoint, by a signed JSON POST with an idempotency
 * key, retried with backoff. It keeps the newest fence it applied in a state file, so that a stale
 * leader is refused also after a restart; `current` is what it last delivered, read from that file.
 * The same (endpoint, fence) again is not re-sent; a newer fence for the same endpoint is (the
 * receiver learns the new fence), reported `changed: false`.
 */
import { join } from 'node:path';
import { type Clock, systemClock } from '../../platform/clock.ts';
import type { Actuator, ApplyResult, Routing } from '../actuator.ts';
import { type KeptState, readState, writeState } from '../fence-file.ts';
import { changeBody, idempotencyKey } from './body.ts';
import { ABORTED, deliver } from './deliver.ts';
import { DEFAULT_RETRY, type WebhookOptions, type WebhookRetry } from './options.ts';
import { type Receiver, receiverOf } from './post-once.ts';

/** `ENOENT`, `EACCES`…, or the message of a state file that makes no sense (it holds no secret). */
function fileProblem(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' ? code : e instanceof Error ? e.message : String(e);
}

function retryOf(partial: Partial<WebhookRetry> | undefined): WebhookRetry {
  const r = { ...DEFAULT_RETRY, ...partial };
  return { ...r, attempts: Math.max(1, Math.floor(r.attempts)), deadlineMs: Math.max(1, r.deadlineMs) };
}

export class WebhookActuator implements Actuator {
  readonly kind = 'webhook';
  /** `<stateDir>/webhook-<group>.json`. */
  readonly stateFile: string;
  private readonly to: Receiver | string;
  private readonly retry: WebhookRetry;
  private readonly clock: Clock;
  /** Applies run one at a time, so the fence check and the state file agree. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: WebhookOptions) {
    this.stateFile = join(o.stateDir, `webhook-${o.group}.json`);
    this.to = receiverOf(o.url);
    this.retry = retryOf(o.retry);
    this.clock = o.clock ?? systemClock;
  }

  apply(routing: Routing, fence: number, signal?: AbortSignal): Promise<ApplyResult> {
    if (signal?.aborted) return Promise.resolve(ABORTED);
    const run = () => this.applyNow(routing, fence, signal);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return signal ? untilAborted(result, signal) : result;
  }

  async current(group: string): Promise<Routing | undefined> {
    if (group !== this.o.group) return undefined;
    try {
      return (await readState(this.stateFile, 'a webhook state'))?.routing;
    } catch {
      return undefined;
    }
  }

  private async applyNow(routing: Routing, fence: number, signal?: AbortSignal): Promise<ApplyResult> {
    try {
      return await this.applyChecked(routing, fence, signal);
    } catch (e) {
      return { ok: false, reason: 'error', detail: e instanceof Error ? e.message : String(e) };
    }
  }

  private async applyChecked(routing: Routing, fence: number, signal?: AbortSignal): Promise<ApplyResult> {
    if (signal?.aborted) return ABORTED;
    if (routing.group !== this.o.group)
      return { ok: false, reason: 'rejected', detail: `this webhook serves group ${this.o.group}` };
    if (!Number.isSafeInteger(fence) || fence < 0)
      return { ok: false, reason: 'error', detail: `fence ${fence} is not a whole number` };
    if (typeof this.to === 'string') return { ok: false, reason: 'error', detail: this.to };
    let kept: KeptState | undefined;
    try {
      kept = await readState(this.stateFile, 'a webhook state');
    } catch (e) {
      return { ok: false, reason: 'error', detail: `state file: ${fileProblem(e)}` };
    }
    if (kept && fence < kept.fence)
      return { ok: false, reason: 'stale-fence', detail: `fence ${fence} < ${kept.fence}` };
    const same = kept?.routing.endpoint === routing.endpoint && kept.routing.address === routing.address;
    if (same && kept?.fence === fence) return { ok: true, changed: false, fence };
    const key = idempotencyKey(routing.group, fence, routing.endpoint);
    const sent = await deliver(
      {
        to: this.to,
        body: JSON.stringify(changeBody(routing, fence, this.clock.now(), kept?.routing)),
        idempotencyKey: key,
        ...(this.o.secret !== undefined ? { secret: this.o.secret } : {}),
        retry: this.retry,
        clock: this.clock,
        ...(this.o.logger ? { logger: this.o.logger } : {}),
        context: { group: routing.group, fence, endpoint: routing.endpoint, receiver: this.to.origin },
      },
      signal,
    );
    if (!sent.ok) return sent;
    const applied = { group: routing.group, endpoint: routing.endpoint, address: routing.address };
    try {
      await writeState(this.stateFile, { fence, routing: applied });
    } catch (e) {
      // Delivered, but not kept: the next apply sends it again under the same key (the receiver dedupes).
      return {
        ok: false,
        reason: 'error',
        detail: `delivered, but the state file failed: ${fileProblem(e)}`,
      };
    }
    this.o.logger?.info(
      { group: routing.group, fence, endpoint: routing.endpoint, receiver: this.to.origin, changed: !same },
      'failover webhook delivered',
    );
    return { ok: true, changed: !same, fence };
  }
}

/** `p`, or the aborted result as soon as `signal` aborts (an apply still queued or in flight). */
function untilAborted(p: Promise<ApplyResult>, signal: AbortSignal): Promise<ApplyResult> {
  return new Promise((resolve) => {
    const onAbort = () => resolve(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then((r) => {
      signal.removeEventListener('abort', onAbort);
      resolve(r);
    });
  });
}

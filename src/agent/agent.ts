/**
 * A remote vantage point (`bascule agent`): fetches the checks assigned to it from the daemon, runs
 * them on its own schedule, and posts the results back with its token. Results wait in a bounded
 * buffer while the daemon is unreachable, and are sent when it answers again, in posts sized to
 * the limits the daemon gives; a result it refuses is quarantined (logged, counted, dropped) rather
 * than blocking the ones behind it. Each post says the agent's time (`sentAt`), so the daemon can
 * correct a clock that is off.
 */

import { BasculeError, fail } from '../errors.ts';
import { cleanDetail } from '../monitor/clean-text.ts';
import type { CompiledCheck } from '../monitor/compile.ts';
import { MAX_CHECK_ID, MAX_POST_BYTES, MAX_POST_OBSERVATIONS } from '../monitor/limits.ts';
import type { Observation, ProbeResult } from '../monitor/types.ts';
import { type Clock, every, systemClock } from '../platform/clock.ts';
import type { Logger } from '../platform/log.ts';
import { runProbe } from '../probes/registry.ts';
import { Scheduler } from '../probes/scheduler.ts';

export interface AgentOptions {
  readonly server: string;
  readonly vantage: string;
  readonly token: string;
  readonly log: Logger;
  readonly clock?: Clock;
  /** How often results are posted (default 1 s) and the checks re-fetched (default 60 s). */
  readonly postEveryMs?: number;
  readonly refreshEveryMs?: number;
  readonly probe?: (check: CompiledCheck, signal: AbortSignal) => Promise<ProbeResult>;
}

/** Results kept while the daemon is unreachable; beyond it the oldest are dropped. */
export const MAX_BUFFER = 100_000;
/** Posts in one round (one tick), and how long a round may last: a backlog drains, bounded. */
const ROUND_POSTS = 16;
const ROUND_MS = 5_000;
/** Room kept in a body for `{"sentAt":…,"observations":[…]}` around the results. */
const ENVELOPE_BYTES = 64;

/** What the daemon says one post may carry (GET /checks `limits`); an older daemon says nothing. */
interface Limits {
  readonly maxBodyBytes: number;
  readonly maxObservations: number;
}
const DEFAULT_LIMITS: Limits = { maxBodyBytes: MAX_POST_BYTES, maxObservations: MAX_POST_OBSERVATIONS };

/** The daemon's answer to a post (older daemons send neither `rejected` nor `late`). */
interface Accepted {
  readonly accepted?: number;
  readonly late?: number;
  readonly clockOffsetMs?: number;
  readonly rejected?: readonly { readonly index: number; readonly reason: string; readonly field?: string }[];
}

export class Agent {
  private scheduler: Scheduler | undefined;
  private checksKey = '';
  private buffer: Observation[] = [];
  private timers: (() => void)[] = [];
  private posting = false;
  private limits: Limits = DEFAULT_LIMITS;
  /** Current post sizes: bytes halved on a 413 (until the next refresh), count halved on a 400 (doubled back after a success). */
  private maxBytes = DEFAULT_LIMITS.maxBodyBytes;
  private maxCount = DEFAULT_LIMITS.maxObservations;
  /** Results dropped because the buffer was full. */
  dropped = 0;
  /** Results the daemon refused as invalid (or that it could never take): logged, counted, dropped. */
  quarantined = 0;

  constructor(private readonly o: AgentOptions) {}

  private get clock(): Clock {
    return this.o.clock ?? systemClock;
  }

  private url(path: string): string {
    return `${this.o.server.replace(/\/$/, '')}${path}?vantage=${encodeURIComponent(this.o.vantage)}`;
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.o.token}`, 'content-type': 'application/json' };
  }

  /** Fetches the assigned checks; restarts the schedule when they changed. Rejects on a bad token. */
  async refresh(): Promise<number> {
    const res = await fetch(this.url('/api/v1/agent/checks'), {
      headers: this.headers(),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) {
      await res.body?.cancel();
      throw fail('BASCULE_E_AGENT_REFUSED', {
        server: this.o.server,
        status: res.status,
        vantage: this.o.vantage,
      });
    }
    const { checks, limits } = (await res.json()) as { checks: CompiledCheck[]; limits?: Partial<Limits> };
    this.setLimits(limits);
    const key = JSON.stringify(checks);
    if (key !== this.checksKey) {
      this.checksKey = key;
      await this.scheduler?.stop();
      this.scheduler = new Scheduler(checks, {
        vantage: this.o.vantage,
        clock: this.clock,
        run: this.o.probe ?? ((c, signal) => runProbe(c, signal)),
        onResult: (obs) => this.keep(obs),
      });
      this.scheduler.start();
      this.o.log.info({ checks: checks.length }, 'checks assigned');
    }
    return checks.length;
  }

  private setLimits(told: Partial<Limits> | undefined): void {
    const positive = (n: unknown, fallback: number) =>
      typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : fallback;
    this.limits = {
      maxBodyBytes: positive(told?.maxBodyBytes, DEFAULT_LIMITS.maxBodyBytes),
      maxObservations: positive(told?.maxObservations, DEFAULT_LIMITS.maxObservations),
    };
    // Re-learnt at each refresh: a lower limit met on the way (a proxy's 413) costs one 413 a refresh.
    this.maxBytes = this.limits.maxBodyBytes;
    this.maxCount = this.limits.maxObservations;
  }

  /** Results waiting to be posted. */
  buffered(): number {
    return this.buffer.length;
  }

  private keep(obs: Observation): void {
    if (obs.check.length > MAX_CHECK_ID) {
      this.quarantine(obs, 'check-id-too-long');
      return;
    }
    this.buffer.push(obs.detail === undefined ? obs : { ...obs, detail: cleanDetail(obs.detail) });
    if (this.buffer.length > MAX_BUFFER) {
      const over = this.buffer.length - MAX_BUFFER;
      this.buffer.splice(0, over);
      this.dropped += over;
    }
  }

  /** A result the daemon will never take: said in the log, counted, dropped. */
  private quarantine(obs: Observation, why: string, field?: string): void {
    this.quarantined++;
    this.o.log.warn(
      { check: obs.check.slice(0, MAX_CHECK_ID), at: obs.at, why, field, quarantined: this.quarantined },
      'result quarantined: the daemon refuses it',
    );
  }

  /** The oldest results that fit in one post, serialized: at most maxCount, at most maxBytes. */
  private nextBatch(): { readonly parts: string[] } {
    const parts: string[] = [];
    let bytes = ENVELOPE_BYTES;
    const count = Math.min(this.maxCount, this.buffer.length);
    for (let i = 0; i < count; i++) {
      const { vantage: _v, ...o } = this.buffer[i]!;
      const part = JSON.stringify(o);
      const size = Buffer.byteLength(part) + 1;
      if (parts.length > 0 && bytes + size > this.maxBytes) break;
      parts.push(part);
      bytes += size;
    }
    return { parts };
  }

  /**
   * Posts buffered results, oldest first, as many posts as the backlog needs (bounded per round).
   * Kept when the daemon does not take them (unreachable, 5xx, a refused token); a body too large
   * (413) is split; a result refused as invalid is quarantined, never resent.
   */
  async post(): Promise<void> {
    if (this.posting) return;
    this.posting = true;
    const until = this.clock.now() + ROUND_MS;
    try {
      for (let n = 0; n < ROUND_POSTS && this.buffer.length > 0 && this.clock.now() <= until; n++) {
        if (!(await this.postOnce())) break;
      }
    } finally {
      this.posting = false;
    }
  }

  /** One post; true when the round may go on (something was settled or the next post is smaller). */
  private async postOnce(): Promise<boolean> {
    const { parts } = this.nextBatch();
    const batch = this.buffer.slice(0, parts.length);
    const body = `{"sentAt":${this.clock.now()},"observations":[${parts.join(',')}]}`;
    let res: Response;
    try {
      res = await fetch(this.url('/api/v1/agent/observations'), {
        method: 'POST',
        headers: this.headers(),
        body,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (e) {
      this.o.log.warn(
        { err: (e as Error).message, buffered: this.buffer.length },
        'daemon unreachable; results kept',
      );
      return false;
    }
    if (res.ok) {
      const answer = ((await res.json().catch(() => ({}))) ?? {}) as Accepted;
      this.buffer.splice(0, batch.length);
      for (const r of answer.rejected ?? []) {
        const obs = batch[r.index];
        if (obs) this.quarantine(obs, r.reason, r.field);
      }
      if (answer.late) this.o.log.info({ late: answer.late }, 'late results stored as history only');
      this.maxCount = Math.min(this.limits.maxObservations, this.maxCount * 2);
      return true;
    }
    const text = (await res.text().catch(() => '')).slice(0, 200);
    if (res.status === 413 || res.status === 400) {
      if (batch.length > 1) {
        // Too large for this daemon, or refused whole by an older one: smaller posts isolate the cause.
        if (res.status === 413) this.maxBytes = Math.max(1, Math.floor(Buffer.byteLength(body) / 2));
        else this.maxCount = Math.ceil(batch.length / 2);
        this.o.log.warn({ status: res.status, results: batch.length }, 'post refused; splitting it');
        return true;
      }
      this.buffer.splice(0, 1);
      this.quarantine(batch[0]!, res.status === 413 ? 'too-large' : 'invalid', text);
      return true;
    }
    this.o.log.warn(
      { status: res.status, body: text, buffered: this.buffer.length },
      'results refused; kept',
    );
    return false;
  }

  async start(): Promise<void> {
    await this.refresh();
    const clock = this.clock;
    const step = (fn: () => Promise<unknown>) => () =>
      fn().catch((e: unknown) => {
        const params = e instanceof BasculeError ? { params: e.diagnostics[0]?.params } : {};
        this.o.log.warn({ err: (e as Error).message, ...params }, 'agent step failed');
      });
    this.timers.push(
      every(
        clock,
        this.o.postEveryMs ?? 1000,
        step(() => this.post()),
      ),
      every(
        clock,
        this.o.refreshEveryMs ?? 60_000,
        step(() => this.refresh()),
      ),
    );
  }

  async stop(): Promise<void> {
    for (const stop of this.timers) stop();
    this.timers = [];
    await this.scheduler?.stop();
    await this.post();
  }
}

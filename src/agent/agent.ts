/**
 * A remote vantage point (`bascule agent`): fetches the checks assigned to it from the daemon, runs
 * them on its own schedule, and posts the results back with its token. Results wait in a bounded
 * buffer while the daemon is unreachable, and are sent when it answers again.
 */

import { BasculeError, fail } from '../errors.ts';
import type { CompiledCheck } from '../monitor/compile.ts';
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
const MAX_POST = 5_000;

export class Agent {
  private scheduler: Scheduler | undefined;
  private checksKey = '';
  private buffer: Observation[] = [];
  private timers: (() => void)[] = [];
  private posting = false;
  dropped = 0;

  constructor(private readonly o: AgentOptions) {}

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
    const { checks } = (await res.json()) as { checks: CompiledCheck[] };
    const key = JSON.stringify(checks);
    if (key !== this.checksKey) {
      this.checksKey = key;
      await this.scheduler?.stop();
      this.scheduler = new Scheduler(checks, {
        vantage: this.o.vantage,
        clock: this.o.clock ?? systemClock,
        run: this.o.probe ?? ((c, signal) => runProbe(c, signal)),
        onResult: (obs) => this.keep(obs),
      });
      this.scheduler.start();
      this.o.log.info({ checks: checks.length }, 'checks assigned');
    }
    return checks.length;
  }

  private keep(obs: Observation): void {
    this.buffer.push(obs);
    if (this.buffer.length > MAX_BUFFER) {
      const over = this.buffer.length - MAX_BUFFER;
      this.buffer.splice(0, over);
      this.dropped += over;
    }
  }

  /** Posts buffered results; keeps them when the daemon does not take them. */
  async post(): Promise<void> {
    if (this.posting || this.buffer.length === 0) return;
    this.posting = true;
    const batch = this.buffer.slice(0, MAX_POST);
    try {
      const res = await fetch(this.url('/api/v1/agent/observations'), {
        method: 'POST',
        headers: this.headers(),
        body: JSON.stringify({
          observations: batch.map(({ vantage: _v, ...o }) => o),
        }),
        signal: AbortSignal.timeout(10_000),
      });
      if (res.ok) this.buffer.splice(0, batch.length);
      else this.o.log.warn({ status: res.status, body: (await res.text()).slice(0, 200) }, 'results refused');
    } catch (e) {
      this.o.log.warn(
        { err: (e as Error).message, buffered: this.buffer.length },
        'daemon unreachable; results kept',
      );
    } finally {
      this.posting = false;
    }
  }

  async start(): Promise<void> {
    await this.refresh();
    const clock = this.o.clock ?? systemClock;
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

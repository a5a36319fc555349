/**
 * One actuator of one failover group: applies the newest desired routing with its fence, one apply
 * at a time; a failed apply is retried with backoff (0.5 s doubling to 30 s) until it takes or a
 * newer routing replaces it, and each failure is reported (metrics, an alert the first time in a
 * row). `reconcile` re-applies the desired routing when the target says it routes elsewhere (drift,
 * or a target restarted empty); a target that already routes as desired is not called at all.
 */
import type { Actuator, ApplyFailure, ApplyResult, Routing } from '../../actuators/actuator.ts';
import type { Clock, TimerHandle } from '../../platform/clock.ts';

/** Waits between attempts of a failed apply. */
export function applyDelay(attempt: number): number {
  return Math.min(30_000, 500 * 2 ** Math.min(attempt - 1, 6));
}

/** One apply ends within this (the webhook's own retries end within 30 s). */
const APPLY_TIMEOUT_MS = 35_000;

export interface ApplierEvents {
  /** The routing took (changed or not), at `at`. */
  applied(kind: string, routing: Routing, result: Extract<ApplyResult, { ok: true }>, at: number): void;
  /** It failed; `first`: the first failure since it last took. */
  failed(
    kind: string,
    routing: Routing,
    reason: ApplyFailure,
    detail: string | undefined,
    first: boolean,
  ): void;
}

/** Whether `actual` routes as `wanted`: the endpoint and address, and for a retrying proxy its standby list. */
export function routesAs(actual: Routing | undefined, wanted: Routing, withStandby: boolean): boolean {
  if (actual === undefined) return false;
  if (actual.endpoint !== wanted.endpoint || actual.address !== wanted.address) return false;
  if (!withStandby) return true;
  const a = actual.standby ?? [];
  const b = wanted.standby ?? [];
  return (
    a.length === b.length && a.every((s, i) => s.endpoint === b[i]!.endpoint && s.address === b[i]!.address)
  );
}

export class Applier {
  private wanted: { routing: Routing; fence: number } | undefined;
  private running: Promise<void> | undefined;
  private timer: TimerHandle | undefined;
  private attempt = 0;
  private closed = false;
  private readonly stopping = new AbortController();

  constructor(
    readonly actuator: Actuator,
    private readonly clock: Clock,
    private readonly events: ApplierEvents,
  ) {}

  get kind(): string {
    return this.actuator.kind;
  }

  /** Whether the proxy's standby list is part of what it routes. */
  private get withStandby(): boolean {
    return this.actuator.kind === 'proxy';
  }

  /** Applies `routing` at `fence` (replacing whatever waits), unless the target already routes so. */
  async set(routing: Routing, fence: number, force = false): Promise<void> {
    this.wanted = { routing, fence };
    if (!force && routesAs(await this.current(routing.group), routing, this.withStandby)) {
      this.attempt = 0;
      return;
    }
    this.kick();
    await this.running;
  }

  /** Re-applies the desired routing if the target routes otherwise (and nothing is under way). */
  async reconcile(): Promise<void> {
    const w = this.wanted;
    if (!w || this.running || this.timer !== undefined) return;
    if (routesAs(await this.current(w.routing.group), w.routing, this.withStandby)) return;
    this.kick();
  }

  private async current(group: string): Promise<Routing | undefined> {
    try {
      return await this.actuator.current(group);
    } catch {
      return undefined;
    }
  }

  private kick(): void {
    if (this.closed) return;
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
  }

  private async run(): Promise<void> {
    for (;;) {
      const w = this.wanted;
      if (!w || this.closed) return;
      const timeout = AbortSignal.timeout(APPLY_TIMEOUT_MS);
      const signal = AbortSignal.any([timeout, this.stopping.signal]);
      let r: ApplyResult;
      try {
        r = await this.actuator.apply(w.routing, w.fence, signal);
      } catch (e) {
        r = { ok: false, reason: 'error', detail: e instanceof Error ? e.message : String(e) };
      }
      if (this.closed) return;
      if (r.ok) {
        this.attempt = 0;
        this.events.applied(this.kind, w.routing, r, this.clock.now());
        if (this.wanted === w) return;
        continue; // a newer routing came meanwhile
      }
      this.attempt++;
      this.events.failed(this.kind, w.routing, r.reason, r.detail, this.attempt === 1);
      if (this.wanted !== w) continue;
      this.timer = this.clock.setTimeout(() => {
        this.timer = undefined;
        this.kick();
      }, applyDelay(this.attempt));
      return;
    }
  }

  /** Stops retrying; an apply under way is aborted. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.stopping.abort();
    await this.running;
  }
}

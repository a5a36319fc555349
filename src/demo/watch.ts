/**
 * The demo's eyes: every 200 ms it asks the daemon (operator API) for the status, the failover
 * group and the latest incidents, and the built-in DNS for the failover name, and turns what
 * changed since the last look into events: a probe that failed, a check DOWN or UP again, a switch
 * record (once every actuator confirmed it and the new endpoint answered, or 3 s after it
 * appeared), an incident opened or resolved, the DNS answering another address. The first look is
 * the baseline: what was already there is not told.
 */
import { Resolver } from 'node:dns/promises';
import type { Incident } from '../monitor/types.ts';
import type { GroupJson, OperatorApi, SwitchRecord } from './operator-api.ts';

export const POLL_MS = 200;
/** How long a switch record may wait for its confirmations before it is told as it is. */
const COMPLETE_WITHIN_MS = 3_000;
/** The actuators the demo's group has: a record is complete once each confirmed. */
const ACTUATORS = ['proxy', 'dns'] as const;

export type DemoEvent =
  | {
      readonly type: 'probe-failed';
      readonly check: string;
      readonly vantage: string;
      readonly reason: string;
      readonly detail: string | null;
      readonly at: number;
    }
  | { readonly type: 'check'; readonly check: string; readonly state: string; readonly at: number }
  | { readonly type: 'switch'; readonly record: SwitchRecord }
  | { readonly type: 'incident-opened'; readonly incident: Incident }
  | { readonly type: 'incident-resolved'; readonly incident: Incident }
  | {
      readonly type: 'dns';
      readonly addresses: readonly string[];
      readonly ttl: number;
      readonly at: number;
    };

export interface WatchOptions {
  readonly api: OperatorApi;
  readonly group: string;
  readonly service: string;
  /** The built-in DNS (`host`, `port`) and the name to ask it. */
  readonly dns: { readonly host: string; readonly port: number; readonly name: string };
  readonly onEvent: (e: DemoEvent) => void;
  readonly now?: () => number;
}

interface Waiter {
  readonly test: () => boolean;
  readonly done: (ok: boolean) => void;
}

const complete = (r: SwitchRecord) =>
  r.firstServedAt !== undefined && ACTUATORS.every((a) => r.confirmed[a] !== undefined);

export class Watch {
  /** The group as last seen. */
  group: GroupJson | undefined;
  private readonly now: () => number;
  private readonly resolver = new Resolver({ timeout: 1_000, tries: 1 });
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private baseline = true;
  private readonly checks = new Map<string, string>();
  /** check/vantage → the reason of its last failed probe (absent while it succeeds). */
  private readonly failing = new Map<string, string>();
  /** Switch ids told, and those seen but waiting for their confirmations (since when). */
  private readonly told = new Set<string>();
  private readonly pending = new Map<string, number>();
  private readonly incidents = new Map<string, boolean>();
  private answer = '';
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly o: WatchOptions) {
    this.now = o.now ?? Date.now;
    this.resolver.setServers([`${o.dns.host}:${o.dns.port}`]);
  }

  /** The first look (the baseline), then one every POLL_MS until stop(). */
  async start(): Promise<void> {
    await this.tick();
    this.baseline = false;
    this.schedule();
  }

  /** Resolves true once `test` holds after a look, false past `ms` or when `signal` aborts. */
  until(test: () => boolean, ms: number, signal: AbortSignal): Promise<boolean> {
    if (test()) return Promise.resolve(true);
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', aborted);
        this.waiters.delete(waiter);
        resolve(ok);
      };
      const aborted = () => finish(false);
      const waiter: Waiter = { test, done: finish };
      const timer = setTimeout(() => finish(false), ms);
      signal.addEventListener('abort', aborted, { once: true });
      this.waiters.add(waiter);
    });
  }

  /** The health of an endpoint as last seen (`up`, `down`, `unknown`). */
  health(endpoint: string): string | undefined {
    return this.group?.endpoints.find((e) => e.name === endpoint)?.health;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    for (const w of [...this.waiters]) w.done(false);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => this.schedule());
    }, POLL_MS);
  }

  private async tick(): Promise<void> {
    const { api, group, service } = this.o;
    const [status, g, incidents, dns] = await Promise.allSettled([
      api.status(),
      api.group(group),
      api.incidents(service),
      this.resolver.resolve4(`${this.o.dns.name}.`, { ttl: true }),
    ]);
    if (this.stopped) return;
    if (status.status === 'fulfilled') this.lookAtChecks(status.value.checks);
    if (g.status === 'fulfilled') {
      this.group = g.value;
      this.lookAtSwitches(g.value.switches);
    }
    if (incidents.status === 'fulfilled') this.lookAtIncidents(incidents.value);
    if (dns.status === 'fulfilled') this.lookAtDns(dns.value);
    for (const w of [...this.waiters]) if (w.test()) w.done(true);
  }

  private emit(e: DemoEvent): void {
    if (!this.baseline) this.o.onEvent(e);
  }

  private lookAtChecks(checks: Awaited<ReturnType<OperatorApi['status']>>['checks']): void {
    for (const c of checks) {
      for (const v of c.vantages) {
        const key = `${c.id}/${v.id}`;
        const was = this.failing.get(key);
        if (v.reason === null) this.failing.delete(key);
        else if (was === undefined) {
          this.failing.set(key, v.reason);
          this.emit({
            type: 'probe-failed',
            check: c.id,
            vantage: v.id,
            reason: v.reason,
            detail: c.detail,
            at: v.lastAt ? Date.parse(v.lastAt) : this.now(),
          });
        }
      }
      const before = this.checks.get(c.id);
      this.checks.set(c.id, c.state);
      if (before !== undefined && before !== c.state && (c.state === 'DOWN' || c.state === 'UP')) {
        const last = Math.max(0, ...c.vantages.map((v) => (v.lastAt ? Date.parse(v.lastAt) : 0)));
        this.emit({ type: 'check', check: c.id, state: c.state, at: last || this.now() });
      }
    }
  }

  private lookAtSwitches(records: readonly SwitchRecord[]): void {
    // Oldest first, so that two switches between two looks are told in their order.
    for (const r of [...records].reverse()) {
      if (this.told.has(r.id)) continue;
      if (this.baseline) {
        this.told.add(r.id);
        continue;
      }
      const since = this.pending.get(r.id) ?? this.now();
      if (complete(r) || this.now() - since >= COMPLETE_WITHIN_MS) {
        this.pending.delete(r.id);
        this.told.add(r.id);
        this.emit({ type: 'switch', record: r });
      } else this.pending.set(r.id, since);
    }
  }

  private lookAtIncidents(incidents: readonly Incident[]): void {
    for (const i of [...incidents].reverse()) {
      const closed = i.closedAt !== undefined && i.closedAt !== null;
      const was = this.incidents.get(i.id);
      this.incidents.set(i.id, closed);
      if (was === undefined && !closed) this.emit({ type: 'incident-opened', incident: i });
      else if (was === false && closed) this.emit({ type: 'incident-resolved', incident: i });
      else if (was === undefined && closed && !this.baseline) {
        // Opened and resolved between two looks.
        this.emit({ type: 'incident-opened', incident: i });
        this.emit({ type: 'incident-resolved', incident: i });
      }
    }
  }

  private lookAtDns(records: readonly { address: string; ttl: number }[]): void {
    const addresses = records.map((r) => r.address).sort();
    const answer = addresses.join(',');
    if (answer === this.answer) return;
    this.answer = answer;
    this.emit({ type: 'dns', addresses, ttl: Math.min(...records.map((r) => r.ttl)), at: this.now() });
  }

  /** What the DNS answered at the last look. */
  dnsAnswer(): string {
    return this.answer;
  }

  /** Whether a switch from `from` to `to` decided at or after `since` has been told. */
  switched(from: string, to: string, since: number): SwitchRecord | undefined {
    return this.group?.switches.find(
      (r) => r.from === from && r.to === to && r.decidedAt >= since && this.told.has(r.id),
    );
  }
}

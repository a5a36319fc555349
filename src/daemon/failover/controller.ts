/**
 * The failover controller of the daemon: for each group it builds the decision's input from the
 * monitor's check states and the proxy's passive evidence, runs the pure decision, and when the
 * state changes records it through the Coordinator (propose, with the lease's fence) before any
 * actuator is told; then every actuator of the group applies the routing with that fence (retried
 * with backoff, reconciled when it drifts). Switches are stored as records with their timings,
 * manual commands in the audit trail. Called one step at a time by the failover stage (the
 * pipeline serialises it); it never throws for an actuator or a lost lease: the next step retries.
 */
import type { Actuator, Routing } from '../../actuators/actuator.ts';
import type { PassiveEvidence, ServedEvent } from '../../actuators/proxy/evidence.ts';
import type { Coordinator, Leadership } from '../../cluster/coordinator.ts';
import { type Command, type CommandRefusal, drain, pin, release } from '../../failover/commands.ts';
import { type DecisionEvent, decide } from '../../failover/decision.ts';
import { observeGroup } from '../../failover/health.ts';
import type { GroupSpec } from '../../failover/spec.ts';
import { type DecisionState, initialState, isDrained, parseState, routingOf } from '../../failover/state.ts';
import type { CheckView } from '../../monitor/quorum.ts';
import type { Transition } from '../../monitor/types.ts';
import type { FailoverNotice } from '../../notify/failover-alerts.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/log.ts';
import type { AuditRecord, FailoverStore, ObservationStore, SwitchRecord } from '../../store/store.ts';
import { Applier } from './applier.ts';
import type { FailoverMetrics } from './metrics.ts';

/** What the Coordinator keeps: each group's decision state. */
export type FailoverDesired = Readonly<Record<string, DecisionState>>;

export interface FailoverGroup {
  readonly spec: GroupSpec;
  /** The service it protects (alerts name it). */
  readonly service: string;
  readonly actuators: readonly Actuator[];
}

/** Passive failures on one endpoint within this window… */
export const PASSIVE_WINDOW_MS = 2_000;
/** …at least this many of them make it failing for the decision. */
export const PASSIVE_THRESHOLD = 3;
/** The lease is renewed once less than this is left of it. */
const RENEW_BEFORE_MS = 6_000;
/** Switch records kept in memory per group (the store keeps them all). */
const RECENT = 20;

export interface ControllerOptions {
  readonly groups: readonly FailoverGroup[];
  readonly coordinator: Coordinator<FailoverDesired>;
  readonly view: (check: string) => CheckView | undefined;
  readonly quorumOf?: (check: string) => number | undefined;
  readonly store: FailoverStore & Pick<ObservationStore, 'observations'>;
  readonly clock: Clock;
  readonly log: Logger;
  readonly metrics: FailoverMetrics;
  /** Told the active endpoint of each group after each decision (the built-in DNS's TTL follows it). */
  readonly activeIs?: (group: string, check: string, now: number) => void;
  /** Told each switch record as it is saved (the live feed): decided, confirmed, first served. */
  readonly onSwitch?: (record: SwitchRecord) => void;
}

export type CommandAnswer =
  | { readonly ok: true; readonly audit: AuditRecord }
  | { readonly ok: false; readonly refused: CommandRefusal | 'unknown-group' | 'not-leader' };

interface GroupRun {
  readonly g: FailoverGroup;
  state: DecisionState;
  readonly appliers: Applier[];
  /** The routing last handed to the appliers. */
  routing: Routing | undefined;
  readonly passive: Map<string, number[]>;
  readonly recent: SwitchRecord[];
}

export class FailoverController {
  private readonly runs = new Map<string, GroupRun>();
  private lead: Leadership | undefined;
  private fence = 0;
  private notices: FailoverNotice[] = [];
  /** When each check last went DOWN (its transition), for switch records. */
  private readonly downAt = new Map<string, number>();
  private readonly saving = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(private readonly o: ControllerOptions) {}

  get groups(): readonly FailoverGroup[] {
    return this.o.groups;
  }

  /** Restores each group's state from the Coordinator, takes the lease, and reconciles the actuators. */
  async start(): Promise<void> {
    const now = this.o.clock.now();
    const desired = (await this.o.coordinator.desired()) ?? {};
    for (const g of this.o.groups) {
      const kept = parseState(desired[g.spec.id]);
      const state = kept && kept.group === g.spec.id ? kept : initialState(g.spec, now);
      const run: GroupRun = {
        g,
        state,
        appliers: [],
        routing: undefined,
        passive: new Map(),
        recent: [],
      };
      for (const a of g.actuators) run.appliers.push(this.applier(run, a));
      run.recent.push(...(await this.o.store.switches({ group: g.spec.id, limit: RECENT }).catch(() => [])));
      this.runs.set(g.spec.id, run);
      this.gauge(run);
    }
    await this.leads(now);
    for (const run of this.runs.values()) await this.route(run, true);
  }

  private applier(run: GroupRun, a: Actuator): Applier {
    const group = run.g.spec.id;
    return new Applier(a, this.o.clock, {
      applied: (kind, routing, r, at) => {
        const rec = run.recent[0];
        if (rec && r.changed && rec.to === routing.endpoint && rec.confirmed[kind] === undefined)
          this.update(rec.id, run, (x) => ({ ...x, confirmed: { ...x.confirmed, [kind]: at } }));
      },
      failed: (kind, routing, reason, detail, first) => {
        this.o.metrics.actuatorFailures.inc({ group, actuator: kind, reason });
        this.o.log.error(
          { group, actuator: kind, reason, detail, endpoint: routing.endpoint },
          'failover apply failed',
        );
        if (first)
          this.notices.push({
            kind: 'actuator-failed',
            group,
            service: run.g.service,
            actuator: kind,
            reason,
            endpoint: routing.endpoint,
            at: this.o.clock.now(),
          });
      },
    });
  }

  /** Notices (switches, all-down, actuator failures) since the last call: the stage publishes them. */
  takeNotices(): FailoverNotice[] {
    const out = this.notices;
    this.notices = [];
    return out;
  }

  /** Passive evidence from a proxy: counted per endpoint, within a short window. */
  evidence(e: PassiveEvidence): void {
    const run = this.runs.get(e.group);
    if (!run) return;
    const list = run.passive.get(e.endpoint) ?? [];
    list.push(e.at);
    while (list.length > 0 && list[0]! < e.at - PASSIVE_WINDOW_MS) list.shift();
    if (list.length > 50) list.splice(0, list.length - 50);
    run.passive.set(e.endpoint, list);
  }

  private failing(run: GroupRun, now: number): string[] {
    const out: string[] = [];
    for (const [endpoint, list] of run.passive) {
      const fresh = list.filter((at) => at >= now - PASSIVE_WINDOW_MS);
      run.passive.set(endpoint, fresh);
      if (fresh.length >= PASSIVE_THRESHOLD) out.push(endpoint);
    }
    return out;
  }

  noteTransitions(batch: readonly Transition[]): void {
    // A check that leaves DOWN ends that outage: a later passive switch must not date its detection
    // from it (it showed as "DOWN 9 s before the kill" on a second outage).
    for (const t of batch) {
      if (t.type !== 'check') continue;
      if (t.to === 'DOWN') this.downAt.set(t.id, t.at);
      else this.downAt.delete(t.id);
    }
  }

  /** Decides every group again (on transitions, and on the tick for minHold, failback and evidence). */
  async evaluate(now: number): Promise<void> {
    if (this.stopped) return;
    for (const run of this.runs.values()) {
      const health = observeGroup(run.g.spec, this.o.view, this.o.quorumOf);
      const d = decide(run.g.spec, run.state, { now, health, passive: this.failing(run, now) });
      await this.adopt(run, d.state, d.events, now);
      const active = run.g.spec.endpoints.find((e) => e.name === run.state.active);
      if (active) this.o.activeIs?.(run.g.spec.id, active.check, now);
    }
  }

  /** Renews the lease when it runs short, and repairs actuators that drifted. */
  async maintain(now: number, reconcile: boolean): Promise<void> {
    if (this.stopped) return;
    await this.leads(now);
    if (!reconcile || !this.lead?.leader) return;
    for (const run of this.runs.values()) for (const a of run.appliers) await a.reconcile();
  }

  private async leads(now: number): Promise<boolean> {
    if (this.lead?.leader && now < this.lead.until - RENEW_BEFORE_MS) return true;
    try {
      this.lead = await this.o.coordinator.campaign();
    } catch (e) {
      this.o.log.error({ err: e }, 'failover: the coordinator failed');
      this.lead = undefined;
      return false;
    }
    if (this.lead.leader) this.fence = this.lead.fence;
    return this.lead.leader;
  }

  /** Records `next` through the Coordinator, then acts on it; false when this node may not. */
  private async adopt(run: GroupRun, next: DecisionState, events: readonly DecisionEvent[], now: number) {
    if (JSON.stringify(next) === JSON.stringify(run.state)) return true;
    if (!(await this.leads(now))) return false;
    const desired: Record<string, DecisionState> = {};
    for (const [id, r] of this.runs) desired[id] = r === run ? next : r.state;
    let p: Awaited<ReturnType<Coordinator<FailoverDesired>['propose']>>;
    try {
      p = await this.o.coordinator.propose(desired, this.fence);
    } catch (e) {
      this.o.log.error({ err: e }, 'failover: the coordinator failed');
      p = { ok: false, reason: 'not-leader' };
    }
    if (!p.ok) {
      this.lead = undefined;
      this.o.log.warn({ group: run.g.spec.id, reason: p.reason }, 'failover: decision not recorded; retried');
      return false;
    }
    this.fence = p.fence;
    this.lead = { leader: true, holder: this.o.coordinator.node, fence: p.fence, until: p.until };
    run.state = next;
    this.gauge(run);
    for (const e of events) this.said(run, e, now);
    await this.route(run, false);
    return true;
  }

  private said(run: GroupRun, e: DecisionEvent, now: number): void {
    const group = run.g.spec.id;
    const service = run.g.service;
    if (e.type === 'switched') {
      this.o.metrics.switches.inc({ group, reason: e.reason });
      this.o.log.warn({ group, from: e.from, to: e.to, reason: e.reason }, 'failover switched');
      this.notices.push({
        kind: 'switched',
        group,
        service,
        from: e.from,
        to: e.to,
        reason: e.reason,
        at: e.at,
      });
      this.record(run, e, now);
    } else if (e.type === 'all-down') {
      this.o.log.error({ group, active: e.active }, 'failover: no endpoint is healthy; traffic stays');
      this.notices.push({ kind: 'all-down', group, service, active: e.active, at: e.at });
    } else if (e.type === 'recovered') {
      this.notices.push({ kind: 'recovered', group, service, endpoint: e.endpoint, at: e.at });
    } else {
      this.o.log.info({ group, ...e }, `failover: ${e.type}`);
    }
  }

  /** The routing of a group's state for the actuators: the active endpoint, and where a proxy retries. */
  routingOf(run: GroupRun): Routing {
    const { spec } = run.g;
    const base = routingOf(spec, run.state);
    const standby = spec.endpoints
      .filter(
        (e) =>
          e.name !== base.endpoint &&
          !isDrained(run.state, e.name) &&
          run.state.endpoints[e.name]?.health !== 'down',
      )
      .map((e) => ({ endpoint: e.name, address: e.address }));
    return { ...base, standby };
  }

  /** Hands the routing to the appliers when it changed (at start: each checks its target first). */
  private async route(run: GroupRun, atStart: boolean): Promise<void> {
    const routing = this.routingOf(run);
    const same = run.routing !== undefined && JSON.stringify(run.routing) === JSON.stringify(routing);
    if (same && !atStart) return;
    run.routing = routing;
    if (!this.lead?.leader) return;
    const fence = this.fence;
    for (const a of run.appliers) {
      // Not awaited: a slow target (a webhook retrying) must not hold the pipeline.
      void a.set(routing, fence).catch((e) => this.o.log.error({ err: e }, 'failover apply crashed'));
    }
  }

  private gauge(run: GroupRun): void {
    for (const e of run.g.spec.endpoints)
      this.o.metrics.active.set(
        { group: run.g.spec.id, endpoint: e.name },
        e.name === run.state.active ? 1 : 0,
      );
  }

  // Switch records.

  private record(run: GroupRun, e: Extract<DecisionEvent, { type: 'switched' }>, now: number): void {
    const from = run.g.spec.endpoints.find((x) => x.name === e.from);
    const down = from ? this.downAt.get(from.check) : undefined;
    const passive = run.passive.get(e.from)?.[0];
    const rec: SwitchRecord = {
      id: `${run.g.spec.id}@${now}`,
      group: run.g.spec.id,
      from: e.from,
      to: e.to,
      reason: e.reason,
      fence: this.fence,
      ...(down !== undefined && (e.reason === 'down' || e.reason === 'passive') && now - down < 600_000
        ? { downAt: down }
        : {}),
      ...(e.reason === 'passive' && passive !== undefined ? { firstFailureAt: passive } : {}),
      decidedAt: now,
      confirmed: {},
    };
    run.recent.unshift(rec);
    run.recent.splice(RECENT);
    this.save(rec);
    if (from && (e.reason === 'down' || e.reason === 'passive'))
      void this.firstFailure(run, rec.id, from.check, now);
  }

  /** The first failed probe of the run of failures that ended in the switch, from the stored observations. */
  private async firstFailure(run: GroupRun, id: string, check: string, until: number): Promise<void> {
    try {
      const seen = await this.o.store.observations(check, until - 120_000, { limit: 5_000 });
      let first: number | undefined;
      for (const o of seen) {
        if (o.at > until) break;
        if (o.ok) first = undefined;
        else first ??= o.at;
      }
      if (first !== undefined)
        this.update(id, run, (x) => ({
          ...x,
          firstFailureAt: x.firstFailureAt !== undefined ? Math.min(x.firstFailureAt, first) : first,
        }));
    } catch (e) {
      this.o.log.warn({ err: e }, 'failover: observations unreadable for the switch record');
    }
  }

  /**
   * The proxy's first response of an endpoint since its routing changed: the first request served
   * by the new endpoint of the group's latest switch, when it came after the decision.
   */
  served(e: ServedEvent): void {
    const run = this.runs.get(e.group);
    const rec = run?.recent[0];
    if (!run || !rec || rec.to !== e.endpoint || rec.firstServedAt !== undefined || e.at < rec.decidedAt)
      return;
    this.update(rec.id, run, (x) => {
      const from = x.firstFailureAt ?? x.downAt ?? x.decidedAt;
      this.o.metrics.switchSeconds.observe({ group: e.group }, Math.max(0, e.at - from) / 1000);
      return { ...x, firstServedAt: e.at };
    });
  }

  /** Changes a record (in memory and in the store), one change at a time per record. */
  private update(id: string, run: GroupRun, fn: (r: SwitchRecord) => SwitchRecord): void {
    const i = run.recent.findIndex((r) => r.id === id);
    if (i < 0) return;
    run.recent[i] = fn(run.recent[i]!);
    this.save(run.recent[i]!);
  }

  private save(rec: SwitchRecord): void {
    try {
      this.o.onSwitch?.(rec);
    } catch (e) {
      this.o.log.error({ err: e }, 'failover: switch record not published');
    }
    const before = this.saving.get(rec.id) ?? Promise.resolve();
    const next = before
      .then(() => this.o.store.saveSwitch(rec))
      .catch((e) => this.o.log.error({ err: e }, 'failover: switch record not saved'));
    this.saving.set(rec.id, next);
    void next.finally(() => {
      if (this.saving.get(rec.id) === next) this.saving.delete(rec.id);
    });
  }

  // Manual control.

  async command(
    group: string,
    action: 'pin' | 'drain' | 'release',
    endpoint: string | null,
    cmd: Command,
  ): Promise<CommandAnswer> {
    const run = this.runs.get(group);
    if (!run) return { ok: false, refused: 'unknown-group' };
    const spec = run.g.spec;
    const r =
      action === 'release'
        ? release(spec, run.state, cmd)
        : action === 'pin'
          ? pin(spec, run.state, endpoint ?? '', cmd)
          : drain(spec, run.state, endpoint ?? '', cmd);
    const entry = (outcome: string, to: string): AuditRecord => ({
      group,
      action,
      endpoint,
      who: cmd.who,
      at: cmd.at,
      why: cmd.why,
      from: run.state.active,
      to,
      forced: cmd.force === true,
      outcome,
    });
    if (!r.ok) {
      await this.o.store.appendAudit(entry(r.refused, run.state.active));
      return { ok: false, refused: r.refused };
    }
    const audit = entry('ok', r.state.active);
    if (!(await this.adopt(run, r.state, r.events, cmd.at))) {
      await this.o.store.appendAudit({ ...audit, to: run.state.active, outcome: 'not-leader' });
      return { ok: false, refused: 'not-leader' };
    }
    await this.o.store.appendAudit(audit);
    this.o.log.warn({ ...audit }, 'failover command');
    return { ok: true, audit };
  }

  // What the API shows.

  view(group: string) {
    const run = this.runs.get(group);
    if (!run) return undefined;
    const s = run.state;
    const now = this.o.clock.now();
    const failing = new Set(this.failing(run, now));
    return {
      group,
      service: run.g.service,
      active: s.active,
      activeSince: s.activeSince,
      lastSwitch: s.lastSwitch,
      pin: s.pin,
      drained: s.drained,
      allDown: s.allDown,
      blocked: s.blocked,
      policy: run.g.spec.policy,
      leader: this.lead?.leader === true,
      fence: this.fence,
      actuators: run.g.actuators.map((a) => a.kind),
      endpoints: run.g.spec.endpoints.map((e) => ({
        name: e.name,
        address: e.address,
        check: e.check,
        health: s.endpoints[e.name]?.health ?? 'unknown',
        quorumHealthy: s.endpoints[e.name]?.quorumHealthy ?? false,
        healthySince: s.endpoints[e.name]?.healthySince ?? null,
        drained: isDrained(s, e.name),
        passive: failing.has(e.name),
        active: e.name === s.active,
      })),
      switches: [...run.recent],
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const run of this.runs.values()) for (const a of run.appliers) await a.close();
    await Promise.all([...this.saving.values()]);
  }
}

export type FailoverView = NonNullable<ReturnType<FailoverController['view']>>;

/**
 * The monitor: observations in, state transitions out. Keeps every vantage point's view of every
 * check, combines them by quorum, and derives component and service health through the map. Pure
 * (time is passed in); the daemon feeds it and persists what it returns.
 */
import type { Graph } from '../analysis/graph.ts';
import type { CompiledCheck } from './compile.ts';
import { type Health, LiveHealth, worse } from './health.ts';
import { type CheckView, combine, defaultStaleAfter } from './quorum.ts';
import type { Observation, State, SubjectType, Transition, TransitionReason } from './types.ts';
import { INITIAL, observe, type VantageState } from './vantage-state.ts';

export interface MonitorSnapshot {
  readonly version: 1;
  /** When it was taken (epoch ms): a restart replays the observations stored after it. */
  readonly at?: number;
  /** check → vantage → state */
  readonly vantages: Record<string, Record<string, VantageState>>;
  readonly checks: Record<string, State>;
  readonly components: Record<string, State>;
  readonly services: Record<string, State>;
}

export class Monitor {
  private readonly checks: ReadonlyMap<string, CompiledCheck>;
  private readonly vantages = new Map<string, Map<string, VantageState>>();
  private readonly views = new Map<string, CheckView>();
  /** check → the time its view next changes by itself (a reporting vantage point going stale). */
  private readonly staleAt = new Map<string, number>();
  /** subject → the time of its last transition: times never go back for one subject. */
  private readonly changedAt = new Map<string, number>();
  /** component or service → the checks that watch it directly */
  private readonly watchers = new Map<string, CompiledCheck[]>();
  private readonly health: LiveHealth;

  constructor(
    graph: Graph,
    checks: readonly CompiledCheck[],
    private readonly staleAfterMs?: number,
  ) {
    this.checks = new Map(checks.map((c) => [c.id, c]));
    for (const c of checks) {
      const target = c.component ?? c.service;
      if (target === undefined) continue;
      const list = this.watchers.get(target);
      if (list) list.push(c);
      else this.watchers.set(target, [c]);
    }
    this.health = new LiveHealth(graph);
    this.health.update();
  }

  /**
   * Takes a batch of observations; returns what changed state (checks, components, services).
   * A change is stamped with the time of the result that made it, not the time it was processed:
   * the same results give the same times, hence the same incident ids, on any node and however
   * they were batched (a change the batch's results do not explain, staleness, is stamped `now`).
   */
  ingest(batch: readonly Observation[], now: number): Transition[] {
    const touched = new Set<string>();
    /** check → the time of the result that last changed its state in this batch */
    const stamps = new Map<string, number>();
    /** check → its state as the batch's results go, result after result (only once one flips) */
    const running = new Map<string, State>();
    for (const o of batch) {
      const check = this.checks.get(o.check);
      if (!check?.from.includes(o.vantage)) continue; // not ours, or not from a vantage it runs on
      let byVantage = this.vantages.get(o.check);
      if (!byVantage) {
        byVantage = new Map();
        this.vantages.set(o.check, byVantage);
      }
      const before = byVantage.get(o.vantage) ?? INITIAL;
      const after = observe(before, o, o.at, check);
      byVantage.set(o.vantage, after);
      touched.add(o.check);
      // Only a vantage point changing its mind (rare) can change the check's: then see if it did.
      if (after.state === before.state && after.last.warning === before.last.warning) continue;
      const was = running.get(o.check) ?? this.views.get(o.check)?.state ?? 'UNKNOWN';
      const is = combine(check, byVantage, o.at, this.staleAfter(check)).state;
      running.set(o.check, is);
      if (is !== was) stamps.set(o.check, o.at);
    }
    return this.reevaluate(touched, now, stamps);
  }

  /**
   * Re-evaluates the checks whose vantage points went stale since, e.g. once a second. Only those:
   * between observations a view changes only by staleness, so a tick costs little at 50,000 checks.
   * A change is stamped with the time the vantage point went stale.
   */
  tick(now: number): Transition[] {
    const due = new Map<string, number>();
    for (const [id, at] of this.staleAt) if (at <= now) due.set(id, at);
    return this.reevaluate(due.keys(), now, due);
  }

  private staleAfter(check: CompiledCheck): number {
    return this.staleAfterMs ?? defaultStaleAfter(check);
  }

  private view(check: CompiledCheck, now: number): CheckView {
    const states = this.vantages.get(check.id);
    const staleAfter = this.staleAfter(check);
    let next = Number.POSITIVE_INFINITY;
    if (states) {
      for (const s of states.values()) {
        const at = s.lastAt + staleAfter + 1;
        if (s.lastAt > 0 && at > now && at < next) next = at;
      }
    }
    if (next === Number.POSITIVE_INFINITY) this.staleAt.delete(check.id);
    else this.staleAt.set(check.id, next);
    return combine(check, states ?? new Map(), now, staleAfter);
  }

  /** When a subject changed: its stamp, never later than now nor earlier than its last change. */
  private stampOf(id: string, stamp: number, now: number): number {
    const at = Math.min(now, Math.max(stamp, this.changedAt.get(id) ?? 0));
    this.changedAt.set(id, at);
    return at;
  }

  private reevaluate(ids: Iterable<string>, now: number, stamps: ReadonlyMap<string, number>): Transition[] {
    const out: Transition[] = [];
    const targets = new Set<string>();
    let latest = 0;
    for (const id of ids) {
      const check = this.checks.get(id)!;
      const before = this.views.get(id)?.state ?? 'UNKNOWN';
      const view = this.view(check, now);
      this.views.set(id, view);
      if (view.state !== before) {
        const at = this.stampOf(id, stamps.get(id) ?? now, now);
        latest = Math.max(latest, at);
        out.push(transition(at, 'check', id, before, view.state, describe(view)));
        const target = check.component ?? check.service;
        if (target !== undefined) targets.add(target);
      }
    }
    if (out.length > 0) out.push(...this.rederive(targets, latest, now));
    return out;
  }

  /**
   * Components and services again, after the checks of `targets` changed; what changed is stamped
   * `at` (the latest check change), foundations first so a timeline reads cause before effect.
   */
  private rederive(targets: Iterable<string>, at: number, now: number): Transition[] {
    for (const target of targets) {
      let s: State = 'UNKNOWN';
      for (const c of this.watchers.get(target) ?? []) s = worse(s, this.views.get(c.id)?.state ?? 'UNKNOWN');
      this.health.setOwn(target, s);
    }
    return this.health.update().map(({ type, id, from, to }) => {
      const cause = this.health.causes.get(id);
      return transition(
        this.stampOf(id, at, now),
        type,
        id,
        from,
        to,
        cause ? { code: 'dependency', via: cause } : undefined,
      );
    });
  }

  checkView(id: string): CheckView | undefined {
    return this.views.get(id);
  }

  checkIds(): string[] {
    return [...this.checks.keys()];
  }

  current(): Health {
    return this.health;
  }

  snapshot(at?: number): MonitorSnapshot {
    const vantages: MonitorSnapshot['vantages'] = {};
    for (const [check, m] of this.vantages) vantages[check] = Object.fromEntries(m);
    return {
      version: 1,
      ...(at !== undefined ? { at } : {}),
      vantages,
      checks: Object.fromEntries([...this.views].map(([id, v]) => [id, v.state])),
      components: Object.fromEntries(this.health.components),
      services: Object.fromEntries(this.health.services),
    };
  }

  /**
   * Resumes from a snapshot: vantage points keep their counters, so a restart neither forgets a
   * DOWN nor invents one. Checks and vantage points no longer in the map are dropped.
   */
  restore(s: MonitorSnapshot, now: number): void {
    if (s.version !== 1) return;
    for (const [check, byVantage] of Object.entries(s.vantages)) {
      const c = this.checks.get(check);
      if (!c) continue;
      const m = new Map<string, VantageState>();
      for (const [v, st] of Object.entries(byVantage)) if (c.from.includes(v)) m.set(v, st);
      this.vantages.set(check, m);
    }
    for (const [id, check] of this.checks) this.views.set(id, this.view(check, now));
    for (const [id, st] of Object.entries(s.components)) this.health.setDerived(id, st);
    for (const [id, st] of Object.entries(s.services)) this.health.setDerived(id, st);
    // The restored states are the baseline: no transitions are reported for them.
    this.rederive(this.watchers.keys(), now, now);
  }
}

function transition(
  at: number,
  type: SubjectType,
  id: string,
  from: State,
  to: State,
  reason?: TransitionReason,
): Transition {
  return { at, type, id, from, to, ...(reason ? { reason } : {}) };
}

/** Why a check is DOWN or DEGRADED: `{ code: 'check-failed', reason: 'timeout', detail: '2s', down: 2, reporting: 3 }`. */
function describe(v: CheckView): TransitionReason | undefined {
  if (v.state === 'UP' || v.state === 'UNKNOWN') return undefined;
  if (v.reason === undefined) return v.warning ? { code: 'check-warning', warning: v.warning } : undefined;
  const detail = v.detail ? { detail: v.detail } : {};
  return { code: 'check-failed', reason: v.reason, ...detail, down: v.down, reporting: v.reporting };
}

/**
 * The failover decision, pure: the group, its state, the endpoints' health by quorum, the proxy's
 * passive evidence and the time in; the new state, the desired routing and what happened out. No
 * I/O, no clock: the daemon's stage calls it on every change of health and on a tick.
 *
 * The rules (docs/failover.md):
 * - the active endpoint is the most preferred healthy one (up by a quorum that is itself healthy);
 *   traffic never moves to an endpoint that is not healthy;
 * - an active endpoint the quorum sees DOWN is left at once for the most preferred healthy one;
 *   when none is healthy the last active one is kept and `all-down` is said, once;
 * - a switch needs a healthy quorum: a DOWN seen by too few vantage points (the others stale) is
 *   `refused`;
 * - the proxy's passive evidence (failures it saw on the active endpoint) can hasten a switch away,
 *   to an endpoint the quorum sees healthy, never to one it does not;
 * - `minHold` between switches holds back those the rules only prefer (failback, passive evidence),
 *   never one away from an endpoint the quorum sees DOWN;
 * - failback to a more preferred endpoint after `failbackAfter` of continuous health, or only by
 *   hand (`failback: manual`);
 * - a pin holds traffic where the operator put it: a switch the rules want is `refused` (pinned);
 *   a drained endpoint gets traffic only when no other endpoint is healthy.
 * Events about a switch that does not happen (held, refused) and all-down are said when they start,
 * not at every call, so deciding again with the same health says nothing.
 */
import type { GroupSpec } from './spec.ts';
import {
  type Blocked,
  candidates,
  type DecisionState,
  type DesiredRouting,
  type EndpointRecord,
  type Health,
  isDrained,
  isHealthy,
  routingOf,
  type SwitchReason,
  UNOBSERVED,
} from './state.ts';

export type { SwitchReason } from './state.ts';

/** One endpoint as the monitor sees it: its check's state by quorum (see health.ts). */
export interface EndpointObservation {
  readonly health: Health;
  readonly quorumHealthy: boolean;
}

export interface DecisionInput {
  readonly now: number;
  /** By endpoint name; an endpoint missing is unknown, by an unhealthy quorum. */
  readonly health: Readonly<Record<string, EndpointObservation>>;
  /** Endpoints the proxy sees failing now (refused, reset, timeouts, 502/503/504 past its own threshold). */
  readonly passive?: readonly string[];
}

export type RefusalReason = 'quorum-stale' | 'pinned';

export type DecisionEvent =
  | {
      readonly type: 'switched';
      readonly at: number;
      readonly from: string;
      readonly to: string;
      readonly reason: SwitchReason;
    }
  /** No endpoint is healthy: traffic stays on `active`. An alarm. */
  | { readonly type: 'all-down'; readonly at: number; readonly active: string }
  /** After all-down: `endpoint` is healthy and has the traffic. */
  | { readonly type: 'recovered'; readonly at: number; readonly endpoint: string }
  | {
      readonly type: 'held-by-minHold';
      readonly at: number;
      readonly from: string;
      readonly to: string;
      readonly until: number;
      readonly wanted: SwitchReason;
    }
  | {
      readonly type: 'refused';
      readonly at: number;
      readonly from: string;
      readonly to: string;
      readonly reason: RefusalReason;
      /** The reason of the switch refused. */
      readonly wanted: SwitchReason;
    };

export interface Decision {
  readonly state: DecisionState;
  readonly routing: DesiredRouting;
  readonly events: readonly DecisionEvent[];
}

type Want =
  | { readonly kind: 'switch'; readonly to: string; readonly reason: SwitchReason; readonly forced: boolean }
  | {
      readonly kind: 'refuse';
      readonly to: string;
      readonly reason: RefusalReason;
      readonly wanted: SwitchReason;
    }
  | { readonly kind: 'all-down' }
  | undefined;

/** Each endpoint's record after this observation: health, and since when it has been healthy. */
function record(spec: GroupSpec, state: DecisionState, input: DecisionInput): Record<string, EndpointRecord> {
  const out: Record<string, EndpointRecord> = {};
  for (const { name } of spec.endpoints) {
    const seen = input.health[name];
    const before = state.endpoints[name] ?? UNOBSERVED;
    const healthy =
      seen !== undefined && seen.health === 'up' && seen.quorumHealthy && !input.passive?.includes(name);
    out[name] = {
      health: seen?.health ?? 'unknown',
      quorumHealthy: seen?.quorumHealthy ?? false,
      healthySince: healthy ? (before.healthySince ?? input.now) : null,
    };
  }
  return out;
}

/** What the rules want, pins and minHold aside. */
function wanted(spec: GroupSpec, state: DecisionState, input: DecisionInput): Want {
  const names = spec.endpoints.map((e) => e.name);
  const open = candidates(spec, state);
  const best = open[0];
  if (!names.includes(state.active))
    return { kind: 'switch', to: best ?? names[0]!, reason: 'config', forced: true };
  const active = state.endpoints[state.active]!;
  if (active.health === 'down') {
    if (!active.quorumHealthy)
      return { kind: 'refuse', to: best ?? state.active, reason: 'quorum-stale', wanted: 'down' };
    if (best !== undefined) return { kind: 'switch', to: best, reason: 'down', forced: true };
    const unsure = names.find((n) => n !== state.active && state.endpoints[n]!.health === 'up');
    if (unsure !== undefined) return { kind: 'refuse', to: unsure, reason: 'quorum-stale', wanted: 'down' };
    return { kind: 'all-down' };
  }
  const other = open.find((n) => n !== state.active);
  if (other !== undefined && isDrained(state, state.active))
    return { kind: 'switch', to: other, reason: 'drain', forced: true };
  if (other !== undefined && input.passive?.includes(state.active))
    return { kind: 'switch', to: other, reason: 'passive', forced: false };
  if (best === undefined || best === state.active) return undefined;
  const preferred = names.indexOf(best) < names.indexOf(state.active);
  const since = state.endpoints[best]!.healthySince;
  if (
    preferred &&
    spec.policy.failback === 'auto' &&
    since !== null &&
    input.now - since >= spec.policy.failbackAfterMs
  )
    return { kind: 'switch', to: best, reason: 'failback', forced: false };
  return undefined;
}

function sameBlock(a: Blocked | null, b: Blocked | null): boolean {
  return (
    a === b ||
    (a !== null &&
      b !== null &&
      a.event === b.event &&
      a.reason === b.reason &&
      a.to === b.to &&
      a.wanted === b.wanted)
  );
}

export function decide(spec: GroupSpec, previous: DecisionState, input: DecisionInput): Decision {
  const now = input.now;
  const names = new Set(spec.endpoints.map((e) => e.name));
  // Holds on endpoints the map no longer has are dropped.
  let state: DecisionState = {
    ...previous,
    pin: previous.pin && names.has(previous.pin.endpoint) ? previous.pin : null,
    drained: previous.drained.filter((d) => names.has(d.endpoint)),
  };
  state = { ...state, endpoints: record(spec, state, input) };
  const events: DecisionEvent[] = [];
  const want = wanted(spec, state, input);
  let blocked: Blocked | null = null;
  const from = state.active;
  if (want?.kind === 'switch') {
    const until = (state.lastSwitch ?? Number.NEGATIVE_INFINITY) + spec.policy.minHoldMs;
    if (state.pin && want.reason !== 'config') {
      blocked = { event: 'refused', reason: 'pinned', to: want.to, wanted: want.reason };
      if (!sameBlock(blocked, previous.blocked))
        events.push({ type: 'refused', at: now, from, to: want.to, reason: 'pinned', wanted: want.reason });
    } else if (!want.forced && now < until) {
      blocked = { event: 'held-by-minHold', reason: 'minHold', to: want.to, wanted: want.reason };
      if (!sameBlock(blocked, previous.blocked))
        events.push({ type: 'held-by-minHold', at: now, from, to: want.to, until, wanted: want.reason });
    } else {
      state = {
        ...state,
        active: want.to,
        activeSince: now,
        lastSwitch: now,
        pin: want.reason === 'config' ? null : state.pin,
      };
      events.push({ type: 'switched', at: now, from, to: want.to, reason: want.reason });
    }
  } else if (want?.kind === 'refuse') {
    blocked = { event: 'refused', reason: want.reason, to: want.to, wanted: want.wanted };
    if (!sameBlock(blocked, previous.blocked))
      events.push({ type: 'refused', at: now, from, to: want.to, reason: want.reason, wanted: want.wanted });
  }
  let allDown = state.allDown;
  if (want?.kind === 'all-down') {
    if (!allDown) events.push({ type: 'all-down', at: now, active: state.active });
    allDown = true;
  } else if (allDown && isHealthy(state.endpoints[state.active])) {
    events.push({ type: 'recovered', at: now, endpoint: state.active });
    allDown = false;
  }
  state = { ...state, allDown, blocked };
  return { state, routing: routingOf(spec, state), events };
}

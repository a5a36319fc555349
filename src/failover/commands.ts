/**
 * Manual control, pure: pin, drain and release return the new state and the audit entry (who, when,
 * why, from, to), or a refusal. In the spirit of Route 53 ARC's safety rules, a command never leaves
 * zero endpoints in service: draining the last healthy endpoint is refused, and so is pinning to
 * one that is not healthy, unless the operator forces it (an emergency override, audited as such).
 */
import type { DecisionEvent } from './decision.ts';
import type { GroupSpec } from './spec.ts';
import {
  type DecisionState,
  type DesiredRouting,
  type Hold,
  isDrained,
  isHealthy,
  routingOf,
} from './state.ts';

export interface Command {
  /** Who asked (the operator token's holder, a CLI user): never empty. */
  readonly who: string;
  /** Why (`--reason`): never empty. */
  readonly why: string;
  readonly at: number;
  /** Overrides the safety rules (pin to an endpoint that is not healthy; drain the last healthy one). */
  readonly force?: boolean;
}

export type CommandAction = 'pin' | 'drain' | 'release';

export interface AuditEntry {
  readonly action: CommandAction;
  readonly group: string;
  /** The endpoint pinned or drained (none for release). */
  readonly endpoint: string | null;
  readonly who: string;
  readonly at: number;
  readonly why: string;
  /** The active endpoint before and after. */
  readonly from: string;
  readonly to: string;
  readonly forced: boolean;
}

export const COMMAND_REFUSALS = [
  'no-reason', // who or why is empty
  'unknown-endpoint', // the group has no endpoint of that name
  'not-healthy', // pin: the endpoint is not healthy by quorum (force overrides)
  'drained', // pin: the endpoint is drained (force overrides, and undrains it)
  'pinned', // drain: the endpoint is pinned (release first)
  'already-drained', // drain: nothing to do
  'last-healthy', // drain: no other healthy endpoint would be left in service (force overrides)
  'nothing-to-release', // release: no pin and no drain
] as const;
export type CommandRefusal = (typeof COMMAND_REFUSALS)[number];

export type CommandResult =
  | {
      readonly ok: true;
      readonly state: DecisionState;
      readonly routing: DesiredRouting;
      readonly audit: AuditEntry;
      readonly events: readonly DecisionEvent[];
    }
  | { readonly ok: false; readonly refused: CommandRefusal };

function done(
  spec: GroupSpec,
  before: DecisionState,
  after: DecisionState,
  action: CommandAction,
  endpoint: string | null,
  cmd: Command,
): CommandResult {
  const moved = after.active !== before.active;
  const state: DecisionState = moved
    ? { ...after, activeSince: cmd.at, lastSwitch: cmd.at, blocked: null }
    : { ...after, blocked: null };
  const events: DecisionEvent[] = moved
    ? [
        {
          type: 'switched',
          at: cmd.at,
          from: before.active,
          to: after.active,
          reason: action === 'pin' ? 'pin' : 'drain',
        },
      ]
    : [];
  const audit: AuditEntry = {
    action,
    group: spec.id,
    endpoint,
    who: cmd.who,
    at: cmd.at,
    why: cmd.why,
    from: before.active,
    to: state.active,
    forced: cmd.force === true,
  };
  return { ok: true, state, routing: routingOf(spec, state), audit, events };
}

function refuse(refused: CommandRefusal): CommandResult {
  return { ok: false, refused };
}

function hold(endpoint: string, cmd: Command): Hold {
  return { endpoint, who: cmd.who, why: cmd.why, at: cmd.at };
}

const blank = (cmd: Command) => cmd.who.trim() === '' || cmd.why.trim() === '';

/** Sends the traffic to `endpoint` and keeps it there, whatever the health, until release. */
export function pin(spec: GroupSpec, state: DecisionState, endpoint: string, cmd: Command): CommandResult {
  if (blank(cmd)) return refuse('no-reason');
  if (!spec.endpoints.some((e) => e.name === endpoint)) return refuse('unknown-endpoint');
  if (!cmd.force && !isHealthy(state.endpoints[endpoint])) return refuse('not-healthy');
  if (!cmd.force && isDrained(state, endpoint)) return refuse('drained');
  const after: DecisionState = {
    ...state,
    active: endpoint,
    pin: hold(endpoint, cmd),
    drained: state.drained.filter((d) => d.endpoint !== endpoint),
  };
  return done(spec, state, after, 'pin', endpoint, cmd);
}

/** Takes `endpoint` out of service; if it has the traffic, the traffic moves to the best healthy other one. */
export function drain(spec: GroupSpec, state: DecisionState, endpoint: string, cmd: Command): CommandResult {
  if (blank(cmd)) return refuse('no-reason');
  if (!spec.endpoints.some((e) => e.name === endpoint)) return refuse('unknown-endpoint');
  if (state.pin?.endpoint === endpoint) return refuse('pinned');
  if (isDrained(state, endpoint)) return refuse('already-drained');
  const left = spec.endpoints
    .map((e) => e.name)
    .filter((n) => n !== endpoint && !isDrained(state, n) && isHealthy(state.endpoints[n]));
  if (left.length === 0 && !cmd.force) return refuse('last-healthy');
  const drained = [...state.drained, hold(endpoint, cmd)];
  const active = state.active === endpoint && left[0] !== undefined ? left[0] : state.active;
  return done(spec, state, { ...state, active, drained }, 'drain', endpoint, cmd);
}

/** Gives the group back to the rules: no pin, no drain. Traffic moves only at the next decision, by its rules. */
export function release(spec: GroupSpec, state: DecisionState, cmd: Command): CommandResult {
  if (blank(cmd)) return refuse('no-reason');
  if (state.pin === null && state.drained.length === 0) return refuse('nothing-to-release');
  return done(spec, state, { ...state, pin: null, drained: [] }, 'release', null, cmd);
}

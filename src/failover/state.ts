/**
 * The decision's state: a plain JSON value (persisted through the Coordinator, read back after a
 * restart), so that deciding again from a restored state with the same health changes nothing.
 */
import { z } from 'zod';
import type { GroupSpec } from './spec.ts';

export const HEALTHS = ['up', 'down', 'unknown'] as const;
/** An endpoint's health as the monitor gives it: its check's state by quorum. */
export type Health = (typeof HEALTHS)[number];

const record = z.strictObject({
  health: z.enum(HEALTHS),
  /** Enough of the check's vantage points report (none stale) for its quorum to mean something. */
  quorumHealthy: z.boolean(),
  /** Since when (epoch ms) it has been continuously healthy; null: it is not. */
  healthySince: z.number().nullable(),
});

/** A manual hold: a pin or a drain, with who asked, why and when. */
const hold = z.strictObject({
  endpoint: z.string(),
  who: z.string(),
  why: z.string(),
  at: z.number(),
});

export const SWITCH_REASONS = ['down', 'passive', 'failback', 'drain', 'pin', 'config'] as const;
/** Why traffic moved: the active endpoint was down, the proxy saw it failing, failback, a command, the map changed. */
export type SwitchReason = (typeof SWITCH_REASONS)[number];

const blocked = z.strictObject({
  event: z.enum(['held-by-minHold', 'refused']),
  reason: z.string(),
  to: z.string(),
  /** The reason of the switch that does not happen. */
  wanted: z.enum(SWITCH_REASONS),
});

export const decisionState = z.strictObject({
  version: z.literal(1),
  group: z.string(),
  /** The endpoint that receives the traffic. */
  active: z.string(),
  activeSince: z.number(),
  /** When traffic last moved (automatically or by hand); null: never. */
  lastSwitch: z.number().nullable(),
  pin: hold.nullable(),
  drained: z.array(hold),
  /** The all-down alarm stands (said once, until an endpoint is healthy again). */
  allDown: z.boolean(),
  /** The switch the rules want but that does not happen, as last said (said once). */
  blocked: blocked.nullable(),
  endpoints: z.record(z.string(), record),
});

export type DecisionState = z.output<typeof decisionState>;
export type EndpointRecord = z.output<typeof record>;
export type Hold = z.output<typeof hold>;
export type Blocked = z.output<typeof blocked>;

export const UNOBSERVED: EndpointRecord = { health: 'unknown', quorumHealthy: false, healthySince: null };

/** Before anything is known: the traffic goes to the most preferred endpoint. */
export function initialState(spec: GroupSpec, now: number): DecisionState {
  return {
    version: 1,
    group: spec.id,
    active: spec.endpoints[0]!.name,
    activeSince: now,
    lastSwitch: null,
    pin: null,
    drained: [],
    allDown: false,
    blocked: null,
    endpoints: Object.fromEntries(spec.endpoints.map((e) => [e.name, UNOBSERVED])),
  };
}

/** A state read back (from the Coordinator, a file): the state, or undefined when it is not one. */
export function parseState(value: unknown): DecisionState | undefined {
  const r = decisionState.safeParse(value);
  return r.success ? r.data : undefined;
}

/** Healthy: up by a quorum that is itself healthy. */
export function isHealthy(r: EndpointRecord | undefined): boolean {
  return r !== undefined && r.health === 'up' && r.quorumHealthy;
}

export function isDrained(state: DecisionState, endpoint: string): boolean {
  return state.drained.some((d) => d.endpoint === endpoint);
}

/** The endpoints traffic may go to now, most preferred first: healthy and not drained; else healthy and drained (never zero in service). */
export function candidates(spec: GroupSpec, state: DecisionState): string[] {
  const healthy = spec.endpoints.filter((e) => isHealthy(state.endpoints[e.name])).map((e) => e.name);
  const open = healthy.filter((e) => !isDrained(state, e));
  return open.length > 0 ? open : healthy;
}

/** Where the traffic should go, for the actuators (the shape of actuators/actuator.ts's Routing). */
export interface DesiredRouting {
  readonly group: string;
  readonly endpoint: string;
  readonly address: string;
}

export function routingOf(spec: GroupSpec, state: DecisionState): DesiredRouting {
  const e = spec.endpoints.find((x) => x.name === state.active) ?? spec.endpoints[0]!;
  return { group: spec.id, endpoint: e.name, address: e.address };
}

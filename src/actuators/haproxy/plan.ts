/**
 * The Runtime API commands that bring a backend to a routing, from what it holds now: the active
 * endpoint's server ready with its configured weight, first, so that a switch never leaves the
 * backend without a server; then every other endpoint's server draining (no new connections,
 * those under way finish, health checks go on, so it can take traffic back at once). A server in
 * maintenance (an operator's, or `disabled` in the configuration) is left so: it takes no traffic
 * either. Nothing is sent for a server already as it should be.
 */
import { inDrain, inMaint, type ServerState } from './servers-state.ts';

/** The weight the active server gets: its configured weight, at least 1. */
export function activeWeight(s: ServerState): number {
  return Math.max(1, s.initialWeight);
}

export function commandsFor(backend: string, active: ServerState, others: readonly ServerState[]): string[] {
  const out: string[] = [];
  const at = (s: ServerState) => `${backend}/${s.name}`;
  if (inMaint(active) || inDrain(active)) out.push(`set server ${at(active)} state ready`);
  if (active.weight !== activeWeight(active))
    out.push(`set server ${at(active)} weight ${activeWeight(active)}`);
  for (const s of others) if (!inMaint(s) && !inDrain(s)) out.push(`set server ${at(s)} state drain`);
  return out;
}

/** Whether the backend holds the routing (what the read-back after the commands must show). */
export function holds(active: ServerState, others: readonly ServerState[]): boolean {
  return commandsFor('', active, others).length === 0;
}

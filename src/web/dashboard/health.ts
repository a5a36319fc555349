/**
 * Live health on the map: each state's colours and its second cue (an icon, and a hatch for DOWN,
 * so that colour is never the only sign), and the state of every box from the live status:
 * services and components as the daemon says, redundancy groups from their members (UP with all
 * of them, DEGRADED while enough hold, DOWN below what they need).
 */
import type { Layout, State, Status } from './types.ts';

/** Okabe–Ito hues (readable with the common colour-vision deficiencies), light fills, dark borders. */
export const COLORS: Readonly<
  Record<State, { readonly fill: string; readonly stroke: string; readonly text: string }>
> = {
  UP: { fill: '#d5efe4', stroke: '#00745a', text: '#0b3b2e' },
  DEGRADED: { fill: '#fbe7c2', stroke: '#a86200', text: '#4a2c00' },
  DOWN: { fill: '#f9c9b8', stroke: '#b83d00', text: '#4d1600' },
  UNKNOWN: { fill: '#e8eaed', stroke: '#5f6670', text: '#2b2f35' },
};

export const ICONS: Readonly<Record<State, string>> = { UP: '✓', DEGRADED: '!', DOWN: '✕', UNKNOWN: '?' };

/** The state of every box of the layout, by map id. */
export function boxStates(layout: Layout, status: Status | undefined): Map<string, State> {
  const out = new Map<string, State>();
  if (status) {
    for (const c of status.components) out.set(c.id, c.state);
    for (const s of status.services) out.set(s.id, s.state);
  }
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  const visiting = new Set<string>();
  const stateOf = (id: string): State => {
    const known = out.get(id);
    if (known) return known;
    const n = byId.get(id);
    if (!n?.group || visiting.has(id)) return 'UNKNOWN';
    visiting.add(id);
    const members = n.dependsOn.map(stateOf);
    visiting.delete(id);
    const holding = members.filter((s) => s === 'UP' || s === 'DEGRADED').length;
    const unknown = members.filter((s) => s === 'UNKNOWN').length;
    let s: State;
    if (holding === members.length) s = members.includes('DEGRADED') ? 'DEGRADED' : 'UP';
    else if (holding >= n.group.need) s = 'DEGRADED';
    else if (holding + unknown >= n.group.need) s = 'UNKNOWN';
    else s = 'DOWN';
    out.set(id, s);
    return s;
  };
  for (const n of layout.nodes) out.set(n.id, stateOf(n.id));
  return out;
}

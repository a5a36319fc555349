/**
 * Every component's blast radius: what fails when that one component fails alone. The same pass finds
 * the components that take a redundancy group down by themselves (hidden shared dependencies), keeping
 * only the nearest ones: nodes are visited dependents-first, so a deeper killer whose effect goes
 * through one already recorded is recognised and skipped.
 */

import { chain } from './explain.ts';
import { severityRank } from './finding.ts';
import { type Graph, NODE_COMPONENT, NODE_GROUP, NODE_SERVICE } from './graph.ts';
import { Propagator } from './propagate.ts';

export interface BlastRadius {
  readonly component: number;
  /** It has a placement of its own, so it can fail by itself (a logical component cannot). */
  readonly placed: boolean;
  readonly componentsDown: number;
  readonly services: readonly number[];
  /** How the most critical of those services goes down: `[checkout, web, db]`. */
  readonly path: readonly string[];
}

export interface GroupKiller {
  readonly killer: number;
  /** From the group down to the killer, through one failed member. */
  readonly path: readonly string[];
}

export interface BlastRadii {
  /** Every component whose failure alone takes something else down, in map order. */
  readonly radii: readonly BlastRadius[];
  /** Largest component blast radius, by component count, for every component (index: node). */
  readonly componentsDown: Int32Array;
  /** Group node → the nearest single components that take it down (never its own members). */
  readonly groupKillers: ReadonlyMap<number, readonly GroupKiller[]>;
}

/** True when a component has a placement of its own (a provider or runsOn), so it can fail by itself. */
export function isPlaced(graph: Graph, node: number): boolean {
  const spec = graph.config.components[graph.ids[node]!]!;
  return spec.provider !== undefined || spec.runsOn.length > 0;
}

function isMember(graph: Graph, group: number, node: number): boolean {
  for (let e = graph.depStart[group]!; e < graph.depStart[group + 1]!; e++)
    if (graph.deps[e] === node) return true;
  return false;
}

export function blastRadii(graph: Graph, prop = new Propagator(graph)): BlastRadii {
  const radii: BlastRadius[] = [];
  const componentsDown = new Int32Array(graph.count);
  const groupKillers = new Map<number, GroupKiller[]>();
  const { order, nodeType } = graph;
  for (let k = 0; k < order.length; k++) {
    const c = order[k]!;
    if (nodeType[c] !== NODE_COMPONENT) continue;
    const n = prop.run([c]);
    const services: number[] = [];
    let components = 0;
    for (let i = 1; i < n; i++) {
      const node = prop.failed[i]!;
      const type = nodeType[node];
      if (type === NODE_SERVICE) services.push(node);
      else if (type === NODE_COMPONENT) components++;
      else if (type === NODE_GROUP && graph.tolerance[node]! > 0 && !isMember(graph, node, c)) {
        const killers = groupKillers.get(node);
        if (!killers) groupKillers.set(node, [{ killer: c, path: chain(graph, prop, node) }]);
        else if (!killers.some((x) => prop.isFailed(x.killer)))
          killers.push({ killer: c, path: chain(graph, prop, node) });
      }
    }
    componentsDown[c] = components;
    if (n > 1) {
      let worst = services[0];
      for (const sv of services) {
        if (severityRank(graph.criticality.get(sv)!) < severityRank(graph.criticality.get(worst!)!))
          worst = sv;
      }
      const path = worst === undefined ? [] : chain(graph, prop, worst);
      radii.push({ component: c, placed: isPlaced(graph, c), componentsDown: components, services, path });
    }
  }
  radii.sort((a, b) => a.component - b.component);
  return { radii, componentsDown, groupKillers };
}

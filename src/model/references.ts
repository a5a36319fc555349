/**
 * Checks that need the whole document: references resolve, ids are unique across sections,
 * redundancy groups are sound, and dependencies form no cycle.
 */

import type { RefKind } from '../errors.ts';
import { checkDnsZones } from './dns-references.ts';
import { checkFailovers } from './failover-references.ts';
import type { PathSegment } from './locate.ts';
import { checkOperations } from './operations-check.ts';
import { checkRunsOn } from './runs-on.ts';
import type { Config, Dependency } from './schema.ts';
import type { RawDiagnostic } from './schema-issues.ts';
import { checkStatusPage } from './status-page-check.ts';
import { suggest } from './suggest.ts';

interface Edge {
  readonly to: string;
  readonly path: readonly PathSegment[];
}

/** The ids one dependsOn entry names, each with the path where it is written. */
export function entryMembers(dep: Dependency, path: readonly PathSegment[]): Edge[] {
  if (typeof dep === 'string') return [{ to: dep, path }];
  if ('anyOf' in dep) return dep.anyOf.map((to, i) => ({ to, path: [...path, 'anyOf', i] }));
  return dep.quorum.of.map((to, i) => ({ to, path: [...path, 'quorum', 'of', i] }));
}

function checkGroup(dep: Dependency, path: readonly PathSegment[], out: RawDiagnostic[]): void {
  if (typeof dep === 'string') return;
  const members = 'anyOf' in dep ? dep.anyOf : dep.quorum.of;
  const membersPath = 'anyOf' in dep ? [...path, 'anyOf'] : [...path, 'quorum', 'of'];
  if (members.length === 0) out.push({ code: 'BASCULE_E_CONFIG_GROUP_EMPTY', path: membersPath, params: {} });
  const seen = new Set<string>();
  members.forEach((m, i) => {
    if (seen.has(m))
      out.push({ code: 'BASCULE_E_CONFIG_GROUP_DUPLICATE', path: [...membersPath, i], params: { id: m } });
    seen.add(m);
  });
  if ('quorum' in dep && members.length > 0 && (dep.quorum.need < 1 || dep.quorum.need > members.length)) {
    out.push({
      code: 'BASCULE_E_CONFIG_GROUP_NEED',
      path: [...path, 'quorum', 'need'],
      params: { need: dep.quorum.need, size: members.length },
    });
  }
}

export function unknownRef(
  id: string,
  what: RefKind,
  known: Iterable<string>,
  path: readonly PathSegment[],
): RawDiagnostic {
  const suggestion = suggest(id, known);
  return {
    code: 'BASCULE_E_CONFIG_UNKNOWN_REF',
    path,
    params: suggestion ? { what, id, suggestion } : { what, id },
  };
}

/** Every edge of the dependency graph, after reporting bad references (bad edges are left out). */
function collectEdges(config: Config, out: RawDiagnostic[]): Map<string, Edge[]> {
  const services = Object.keys(config.services);
  const components = Object.keys(config.components);
  const serviceSet = new Set(services);
  const componentSet = new Set(components);
  const all = [...services, ...components];
  const edges = new Map<string, Edge[]>();
  const sections: [string, Record<string, { dependsOn: Dependency[] }>][] = [
    ['services', config.services],
    ['components', config.components],
  ];
  for (const [section, entries] of sections) {
    for (const [id, spec] of Object.entries(entries)) {
      const list: Edge[] = [];
      spec.dependsOn.forEach((dep, i) => {
        const path = [section, id, 'dependsOn', i];
        checkGroup(dep, path, out);
        for (const edge of entryMembers(dep, path)) {
          if (section === 'components' && serviceSet.has(edge.to)) {
            out.push({ code: 'BASCULE_E_CONFIG_SERVICE_REF', path: edge.path, params: { id: edge.to } });
          } else if (!componentSet.has(edge.to) && !serviceSet.has(edge.to)) {
            const what = section === 'services' ? 'componentOrService' : 'component';
            out.push(unknownRef(edge.to, what, section === 'services' ? all : components, edge.path));
          } else list.push(edge);
        }
      });
      edges.set(id, list);
    }
  }
  return edges;
}

/** Reports each dependency cycle once, at the entry that closes it. */
function findCycles(edges: Map<string, Edge[]>, out: RawDiagnostic[]): void {
  const state = new Map<string, 1 | 2>(); // 1: on the stack, 2: done
  const reported = new Set<string>();
  for (const start of edges.keys()) {
    if (state.has(start)) continue;
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const list = edges.get(top.id) ?? [];
      const edge = list[top.next++];
      if (!edge) {
        state.set(top.id, 2);
        stack.pop();
        continue;
      }
      const s = state.get(edge.to);
      if (s === undefined) {
        state.set(edge.to, 1);
        stack.push({ id: edge.to, next: 0 });
      } else if (s === 1) {
        const from = stack.findIndex((f) => f.id === edge.to);
        const cycle = [...stack.slice(from).map((f) => f.id), edge.to];
        const key = [...new Set(cycle)].sort().join(' ');
        if (!reported.has(key)) {
          reported.add(key);
          out.push({ code: 'BASCULE_E_CONFIG_CYCLE', path: edge.path, params: { cycle: cycle.join(' → ') } });
        }
      }
    }
  }
}

export function checkReferences(config: Config): RawDiagnostic[] {
  const out: RawDiagnostic[] = [];
  for (const id of Object.keys(config.components)) {
    if (Object.hasOwn(config.services, id)) {
      out.push({
        code: 'BASCULE_E_CONFIG_DUPLICATE_ID',
        path: ['components', id],
        atKey: true,
        params: { id },
      });
    }
  }
  const edges = collectEdges(config, out);
  checkRunsOn(config, out);
  findCycles(edges, out);
  checkOperations(config, out);
  checkFailovers(config, out);
  checkDnsZones(config, out);
  checkStatusPage(config, out);
  return out;
}

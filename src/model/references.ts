/**
 * Checks that need the whole document: references resolve, ids are unique across sections,
 * redundancy groups are sound, and dependencies form no cycle.
 */

import type { RefKind } from '../errors.ts';
import { checkBackups } from './backups-check.ts';
import { checkDnsZones } from './dns-references.ts';
import { checkFailovers } from './failover-references.ts';
import type { PathSegment } from './locate.ts';
import { checkOperations } from './operations-check.ts';
import { checkPlan } from './plan-check.ts';
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

type Section = 'services' | 'components';

/** The path of dependsOn entry `entry` of `id`, or of its member `member` (a group's), made only to report. */
function entryPath(section: Section, id: string, dep: Dependency, entry: number, member = -1): PathSegment[] {
  const path: PathSegment[] = [section, id, 'dependsOn', entry];
  if (member < 0 || typeof dep === 'string') return path;
  return 'anyOf' in dep ? [...path, 'anyOf', member] : [...path, 'quorum', 'of', member];
}

/** The members of a dependsOn entry: itself, or a group's. */
function membersOf(dep: Dependency): readonly string[] | undefined {
  if (typeof dep === 'string') return undefined;
  return 'anyOf' in dep ? dep.anyOf : dep.quorum.of;
}

function checkGroup(
  section: Section,
  id: string,
  dep: Dependency,
  entry: number,
  out: RawDiagnostic[],
): void {
  if (typeof dep === 'string') return;
  const members = 'anyOf' in dep ? dep.anyOf : dep.quorum.of;
  const membersPath = () =>
    entryPath(section, id, dep, entry).concat('anyOf' in dep ? ['anyOf'] : ['quorum', 'of']);
  if (members.length === 0)
    out.push({ code: 'BASCULE_E_CONFIG_GROUP_EMPTY', path: membersPath(), params: {} });
  // A set only for long lists: groups have two or three members.
  const seen = members.length > 16 ? new Set<string>() : undefined;
  members.forEach((m, i) => {
    const again = seen ? seen.has(m) : members.indexOf(m) !== i;
    seen?.add(m);
    if (again)
      out.push({ code: 'BASCULE_E_CONFIG_GROUP_DUPLICATE', path: [...membersPath(), i], params: { id: m } });
  });
  if ('quorum' in dep && members.length > 0 && (dep.quorum.need < 1 || dep.quorum.need > members.length)) {
    out.push({
      code: 'BASCULE_E_CONFIG_GROUP_NEED',
      path: [...entryPath(section, id, dep, entry), 'quorum', 'need'],
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

/** The nodes of the dependency graph (services, then components) and their edges by index. */
interface Edges {
  readonly ids: readonly string[];
  readonly sections: readonly Section[];
  /** For node i, its edges from start[i] to start[i + 1]: the node each leads to, and where it is written. */
  readonly start: Int32Array;
  readonly to: Int32Array;
  readonly entry: Int32Array;
  readonly member: Int32Array;
}

/** Every edge of the dependency graph, after reporting bad references (bad edges are left out). */
function collectEdges(config: Config, out: RawDiagnostic[]): Edges {
  const services = Object.keys(config.services);
  const components = Object.keys(config.components);
  const serviceSet = new Set(services);
  // An id in both sections (reported as a duplicate) is one node, with the component's edges.
  const index = new Map<string, number>();
  const ids: string[] = [];
  const sections: Section[] = [];
  for (const [section, list] of [
    ['services', services],
    ['components', components],
  ] as const) {
    for (const id of list) {
      const at = index.get(id);
      if (at !== undefined) sections[at] = section;
      else {
        index.set(id, ids.length);
        ids.push(id);
        sections.push(section);
      }
    }
  }
  let all: string[] | undefined;
  // Every kept edge as it comes (owner, target, where), then sorted by owner below.
  const from: number[] = [];
  const targets: number[] = [];
  const entries: number[] = [];
  const memberOf: number[] = [];
  const link = (
    section: Section,
    id: string,
    dep: Dependency,
    entry: number,
    to: string,
    member: number,
    keep: boolean,
  ) => {
    const target = index.get(to);
    if (section === 'components' && serviceSet.has(to)) {
      out.push({
        code: 'BASCULE_E_CONFIG_SERVICE_REF',
        path: entryPath(section, id, dep, entry, member),
        params: { id: to },
      });
    } else if (target === undefined) {
      const what = section === 'services' ? 'componentOrService' : 'component';
      all ??= [...services, ...components];
      const known = section === 'services' ? all : components;
      out.push(unknownRef(to, what, known, entryPath(section, id, dep, entry, member)));
    } else if (keep) {
      from.push(index.get(id)!);
      targets.push(target);
      entries.push(entry);
      memberOf.push(member);
    }
  };
  for (const [section, entries] of [
    ['services', config.services],
    ['components', config.components],
  ] as const) {
    for (const id of Object.keys(entries)) {
      const spec = (entries as Record<string, { dependsOn: Dependency[] }>)[id]!;
      // An id written in both sections has the component's edges (the later ones); both are checked.
      const keep = section === sections[index.get(id)!];
      spec.dependsOn.forEach((dep, i) => {
        checkGroup(section, id, dep, i, out);
        const members = membersOf(dep);
        if (members === undefined) link(section, id, dep, i, dep as string, -1, keep);
        else
          members.forEach((m, k) => {
            link(section, id, dep, i, m, k, keep);
          });
      });
    }
  }
  // By owner, in the order written (a counting sort).
  const start = new Int32Array(ids.length + 1);
  for (const f of from) start[f + 1]!++;
  for (let i = 0; i < ids.length; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, ids.length);
  const to = new Int32Array(from.length);
  const entry = new Int32Array(from.length);
  const member = new Int32Array(from.length);
  for (let k = 0; k < from.length; k++) {
    const at = fill[from[k]!]!++;
    to[at] = targets[k]!;
    entry[at] = entries[k]!;
    member[at] = memberOf[k]!;
  }
  return { ids, sections, start, to, entry, member };
}
/** Reports each dependency cycle once, at the entry that closes it. */
function findCycles(config: Config, edges: Edges, out: RawDiagnostic[]): void {
  const { ids, sections, start, to } = edges;
  const state = new Uint8Array(ids.length); // 1: on the stack, 2: done
  const next = new Int32Array(ids.length); // for a node on the stack, the next of its edges to follow
  const reported = new Set<string>();
  const stack: number[] = [];
  for (let root = 0; root < ids.length; root++) {
    if (state[root] !== 0) continue;
    stack.push(root);
    state[root] = 1;
    next[root] = start[root]!;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (next[top] === start[top + 1]) {
        state[top] = 2;
        stack.pop();
        continue;
      }
      const e = next[top]!++;
      const d = to[e]!;
      if (state[d] === 0) {
        state[d] = 1;
        next[d] = start[d]!;
        stack.push(d);
      } else if (state[d] === 1) {
        const cycle = [...stack.slice(stack.indexOf(d)).map((n) => ids[n]!), ids[d]!];
        const key = [...new Set(cycle)].sort().join(' ');
        if (!reported.has(key)) {
          reported.add(key);
          const section = sections[top]!;
          const dep = (config[section] as Record<string, { dependsOn: Dependency[] }>)[ids[top]!]!.dependsOn[
            edges.entry[e]!
          ]!;
          out.push({
            code: 'BASCULE_E_CONFIG_CYCLE',
            path: entryPath(section, ids[top]!, dep, edges.entry[e]!, edges.member[e]!),
            params: { cycle: cycle.join(' → ') },
          });
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
  findCycles(config, edges, out);
  checkOperations(config, out);
  checkFailovers(config, out);
  checkDnsZones(config, out);
  checkStatusPage(config, out);
  checkBackups(config, out);
  checkPlan(config, out);
  return out;
}

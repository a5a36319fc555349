/**
 * Top actions: the few changes to the map that raise the score most. Each finding suggests a change
 * (the table CHANGES below); each change builds a modified copy of the map and the analysis is run
 * again on it (what-if), so a score after is a computed score, never a guess. Pure: no I/O.
 *
 * The changes, precisely:
 * - `replica` (a single point of failure): a copy of the component at another provider (no region, no
 *   runsOn: a place no outage of the library names), with the same kind and dependencies; every hard
 *   reference to the component becomes `anyOf: [it, its copy]`, and every group listing it lists the
 *   copy too;
 * - `split-region` / `split-provider` (a concentration): the same copy, for every component the
 *   service depends on that runs in that region (the copy in another region of the same provider) or
 *   at that provider (the copy at another provider);
 * - `decouple` (a group whose members share a component): every member but the first gets its own
 *   copy of the shared component (in another zone when it has one), instead of the shared one;
 * - `spread` (a group whose members all run in one zone or region): every member but the first is
 *   moved to another zone (or region) of the same provider;
 * - `move` (a control-plane dependency): the component that steers traffic moves to another provider.
 * Monitoring gaps change no score: they suggest no change here.
 */
import type { Params } from '../errors.ts';
import type { Config } from '../model/schema.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import { type ChangeKind, candidates } from './action-candidates.ts';
import type { Analysis } from './analyze.ts';
import type { FindingKind } from './finding.ts';
import { buildGraph, type Graph } from './graph.ts';

export { CHANGES, type ChangeKind, candidates, ELSEWHERE, MAX_CANDIDATES } from './action-candidates.ts';

/** At most this many actions are shown. */
export const MAX_ACTIONS = 5;
/**
 * Candidates × nodes of the map re-analysed, at most, so that actions multiply the analysis time by a
 * small factor on big maps: a map of up to 666 nodes gets its 30 candidates, one of 2,000 nodes 10,
 * of 10,000 nodes 2; beyond 20,000 nodes no action is computed (the output says so).
 */
export const WORK_BUDGET = 20_000;

export interface Action {
  /** Stable: the change and its subjects, `replica:db`. */
  readonly id: string;
  readonly change: ChangeKind;
  /** Selects the title of the change, e.g. `database` for a replica of a database. */
  readonly variant?: string;
  /** The finding kind that suggested it. */
  readonly finding: FindingKind;
  /** Ids the change is about; the first is the main subject. */
  readonly subjects: readonly string[];
  /** Values of the title template. */
  readonly params: Params;
  readonly scoreBefore: number;
  readonly scoreAfter: number;
  /** The services whose score the change raises. */
  readonly services: readonly string[];
}

export interface TopActions {
  readonly actions: readonly Action[];
  /** Candidates the findings suggested (distinct changes, at most MAX_CANDIDATES). */
  readonly candidates: number;
  /** Of those, how many were re-analysed: fewer on big maps (WORK_BUDGET). */
  readonly evaluated: number;
  /** Nodes of the map (services, components, groups): what one re-analysis costs. */
  readonly nodes: number;
}

/** The analysis function, passed in (analyze.ts) so that this module does not import it back. */
export type Analyse = (config: Config, scenarios: readonly Scenario[], graph: Graph) => Analysis;

/**
 * The top actions of an analysis: every candidate applied to a copy of the map and re-analysed, the
 * ones that raise the overall score kept, the largest gain first (then the most severe finding).
 */
export function topActions(
  graph: Graph,
  scenarios: readonly Scenario[],
  base: Analysis,
  analyse: Analyse,
  /** The map is deep (its blast radii needed bitsets): one re-analysis costs as much as the first; none are tried. */
  deep = false,
): TopActions {
  const all = candidates(graph, base.findings);
  const allowed = deep ? 0 : Math.min(all.length, Math.floor(WORK_BUDGET / Math.max(1, graph.count)));
  const before = base.score;
  const scored: Action[] = [];
  for (const c of all.slice(0, allowed)) {
    const config = c.apply(graph.config);
    const after = analyse(config, scenarios, buildGraph(config)).score;
    if (after.overall <= before.overall) continue;
    const was = new Map(before.services.map((s) => [s.service, s.score]));
    const services = after.services
      .filter((s) => was.has(s.service) && s.score > was.get(s.service)!)
      .map((s) => s.service);
    const { apply: _apply, effect: _effect, ...rest } = c;
    scored.push({ ...rest, scoreBefore: before.overall, scoreAfter: after.overall, services });
  }
  // A stable sort: equal gains keep the order of their findings (most severe first).
  scored.sort((a, b) => b.scoreAfter - a.scoreAfter);
  return {
    actions: scored.slice(0, MAX_ACTIONS),
    candidates: all.length,
    evaluated: allowed,
    nodes: graph.count,
  };
}

/**
 * The analyser: compiles the map, runs every single-component failure, every place failure and every
 * historical outage once, then lets each rule turn those runs into findings. Pure: no I/O.
 */
import type { Config } from '../model/schema.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import { type TopActions, topActions } from './actions.ts';
import { withAssumptions } from './assumed.ts';
import { blastRadii, DEFAULT_LIST_LIMIT, type Strategy } from './blast-radius.ts';
import { type AnalysisContext, criticalityAbove } from './context.ts';
import { type DataOutcome, dataOutcomes } from './data-outcomes.ts';
import { type FailoverOutcome, failoverOutcomes } from './failover-outcomes.ts';
import { severityRank } from './finding.ts';
import { buildGraph, type Graph } from './graph.ts';
import { type NotEvaluated, notEvaluated, type UnplacedComponent } from './not-evaluated.ts';
import { failPlaces } from './placements.ts';
import { Propagator } from './propagate.ts';
import { type GroupedFinding, groupFindings } from './root-cause-groups.ts';
import { backupFindings } from './rules/backups.ts';
import { concentration } from './rules/concentration.ts';
import { controlPlaneDependency, controlPlaneWatch } from './rules/control-plane-dependency.ts';
import { monitoringGap } from './rules/monitoring-gap.ts';
import type { Rule } from './rules/rule.ts';
import { sharedDependency } from './rules/shared-dependency.ts';
import { singlePointOfFailure } from './rules/single-point-of-failure.ts';
import { computeScore, type Score } from './score.ts';
import { servicesDownBy } from './simulate.ts';

/** Every rule, in report order. Adding a rule is adding a file and a line here. */
export const RULES: readonly Rule[] = [
  singlePointOfFailure,
  sharedDependency,
  concentration,
  controlPlaneDependency,
  monitoringGap,
  backupFindings,
];

export interface OutageReplay {
  readonly id: string;
  readonly date: string;
  readonly provider: string;
  readonly title: Scenario['title'];
  /**
   * How many components of the map the outage hits directly (they fail, or a runsOn group of theirs
   * loses places but holds); 0: it does not concern this map.
   */
  readonly hits: number;
  readonly servicesDown: readonly string[];
  /** What each failover whose preferred endpoint the outage takes would do. */
  readonly failovers: readonly FailoverOutcome[];
  /** The data of the datasets whose component the outage takes: lost, or restorable from which copy. */
  readonly data: readonly DataOutcome[];
}

export interface Analysis {
  readonly name: string;
  readonly summary: {
    readonly services: number;
    readonly components: number;
    readonly providers: readonly string[];
    readonly regions: readonly string[];
  };
  /** Lists of services are bounded (`truncated`) unless the analysis is `full`; totals are exact. */
  readonly singlePointsOfFailure: readonly {
    component: string;
    services: readonly string[];
    servicesTotal: number;
    truncated: boolean;
    componentsDown: number;
    path: readonly string[];
  }[];
  /** Every placed component whose failure alone takes anything down, largest first. */
  readonly blastRadius: readonly {
    component: string;
    componentsDown: number;
    servicesDown: readonly string[];
    servicesDownTotal: number;
    truncated: boolean;
  }[];
  /** In report order (severity, kind, subjects), each with its id and root-cause grouping. */
  readonly findings: readonly GroupedFinding[];
  readonly outages: readonly OutageReplay[];
  /** Outages some components could not be checked against (their region is missing or unknown). */
  readonly notEvaluated: readonly NotEvaluated[];
  readonly score: Score;
  /** The changes that raise the score most (what-if), when asked for (`AnalyzeOptions.actions`). */
  readonly actions?: TopActions;
}

export interface AnalyzeOptions {
  /** Complete lists of services (`--full`): they can grow as components × services. */
  readonly full?: boolean;
  /** Forces how blast radii are computed (tests); see blast-radius.ts. */
  readonly strategy?: Strategy;
  /** Also compute the top actions: the analysis re-run once per candidate change (actions.ts). */
  readonly actions?: boolean;
  /** Components of regional providers without a known region (from the provider catalogue). */
  readonly unplaced?: readonly UnplacedComponent[];
}

export function analyze(
  config: Config,
  scenarios: readonly Scenario[],
  graph: Graph = buildGraph(config),
  options: AnalyzeOptions = {},
): Analysis {
  const limit = options.full ? Infinity : DEFAULT_LIST_LIMIT;
  const prop = new Propagator(graph);
  const blast = blastRadii(graph, prop, {
    limit,
    ...(options.strategy ? { strategy: options.strategy } : {}),
  });
  const places = failPlaces(graph, prop, blast.groupKillers, controlPlaneWatch(graph));
  const ctx: AnalysisContext = { graph, blast, places, above: criticalityAbove(graph), limit };
  // Sorted by severity, kind, subjects; the keys are computed once (tens of thousands on deep maps).
  const sorted = RULES.flatMap((r) => r.run(ctx))
    .map((f) => ({ f, rank: severityRank(f.severity), subjects: f.subjects.join(' ') }))
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        (a.f.kind < b.f.kind ? -1 : a.f.kind > b.f.kind ? 1 : 0) ||
        a.subjects.localeCompare(b.subjects),
    )
    .map((x) => x.f);
  // A finding that rests on an assumption of the map (`assumed`) says so; findings that say the same
  // thing from two sides are grouped under their root cause (no score change).
  const findings = groupFindings(ctx, prop, withAssumptions(config, sorted));
  const ids = (nodes: readonly number[]) => nodes.map((n) => graph.ids[n]!).sort();
  // Each radius's service ids, sorted once: the single points of failure and the blast radii list the same.
  const servicesOf = new Map(blast.radii.map((r) => [r, ids(r.services)] as const));
  const spofs = blast.radii
    .filter((r) => r.placed && r.servicesTotal > 0)
    .map((r) => ({
      component: graph.ids[r.component]!,
      services: servicesOf.get(r)!,
      servicesTotal: r.servicesTotal,
      truncated: r.services.length < r.servicesTotal,
      componentsDown: r.componentsDown,
      path: r.path,
    }));
  const outages = scenarios.map((s): OutageReplay => {
    const { hits, services } = servicesDownBy(graph, s.fail, prop);
    return {
      id: s.id,
      date: s.date,
      provider: s.provider,
      title: s.title,
      hits,
      servicesDown: ids(services),
      failovers: failoverOutcomes(graph, prop),
      data: dataOutcomes(graph, prop),
    };
  });
  const downBy = new Map<string, string[]>();
  for (const o of outages) for (const sv of o.servicesDown) downBy.set(sv, [...(downBy.get(sv) ?? []), o.id]);
  const facts = graph.services.map((s) => {
    const service = graph.ids[s]!;
    const name = config.services[service]?.name;
    return {
      service,
      ...(name !== undefined ? { name } : {}),
      criticality: graph.criticality.get(s)!,
      outagesDown: downBy.get(service) ?? [],
      singlePointsOfFailure: blast.spofsPerService.get(s) ?? 0,
    };
  });
  const labels = (level: string) =>
    places
      .filter((p) => p.level === level)
      .map((p) => p.label)
      .sort();
  const analysis: Analysis = {
    name: config.name,
    summary: {
      services: graph.services.length,
      components: graph.components.length,
      providers: labels('provider'),
      regions: labels('region'),
    },
    singlePointsOfFailure: spofs,
    blastRadius: blast.radii
      .filter((r) => r.placed)
      .map((r) => ({
        component: graph.ids[r.component]!,
        componentsDown: r.componentsDown,
        servicesDown: servicesOf.get(r)!,
        servicesDownTotal: r.servicesTotal,
        truncated: r.services.length < r.servicesTotal,
      }))
      .sort((a, b) => b.servicesDownTotal - a.servicesDownTotal || b.componentsDown - a.componentsDown),
    findings,
    outages,
    notEvaluated: notEvaluated(scenarios, options.unplaced ?? []),
    // Only the outages that hit the map count: surviving an outage of a provider you do not use
    // says nothing about your resilience.
    score: computeScore(facts, outages.filter((o) => o.hits > 0).length, spofs.length),
  };
  if (!options.actions) return analysis;
  const deep = blast.strategy === 'bitsets';
  return {
    ...analysis,
    actions: topActions(graph, scenarios, analysis, (c, s, g) => analyze(c, s, g), deep),
  };
}

/**
 * What the continuity plan says (PlanView), worked out from the map, its analysis, the switch
 * records of the daemon's store and the backups, each objective checked against the evidence.
 * Pure: the caller reads the store and passes the time.
 */
import type { Analysis } from '../analysis/analyze.ts';
import { type Graph, NODE_COMPONENT } from '../analysis/graph.ts';
import { simulate } from '../analysis/simulate.ts';
import type {
  BackupView,
  ContactView,
  NextTest,
  PlanBackups,
  PlanView,
  ServiceView,
  Verdict,
} from '../i18n/documents/plan.ts';
import { type Lang, t } from '../i18n/index.ts';
import { parseDuration } from '../model/duration.ts';
import type { Config, Criticality, Dependency } from '../model/schema.ts';
import type { PlanText } from '../model/schema-plan.ts';
import { renderAction } from '../report/actions.ts';
import { renderFinding } from '../report/findings.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import type { SwitchRecord } from '../store/failover-records.ts';
import { backupViews, restoreToSchedule } from './backups.ts';
import { planMessages, planSuppliers } from './communication.ts';
import { serviceRunbooks } from './runbooks.ts';
import { recordsByGroup, serviceFailovers, switchView } from './switches.ts';
import { humanDuration, planText } from './words.ts';

export { switchTimes } from './switches.ts';
export { humanDuration, measuredTime, planText } from './words.ts';

export interface PlanInput {
  readonly config: Config;
  readonly graph: Graph;
  readonly analysis: Analysis;
  readonly scenarios: readonly Scenario[];
  readonly lang: Lang;
  /** The map's file name, as the plan names it. */
  readonly file: string;
  readonly now: number;
  /** The switch records of the store, newest first; undefined: no store (never measured). */
  readonly switches: readonly SwitchRecord[] | undefined;
  /** Where the store is (or was looked for). */
  readonly storeWhere: string;
  /** The backups judged on the records (plan/backups.ts: planBackups); absent: the map declares none. */
  readonly backups?: PlanBackups;
  /** A provider's id as the catalogue reads it (OVHcloud → ovh), for the suppliers' keys. */
  readonly providerId?: (name: string) => string;
}

/**
 * Services drawn one by one: every critical one, then high ones while there are fewer pictures than
 * this (each costs a layout: about 40 ms); the others are in the tables only.
 */
export const MAX_SERVICE_FIGURES = 60;
/** The whole map is drawn in the appendix up to this many boxes. */
export const MAX_MAP_FIGURE = 120;
/** Switch records listed in the exercises. */
export const MAX_SWITCHES_LISTED = 50;

const RANK: Readonly<Record<Criticality, number>> = { critical: 0, high: 1, medium: 2, low: 3 };

/** A dependsOn entry as the plan's tables show it: `db`, `web-pool[web-a, web-b]`. */
function dependencyText(d: Dependency): string {
  if (typeof d === 'string') return d;
  const members = 'anyOf' in d ? d.anyOf : d.quorum.of;
  const label = d.name ?? ('anyOf' in d ? 'anyOf' : `quorum ${d.quorum.need}/${members.length}`);
  return `${label}[${members.join(', ')}]`;
}

/** Every node a node depends on, itself included (services, components, groups). */
function closure(graph: Graph, from: number): Set<number> {
  const seen = new Set<number>([from]);
  const stack = [from];
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (let e = graph.depStart[n]!; e < graph.depStart[n + 1]!; e++) {
      const d = graph.deps[e]!;
      if (!seen.has(d)) {
        seen.add(d);
        stack.push(d);
      }
    }
  }
  return seen;
}

export interface BuiltPlan {
  readonly view: PlanView;
  /** For each drawn service, the graph nodes of its picture (itself and what it depends on). */
  readonly figures: ReadonlyMap<string, ReadonlySet<number>>;
}

export function buildPlan(input: PlanInput): BuiltPlan {
  const { config, graph, analysis, lang, now } = input;
  const text = (v: PlanText) => planText(v, lang);
  const contact = (id: string): ContactView => {
    const c = config.contacts[id]!;
    return {
      id,
      name: c.name,
      role: text(c.role),
      ...(c.phone ? { phone: c.phone } : {}),
      ...(c.email ? { email: c.email } : {}),
      deputies: c.deputies.map((d) => config.contacts[d]?.name ?? d),
    };
  };
  const reviewMs = config.plan ? parseDuration(config.plan.reviewEvery)! : undefined;
  const lastReviewed = config.plan?.lastReviewed
    ? Date.parse(`${config.plan.lastReviewed}T00:00:00Z`)
    : undefined;

  const records = recordsByGroup(input.switches);
  const backups: BackupView[] | undefined = input.backups && backupViews(input.backups, lang);
  const datasets = new Map((input.backups?.datasets ?? []).map((d) => [d.id, d]));
  const failoverContext = { config, graph, lang, now, records, reviewMs };

  const nextTests: NextTest[] = [];
  /** Each dataset's restore test is scheduled once, for the first (most critical) service it covers. */
  const scheduled = new Set<string>();
  const entries = graph.services
    .map((node) => {
      const id = graph.ids[node]!;
      const spec = config.services[id]!;
      const reach = closure(graph, node);
      const failovers = serviceFailovers(failoverContext, id, reach, nextTests);
      const runbooks = serviceRunbooks(config, id, lang, contact, nextTests);
      const mine = (backups ?? []).filter((b) => {
        const c = graph.index.get(b.component);
        return c !== undefined && reach.has(c);
      });
      // The strongest evidence against the RTO: a measured switch, else a procedure's planned time.
      const measured = failovers.find((f) => f.verdict.kind === 'met' || f.verdict.kind === 'not-met');
      const rtoVerdict: Verdict =
        measured?.verdict ??
        (spec.rto
          ? { kind: 'never-measured', objective: `RTO ${humanDuration(spec.rto, lang)}` }
          : { kind: 'no-objective' });
      const rto = spec.rto ? parseDuration(spec.rto)! : undefined;
      const mtpd = spec.mtpd ? parseDuration(spec.mtpd)! : undefined;
      const view: Omit<ServiceView, 'drawn' | 'detailed'> = {
        id,
        ...(spec.name ? { name: spec.name } : {}),
        criticality: t(lang, `alert.criticality.${spec.criticality}`),
        rank: spec.criticality,
        ...(spec.rto ? { rto: humanDuration(spec.rto, lang) } : {}),
        ...(spec.rpo ? { rpo: humanDuration(spec.rpo, lang) } : {}),
        ...(spec.mtpd ? { mtpd: humanDuration(spec.mtpd, lang) } : {}),
        mtpdBelowRto: rto !== undefined && mtpd !== undefined && mtpd < rto,
        ...(spec.owner ? { owner: spec.owner } : {}),
        dependsOn: spec.dependsOn.map(dependencyText),
        spofs: analysis.singlePointsOfFailure.filter((s) => s.services.includes(id)).map((s) => s.component),
        outagesDown: analysis.outages.filter((o) => o.servicesDown.includes(id)).map((o) => o.id),
        failovers,
        runbooks,
        backups: mine,
        rtoVerdict,
      };
      return { view, reach };
    })
    .sort((a, b) => RANK[a.view.rank] - RANK[b.view.rank] || a.view.id.localeCompare(b.view.id));
  const list = entries.map(({ view, reach }, i) => ({
    view: {
      ...view,
      drawn: view.rank === 'critical' || (view.rank === 'high' && i < MAX_SERVICE_FIGURES),
      detailed:
        RANK[view.rank] <= RANK.high ||
        view.failovers.length + view.runbooks.length + view.backups.length > 0,
    } as ServiceView,
    reach,
  }));
  const figures = new Map<string, ReadonlySet<number>>();
  for (const s of list) if (s.view.drawn) figures.set(s.view.id, s.reach);

  for (const { view } of list)
    for (const b of view.backups) {
      if (scheduled.has(b.id)) continue;
      scheduled.add(b.id);
      const next = restoreToSchedule(datasets.get(b.id)!, view.id, now, reviewMs);
      if (next) nextTests.push(next);
    }

  // The outages the map would not survive, each service with the chain that explains it.
  const outages = input.scenarios
    .filter((s) => analysis.outages.some((o) => o.id === s.id && o.servicesDown.length > 0))
    .map((s) => {
      const sim = simulate(graph, s.fail);
      return {
        id: s.id,
        date: s.date,
        provider: s.provider,
        title: s.title[lang] ?? s.title.en,
        services: sim.explanations.map((e) => ({ service: e.service, chain: e.chain })),
      };
    });

  const critical = list.filter((s) => s.view.rank === 'critical').map((s) => s.view.name ?? s.view.id);
  const named = critical.length ? critical : list.slice(0, 3).map((s) => s.view.name ?? s.view.id);
  const messages = planMessages(config, lang, named);
  const suppliers = planSuppliers(config, graph, lang, input.providerId ?? ((p: string) => p));

  const serviceOf = (group: string) => {
    const f = config.failover[group];
    return f && 'service' in f ? f.service : '';
  };
  const e = config.escalation;
  const view: PlanView = {
    company: config.name,
    ...(config.description ? { description: config.description } : {}),
    file: input.file,
    generatedAt: now,
    ...(config.plan
      ? {
          plan: {
            ...(Object.hasOwn(config.contacts, config.plan.owner)
              ? { owner: contact(config.plan.owner) }
              : {}),
            scope: text(config.plan.scope),
            ...(config.plan.version ? { version: config.plan.version } : {}),
            reviewEvery: humanDuration(config.plan.reviewEvery, lang),
            ...(lastReviewed !== undefined ? { lastReviewed } : {}),
            nextReview: (lastReviewed ?? now) + reviewMs!,
            overdue: (lastReviewed ?? now) + reviewMs! < now,
          },
        }
      : {}),
    measured:
      input.switches === undefined
        ? { source: 'none', where: input.storeWhere }
        : { source: 'store', where: input.storeWhere },
    services: list.map((s) => s.view),
    score: { value: analysis.score.overall, grade: analysis.score.grade },
    findings: analysis.findings.map((f) => {
      const r = renderFinding(lang, f);
      return {
        id: f.id,
        severity: t(lang, `severity.${f.severity}`),
        rank: f.severity,
        message: r.message,
        recommendation: r.recommendation,
      };
    }),
    actions: (analysis.actions?.actions ?? []).map((a) => {
      const r = renderAction(lang, a);
      return { title: r.title, before: r.scoreBefore, after: r.scoreAfter };
    }),
    outages,
    outagesSurvived: analysis.outages.filter((o) => o.hits > 0 && o.servicesDown.length === 0).length,
    contacts: Object.keys(config.contacts).map(contact),
    ...(e
      ? {
          escalation: {
            criteria: e.criteria.map(text),
            declaredBy: contact(e.declaredBy),
            levels: e.levels.map((l) => ({
              after: parseDuration(l.after) === 0 ? '' : humanDuration(l.after, lang),
              contacts: l.contacts.map(contact),
            })),
            decisions: e.decisions.map((d) => ({ decision: text(d.decision), by: contact(d.by) })),
          },
        }
      : {}),
    messages,
    suppliers,
    switches: (input.switches ?? [])
      .slice(0, MAX_SWITCHES_LISTED)
      .map((r) => switchView(r, serviceOf(r.group), lang)),
    ...(backups ? { backups } : {}),
    restoreTests: input.backups?.restoreTests ?? [],
    nextTests,
    components: graph.components
      .filter((c) => graph.nodeType[c] === NODE_COMPONENT)
      .map((c) => {
        const cid = graph.ids[c]!;
        const spec = config.components[cid]!;
        return {
          id: cid,
          ...(spec.provider ? { provider: spec.provider } : {}),
          ...(spec.region ? { region: spec.region } : {}),
          ...(spec.kind ? { kind: spec.kind } : {}),
          dependsOn: spec.dependsOn.map(dependencyText),
        };
      }),
    mapDrawn: graph.count <= MAX_MAP_FIGURE,
  };
  return { view, figures };
}

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
  FailoverView,
  MessageView,
  NextTest,
  PlanBackups,
  PlanView,
  RunbookView,
  ServiceView,
  SupplierView,
  SwitchView,
  Verdict,
} from '../i18n/documents/plan.ts';
import { type Lang, type MessageKey, render, t } from '../i18n/index.ts';
import { parseDuration } from '../model/duration.ts';
import { providersOf } from '../model/plan-check.ts';
import type { Config, Criticality, Dependency } from '../model/schema.ts';
import {
  COMMUNICATION_CHANNELS,
  COMMUNICATION_EVENTS,
  type MessageSpec,
  type PlanText,
} from '../model/schema-plan.ts';
import { renderAction } from '../report/actions.ts';
import { renderFinding } from '../report/findings.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import type { SwitchRecord } from '../store/failover-records.ts';

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

export function planText(value: PlanText, lang: Lang): string {
  if (typeof value === 'string') return value;
  return value[lang] ?? value.en ?? value.fr ?? '';
}

/** A duration of the map as people write it: `4 h`, `1 h 30 min`, `2 days` (`2 jours`), `45 s`. */
export function humanDuration(value: string | number, lang: Lang): string {
  let rest = typeof value === 'number' ? value : (parseDuration(value) ?? 0);
  if (rest === 0) return lang === 'fr' ? '0 min' : '0 min';
  const parts: string[] = [];
  const days = Math.floor(rest / 86_400_000);
  rest -= days * 86_400_000;
  if (days > 0)
    parts.push(lang === 'fr' ? `${days} jour${days > 1 ? 's' : ''}` : `${days} day${days > 1 ? 's' : ''}`);
  for (const [size, unit] of [
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
    [1, 'ms'],
  ] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n} ${unit}`);
  }
  return parts.join(' ');
}

/** A measured time as people read it: 850 ms, 2.3 s (2,3 s), 4m10s. */
export function measuredTime(ms: number, lang: Lang): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) {
    const s = (Math.round(ms / 100) / 10).toFixed(ms < 10_000 ? 1 : 0);
    return `${lang === 'fr' ? s.replace('.', ',') : s} s`;
  }
  return humanDuration(Math.round(ms / 1000) * 1000, lang);
}

/** What the users saw of a switch: from the first failed probe (or the decision) to the first request served. */
export function switchTimes(r: SwitchRecord): { total?: number; detection?: number; switchMs?: number } {
  const first = r.firstFailureAt ?? r.downAt;
  const confirmed = Object.values(r.confirmed);
  const done = r.firstServedAt ?? (confirmed.length > 0 ? Math.max(...confirmed) : undefined);
  const out: { total?: number; detection?: number; switchMs?: number } = {};
  if (first !== undefined) out.detection = Math.max(0, r.decidedAt - first);
  if (done !== undefined) {
    out.switchMs = Math.max(0, done - r.decidedAt);
    out.total = Math.max(0, done - (first ?? r.decidedAt));
  }
  return out;
}

function against(
  lang: Lang,
  objective: string | undefined,
  label: string,
  measuredMs: number | undefined,
  measured: string | undefined,
  at?: number,
): Verdict {
  if (objective === undefined)
    return measured === undefined
      ? { kind: 'no-objective' }
      : { kind: 'no-objective', measured, ...(at ? { at } : {}) };
  const goal = `${label} ${humanDuration(objective, lang)}`;
  if (measuredMs === undefined || measured === undefined) return { kind: 'never-measured', objective: goal };
  return {
    kind: measuredMs <= parseDuration(objective)! ? 'met' : 'not-met',
    objective: goal,
    measured,
    ...(at ? { at } : {}),
  };
}

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

  // Switch records per group, newest first.
  const records = new Map<string, SwitchRecord[]>();
  for (const r of input.switches ?? []) records.set(r.group, [...(records.get(r.group) ?? []), r]);
  const switchView = (r: SwitchRecord, service: string): SwitchView => {
    const tm = switchTimes(r);
    return {
      group: r.group,
      service,
      at: r.decidedAt,
      from: r.from,
      to: r.to,
      reason: r.reason,
      ...(tm.total !== undefined ? { total: measuredTime(tm.total, lang) } : {}),
      ...(tm.detection !== undefined ? { detection: measuredTime(tm.detection, lang) } : {}),
      ...(tm.switchMs !== undefined ? { switchTime: measuredTime(tm.switchMs, lang) } : {}),
    };
  };

  const backups: BackupView[] | undefined = input.backups?.datasets.map((d) => {
    const ageMs = d.lastGoodSnapshotAgeMs;
    const lastGood = ageMs === undefined ? undefined : measuredTime(ageMs, lang);
    const r = d.rule;
    return {
      ...d,
      ...(lastGood ? { lastGood } : {}),
      verdict: against(
        lang,
        d.rpo,
        'RPO',
        ageMs,
        lastGood === undefined ? undefined : t(lang, 'plan.lastGood', { age: lastGood }),
      ),
      ruleMet: r.copies >= 3 && r.media >= 2 && r.offsite >= 1 && r.immutable >= 1 && r.errors === 0,
    };
  });

  const nextTests: NextTest[] = [];
  const entries = graph.services
    .map((node) => {
      const id = graph.ids[node]!;
      const spec = config.services[id]!;
      const reach = closure(graph, node);
      const failovers: FailoverView[] = [];
      for (const [fid, f] of Object.entries(config.failover)) {
        if ('service' in f) {
          if (f.service !== id) continue;
          const list = records.get(fid) ?? [];
          const last = list[0];
          const tm = last ? switchTimes(last) : {};
          const lastView = last ? switchView(last, id) : undefined;
          const verdict = against(
            lang,
            spec.rto,
            'RTO',
            tm.total,
            tm.total === undefined
              ? undefined
              : t(lang, 'plan.lastSwitch', { time: measuredTime(tm.total, lang) }),
            last?.decidedAt,
          );
          failovers.push({
            id: fid,
            type: 'bascule',
            endpoints: f.endpoints.map((e) => e.name),
            ...(f.description ? { description: f.description } : {}),
            detection: f.endpoints.map((e) => {
              const check = config.checks[e.check];
              return {
                check: e.check,
                interval: humanDuration(check?.interval ?? '30s', lang),
                failAfter: check?.failAfter ?? 3,
              };
            }),
            switches: list.length,
            ...(lastView ? { last: lastView } : {}),
            verdict,
          });
          if (!last) nextTests.push({ kind: 'switch-never', subject: fid, service: id });
          else if (verdict.kind === 'not-met')
            nextTests.push({ kind: 'rto-not-met', subject: fid, service: id });
          else if (reviewMs !== undefined && now - last.decidedAt > reviewMs)
            nextTests.push({ kind: 'switch-old', subject: fid, service: id, since: last.decidedAt });
        } else {
          const primary = graph.index.get(f.primary);
          if (primary === undefined || !reach.has(primary)) continue;
          failovers.push({
            id: fid,
            type: 'external',
            endpoints: [f.primary, ...f.secondary],
            via: f.via,
            ...(f.description ? { description: f.description } : {}),
            detection: [],
            switches: 0,
            verdict: spec.rto
              ? { kind: 'never-measured', objective: `RTO ${spec.rto}` }
              : { kind: 'no-objective' },
          });
        }
      }
      const runbooks: RunbookView[] = Object.entries(config.runbooks)
        .filter(([, r]) => r.service === id)
        .map(([rid, r]) => {
          const totalMs = r.steps.reduce((sum, s) => sum + parseDuration(s.takes)!, 0);
          const total = humanDuration(totalMs, lang);
          nextTests.push({ kind: 'runbook', subject: text(r.title), service: id });
          return {
            id: rid,
            title: text(r.title),
            ...(r.when ? { when: text(r.when) } : {}),
            steps: r.steps.map((s) => ({
              do: text(s.do),
              who: contact(s.who),
              takes: humanDuration(s.takes, lang),
            })),
            total,
            verdict: against(lang, spec.rto, 'RTO', totalMs, t(lang, 'plan.planned', { time: total })),
          };
        });
      const mine = (backups ?? []).filter((b) => {
        const c = graph.index.get(b.component);
        return c !== undefined && reach.has(c);
      });
      for (const b of mine) {
        if (!b.lastRestoreTest) nextTests.push({ kind: 'restore-never', subject: b.id, service: id });
        else if (!b.lastRestoreTest.ok)
          nextTests.push({ kind: 'restore-failed', subject: b.id, service: id });
        else if (reviewMs !== undefined && now - b.lastRestoreTest.at > reviewMs)
          nextTests.push({ kind: 'restore-old', subject: b.id, service: id, since: b.lastRestoreTest.at });
      }
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
  const fill = (template: string) =>
    template.replace(/\{(\w+)\}/g, (whole, key: string) => {
      if (key === 'company') return config.name;
      if (key === 'services') return named.join(', ');
      if (key === 'start' || key === 'next' || key === 'end')
        return `[${t(lang, `plan.fill.${key}` as 'plan.fill.start')}]`;
      return whole;
    });
  const upper = (x: string) => x.charAt(0).toLocaleUpperCase(lang) + x.slice(1);
  const messages: MessageView[] = COMMUNICATION_CHANNELS.flatMap((channel) =>
    COMMUNICATION_EVENTS.map((event): MessageView => {
      const own: MessageSpec | undefined = config.communications?.[channel]?.[event];
      const key = `plan.message.${channel}.${event}`;
      const subject = own?.subject ? text(own.subject) : render(lang, `${key}.subject` as MessageKey, {});
      const body = own ? text(own.body) : render(lang, `${key}.body` as MessageKey, {});
      return {
        channel,
        event,
        subject: upper(fill(subject)),
        body: upper(fill(body)),
        custom: own !== undefined,
      };
    }),
  );

  // Every provider of the map, with its contact when declared (keys read through the catalogue).
  const idOf = input.providerId ?? ((p: string) => p);
  const declared = new Map(Object.entries(config.suppliers).map(([k, v]) => [idOf(k).toLowerCase(), v]));
  const byProvider = new Map<string, string[]>();
  for (const c of graph.components) {
    const cid = graph.ids[c]!;
    const spec = config.components[cid]!;
    if (spec.provider) byProvider.set(spec.provider, [...(byProvider.get(spec.provider) ?? []), cid]);
  }
  // The providers one deals with (those components are at), and any other the map declares a contact for.
  const shown = providersOf(config).filter((p) => byProvider.has(p) || declared.has(p.toLowerCase()));
  const suppliers: SupplierView[] = shown.map((p) => {
    const s = declared.get(p.toLowerCase());
    return {
      provider: p,
      name: s?.name ?? p,
      declared: s !== undefined,
      ...(s?.support ? { support: text(s.support) } : {}),
      ...(s?.phone ? { phone: s.phone } : {}),
      ...(s?.email ? { email: s.email } : {}),
      ...(s?.url ? { url: s.url } : {}),
      ...(s?.account ? { account: s.account } : {}),
      components: byProvider.get(p) ?? [],
    };
  });

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
      .map((r) => switchView(r, serviceOf(r.group))),
    ...(backups ? { backups } : {}),
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

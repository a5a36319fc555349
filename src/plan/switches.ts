/**
 * The failover part of the plan: what the users saw of each recorded switch, and each failover of a
 * service with its detection, its last switch and that switch against the service's RTO; a group
 * never switched, over its RTO or not switched within the review period is a test to schedule.
 */
import type { Graph } from '../analysis/graph.ts';
import type { FailoverView, NextTest, SwitchView } from '../i18n/documents/plan.ts';
import { type Lang, t } from '../i18n/index.ts';
import type { Config } from '../model/schema.ts';
import type { SwitchRecord } from '../store/failover-records.ts';
import { against, humanDuration, measuredTime } from './words.ts';

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

export function switchView(r: SwitchRecord, service: string, lang: Lang): SwitchView {
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
}

/** The switch records per group, newest first. */
export function recordsByGroup(switches: readonly SwitchRecord[] | undefined): Map<string, SwitchRecord[]> {
  const records = new Map<string, SwitchRecord[]>();
  for (const r of switches ?? []) {
    const list = records.get(r.group);
    if (list) list.push(r);
    else records.set(r.group, [r]);
  }
  return records;
}

export interface FailoverContext {
  readonly config: Config;
  readonly graph: Graph;
  readonly lang: Lang;
  readonly now: number;
  readonly records: ReadonlyMap<string, readonly SwitchRecord[]>;
  /** The review period (ms), when the map gives one. */
  readonly reviewMs: number | undefined;
}

/** The failovers of one service (those Bascule runs for it, and those outside it reaches), and the tests they call for. */
export function serviceFailovers(
  cx: FailoverContext,
  id: string,
  reach: ReadonlySet<number>,
  nextTests: NextTest[],
): FailoverView[] {
  const { config, graph, lang, now } = cx;
  const spec = config.services[id]!;
  const out: FailoverView[] = [];
  for (const [fid, f] of Object.entries(config.failover)) {
    if ('service' in f) {
      if (f.service !== id) continue;
      const list = cx.records.get(fid) ?? [];
      const last = list[0];
      const tm = last ? switchTimes(last) : {};
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
      out.push({
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
        ...(last ? { last: switchView(last, id, lang) } : {}),
        verdict,
      });
      if (!last) nextTests.push({ kind: 'switch-never', subject: fid, service: id });
      else if (verdict.kind === 'not-met') nextTests.push({ kind: 'rto-not-met', subject: fid, service: id });
      else if (cx.reviewMs !== undefined && now - last.decidedAt > cx.reviewMs)
        nextTests.push({ kind: 'switch-old', subject: fid, service: id, since: last.decidedAt });
    } else {
      const primary = graph.index.get(f.primary);
      if (primary === undefined || !reach.has(primary)) continue;
      out.push({
        id: fid,
        type: 'external',
        endpoints: [f.primary, ...f.secondary],
        via: f.via,
        ...(f.description ? { description: f.description } : {}),
        detection: [],
        switches: 0,
        verdict: spec.rto
          ? { kind: 'never-measured', objective: `RTO ${humanDuration(spec.rto, lang)}` }
          : { kind: 'no-objective' },
      });
    }
  }
  return out;
}

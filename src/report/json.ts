/** The stable JSON outputs of analyze and simulate (documented in docs/json-output.md). */
import type { Analysis } from '../analysis/analyze.ts';
import { formatPredicate } from '../analysis/predicate.ts';
import type { Simulation } from '../analysis/simulate.ts';
import type { Lang } from '../i18n/index.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import { renderAction } from './actions.ts';
import { dataJson } from './data-outcome.ts';
import { failoverSentence } from './failover-outcome.ts';
import { renderFinding } from './findings.ts';

export const JSON_FORMAT_VERSION = 1;

export function analysisJson(a: Analysis, lang: Lang) {
  return {
    formatVersion: JSON_FORMAT_VERSION,
    name: a.name,
    summary: a.summary,
    score: a.score,
    // The changes that raise the score most, computed by re-analysing the map with each applied.
    actions: (a.actions?.actions ?? []).map((x) => renderAction(lang, x)),
    actionsTried: { candidates: a.actions?.candidates ?? 0, evaluated: a.actions?.evaluated ?? 0 },
    singlePointsOfFailure: a.singlePointsOfFailure,
    findings: a.findings.map((f) => renderFinding(lang, f)),
    outages: a.outages.map((o) => ({ ...o, title: o.title[lang], data: dataJson(o.data, lang) })),
    blastRadius: a.blastRadius,
  };
}

export function simulationJson(s: Simulation, lang: Lang, replay?: Scenario) {
  return {
    formatVersion: JSON_FORMAT_VERSION,
    scenario: {
      fail: s.predicates.map(formatPredicate),
      ...(replay
        ? {
            replay: {
              id: replay.id,
              title: replay.title[lang],
              date: replay.date,
              provider: replay.provider,
              simplifications: replay.simplifications?.[lang],
              sources: replay.sources,
            },
          }
        : {}),
    },
    matched: s.matched,
    servicesDown: s.servicesDown,
    componentsDown: s.componentsDown,
    degraded: s.degraded,
    explanations: s.explanations,
    // What each failover whose preferred endpoint failed would do, and the sentence that says it.
    failovers: s.failovers.map((o) => ({ ...o, text: failoverSentence(o, lang) })),
    // The data of the datasets whose component failed: lost, stale or restorable, and the sentence.
    data: dataJson(s.data, lang),
  };
}

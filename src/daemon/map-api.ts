/**
 * What the API reads of the map (server/deps.ts MapApi): its JSON without secrets, its analysis
 * (computed once, when the daemon starts, and kept; rendered per language on first ask), the outage
 * library, and simulations. The same JSON as `bascule analyze`, `scenarios` and `simulate` with
 * `--format json`, built by the same functions.
 */
import { type Analysis, analyze } from '../analysis/analyze.ts';
import type { Graph } from '../analysis/graph.ts';
import { formatPredicate, type Predicate } from '../analysis/predicate.ts';
import { simulate } from '../analysis/simulate.ts';
import type { Lang } from '../i18n/index.ts';
import type { Catalogue } from '../model/catalogue.ts';
import { normalisePredicate, unplacedComponents } from '../model/catalogue-normalise.ts';
import type { Config } from '../model/schema.ts';
import { analysisJson, simulationJson } from '../report/json.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import type { MapApi } from '../server/deps.ts';
import { mapJson } from './map-json.ts';

export interface MapParts {
  readonly config: Config;
  readonly graph: Graph;
  /** The outage library: built in, and the scenarios/ folder next to the map (`bascule run` reads it). */
  readonly scenarios: readonly Scenario[];
  /** The provider catalogue the map was read with. */
  readonly catalogue: Catalogue;
}

/** The analysis of `bascule analyze --format json`, in a language. */
export function analysisOutput(analysis: Analysis, lang: Lang) {
  return { ...analysisJson(analysis, lang), notEvaluated: analysis.notEvaluated };
}

/**
 * Analyses the map now (once), and answers from what it found. A failure of the analysis (a bug)
 * does not stop the daemon: it is told to `onError`, and GET /api/v1/analysis answers 500.
 */
export function mapApi(p: MapParts, onError: (e: unknown) => void = () => {}): MapApi {
  let analysis: Analysis | undefined;
  let failure: unknown;
  try {
    analysis = analyze(p.config, p.scenarios, p.graph, {
      actions: true,
      unplaced: unplacedComponents(p.config, p.catalogue),
    });
  } catch (e) {
    failure = e;
    onError(e);
  }
  const rendered = new Map<Lang, unknown>();
  const json = mapJson(p.config);
  const library = p.scenarios.map((s) => ({ ...s, fail: s.fail.map(formatPredicate) }));
  return {
    services: Object.keys(p.config.services),
    graph: p.graph,
    map: () => json,
    analysis(lang) {
      if (!analysis) throw failure;
      let out = rendered.get(lang);
      if (out === undefined) {
        out = analysisOutput(analysis, lang);
        rendered.set(lang, out);
      }
      return out;
    },
    scenarios: () => library,
    simulate(ask, lang) {
      if ('scenario' in ask) {
        const replay = p.scenarios.find((s) => s.id === ask.scenario);
        if (!replay) return { ok: false, scenarios: p.scenarios.map((s) => s.id) };
        return { ok: true, json: simulationJson(simulate(p.graph, replay.fail), lang, replay) };
      }
      // Providers and regions as people write them (OVHcloud, Strasbourg), as `--fail` reads them.
      const fail: Predicate[] = ask.fail.map(
        (predicate, i) => normalisePredicate(predicate, p.catalogue, `fail.${i}`).predicate,
      );
      return { ok: true, json: simulationJson(simulate(p.graph, fail), lang) };
    },
  };
}

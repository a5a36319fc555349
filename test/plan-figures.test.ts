/**
 * The plan's pictures speak the plan's language: box details (criticality), groups, marks and the
 * legend under each picture come from the catalogues, so a French plan has no English word in its
 * pictures, and an English plan no French one.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../src/analysis/analyze.ts';
import { buildGraph } from '../src/analysis/graph.ts';
import { type Lang, t } from '../src/i18n/index.ts';
import { loadConfig } from '../src/model/load.ts';
import { renderPlanHtml } from '../src/plan/render.ts';
import { loadScenarios } from '../src/scenarios/library.ts';
import { loadCatalogue } from '../src/scenarios/providers.ts';

const EXAMPLES = join(import.meta.dirname, '..', 'examples');

async function figures(map: string, lang: Lang): Promise<string[]> {
  const file = join(EXAMPLES, map);
  const catalogue = loadCatalogue([]);
  const r = loadConfig(readFileSync(file, 'utf8'), file, catalogue);
  assert.ok(r.ok);
  const scenarios = loadScenarios([]);
  const graph = buildGraph(r.config);
  const analysis = analyze(r.config, scenarios, graph);
  const { html } = await renderPlanHtml({
    config: r.config,
    graph,
    analysis,
    scenarios,
    lang,
    file: map,
    now: Date.UTC(2026, 11, 1),
    switches: undefined,
    storeWhere: 'none',
  });
  return [...html.matchAll(/<figure>[\s\S]*?<\/figure>/g)].map((m) => m[0]);
}

/** The words a picture draws, per language: those of the keys the diagram and its legend use. */
const KEYS = [
  'alert.criticality.critical',
  'alert.criticality.high',
  'alert.criticality.medium',
  'alert.criticality.low',
  'html.legend.component',
  'html.legend.group',
  'html.legend.spof',
  'html.logical',
] as const;

describe("the plan's pictures in the plan's language", () => {
  for (const [lang, other] of [
    ['fr', 'en'],
    ['en', 'fr'],
  ] as const) {
    it(`boutique-strasbourg.yaml in ${lang}: details, groups and legend in ${lang}, none in ${other}`, async () => {
      const figs = await figures('boutique-strasbourg.yaml', lang);
      assert.ok(figs.length >= 3, `${figs.length} pictures`);
      const own = (k: (typeof KEYS)[number]) => t(lang, k);
      const foreign = KEYS.map((k) => t(other, k)).filter((w) => !KEYS.some((k) => own(k) === w));
      for (const fig of figs) {
        // The text the reader sees: SVG text, legend, caption (not attributes).
        const text = fig.replace(/<[^>]*>/g, ' ');
        assert.ok(text.includes(own('html.legend.spof')), 'no legend under a picture');
        for (const w of foreign)
          assert.doesNotMatch(text, new RegExp(`(^|[\\s>·])${w}([\\s<·]|$)`), `"${w}" in a ${lang} picture`);
      }
      // The critical service's box says so in the plan's language.
      assert.ok(
        figs.some((f) => f.includes(`${own('alert.criticality.critical')} · RTO`)),
        'no criticality in a service box',
      );
    });
  }
});

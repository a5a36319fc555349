/**
 * `--format html`: one self-contained page a manager can open — the dependency map drawn by a real
 * layout engine (ELK), with providers as coloured boxes and SPOFs and failures marked, then the
 * findings, the score and the outage replays, or a simulation and its explanations.
 */

import type { Analysis } from '../../analysis/analyze.ts';
import type { Graph } from '../../analysis/graph.ts';
import type { Simulation } from '../../analysis/simulate.ts';
import { type Lang, t } from '../../i18n/index.ts';
import { runsOnPlaces } from '../../model/runs-on.ts';
import type { Config } from '../../model/schema.ts';
import type { Scenario } from '../../scenarios/scenario.ts';
import { buildDiagram, type Marks } from './diagram.ts';
import { esc } from './escape.ts';
import { layoutDiagram } from './layout.ts';
import { analysisSections, legend, page, simulationSections } from './page.ts';
import { drawSvg } from './svg.ts';

/** Beyond this many boxes a drawing is no longer legible (nor quick to lay out): tables only. */
export const MAX_DRAWN_NODES = 400;

export interface HtmlInput {
  readonly config: Config;
  readonly graph: Graph;
  readonly lang: Lang;
  readonly analysis?: Analysis;
  readonly simulation?: Simulation;
  readonly replay?: Scenario;
  /** The map's file name, shown in the footer. */
  readonly file?: string;
  readonly now?: Date;
}

function marksFor(input: HtmlInput): Marks {
  if (input.simulation) {
    const s = input.simulation;
    return {
      down: new Set([...s.servicesDown, ...s.componentsDown]),
      hit: new Set(s.matched),
      degraded: new Set(s.degraded.map((d) => d.group)),
    };
  }
  return { spof: new Set(input.analysis?.singlePointsOfFailure.map((s) => s.component) ?? []) };
}

async function figure(input: HtmlInput, title: string): Promise<string> {
  const { graph, lang } = input;
  if (graph.count > MAX_DRAWN_NODES) {
    return `<p class="muted">${esc(t(lang, 'html.tooBig', { count: graph.count, limit: MAX_DRAWN_NODES }))}</p>`;
  }
  const diagram = buildDiagram(graph, marksFor(input), lang);
  const svg = drawSvg(diagram, await layoutDiagram(diagram), title);
  return `<p class="muted">${esc(t(lang, 'html.mapNote'))}</p>${legend(lang, input.simulation !== undefined)}<div class="figure">${svg}</div>`;
}

/** Every provider the map names: those its components are on, and those its suppliers run on (`runsOn`). */
export function mapProviders(config: Config): string[] {
  const out = new Set<string>();
  for (const c of Object.values(config.components)) {
    if (c.provider) out.add(c.provider);
    for (const place of runsOnPlaces(c.runsOn)) out.add(place.provider);
  }
  return [...out].sort();
}

export async function renderHtml(input: HtmlInput): Promise<string> {
  const { config, lang, analysis, simulation } = input;
  const title = t(lang, simulation ? 'html.title.simulation' : 'html.title.analysis', { name: config.name });
  const components = Object.keys(config.components).length;
  const providers = mapProviders(config);
  const subtitle = [
    config.description,
    t(lang, 'cli.analyze.counts', {
      services: Object.keys(config.services).length,
      components,
      providers: providers.join(', ') || '-',
    }),
  ]
    .filter(Boolean)
    .join(' — ');
  const fig = await figure(input, title);
  const body = simulation
    ? simulationSections(simulation, lang, fig, input.replay)
    : analysis
      ? analysisSections(analysis, lang, fig)
      : fig;
  const date = (input.now ?? new Date()).toISOString().slice(0, 10);
  let footer = esc(t(lang, 'html.generated', { date, file: input.file ?? 'bascule.yaml' }));
  if (analysis) footer += `<br>${esc(t(lang, 'cli.analyze.method'))}`;
  return page(lang, title, subtitle, body, footer);
}

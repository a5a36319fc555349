/** `bascule analyze`: findings, score, outage replays and blast radii for the map. */
import { analyze as runAnalysis } from '../../analysis/analyze.ts';
import { SEVERITIES, severityRank } from '../../analysis/finding.ts';
import { buildGraph } from '../../analysis/graph.ts';
import { unplacedComponents } from '../../model/catalogue-normalise.ts';
import { analysisJson } from '../../report/json.ts';
import { CONFIG_OPTION, type Command, FORMAT_OPTION, OUT_OPTION, SCENARIOS_OPTION } from '../command.ts';
import { analysisText } from '../render/analysis-text.ts';
import { choice, configPath, emit, json, readMap, readScenarios } from '../shared.ts';
import { painter } from '../style.ts';

export const FAIL_ON = [...SEVERITIES, 'none'] as const;

export const analyze = {
  name: 'analyze',
  summary: 'cli.analyze.summary',
  usage:
    'bascule analyze [-c FILE] [--format text|json|html] [--out FILE] [--fail-on SEVERITY] [--scenarios DIR] [--full]',
  effect: 'read-only',
  options: {
    ...CONFIG_OPTION,
    ...FORMAT_OPTION,
    ...OUT_OPTION,
    ...SCENARIOS_OPTION,
    'fail-on': { type: 'string', default: 'none' },
    /** Complete service lists in blast radii and single points of failure (bounded by default). */
    full: { type: 'boolean' },
  },
  async run(ctx) {
    const format = choice(ctx, 'format', ['text', 'json', 'html'] as const);
    const failOn = choice(ctx, 'fail-on', FAIL_ON);
    const { config, catalogue } = readMap(ctx);
    const scenarios = readScenarios(ctx, true, catalogue);
    const graph = buildGraph(config);
    const analysis = runAnalysis(config, scenarios, graph, {
      full: ctx.values.full === true,
      actions: true,
      unplaced: unplacedComponents(config, catalogue),
    });
    if (format === 'json')
      emit(ctx, json({ ...analysisJson(analysis, ctx.lang), notEvaluated: analysis.notEvaluated }));
    else if (format === 'html') {
      const { renderHtml } = await import('../../report/html/index.ts');
      emit(ctx, await renderHtml({ config, graph, lang: ctx.lang, analysis, file: configPath(ctx) }));
    } else emit(ctx, analysisText(analysis, ctx.lang, painter(ctx.io.color && ctx.values.out === undefined)));
    if (failOn === 'none') return 0;
    const threshold = severityRank(failOn);
    return analysis.findings.some((f) => severityRank(f.severity) <= threshold) ? 1 : 0;
  },
} satisfies Command;

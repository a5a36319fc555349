/** `bascule simulate`: plays failure predicates, or a historical outage, against the map. */
import { buildGraph } from '../../analysis/graph.ts';
import { parsePredicate } from '../../analysis/predicate.ts';
import { simulate as runSimulation } from '../../analysis/simulate.ts';
import { fail } from '../../errors.ts';
import { suggest } from '../../model/suggest.ts';
import { simulationJson } from '../../report/json.ts';
import { CONFIG_OPTION, type Command, FORMAT_OPTION, OUT_OPTION, SCENARIOS_OPTION } from '../command.ts';
import { simulationText } from '../render/simulation-text.ts';
import {
  choice,
  configPath,
  emit,
  json,
  readMap,
  readPredicate,
  readScenarios,
  reportWarnings,
} from '../shared.ts';
import { painter } from '../style.ts';

export const simulate = {
  name: 'simulate',
  summary: 'cli.simulate.summary',
  usage:
    'bascule simulate [-c FILE] (--fail KEY=VALUE[,KEY=VALUE...] ... | --replay SCENARIO_ID) [--format text|json|html] [--out FILE]',
  effect: 'read-only',
  options: {
    ...CONFIG_OPTION,
    ...FORMAT_OPTION,
    ...OUT_OPTION,
    ...SCENARIOS_OPTION,
    fail: { type: 'string', multiple: true },
    replay: { type: 'string' },
  },
  async run(ctx) {
    const format = choice(ctx, 'format', ['text', 'json', 'html'] as const);
    const failFlags = (ctx.values.fail as string[] | undefined) ?? [];
    const replayId = ctx.values.replay as string | undefined;
    if (failFlags.length > 0 === (replayId !== undefined)) throw fail('BASCULE_E_USAGE_SIMULATE_MODE', {});
    const parsed = failFlags.map(parsePredicate);
    const { config, catalogue } = readMap(ctx);
    // `--fail provider=OVHcloud,region=Strasbourg` fails ovh/sbg, as the map's names are read.
    const predicates = parsed.map((p, i) => {
      const r = readPredicate(p, catalogue, `--fail ${failFlags[i]}`);
      reportWarnings(ctx, r.warnings);
      return r.predicate;
    });
    let replay: ReturnType<typeof readScenarios>[number] | undefined;
    if (replayId !== undefined) {
      const library = readScenarios(ctx, true, catalogue);
      replay = library.find((s) => s.id === replayId);
      if (!replay) {
        const hint = suggest(
          replayId,
          library.map((s) => s.id),
        );
        throw fail('BASCULE_E_SCENARIO_UNKNOWN', { id: replayId, ...(hint ? { suggestion: hint } : {}) });
      }
    }
    const graph = buildGraph(config);
    const simulation = runSimulation(graph, replay ? replay.fail : predicates);
    if (format === 'json') emit(ctx, json(simulationJson(simulation, ctx.lang, replay)));
    else if (format === 'html') {
      const { renderHtml } = await import('../../report/html/index.ts');
      emit(
        ctx,
        await renderHtml({
          config,
          graph,
          lang: ctx.lang,
          simulation,
          file: configPath(ctx),
          ...(replay ? { replay } : {}),
        }),
      );
    } else
      emit(
        ctx,
        simulationText(simulation, ctx.lang, painter(ctx.io.color && ctx.values.out === undefined), replay),
      );
    return 0;
  },
} satisfies Command;

/**
 * `bascule plan`: the business continuity plan, from the map, its analysis and the switch and
 * backup records the daemon keeps in its store (found as `bascule status-page export` finds it; no store: nothing
 * was measured, and the plan says so). Markdown by default, HTML, or PDF printed by Chromium.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fail } from '../../errors.ts';
import { t } from '../../i18n/index.ts';
import type { BackupRecords } from '../../plan/backups.ts';
import { CONFIG_OPTION, type Command, OUT_OPTION, SCENARIOS_OPTION } from '../command.ts';
import { writeText } from '../io.ts';
import { choice, configPath, emit, readMap, readScenarios } from '../shared.ts';
import { storeLocation } from '../store-location.ts';

/** Switch records read from the store for the plan: the newest ones. */
const MAX_SWITCHES = 500;

export const plan = {
  name: 'plan',
  summary: 'cli.plan.summary',
  usage:
    'bascule plan [-c FILE] [--lang fr|en] [--format md|html|pdf] [--out FILE] [--data-dir DIR] [--store sqlite|postgres://...] [--scenarios DIR]',
  effect: 'read-only',
  options: {
    ...CONFIG_OPTION,
    ...OUT_OPTION,
    ...SCENARIOS_OPTION,
    format: { type: 'string', default: 'md' },
    'data-dir': { type: 'string' },
    store: { type: 'string' },
  },
  async run(ctx) {
    const format = choice(ctx, 'format', ['md', 'html', 'pdf'] as const);
    const out = ctx.values.out;
    if (format === 'pdf' && typeof out !== 'string') throw fail('BASCULE_E_USAGE_PLAN_OUT', {});
    const { config, catalogue } = readMap(ctx);
    const scenarios = readScenarios(ctx, true, catalogue);
    const [
      { analyze },
      { buildGraph },
      { unplacedComponents },
      render,
      { planBackups, MAX_RESTORES_LISTED },
    ] = await Promise.all([
      import('../../analysis/analyze.ts'),
      import('../../analysis/graph.ts'),
      import('../../model/catalogue-normalise.ts'),
      import('../../plan/render.ts'),
      import('../../plan/backups.ts'),
    ]);
    const graph = buildGraph(config);
    const analysis = analyze(config, scenarios, graph, {
      actions: true,
      unplaced: unplacedComponents(config, catalogue),
    });
    // The daemon's store, as `bascule status-page export` finds it; one that is not there is not created.
    const baseDir = dirname(resolve(ctx.io.cwd, configPath(ctx)));
    const { dataDir, spec } = storeLocation(ctx, config, baseDir);
    const { openStore, redactUrl } = await import('../../store/open.ts');
    const sqliteFile =
      spec === 'sqlite'
        ? join(dataDir, 'bascule.db')
        : spec.startsWith('sqlite:')
          ? resolve(dataDir, spec.slice('sqlite:'.length))
          : undefined;
    const where = sqliteFile ?? redactUrl(spec);
    let switches: Awaited<ReturnType<Awaited<ReturnType<typeof openStore>>['switches']>> | undefined;
    let records: BackupRecords | undefined;
    if ((sqliteFile === undefined || existsSync(sqliteFile)) && spec !== 'memory') {
      const store = await openStore(spec, dataDir);
      try {
        await store.migrate();
        switches = await store.switches({ limit: MAX_SWITCHES });
        records = {
          heads: await store.backupHeads(),
          restores: await store.backupEvents('restore', { limit: MAX_RESTORES_LISTED }),
        };
      } finally {
        await store.close();
      }
    }
    const now = Date.now();
    const backups = planBackups(config, records, now);
    const input = {
      config,
      graph,
      analysis,
      scenarios,
      lang: ctx.lang,
      file: configPath(ctx),
      now,
      switches,
      ...(backups ? { backups } : {}),
      storeWhere: where,
      providerId: (name: string) => {
        const found = catalogue.lookupProvider(name);
        return found.known ? found.id : name;
      },
    };
    if (format === 'md') emit(ctx, render.renderPlanMarkdown(input));
    else if (format === 'html') emit(ctx, (await render.renderPlanHtml(input)).html);
    else {
      const pdf = await render.renderPlanPdf(input, ctx.io.env.BASCULE_CHROMIUM ?? '/usr/bin/chromium');
      writeText(resolve(ctx.io.cwd, out as string), pdf, true, out as string);
      ctx.io.stderr(`${t(ctx.lang, 'cli.wrote', { file: out as string })}\n`);
    }
    return 0;
  },
} satisfies Command;

/** `bascule scenarios`: the outage library (built-in and the user's), with dates and sources. */

import { formatPredicate } from '../../analysis/predicate.ts';
import { t } from '../../i18n/index.ts';
import { type Command, FORMAT_OPTION, SCENARIOS_OPTION } from '../command.ts';
import { choice, emit, json, readScenarios } from '../shared.ts';
import { painter, table } from '../style.ts';

export const scenarios = {
  name: 'scenarios',
  summary: 'cli.scenarios.summary',
  usage: 'bascule scenarios [--format text|json] [--scenarios DIR]',
  effect: 'read-only',
  options: { ...FORMAT_OPTION, ...SCENARIOS_OPTION },
  async run(ctx) {
    const format = choice(ctx, 'format', ['text', 'json'] as const);
    const list = readScenarios(ctx, false);
    if (format === 'json') {
      emit(ctx, json({ scenarios: list.map((s) => ({ ...s, fail: s.fail.map(formatPredicate) })) }));
      return 0;
    }
    const paint = painter(ctx.io.color);
    const rows = list.map((s) => [
      paint('bold', s.id),
      s.date,
      s.duration ?? '',
      s.title[ctx.lang],
      s.sources[0]?.url ?? '',
    ]);
    const header = ['ID', 'DATE', 'DURATION', 'TITLE', 'SOURCE'].map((h) =>
      t(ctx.lang, `cli.col.${h}` as 'cli.col.ID'),
    );
    emit(ctx, `${table(header, rows, paint)}\n\n${t(ctx.lang, 'cli.scenarios.hint')}\n`);
    return 0;
  },
} satisfies Command;

/** `bascule init`: writes a commented starter bascule.yaml; asks a few questions in a terminal. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { BasculeError } from '../../errors.ts';
import { type Lang, type PlainKey, t } from '../../i18n/index.ts';
import { CONFIG_OPTION, type Command } from '../command.ts';
import { INIT_DEFAULTS, type InitAnswers, initTemplate } from '../init-template.ts';
import type { Io } from '../io.ts';
import { writeText } from '../io.ts';
import { configPath } from '../shared.ts';

function list(answer: string, fallback: readonly string[]): string[] {
  const items = answer
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return items.length > 0 ? items : [...fallback];
}

async function ask(io: Io, lang: Lang): Promise<InitAnswers> {
  const q = async (key: PlainKey, fallback: string) =>
    (await io.ask(`${t(lang, key)} [${fallback}] `)).trim() || fallback;
  const d = INIT_DEFAULTS;
  return {
    name: await q('cli.init.askName', d.name),
    providers: list(await q('cli.init.askProviders', d.providers.join(', ')), d.providers),
    services: list(await q('cli.init.askServices', d.services.join(', ')), d.services),
    suppliers: list(await q('cli.init.askSuppliers', d.suppliers.join(', ')), d.suppliers),
  };
}

export const init = {
  name: 'init',
  summary: 'cli.init.summary',
  usage: 'bascule init [-c FILE] [--lang fr|en] [--yes] [--force]',
  effect: 'writes-files',
  options: { ...CONFIG_OPTION, yes: { type: 'boolean', short: 'y' }, force: { type: 'boolean' } },
  async run(ctx) {
    const file = configPath(ctx);
    const path = resolve(ctx.io.cwd, file);
    const force = ctx.values.force === true;
    // Refuse before asking anything: never overwrite without --force.
    if (!force && existsSync(path))
      throw new BasculeError([{ code: 'BASCULE_E_FILE_EXISTS', params: { file } }]);
    const answers =
      ctx.values.yes === true || !ctx.io.interactive ? INIT_DEFAULTS : await ask(ctx.io, ctx.lang);
    writeText(path, initTemplate(answers, ctx.lang), force, file);
    ctx.io.stdout(`${t(ctx.lang, 'cli.init.done', { file })}\n`);
    return 0;
  },
} satisfies Command;

/** `bascule init`: writes a commented starter bascule.yaml; in a terminal, from a few questions. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BasculeError } from '../../errors.ts';
import { t } from '../../i18n/index.ts';
import { loadCatalogue } from '../../scenarios/providers.ts';
import { CONFIG_OPTION, type Command } from '../command.ts';
import { askInit } from '../init-questions.ts';
import { exampleAnswers, initTemplate } from '../init-template.ts';
import { writeText } from '../io.ts';
import { Prompter } from '../prompter.ts';
import { configPath } from '../shared.ts';

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
    // The providers the map will be read with: the built-in catalogue and a providers/ folder beside it.
    const beside = join(dirname(path), 'providers');
    const catalogue = loadCatalogue(existsSync(beside) ? [beside] : []);
    let answers = exampleAnswers(ctx.lang);
    if (ctx.values.yes !== true && ctx.io.interactive) {
      const prompter = new Prompter(ctx.io);
      prompter.say(t(ctx.lang, 'cli.init.intro', { file }));
      answers = await askInit(prompter, ctx.lang, catalogue);
    }
    writeText(path, initTemplate(answers, catalogue, ctx.lang), force, file);
    ctx.io.stdout(`${t(ctx.lang, 'cli.init.done', { file })}\n`);
    return 0;
  },
} satisfies Command;

/** `bascule validate`: exit 0 with a one-line summary, or every located error and exit 2. */
import { t } from '../../i18n/index.ts';
import { CONFIG_OPTION, type Command } from '../command.ts';
import { configPath, readConfig } from '../shared.ts';

export const validate = {
  name: 'validate',
  summary: 'cli.validate.summary',
  usage: 'bascule validate [-c FILE]',
  effect: 'read-only',
  options: { ...CONFIG_OPTION },
  async run(ctx) {
    const config = readConfig(ctx);
    const groups = [...Object.values(config.services), ...Object.values(config.components)]
      .flatMap((s) => s.dependsOn)
      .filter((d) => typeof d !== 'string').length;
    const line = t(ctx.lang, 'cli.validate.ok', {
      file: configPath(ctx),
      name: config.name,
      services: Object.keys(config.services).length,
      components: Object.keys(config.components).length,
      groups,
      checks: Object.keys(config.checks).length,
    });
    ctx.io.stdout(`${line}\n`);
    return 0;
  },
} satisfies Command;

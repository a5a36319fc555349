/** `bascule notify test CHANNEL`: sends a test alert to one channel, now, and says whether it arrived. */
import { dirname, resolve } from 'node:path';
import { fail } from '../../errors.ts';
import { t } from '../../i18n/index.ts';
import { suggest } from '../../model/suggest.ts';
import { CONFIG_OPTION, type Command } from '../command.ts';
import { configPath, readConfig } from '../shared.ts';

export const notify = {
  name: 'notify',
  summary: 'cli.notify.summary',
  usage: 'bascule notify test CHANNEL [-c FILE]',
  effect: 'sends-messages',
  options: { ...CONFIG_OPTION },
  positionals: 2,
  async run(ctx) {
    const [verb, channel] = ctx.positionals;
    if (verb !== 'test' || channel === undefined || ctx.positionals.length !== 2) {
      throw fail('BASCULE_E_USAGE_NOTIFY', {});
    }
    const config = readConfig(ctx);
    const ids = Object.keys(config.notify ?? {});
    if (ids.length === 0) throw fail('BASCULE_E_NOTIFY_NONE', {});
    const spec = config.notify?.[channel];
    if (!spec) {
      const hint = suggest(channel, ids);
      throw fail('BASCULE_E_NOTIFY_UNKNOWN_CHANNEL', {
        channel,
        channels: ids.join(', '),
        ...(hint ? { suggestion: hint } : {}),
      });
    }
    const [{ Notifier }, { channelType }] = await Promise.all([
      import('../../notify/notifier.ts'),
      import('../../notify/registry.ts'),
    ]);
    const notifier = new Notifier({
      config,
      lang: ctx.lang,
      baseDir: dirname(resolve(ctx.io.cwd, configPath(ctx))),
      env: ctx.io.env,
      channels: [channel],
    });
    try {
      await notifier.test(channel);
    } catch (e) {
      ctx.io.stderr(
        `${t(ctx.lang, 'cli.notify.failed', { channel, detail: e instanceof Error ? e.message : String(e) })}\n`,
      );
      return 1;
    }
    ctx.io.stdout(`${t(ctx.lang, 'cli.notify.sent', { channel, type: channelType(spec) })}\n`);
    return 0;
  },
} satisfies Command;

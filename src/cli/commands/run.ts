/** `bascule run`: the monitoring daemon, until SIGINT or SIGTERM. */
import { dirname, resolve } from 'node:path';
import { fail } from '../../errors.ts';
import { t } from '../../i18n/index.ts';
import { isHostPort } from '../../model/schema-primitives.ts';
import { LOG_LEVELS } from '../../platform/log-levels.ts';
import { CONFIG_OPTION, type Command } from '../command.ts';
import { choice, configPath, readMap, readScenarios } from '../shared.ts';

export const run = {
  name: 'run',
  summary: 'cli.run.summary',
  usage:
    'bascule run [-c FILE] [--listen HOST:PORT] [--data-dir DIR] [--store sqlite|postgres://...] [--log-level LEVEL]',
  effect: 'long-running',
  options: {
    ...CONFIG_OPTION,
    listen: { type: 'string' },
    'data-dir': { type: 'string' },
    store: { type: 'string' },
    'log-level': { type: 'string', default: 'info' },
  },
  async run(ctx) {
    const level = choice(ctx, 'log-level', LOG_LEVELS);
    const listen = ctx.values.listen as string | undefined;
    if (listen !== undefined && !isHostPort(listen)) {
      throw fail('BASCULE_E_USAGE_FLAG_FORMAT', {
        flag: '--listen',
        value: listen,
        format: 'hostPort',
      });
    }
    const { config, catalogue } = readMap(ctx);
    // The library the map is analysed with at start (GET /api/v1/analysis), as `bascule analyze` reads it.
    const scenarios = readScenarios(ctx, true, catalogue);
    // Loaded here, not at start-up: every other command starts faster without the daemon.
    const [{ createLogger }, { Notifier }, { Daemon }] = await Promise.all([
      import('../../platform/log.ts'),
      import('../../notify/notifier.ts'),
      import('../../daemon/daemon.ts'),
    ]);
    const log = createLogger(level);
    const baseDir = dirname(resolve(ctx.io.cwd, configPath(ctx)));
    // Built first: a missing alert secret stops the start, not the first incident.
    const notifier = new Notifier({ config, lang: ctx.lang, baseDir, env: ctx.io.env, log });
    const daemon = await Daemon.start({
      config,
      baseDir,
      notifier,
      scenarios,
      catalogue,
      file: configPath(ctx),
      ...(listen !== undefined ? { listen } : {}),
      ...(typeof ctx.values['data-dir'] === 'string'
        ? { dataDir: resolve(ctx.io.cwd, ctx.values['data-dir']) }
        : {}),
      ...(typeof ctx.values.store === 'string' ? { store: ctx.values.store } : {}),
      lang: ctx.lang,
      log,
      env: ctx.io.env,
    });
    ctx.io.stderr(`${t(ctx.lang, 'cli.run.started', { url: daemon.url })}\n`);
    const signal = await (ctx.io.untilStopped?.() ?? new Promise<string>(() => {}));
    log.info({ signal }, 'stopping');
    await daemon.stop();
    return 0;
  },
} satisfies Command;

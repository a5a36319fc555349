/** `bascule agent`: a remote vantage point that probes for a daemon and reports to it. */
import { resolve } from 'node:path';
import { BasculeError, errorCode, fail } from '../../errors.ts';
import { t } from '../../i18n/index.ts';
import { LOG_LEVELS } from '../../platform/log-levels.ts';
import { readSecret } from '../../platform/secrets.ts';
import type { Command } from '../command.ts';
import { choice } from '../shared.ts';
import { refuseCredentials } from '../url-flag.ts';

export const agent = {
  name: 'agent',
  summary: 'cli.agent.summary',
  usage: 'bascule agent --server URL --vantage ID (--token-file FILE | --token-env VAR) [--log-level LEVEL]',
  effect: 'long-running',
  options: {
    server: { type: 'string' },
    vantage: { type: 'string' },
    'token-file': { type: 'string' },
    'token-env': { type: 'string' },
    'log-level': { type: 'string', default: 'info' },
  },
  async run(ctx) {
    const level = choice(ctx, 'log-level', LOG_LEVELS);
    const server = ctx.values.server;
    const vantage = ctx.values.vantage;
    if (typeof server !== 'string' || !/^https?:\/\//.test(server)) {
      throw fail('BASCULE_E_USAGE_AGENT_SERVER', {});
    }
    refuseCredentials('--server', server);
    if (typeof vantage !== 'string' || vantage === '') throw fail('BASCULE_E_USAGE_AGENT_VANTAGE', {});
    const file = ctx.values['token-file'];
    const env = ctx.values['token-env'];
    if ((typeof file === 'string') === (typeof env === 'string'))
      throw fail('BASCULE_E_USAGE_AGENT_TOKEN', {});
    const token = readSecret(
      typeof file === 'string' ? { file: resolve(ctx.io.cwd, file) } : { env: String(env) },
      '--token',
      ctx.io.cwd,
      ctx.io.env,
    );
    const [{ createLogger }, { Agent }] = await Promise.all([
      import('../../platform/log.ts'),
      import('../../agent/agent.ts'),
    ]);
    const log = createLogger(level);
    const a = new Agent({ server, vantage, token, log });
    try {
      await a.start();
    } catch (e) {
      if (e instanceof BasculeError) throw e;
      throw fail('BASCULE_E_DAEMON_UNREACHABLE', { url: server, reason: errorCode(e) });
    }
    ctx.io.stderr(`${t(ctx.lang, 'cli.agent.started', { vantage, server })}\n`);
    await (ctx.io.untilStopped?.() ?? new Promise<string>(() => {}));
    await a.stop();
    return 0;
  },
} satisfies Command;

/**
 * `bascule status`: the live state, asked of the running daemon at runtime.listen with the operator
 * token, found as the daemon finds it (on the same machine, in its data directory).
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { errorCode, fail } from '../../errors.ts';
import { type Lang, t } from '../../i18n/index.ts';
import { isHttpUrl } from '../../model/schema-primitives.ts';
import { clientToken, type FoundToken, tokenFile } from '../../server/operator-token.ts';
import type { StatusJson } from '../../server/status-json.ts';
import { CONFIG_OPTION, type Command, type CommandContext, FORMAT_OPTION } from '../command.ts';
import { renderStatus } from '../render/status-text.ts';
import { choice, configPath, emit, json, readConfig } from '../shared.ts';
import { painter } from '../style.ts';
import { redactUrl, refuseCredentials } from '../url-flag.ts';

/** Asks the daemon for the status with the operator token; a 401 says which token was refused. */
async function fetchStatus(
  base: string,
  token: FoundToken | undefined,
  lang: Lang,
  noToken: string,
): Promise<StatusJson> {
  const url = `${base.replace(/\/$/, '')}/api/v1/status`;
  let res: Response;
  try {
    res = await fetch(url, {
      headers: token ? { authorization: `Bearer ${token.token}` } : {},
      signal: AbortSignal.timeout(5000),
    });
  } catch (e) {
    throw fail('BASCULE_E_DAEMON_UNREACHABLE', { url: base, reason: errorCode(e) });
  }
  if (res.status === 401) {
    const source = token?.source ?? t(lang, 'token.none', { file: noToken });
    throw fail('BASCULE_E_DAEMON_UNAUTHORIZED', { url: base, source });
  }
  if (!res.ok) throw fail('BASCULE_E_DAEMON_STATUS', { url: base, status: res.status });
  try {
    return (await res.json()) as StatusJson;
  } catch {
    // Not JSON: something else listens there.
    throw fail('BASCULE_E_DAEMON_STATUS', { url: base, status: res.status });
  }
}

/** Where the daemon listens and the token to show it: flags, then the map (when there is one). */
export function target(ctx: CommandContext): { base: string; token: FoundToken | undefined; file: string } {
  const file = configPath(ctx);
  const url = ctx.values.url;
  if (typeof url === 'string' && !isHttpUrl(url)) {
    throw fail('BASCULE_E_USAGE_FLAG_FORMAT', { flag: '--url', value: redactUrl(url), format: 'httpUrl' });
  }
  if (typeof url === 'string') refuseCredentials('--url', url);
  // With --url and no map here, only --token-file and BASCULE_TOKEN can give the token.
  const config =
    typeof url === 'string' && !existsSync(resolve(ctx.io.cwd, file)) ? undefined : readConfig(ctx);
  const baseDir = dirname(resolve(ctx.io.cwd, file));
  const flagDir = ctx.values['data-dir'];
  const dataDir =
    typeof flagDir === 'string' ? resolve(ctx.io.cwd, flagDir) : (config?.runtime?.dataDir ?? '.bascule');
  const flagFile = ctx.values['token-file'];
  const lookup = {
    secret: config?.runtime?.token,
    dataDir,
    baseDir,
    env: ctx.io.env,
    ...(typeof flagFile === 'string' ? { flagFile: resolve(ctx.io.cwd, flagFile) } : {}),
  };
  return {
    base: typeof url === 'string' ? url : `http://${config?.runtime?.listen ?? '127.0.0.1:8420'}`,
    token: clientToken(lookup),
    file: tokenFile(lookup),
  };
}

export const status = {
  name: 'status',
  summary: 'cli.status.summary',
  usage: 'bascule status [-c FILE] [--url URL] [--token-file FILE] [--data-dir DIR] [--format text|json]',
  effect: 'read-only',
  options: {
    ...CONFIG_OPTION,
    ...FORMAT_OPTION,
    url: { type: 'string' },
    'token-file': { type: 'string' },
    'data-dir': { type: 'string' },
  },
  async run(ctx) {
    const format = choice(ctx, 'format', ['text', 'json'] as const);
    const { base, token, file } = target(ctx);
    const s = await fetchStatus(base, token, ctx.lang, file);
    emit(ctx, format === 'json' ? json(s) : renderStatus(s, ctx.lang, painter(ctx.io.color)));
    return s.services.some((x) => x.state === 'DOWN') ? 1 : 0;
  },
} satisfies Command;

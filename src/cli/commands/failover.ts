/**
 * `bascule failover`: the failover groups of the running daemon (status), and the manual commands
 * (pin, drain, release), asked of the daemon at runtime.listen with the operator token, found as
 * `bascule status` finds it. A refusal is the daemon's code, worded here in the user's language.
 */
import { BasculeError, ERRORS, type ErrorCode, errorCode, fail } from '../../errors.ts';
import { type Lang, t } from '../../i18n/index.ts';
import { cleanText } from '../../monitor/clean-text.ts';
import type { FoundToken } from '../../server/operator-token.ts';
import { CONFIG_OPTION, type Command, type CommandContext, FORMAT_OPTION } from '../command.ts';
import { type GroupDetailJson, type GroupJson, renderGroup, renderGroups } from '../render/failover-text.ts';
import { choice, emit, json } from '../shared.ts';
import { painter } from '../style.ts';
import { target } from './status.ts';

const VERBS = ['status', 'pin', 'drain', 'release'] as const;
type Verb = (typeof VERBS)[number];

interface Call {
  readonly base: string;
  readonly token: FoundToken | undefined;
  readonly file: string;
  readonly lang: Lang;
}

/** An error answer with a registry code: the same error here, in the CLI's language. */
function refused(body: unknown): BasculeError | undefined {
  const e = (body as { error?: { code?: unknown; params?: unknown } } | null)?.error;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (!(code in ERRORS) || code === 'BASCULE_E_HTTP_INTERNAL') return undefined;
  const params =
    e?.params && typeof e.params === 'object' ? (e.params as Record<string, string | number>) : {};
  return new BasculeError([{ code: code as ErrorCode, params }]);
}

async function call(c: Call, path: string, body?: object): Promise<unknown> {
  const url = `${c.base.replace(/\/$/, '')}/api/v1/failover${path}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      headers: {
        ...(c.token ? { authorization: `Bearer ${c.token.token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
        'accept-language': c.lang,
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (e) {
    throw fail('BASCULE_E_DAEMON_UNREACHABLE', { url: c.base, reason: errorCode(e) });
  }
  if (res.status === 401) {
    const source = c.token?.source ?? t(c.lang, 'token.none', { file: c.file });
    throw fail('BASCULE_E_DAEMON_UNAUTHORIZED', { url: c.base, source });
  }
  let answer: unknown;
  try {
    answer = await res.json();
  } catch {
    throw fail('BASCULE_E_DAEMON_STATUS', { url: c.base, status: res.status });
  }
  if (res.ok) return answer;
  throw refused(answer) ?? fail('BASCULE_E_DAEMON_STATUS', { url: c.base, status: res.status });
}

/** The verb and its arguments, or a usage error. */
function parse(ctx: CommandContext): { verb: Verb; group?: string; endpoint?: string; reason?: string } {
  const [verb, group, endpoint, ...extra] = ctx.positionals;
  const usage = () => fail('BASCULE_E_USAGE_FAILOVER', {});
  if (!(VERBS as readonly string[]).includes(verb ?? '') || extra.length > 0) throw usage();
  const v = verb as Verb;
  if (v === 'status') {
    if (endpoint !== undefined) throw usage();
    return { verb: v, ...(group !== undefined ? { group } : {}) };
  }
  const needsEndpoint = v !== 'release';
  if (group === undefined || (needsEndpoint ? endpoint === undefined : endpoint !== undefined)) throw usage();
  const reason = ctx.values.reason;
  if (typeof reason !== 'string' || reason.trim() === '') throw usage();
  return { verb: v, group, ...(endpoint !== undefined ? { endpoint } : {}), reason };
}

export const failover = {
  name: 'failover',
  summary: 'cli.failover.summary',
  usage:
    'bascule failover status [GROUP] | pin GROUP ENDPOINT --reason TEXT [--force] | drain GROUP ENDPOINT --reason TEXT [--force] | release GROUP --reason TEXT [-c FILE] [--url URL] [--token-file FILE] [--data-dir DIR] [--format text|json]',
  effect: 'sends-messages',
  options: {
    ...CONFIG_OPTION,
    ...FORMAT_OPTION,
    url: { type: 'string' },
    'token-file': { type: 'string' },
    'data-dir': { type: 'string' },
    reason: { type: 'string' },
    force: { type: 'boolean' },
  },
  positionals: 3,
  async run(ctx) {
    const format = choice(ctx, 'format', ['text', 'json'] as const);
    const cmd = parse(ctx);
    if (cmd.verb === 'status' && ctx.values.force !== undefined) throw fail('BASCULE_E_USAGE_FAILOVER', {});
    const c: Call = { ...target(ctx), lang: ctx.lang };
    const paint = painter(ctx.io.color);
    if (cmd.verb === 'status') {
      if (cmd.group === undefined) {
        const { groups } = (await call(c, '')) as { groups: GroupJson[] };
        emit(ctx, format === 'json' ? json({ groups }) : renderGroups(groups, ctx.lang, paint));
      } else {
        const g = (await call(c, `/${encodeURIComponent(cmd.group)}`)) as GroupDetailJson;
        emit(ctx, format === 'json' ? json(g) : renderGroup(g, ctx.lang, paint));
      }
      return 0;
    }
    const group = cmd.group ?? '';
    const answer = (await call(c, `/${encodeURIComponent(group)}/${cmd.verb}`, {
      ...(cmd.endpoint !== undefined ? { endpoint: cmd.endpoint } : {}),
      reason: cmd.reason,
      ...(ctx.values.force === true ? { force: true } : {}),
    })) as { audit: { to: string; endpoint: string | null } };
    const params = { group, endpoint: cmd.endpoint ?? '', to: cleanText(String(answer.audit.to)) };
    emit(
      ctx,
      format === 'json'
        ? json(answer)
        : cmd.verb === 'pin'
          ? t(ctx.lang, 'failover.done.pin', params)
          : cmd.verb === 'drain'
            ? t(ctx.lang, 'failover.done.drain', params)
            : t(ctx.lang, 'failover.done.release', { group, to: params.to }),
    );
    return 0;
  },
} satisfies Command;

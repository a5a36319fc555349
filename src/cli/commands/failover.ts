/**
 * `bascule failover`: the failover groups of the running daemon (status), and the manual commands
 * (pin, drain, release), asked of the daemon at runtime.listen with the operator token, found as
 * `bascule status` finds it. A refusal is the daemon's code, worded here in the user's language.
 */
import { fail } from '../../errors.ts';
import { t } from '../../i18n/index.ts';
import { cleanText } from '../../monitor/clean-text.ts';
import { CONFIG_OPTION, type Command, type CommandContext, FORMAT_OPTION } from '../command.ts';
import { callDaemon, type DaemonTarget } from '../daemon-api.ts';
import { type GroupDetailJson, type GroupJson, renderGroup, renderGroups } from '../render/failover-text.ts';
import { choice, emit, json } from '../shared.ts';
import { painter } from '../style.ts';
import { target } from './status.ts';

const VERBS = ['status', 'pin', 'drain', 'release'] as const;
type Verb = (typeof VERBS)[number];

/** `path` under /api/v1/failover; a POST when there is a body. */
const call = (c: DaemonTarget, path: string, body?: object) =>
  callDaemon(c, body ? 'POST' : 'GET', `/api/v1/failover${path}`, body);

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
    const c: DaemonTarget = { ...target(ctx), lang: ctx.lang };
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

/**
 * `bascule incident`: the incidents of the running daemon with their public status (list), and
 * posting an update on one (update ID --status S --message-fr … --message-en …), asked of the
 * daemon's API with the operator token, found as `bascule status` finds it.
 */
import { fail } from '../../errors.ts';
import { t } from '../../i18n/index.ts';
import { cleanText } from '../../monitor/clean-text.ts';
import { CONFIG_OPTION, type Command, type CommandContext, FORMAT_OPTION } from '../command.ts';
import { callDaemon, type DaemonTarget } from '../daemon-api.ts';
import { choice, emit, json } from '../shared.ts';
import { painter, table } from '../style.ts';
import { target } from './status.ts';

interface IncidentJson {
  readonly id: string;
  readonly service: string;
  readonly state: string;
  readonly status: string;
  readonly openedAt: number;
  readonly closedAt?: number;
  readonly updates: readonly unknown[];
}

const usage = () => fail('BASCULE_E_USAGE_INCIDENT', {});
const safe = (v: unknown) => cleanText(String(v));

/** The update's body from the flags, or a usage error (a status, and at least one message). */
async function updateBody(ctx: CommandContext) {
  if (ctx.values.status === undefined) throw usage();
  // Loaded when run: the CLI starts without the store's modules.
  const { INCIDENT_STATUSES } = await import('../../store/incident-updates.ts');
  const status = choice(ctx, 'status', INCIDENT_STATUSES);
  const fr = ctx.values['message-fr'];
  const en = ctx.values['message-en'];
  if (typeof fr !== 'string' && typeof en !== 'string') throw usage();
  return {
    status,
    message: { ...(typeof fr === 'string' ? { fr } : {}), ...(typeof en === 'string' ? { en } : {}) },
  };
}

export const incident = {
  name: 'incident',
  summary: 'cli.incident.summary',
  usage:
    'bascule incident list [--open] | update ID --status investigating|identified|monitoring|resolved [--message-fr TEXT] [--message-en TEXT] [-c FILE] [--url URL] [--token-file FILE] [--data-dir DIR] [--format text|json]',
  effect: 'sends-messages',
  options: {
    ...CONFIG_OPTION,
    ...FORMAT_OPTION,
    url: { type: 'string' },
    'token-file': { type: 'string' },
    'data-dir': { type: 'string' },
    open: { type: 'boolean' },
    status: { type: 'string' },
    'message-fr': { type: 'string' },
    'message-en': { type: 'string' },
  },
  positionals: 2,
  async run(ctx) {
    const format = choice(ctx, 'format', ['text', 'json'] as const);
    const [verb, id, ...extra] = ctx.positionals;
    if (extra.length > 0) throw usage();
    if (verb === 'list') {
      if (id !== undefined) throw usage();
      const c: DaemonTarget = { ...target(ctx), lang: ctx.lang };
      const query = ctx.values.open === true ? '?open=true' : '';
      const { incidents } = (await callDaemon(c, 'GET', `/api/v1/incidents${query}`)) as {
        incidents: IncidentJson[];
      };
      if (format === 'json') emit(ctx, json({ incidents }));
      else if (incidents.length === 0) emit(ctx, t(ctx.lang, 'cli.incident.none'));
      else {
        const paint = painter(ctx.io.color);
        const col = (k: 'ID' | 'SERVICE' | 'STATE' | 'STATUS' | 'OPENED' | 'UPDATES') =>
          t(ctx.lang, `cli.col.${k}`);
        const rows = incidents.map((i) => [
          safe(i.id),
          safe(i.service),
          safe(i.state),
          t(ctx.lang, `cli.incident.status.${i.status}` as 'cli.incident.status.investigating'),
          new Date(i.openedAt).toISOString(),
          String(i.updates.length),
        ]);
        emit(
          ctx,
          table(
            ['ID', 'SERVICE', 'STATE', 'STATUS', 'OPENED', 'UPDATES'].map((k) => col(k as 'ID')),
            rows,
            paint,
          ),
        );
      }
      return 0;
    }
    if (verb !== 'update' || id === undefined) throw usage();
    const body = await updateBody(ctx);
    const c: DaemonTarget = { ...target(ctx), lang: ctx.lang };
    const answer = (await callDaemon(
      c,
      'POST',
      `/api/v1/incidents/${encodeURIComponent(id)}/updates`,
      body,
    )) as {
      incident: IncidentJson;
    };
    emit(
      ctx,
      format === 'json'
        ? json(answer)
        : t(ctx.lang, 'cli.incident.updated', {
            id: safe(answer.incident.id),
            status: t(
              ctx.lang,
              `cli.incident.status.${answer.incident.status}` as 'cli.incident.status.investigating',
            ),
          }),
    );
    return 0;
  },
} satisfies Command;

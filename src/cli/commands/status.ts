/** `bascule status`: the live state, asked of the running daemon at runtime.listen. */
import type { StatusJson } from '../../daemon/status.ts';
import { errorCode, fail } from '../../errors.ts';
import { type Lang, t } from '../../i18n/index.ts';
import { FAILURE_REASONS, type State } from '../../monitor/types.ts';
import { CONFIG_OPTION, type Command, FORMAT_OPTION } from '../command.ts';
import { choice, emit, json, readConfig } from '../shared.ts';
import { type Color, type Paint, painter, table } from '../style.ts';

const STATE_COLOR: Readonly<Record<State, Color>> = {
  UP: 'green',
  DEGRADED: 'yellow',
  DOWN: 'red',
  UNKNOWN: 'gray',
};

async function fetchStatus(base: string): Promise<StatusJson> {
  const url = `${base.replace(/\/$/, '')}/api/v1/status`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  } catch (e) {
    throw fail('BASCULE_E_DAEMON_UNREACHABLE', { url: base, reason: errorCode(e) });
  }
  if (!res.ok) throw fail('BASCULE_E_DAEMON_STATUS', { url: base, status: res.status });
  try {
    return (await res.json()) as StatusJson;
  } catch (e) {
    // Not JSON: something else listens there.
    if (e instanceof SyntaxError) throw fail('BASCULE_E_DAEMON_STATUS', { url: base, status: res.status });
    throw fail('BASCULE_E_DAEMON_UNREACHABLE', { url: base, reason: errorCode(e) });
  }
}

function render(s: StatusJson, lang: Lang, paint: Paint): string {
  const state = (x: State) => paint(STATE_COLOR[x], t(lang, `state.${x}`));
  const reason = (r: string | null, d: string | null) =>
    r ? `${r in REASONS ? t(lang, `reason.${r as Reason}`) : r}${d ? ` (${d})` : ''}` : '';
  const parts = [
    paint('bold', `${s.name} — ${s.at}`),
    table(
      [t(lang, 'cli.col.SERVICE'), t(lang, 'cli.col.STATE'), t(lang, 'cli.col.CAUSE')],
      s.services.map((x) => [x.id, state(x.state), x.cause ?? '']),
      paint,
    ),
    table(
      [
        t(lang, 'cli.col.CHECK'),
        t(lang, 'cli.col.STATE'),
        t(lang, 'cli.col.VANTAGES'),
        t(lang, 'cli.col.REASON'),
      ],
      s.checks.map((c) => [
        c.id,
        state(c.state),
        c.vantages.map((v) => `${v.id}:${v.state}`).join(' '),
        reason(c.reason, c.detail),
      ]),
      paint,
    ),
  ];
  const open = s.incidents.filter((i) => i.closedAt === undefined || i.closedAt === null);
  parts.push(
    open.length === 0
      ? t(lang, 'cli.status.noIncident')
      : open
          .map(
            (i) =>
              `${paint('red', `#${i.id}`)} ${i.service} ${state(i.state)} ${t(lang, 'cli.status.since', { at: new Date(i.openedAt).toISOString() })}`,
          )
          .join('\n'),
  );
  return parts.join('\n\n');
}

type Reason = (typeof FAILURE_REASONS)[number];
const REASONS: Readonly<Record<string, true>> = Object.fromEntries(FAILURE_REASONS.map((r) => [r, true]));

export const status = {
  name: 'status',
  summary: 'cli.status.summary',
  usage: 'bascule status [-c FILE] [--url URL] [--format text|json]',
  effect: 'read-only',
  options: { ...CONFIG_OPTION, ...FORMAT_OPTION, url: { type: 'string' } },
  async run(ctx) {
    const format = choice(ctx, 'format', ['text', 'json'] as const);
    const base =
      typeof ctx.values.url === 'string'
        ? ctx.values.url
        : `http://${readConfig(ctx).runtime?.listen ?? '127.0.0.1:8420'}`;
    const s = await fetchStatus(base);
    emit(ctx, format === 'json' ? json(s) : render(s, ctx.lang, painter(ctx.io.color)));
    return s.services.some((x) => x.state === 'DOWN') ? 1 : 0;
  },
} satisfies Command;

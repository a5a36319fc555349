/**
 * `bascule maintenance`: the maintenance windows of the running daemon — plan one (add), list
 * them, end one under way now, delete one — asked of the daemon's API with the operator token,
 * found as `bascule status` finds it. While a window runs, the alerts of its services are silenced
 * (recorded, not sent) unless it was added with --no-silence.
 */
import { fail } from '../../errors.ts';
import { t } from '../../i18n/index.ts';
import { parseDuration } from '../../model/duration.ts';
import { cleanText } from '../../monitor/clean-text.ts';
import { formatTime } from '../../notify/render.ts';
import type { MaintenanceJson } from '../../server/maintenance-schemas.ts';
import { CONFIG_OPTION, type Command, type CommandContext, FORMAT_OPTION } from '../command.ts';
import { callDaemon, type DaemonTarget } from '../daemon-api.ts';
import { choice, emit, json } from '../shared.ts';
import { painter, table } from '../style.ts';
import { target } from './status.ts';

const usage = () => fail('BASCULE_E_USAGE_MAINTENANCE', {});
const safe = (v: unknown) => cleanText(String(v));
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

/** --start / --end: an ISO 8601 time with its offset, or `now` (by this machine's clock). */
function time(ctx: CommandContext, flag: 'start' | 'end', now: number): number | undefined {
  const v = ctx.values[flag];
  if (v === undefined) return undefined;
  if (v === 'now') return now;
  if (typeof v !== 'string' || !ISO.test(v) || Number.isNaN(Date.parse(v)))
    throw fail('BASCULE_E_USAGE_FLAG_FORMAT', { flag: `--${flag}`, value: String(v), format: 'dateTime' });
  return Date.parse(v);
}

/** The new window's body from the flags, or a usage error. */
function addBody(ctx: CommandContext, now: number) {
  const services = (ctx.values.service as string[] | undefined) ?? [];
  const fr = ctx.values['title-fr'];
  const en = ctx.values['title-en'];
  const hasEnd = ctx.values.end !== undefined;
  const hasDuration = ctx.values.duration !== undefined;
  if (services.length === 0 || (typeof fr !== 'string' && typeof en !== 'string') || hasEnd === hasDuration)
    throw usage();
  const start = time(ctx, 'start', now);
  let end = time(ctx, 'end', now);
  if (hasDuration) {
    const text = String(ctx.values.duration);
    const ms = parseDuration(text);
    if (ms === undefined || ms === 0)
      throw fail('BASCULE_E_USAGE_FLAG_FORMAT', { flag: '--duration', value: text, format: 'duration' });
    end = (start ?? now) + ms;
  }
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    title: { ...(typeof fr === 'string' ? { fr } : {}), ...(typeof en === 'string' ? { en } : {}) },
    services,
    ...(start !== undefined ? { start: iso(start) } : hasDuration ? { start: iso(now) } : {}),
    end: iso(end ?? now),
    ...(ctx.values['no-silence'] === true ? { silence: false } : {}),
  };
}

export const maintenance = {
  name: 'maintenance',
  summary: 'cli.maintenance.summary',
  usage:
    'bascule maintenance add --service ID [--service ID…] [--title-fr TEXT] [--title-en TEXT] [--start TIME|now] (--end TIME | --duration D) [--no-silence] | list [--all] | end ID | delete ID [-c FILE] [--url URL] [--token-file FILE] [--data-dir DIR] [--format text|json]',
  effect: 'sends-messages',
  options: {
    ...CONFIG_OPTION,
    ...FORMAT_OPTION,
    url: { type: 'string' },
    'token-file': { type: 'string' },
    'data-dir': { type: 'string' },
    service: { type: 'string', multiple: true },
    'title-fr': { type: 'string' },
    'title-en': { type: 'string' },
    start: { type: 'string' },
    end: { type: 'string' },
    duration: { type: 'string' },
    'no-silence': { type: 'boolean' },
    all: { type: 'boolean' },
  },
  positionals: 2,
  async run(ctx) {
    const format = choice(ctx, 'format', ['text', 'json'] as const);
    const [verb, id, ...extra] = ctx.positionals;
    const byId = verb === 'end' || verb === 'delete';
    if (extra.length > 0 || (byId ? id === undefined : id !== undefined)) throw usage();
    if (verb !== 'add' && verb !== 'list' && !byId) throw usage();
    const body = verb === 'add' ? addBody(ctx, Date.now()) : undefined;
    const c: DaemonTarget = { ...target(ctx), lang: ctx.lang };
    const lang = ctx.lang;
    const path = (w: string) => `/api/v1/maintenance/${encodeURIComponent(w)}`;
    const done = (key: 'cli.maintenance.added' | 'cli.maintenance.ended', w: MaintenanceJson) =>
      t(lang, key, {
        id: safe(w.id),
        services: w.services.map(safe).join(', '),
        start: formatTime(Date.parse(w.start)),
        end: formatTime(Date.parse(w.end)),
      }) + (w.silence && key === 'cli.maintenance.added' ? ` ${t(lang, 'cli.maintenance.silenced')}` : '');
    if (verb === 'add') {
      const w = (await callDaemon(c, 'POST', '/api/v1/maintenance', body)) as MaintenanceJson;
      emit(ctx, format === 'json' ? json(w) : done('cli.maintenance.added', w));
    } else if (verb === 'end') {
      const w = (await callDaemon(c, 'POST', `${path(id ?? '')}/end`)) as MaintenanceJson;
      emit(ctx, format === 'json' ? json(w) : done('cli.maintenance.ended', w));
    } else if (verb === 'delete') {
      await callDaemon(c, 'DELETE', path(id ?? ''));
      emit(
        ctx,
        format === 'json' ? json({ deleted: id }) : t(lang, 'cli.maintenance.deleted', { id: safe(id) }),
      );
    } else {
      const query = ctx.values.all === true ? '?from=1970-01-01T00:00:00Z&limit=1000' : '';
      const { windows } = (await callDaemon(c, 'GET', `/api/v1/maintenance${query}`)) as {
        windows: MaintenanceJson[];
      };
      if (format === 'json') emit(ctx, json({ windows }));
      else if (windows.length === 0) emit(ctx, t(lang, 'cli.maintenance.none'));
      else {
        const header = (['ID', 'STATE', 'START', 'END', 'SERVICES', 'SILENCE', 'TITLE'] as const).map((k) =>
          t(lang, `cli.col.${k}`),
        );
        const rows = windows.map((w) => [
          safe(w.id),
          t(lang, `cli.maintenance.state.${w.state}`),
          formatTime(Date.parse(w.start)),
          formatTime(Date.parse(w.end)),
          w.services.map(safe).join(', '),
          t(lang, w.silence ? 'cli.maintenance.silence.yes' : 'cli.maintenance.silence.no'),
          safe(w.title[lang] ?? w.title.en ?? w.title.fr ?? ''),
        ]);
        emit(ctx, table(header, rows, painter(ctx.io.color)));
      }
    }
    return 0;
  },
} satisfies Command;

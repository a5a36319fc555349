/**
 * `bascule status` for people: services, checks with their vantage points and reasons, open
 * incidents. Every text from the daemon is cleaned first (a detail comes from a probed target or an
 * agent, and the daemon at --url may not be ours): nothing in it can drive the terminal or fake a line.
 */
import { type Lang, t } from '../../i18n/index.ts';
import { cleanText } from '../../monitor/clean-text.ts';
import { FAILURE_REASONS, type State } from '../../monitor/types.ts';
import type { StatusJson } from '../../server/status-json.ts';
import { type Color, type Paint, table } from '../style.ts';

const STATE_COLOR: Readonly<Record<State, Color>> = {
  UP: 'green',
  DEGRADED: 'yellow',
  DOWN: 'red',
  UNKNOWN: 'gray',
};

type Reason = (typeof FAILURE_REASONS)[number];
const REASONS: Readonly<Record<string, true>> = Object.fromEntries(FAILURE_REASONS.map((r) => [r, true]));

/** A text from the daemon, safe to print. */
const safe = (text: string | null | undefined): string => cleanText(String(text ?? ''));

export function renderStatus(s: StatusJson, lang: Lang, paint: Paint): string {
  const state = (x: State) =>
    x in STATE_COLOR ? paint(STATE_COLOR[x], t(lang, `state.${x}`)) : paint('gray', safe(x));
  const reason = (r: string | null, d: string | null) =>
    r ? `${r in REASONS ? t(lang, `reason.${r as Reason}`) : safe(r)}${d ? ` (${safe(d)})` : ''}` : '';
  const parts = [
    paint('bold', `${safe(s.name)} — ${safe(s.at)}`),
    table(
      [t(lang, 'cli.col.SERVICE'), t(lang, 'cli.col.STATE'), t(lang, 'cli.col.CAUSE')],
      s.services.map((x) => [safe(x.id), state(x.state), safe(x.cause)]),
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
        safe(c.id),
        state(c.state),
        c.vantages.map((v) => `${safe(v.id)}:${safe(v.state)}`).join(' '),
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
              `${paint('red', '●')} ${safe(i.service)} ${state(i.state)} ${t(lang, 'cli.status.since', { at: new Date(i.openedAt).toISOString() })}`,
          )
          .join('\n'),
  );
  return parts.join('\n\n');
}

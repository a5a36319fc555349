/**
 * The 90-day uptime bars of one service: an inline SVG (one bar per day, its colour the day's worst
 * state, a native tooltip per bar) and the sentence that says the same in words, which the SVG
 * points to as its accessible name. No script: hover shows the tooltips, readers get the text.
 */
import { type Lang, t } from '../../i18n/index.ts';
import type { State } from '../../monitor/types.ts';
import { formatDay, formatRatio } from './format.ts';
import type { DayView, ServiceView } from './view.ts';
import { xml } from './xml.ts';

export const STATE_COLOURS: Readonly<Record<State, string>> = {
  UP: '#1a7f37',
  DEGRADED: '#b35900',
  DOWN: '#c9252d',
  UNKNOWN: '#8c959f',
};
/** A day with no data is paler than an unknown state: nothing to say, not something wrong. */
const NO_DATA = '#d0d7de';

const BAR = 8;
const GAP = 2;
const HEIGHT = 34;

function dayTitle(lang: Lang, d: DayView): string {
  const date = formatDay(lang, d.date);
  if (d.upRatio === null) return t(lang, 'status.bars.dayNone', { date });
  const ratio = formatRatio(lang, d.upRatio);
  return d.known < 0.999
    ? t(lang, 'status.bars.dayPartial', { date, ratio })
    : t(lang, 'status.bars.day', { date, ratio });
}

/** The same as the bars, in words: the ratio, the days with an outage or a disruption, the days without data. */
export function barsText(lang: Lang, s: ServiceView): string {
  const days = s.uptime90.length;
  const out = [
    s.upRatio === null
      ? t(lang, 'status.bars.summaryNone', { days })
      : t(lang, 'status.bars.summary', { days, ratio: formatRatio(lang, s.upRatio) }),
  ];
  const list = (state: State) =>
    s.uptime90
      .filter((d) => d.upRatio !== null && d.worst === state)
      .map((d) => formatDay(lang, d.date))
      .join(', ');
  const down = list('DOWN');
  if (down) out.push(t(lang, 'status.bars.down', { dates: down }));
  const degraded = list('DEGRADED');
  if (degraded) out.push(t(lang, 'status.bars.degraded', { dates: degraded }));
  const none = s.uptime90.filter((d) => d.upRatio === null).length;
  if (none > 0 && s.upRatio !== null) out.push(t(lang, 'status.bars.noData', { count: none }));
  return out.join(' ');
}

/** The bars, `labelId` being the id of the element holding barsText. */
export function barsSvg(lang: Lang, s: ServiceView, labelId: string): string {
  const width = s.uptime90.length * (BAR + GAP) - GAP;
  const rects = s.uptime90.map((d, i) => {
    const colour = d.upRatio === null ? NO_DATA : STATE_COLOURS[d.worst];
    return `<rect x="${i * (BAR + GAP)}" y="0" width="${BAR}" height="${HEIGHT}" rx="1.5" fill="${colour}"><title>${xml(dayTitle(lang, d))}</title></rect>`;
  });
  return `<svg class="bars" viewBox="0 0 ${width} ${HEIGHT}" preserveAspectRatio="none" role="img" aria-labelledby="${xml(labelId)}" focusable="false">${rects.join('')}</svg>`;
}

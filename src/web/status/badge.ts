/**
 * A service's badge, shields.io-like: its public name on the left, its state on the right in the
 * state's colour, with an accessible title (`API: Operational`). Text widths are estimated from
 * Verdana's average glyph widths (the badge embeds no font and runs no script).
 */
import { type Lang, t } from '../../i18n/index.ts';
import { plain } from './html.ts';
import type { ServiceView } from './view.ts';
import { xml } from './xml.ts';

const BADGE_COLOURS = { UP: '#1a7f37', DEGRADED: '#9a4d00', DOWN: '#b3261e', UNKNOWN: '#57606a' } as const;
const NARROW = /[fijlrtI.,:;'!| ]/;
const WIDE = /[MWmw@%]/;

/** Width of `text` in Verdana 11px, rounded up (wide enough, never cut). */
export function textWidth(text: string): number {
  let w = 0;
  for (const c of text) w += NARROW.test(c) ? 4 : WIDE.test(c) ? 10 : /[A-Z0-9]/.test(c) ? 7.5 : 6.5;
  return Math.ceil(w);
}

export function renderBadge(s: ServiceView, lang: Lang): string {
  const name = plain(s.name, lang);
  const state = t(lang, `status.state.${s.state}`);
  const label = `${name}: ${state}`;
  const left = textWidth(name) + 12;
  const right = textWidth(state) + 12;
  const width = left + right;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" viewBox="0 0 ${width} 20" role="img" aria-label="${xml(label)}" lang="${lang}">
<title>${xml(label)}</title>
<linearGradient id="g" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="${left}" height="20" fill="#555"/><rect x="${left}" width="${right}" height="20" fill="${BADGE_COLOURS[s.state]}"/><rect width="${width}" height="20" fill="url(#g)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
<text x="${left / 2}" y="15" fill="#010101" fill-opacity=".3" aria-hidden="true">${xml(name)}</text><text x="${left / 2}" y="14">${xml(name)}</text>
<text x="${left + right / 2}" y="15" fill="#010101" fill-opacity=".3" aria-hidden="true">${xml(state)}</text><text x="${left + right / 2}" y="14">${xml(state)}</text>
</g>
</svg>
`;
}

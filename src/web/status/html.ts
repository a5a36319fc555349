/**
 * The status page as HTML: server-rendered, complete without JavaScript (there is none), one inline
 * stylesheet, uptime bars as inline SVG with their text alternative, in the reader's language with
 * links to the other. Every value is escaped; only the view's fields are read.
 */
import { crisisMessage } from '../../i18n/crisis.ts';
import { LANGS, type Lang, type MessageKey, render, t } from '../../i18n/index.ts';
import type { State } from '../../monitor/types.ts';
import { barsSvg, barsText } from './bars.ts';
import { formatRatio, formatTime } from './format.ts';
import type { Texts } from './input.ts';
import { pick } from './lang.ts';
import { PAGE_CSP, STYLE } from './style.ts';
import type { IncidentView, MaintenanceView, ServiceView, StatusView, UpdateView } from './view.ts';
import { xml } from './xml.ts';

/** Where the page's links go: the server's routes, or the static export's files. */
export interface PageLinks {
  page(lang: Lang): string;
  feed(lang: Lang): string;
  readonly json: string;
  badge(publicId: string): string;
}

/** Each language's name in itself. */
export const LANG_NAMES: Readonly<Record<Lang, string>> = { en: 'English', fr: 'Français' };

const ICONS: Readonly<Record<State, string>> = { UP: '✓', DEGRADED: '!', DOWN: '✕', UNKNOWN: '?' };

/** A text in the reader's language, or in the other one with its `lang` said. */
function say(tx: Texts, lang: Lang, tag = 'span', cls = ''): string {
  const p = pick(tx, lang);
  const attrs = `${cls ? ` class="${cls}"` : ''}${p.lang !== lang ? ` lang="${p.lang}"` : ''}`;
  return `<${tag}${attrs}>${xml(p.text)}</${tag}>`;
}

export const plain = (tx: Texts, lang: Lang): string => pick(tx, lang).text;

function time(lang: Lang, zone: string, at: number): string {
  return `<time datetime="${new Date(at).toISOString()}">${xml(formatTime(lang, at, zone))}</time>`;
}

/** A message whose `{date}` is a <time> element: worded whole, escaped, then the element put in. */
function withTime(lang: Lang, zone: string, key: MessageKey, at: number): string {
  const slot = '\uE000';
  return xml(render(lang, key, { date: slot })).replace(slot, time(lang, zone, at));
}

/** A stable fragment for an incident (`#incident-checkout-2026-11-29T15-23-25-623Z`). */
export function incidentAnchor(id: string): string {
  return `incident-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

function stateLabel(lang: Lang, state: State): string {
  return `<span class="state s-${state}"><span aria-hidden="true">${ICONS[state]} </span>${xml(t(lang, `status.state.${state}`))}</span>`;
}

function service(lang: Lang, s: ServiceView, index: number): string {
  const label = `bars-${index}`;
  const uptime =
    s.upRatio === null
      ? t(lang, 'status.uptime.none', { days: s.uptime90.length })
      : t(lang, 'status.uptime', { ratio: formatRatio(lang, s.upRatio), days: s.uptime90.length });
  const maintenance = s.maintenance
    ? ` <span class="note">(${xml(t(lang, 'status.inMaintenance'))})</span>`
    : '';
  return `<li class="card service" data-id="${xml(s.publicId)}">
<div class="row">${say(s.name, lang, 'h3')}<span>${stateLabel(lang, s.state)}${maintenance}</span></div>
${s.description ? say(s.description, lang, 'p', 'note') : ''}
${barsSvg(lang, s, label)}
<p id="${label}" class="sr-only">${xml(barsText(lang, s))}</p>
<div class="axis" aria-hidden="true"><span>${xml(t(lang, 'status.bars.ago', { days: s.uptime90.length }))}</span><span class="ratio">${xml(uptime)}</span><span>${xml(t(lang, 'status.bars.today'))}</span></div>
</li>`;
}

/**
 * What an update says: the operator's words; else, for the entry that opens or closes the
 * incident, the status page's crisis message of that event (the one the plan prints); else the
 * automatic wording of the state then.
 */
export function updateWords(
  lang: Lang,
  i: IncidentView,
  u: UpdateView,
): { readonly text: string; readonly lang: Lang } {
  if (u.message) return pick(u.message, lang);
  if (u.event) {
    const zone = i.crisis.zone;
    const values = {
      ...(i.crisis.company !== undefined ? { company: i.crisis.company } : {}),
      services: plain(i.name, lang),
      start: formatTime(lang, i.openedAt, zone),
      ...(i.closedAt !== undefined ? { end: formatTime(lang, i.closedAt, zone) } : {}),
    };
    return { text: crisisMessage(lang, i.crisis.communications, 'statusPage', u.event, values).body, lang };
  }
  return { text: t(lang, `status.auto.${u.state ?? i.worst}`, { name: plain(i.name, lang) }), lang };
}

function updateText(lang: Lang, i: IncidentView, u: UpdateView): string {
  const w = updateWords(lang, i, u);
  return `<p${w.lang !== lang ? ` lang="${w.lang}"` : ''}>${xml(w.text)}</p>`;
}

export function incidentTitle(lang: Lang, i: IncidentView): string {
  return t(lang, `status.incident.${i.worst}`, { name: plain(i.name, lang) });
}

function incident(lang: Lang, zone: string, i: IncidentView): string {
  const updates = i.updates
    .map(
      (u) =>
        `<li><p class="when"><strong>${xml(t(lang, `status.public.${u.status}`))}</strong> · ${time(lang, zone, u.at)}</p>${updateText(lang, i, u)}</li>`,
    )
    .join('\n');
  const ended =
    i.closedAt === undefined ? '' : ` · ${withTime(lang, zone, 'status.incident.ended', i.closedAt)}`;
  return `<article class="card incident" id="${incidentAnchor(i.id)}">
<h3>${xml(incidentTitle(lang, i))}</h3>
<p class="meta"><span class="pill s-${i.closedAt === undefined ? i.worst : 'UP'}">${xml(t(lang, `status.public.${i.status}`))}</span> · ${withTime(lang, zone, 'status.incident.started', i.openedAt)}${ended}</p>
<ol class="updates">
${updates}
</ol>
</article>`;
}

function maintenance(lang: Lang, zone: string, m: MaintenanceView): string {
  const when = m.active
    ? t(lang, 'status.maintenance.active', { end: formatTime(lang, m.end, zone) })
    : t(lang, 'status.maintenance.upcoming', {
        start: formatTime(lang, m.start, zone),
        end: formatTime(lang, m.end, zone),
      });
  const services = m.services.map((s) => plain(s.name, lang)).join(', ');
  return `<article class="card maintenance">
${say(m.title, lang, 'h3')}
<p class="meta">${xml(when)}</p>
<p class="note">${xml(t(lang, 'status.maintenance.services', { services }))}</p>
</article>`;
}

function languages(lang: Lang, links: PageLinks): string {
  const items = LANGS.map((l) =>
    l === lang
      ? `<li aria-current="true" lang="${l}">${LANG_NAMES[l]}</li>`
      : `<li><a href="${xml(links.page(l))}" hreflang="${l}" lang="${l}">${LANG_NAMES[l]}</a></li>`,
  );
  return `<nav aria-label="${xml(t(lang, 'status.languages'))}"><ul>${items.join('')}</ul></nav>`;
}

export function renderHtml(view: StatusView, lang: Lang, links: PageLinks): string {
  const title = plain(view.title, lang);
  const section = (id: string, heading: string, body: string) =>
    `<section aria-labelledby="${id}"><h2 id="${id}">${xml(heading)}</h2>\n${body}\n</section>`;
  const parts: string[] = [
    `<p class="banner b-${view.overall}" role="status"><span class="icon" aria-hidden="true">${ICONS[view.overall]}</span>${xml(t(lang, `status.overall.${view.overall}`))}</p>`,
  ];
  if (view.active.length > 0)
    parts.push(
      section(
        'active',
        t(lang, 'status.section.active'),
        view.active.map((i) => incident(lang, view.timeZone, i)).join('\n'),
      ),
    );
  if (view.maintenance.length > 0)
    parts.push(
      section(
        'maintenance',
        t(lang, 'status.section.maintenance'),
        view.maintenance.map((m) => maintenance(lang, view.timeZone, m)).join('\n'),
      ),
    );
  parts.push(
    section(
      'services',
      t(lang, 'status.section.services'),
      `<ul class="services">\n${view.services.map((s, i) => service(lang, s, i)).join('\n')}\n</ul>`,
    ),
  );
  parts.push(
    section(
      'past',
      t(lang, 'status.section.past', { days: view.historyDays }),
      view.past.length > 0
        ? view.past.map((i) => incident(lang, view.timeZone, i)).join('\n')
        : `<p class="empty">${xml(t(lang, 'status.noPast'))}</p>`,
    ),
  );
  const alternates = LANGS.map(
    (l) => `<link rel="alternate" hreflang="${l}" href="${xml(links.page(l))}">`,
  ).join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}">
<meta name="generator" content="Bascule">
<title>${xml(title)}</title>
${view.description ? `<meta name="description" content="${xml(plain(view.description, lang))}">` : ''}
<link rel="alternate" type="application/atom+xml" title="${xml(t(lang, 'status.feed'))}" href="${xml(links.feed(lang))}">
${alternates}
<style>${STYLE}</style>
</head>
<body>
<div class="wrap">
<header class="top">
${say(view.title, lang, 'h1')}
${languages(lang, links)}
${view.description ? say(view.description, lang, 'p', 'desc') : ''}
</header>
<main>
${parts.join('\n')}
</main>
<footer>
<p>${withTime(lang, view.timeZone, 'status.updated', view.at)}. ${xml(t(lang, 'status.zone', { zone: view.timeZone }))}</p>
<p><a href="${xml(links.feed(lang))}">${xml(t(lang, 'status.feed'))}</a> · <a href="${xml(links.json)}">${xml(t(lang, 'status.json'))}</a> · ${xml(t(lang, 'status.poweredBy'))}</p>
</footer>
</div>
</body>
</html>
`;
}

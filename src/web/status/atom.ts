/**
 * The status page's Atom feed (RFC 4287): one entry per incident, its updates in its content, and
 * one per maintenance window. Ids are URNs made from the incident's id (the service's public id and
 * its start), so they stay the same wherever the feed is published.
 */
import { type Lang, t } from '../../i18n/index.ts';
import { formatTime } from './format.ts';
import { incidentAnchor, incidentTitle, type PageLinks, plain, updateWords } from './html.ts';
import type { IncidentView, MaintenanceView, StatusView } from './view.ts';
import { xml } from './xml.ts';

const iso = (at: number) => new Date(at).toISOString();
const urn = (...parts: string[]) => `urn:bascule:status:${parts.map(encodeURIComponent).join(':')}`;

function incidentEntry(
  lang: Lang,
  zone: string,
  i: IncidentView,
  links: PageLinks,
): { updated: number; xml: string } {
  const updated = Math.max(i.openedAt, i.closedAt ?? 0, ...i.updates.map((u) => u.at));
  const content = i.updates
    .map((u) => {
      const w = updateWords(lang, i, u);
      const attr = w.lang !== lang ? ` lang="${w.lang}"` : '';
      return `<p><strong>${xml(t(lang, `status.public.${u.status}`))}</strong> · ${xml(formatTime(lang, u.at, zone))}</p><p${attr}>${xml(w.text)}</p>`;
    })
    .join('');
  return {
    updated,
    xml: `<entry>
<id>${xml(urn('incident', i.id))}</id>
<title>${xml(incidentTitle(lang, i))}</title>
<published>${iso(i.openedAt)}</published>
<updated>${iso(updated)}</updated>
<link rel="alternate" type="text/html" href="${xml(`${links.page(lang)}#${incidentAnchor(i.id)}`)}"/>
<category term="${i.status}" label="${xml(t(lang, `status.public.${i.status}`))}"/>
<content type="html">${xml(content)}</content>
</entry>`,
  };
}

function maintenanceEntry(
  lang: Lang,
  zone: string,
  m: MaintenanceView,
  links: PageLinks,
): { updated: number; xml: string } {
  const when = m.active
    ? t(lang, 'status.maintenance.active', { end: formatTime(lang, m.end, zone) })
    : t(lang, 'status.maintenance.upcoming', {
        start: formatTime(lang, m.start, zone),
        end: formatTime(lang, m.end, zone),
      });
  const services = t(lang, 'status.maintenance.services', {
    services: m.services.map((s) => plain(s.name, lang)).join(', '),
  });
  return {
    updated: m.start,
    xml: `<entry>
<id>${xml(urn('maintenance', m.id))}</id>
<title>${xml(t(lang, 'status.maintenance.entry', { title: plain(m.title, lang) }))}</title>
<updated>${iso(m.start)}</updated>
<link rel="alternate" type="text/html" href="${xml(links.page(lang))}"/>
<content type="html">${xml(`<p>${xml(when)}</p><p>${xml(services)}</p>`)}</content>
</entry>`,
  };
}

/** `self`: where this feed is read from (default: the language's feed). */
export function renderAtom(view: StatusView, lang: Lang, links: PageLinks, self = links.feed(lang)): string {
  const entries = [
    ...view.maintenance.map((m) => maintenanceEntry(lang, view.timeZone, m, links)),
    ...[...view.active, ...view.past].map((i) => incidentEntry(lang, view.timeZone, i, links)),
  ].sort((a, b) => b.updated - a.updated);
  const updated = entries[0]?.updated ?? view.at;
  const title = plain(view.title, lang);
  const id = view.url
    ? `${view.url}${view.url.includes('#') ? '' : `#feed-${lang}`}`
    : urn('feed', title, lang);
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">
<id>${xml(id)}</id>
<title>${xml(title)}</title>
${view.description ? `<subtitle>${xml(plain(view.description, lang))}</subtitle>\n` : ''}<updated>${iso(updated)}</updated>
<link rel="self" type="application/atom+xml" href="${xml(self)}"/>
<link rel="alternate" type="text/html" href="${xml(links.page(lang))}"/>
<author><name>${xml(title)}</name></author>
<generator>Bascule</generator>
${entries.map((e) => e.xml).join('\n')}
</feed>
`;
}

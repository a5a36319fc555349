/**
 * The status page as static files, to publish on another provider's object storage or CDN: the
 * page in its default language (index.html) and in each (index.en.html, index.fr.html), the feeds,
 * the JSON and one badge per service. Links are relative, or absolute under `statusPage.url`.
 */
import { LANGS, type Lang } from '../../i18n/index.ts';
import { renderAtom } from './atom.ts';
import { renderBadge } from './badge.ts';
import { type PageLinks, renderHtml } from './html.ts';
import { statusPageJson } from './json.ts';
import type { StatusView } from './view.ts';

export interface SiteFile {
  /** Relative to the export's folder, `/`-separated. */
  readonly path: string;
  readonly type: string;
  readonly body: string;
}

export const pageFile = (lang: Lang) => `index.${lang}.html`;
export const feedFile = (lang: Lang) => `feed.${lang}.atom`;
export const badgeFile = (publicId: string) => `badge/${publicId}.svg`;

function under(view: StatusView): (path: string) => string {
  return (path) => (view.url ? new URL(path, view.url.endsWith('/') ? view.url : `${view.url}/`).href : path);
}

function links(view: StatusView): PageLinks {
  const at = under(view);
  return {
    page: (lang) => at(pageFile(lang)),
    feed: (lang) => at(feedFile(lang)),
    json: at('status.json'),
    badge: (id) => at(badgeFile(id)),
  };
}

/** Every file of the site; index.html and feed.atom are the default language's. */
export function staticSite(view: StatusView): SiteFile[] {
  const l = links(view);
  const files: SiteFile[] = [];
  for (const service of view.services)
    files.push({
      path: badgeFile(service.publicId),
      type: 'image/svg+xml',
      body: renderBadge(service, view.lang),
    });
  files.push({
    path: 'status.json',
    type: 'application/json',
    body: `${JSON.stringify(statusPageJson(view, view.lang), null, 2)}\n`,
  });
  for (const lang of LANGS)
    files.push({ path: feedFile(lang), type: 'application/atom+xml', body: renderAtom(view, lang, l) });
  files.push({
    path: 'feed.atom',
    type: 'application/atom+xml',
    body: renderAtom(view, view.lang, l, under(view)('feed.atom')),
  });
  for (const lang of LANGS)
    files.push({ path: pageFile(lang), type: 'text/html', body: renderHtml(view, lang, l) });
  files.push({ path: 'index.html', type: 'text/html', body: renderHtml(view, view.lang, l) });
  return files;
}

/**
 * The public status page (/status): the HTML page, its Atom feed, its JSON and one badge per
 * service, for anyone, showing only what `statusPage.show` lists (web/status/ builds and renders
 * it). Built at most once a second for every caller, cached briefly by browsers and CDNs,
 * revalidated with a weak ETag (304), HEAD answered like GET. A map without `statusPage` serves
 * none of it: every path is a 404.
 */
import { createHash } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Lang } from '../i18n/index.ts';
import { renderAtom } from '../web/status/atom.ts';
import { renderBadge } from '../web/status/badge.ts';
import { type PageLinks, renderHtml } from '../web/status/html.ts';
import { statusPageJson } from '../web/status/json.ts';
import { readerLang } from '../web/status/lang.ts';
import type { StatusPageSource } from '../web/status/load.ts';
import { PAGE_CSP } from '../web/status/style.ts';
import { type StatusView, statusView } from '../web/status/view.ts';
import type { ApiDeps } from './deps.ts';
import { ApiError } from './http-error.ts';
import { sendPrebuilt } from './prebuilt.ts';
import { matches, PUBLIC_BUILD_MS, PUBLIC_CACHE, sharedFor } from './public-cache.ts';
import { errorSchema } from './schemas.ts';

export type { StatusPageSource };

/** The server's links: absolute paths under /status. */
const LINKS: PageLinks = {
  page: (lang) => `/status?lang=${lang}`,
  feed: (lang) => `/status/feed.atom?lang=${lang}`,
  json: '/status/status.json',
  badge: (id) => `/status/badge/${encodeURIComponent(id)}.svg`,
};

const state = z.enum(['UP', 'DEGRADED', 'DOWN', 'UNKNOWN']);
const publicStatus = z.enum(['investigating', 'identified', 'monitoring', 'resolved']);

export const statusPageSchema = z
  .object({
    title: z.string(),
    updatedAt: z.string(),
    lang: z.enum(['en', 'fr']),
    services: z.array(
      z.object({
        id: z.string().meta({ description: 'The service’s id, as listed under statusPage.show' }),
        name: z.string().meta({ description: 'Its public name' }),
        state,
        maintenance: z.boolean(),
        uptime: z.number().nullable().meta({ description: 'Available share over 90 days; null: no data' }),
      }),
    ),
    incidents: z.array(
      z.object({
        id: z.string(),
        service: z.string(),
        status: publicStatus,
        worst: z.enum(['DOWN', 'DEGRADED']),
        openedAt: z.string(),
        closedAt: z.string().nullable(),
        updates: z.array(z.object({ at: z.string(), status: publicStatus, message: z.string() })),
      }),
    ),
    maintenance: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        services: z.array(z.string()),
        start: z.string(),
        end: z.string(),
        active: z.boolean(),
      }),
    ),
  })
  .openapi('StatusPage', { description: 'The public status page as JSON: only what statusPage.show lists.' });

const langQuery = z.object({
  lang: z
    .enum(['en', 'fr'])
    .optional()
    .meta({ description: 'The language (default: Accept-Language, else the page’s)' }),
});
const notFound = {
  description: 'No status page (the map has no statusPage), or no such badge',
  content: { 'application/json': { schema: errorSchema } },
};
const cached = (description: string, type: string, schema: z.ZodType) => ({
  200: {
    description: `${description} (Cache-Control: public, max-age=5; ETag)`,
    content: { [type]: { schema } },
  },
  304: { description: 'Unchanged since the ETag given in If-None-Match' },
  400: {
    description: 'A query parameter is invalid',
    content: { 'application/json': { schema: errorSchema } },
  },
  404: notFound,
});

interface Built {
  readonly view: StatusView;
  /** kind/lang → the answer, rendered (and encoded) on first use. */
  readonly answers: Map<string, Answer>;
}

interface Answer {
  readonly body: Buffer;
  readonly etag: string;
}

/**
 * A weak validator of what an answer says but the time it was made (rendered again at time 0): the
 * same status gives the same validator, so a poller gets 304 until something it shows changes.
 */
function validator(view: StatusView, render: (v: StatusView) => string): string {
  const digest = createHash('sha256')
    .update(render({ ...view, at: 0 }))
    .digest('base64url');
  return `W/"${digest.slice(0, 27)}"`;
}

export function statusRoutes(deps: ApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  const source = deps.statusPage;
  const current = source
    ? sharedFor<Built>(deps.clock, PUBLIC_BUILD_MS, async () => ({
        view: statusView(source.page, source.lang, await source.read(), source.crisis),
        answers: new Map(),
      }))
    : undefined;

  /** The built answer of `kind` in `lang`, or a 404 when there is no page. */
  const answer = async (c: Context, kind: string, render: (v: StatusView) => string) => {
    if (!current) throw new ApiError('BASCULE_E_HTTP_NOT_FOUND', { path: c.req.path });
    const built = await current();
    let a = built.answers.get(kind);
    if (!a) {
      a = { body: Buffer.from(render(built.view)), etag: validator(built.view, render) };
      built.answers.set(kind, a);
    }
    return a;
  };

  const send = (c: Context, a: Answer, type: string, extra: Record<string, string> = {}): Response => {
    const headers: Record<string, string> = {
      etag: a.etag,
      'cache-control': PUBLIC_CACHE,
      vary: 'Accept-Language',
      ...extra,
    };
    if (matches(c.req.header('if-none-match'), a.etag)) return sendPrebuilt(c, 304, headers, undefined);
    return sendPrebuilt(c, 200, { ...headers, 'content-type': type }, a.body);
  };

  const langOf = (c: Context, query: Lang | undefined): Lang =>
    readerLang(query, c.req.header('accept-language'), source?.lang ?? 'en');

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'The public status page (HTML, no script): the services shown, uptime, incidents',
      request: { query: langQuery },
      responses: cached('The page', 'text/html', z.string()),
    }),
    async (c) => {
      const lang = langOf(c, c.req.valid('query').lang);
      const a = await answer(c, `html.${lang}`, (v) => renderHtml(v, lang, LINKS));
      return send(c, a, 'text/html; charset=utf-8', {
        'content-security-policy': `${PAGE_CSP}; frame-ancestors 'self'`,
        'content-language': lang,
        'referrer-policy': 'no-referrer',
      }) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/feed.atom',
      summary: 'The status page’s Atom feed: incidents with their updates, maintenance',
      request: { query: langQuery },
      responses: cached('The feed', 'application/atom+xml', z.string()),
    }),
    async (c) => {
      const lang = langOf(c, c.req.valid('query').lang);
      const a = await answer(c, `atom.${lang}`, (v) => renderAtom(v, lang, LINKS));
      return send(c, a, 'application/atom+xml; charset=utf-8', {
        'access-control-allow-origin': '*',
      }) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/status.json',
      summary: 'The status page as JSON: {services: [{id, name, state}], incidents: […]}',
      request: { query: langQuery },
      responses: cached('The status', 'application/json', statusPageSchema),
    }),
    async (c) => {
      const lang = langOf(c, c.req.valid('query').lang);
      const a = await answer(c, `json.${lang}`, (v) => JSON.stringify(statusPageJson(v, lang)));
      return send(c, a, 'application/json; charset=utf-8', { 'access-control-allow-origin': '*' }) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/badge/{badge}',
      summary: 'A service’s badge (SVG): its public name and state',
      request: {
        params: z.object({
          badge: z
            .string()
            .meta({ description: 'The service’s id under statusPage.show, then .svg (api.svg)' }),
        }),
        query: langQuery,
      },
      responses: cached('The badge', 'image/svg+xml', z.string()),
    }),
    async (c) => {
      const { badge } = c.req.valid('param');
      const lang = langOf(c, c.req.valid('query').lang);
      const id = badge.endsWith('.svg') ? badge.slice(0, -4) : undefined;
      // Only a shown service has a badge; any other id (a hidden service, a component) is the same 404.
      if (id === undefined || !source || !Object.hasOwn(source.page.show, id))
        throw new ApiError('BASCULE_E_HTTP_NOT_FOUND', { path: '/status/badge/{id}.svg' });
      const a = await answer(c, `badge.${lang}.${id}`, (v) =>
        renderBadge(v.services.find((s) => s.publicId === id)!, lang),
      );
      return send(c, a, 'image/svg+xml; charset=utf-8', {
        'access-control-allow-origin': '*',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      }) as never;
    },
  );
  return app;
}

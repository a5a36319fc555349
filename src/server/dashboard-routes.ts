/**
 * The operators' dashboard, served by the daemon: the page at `/` and its built files (hashed
 * names, cached for good; the page itself never cached), the login that trades the operator token
 * for a session cookie (session.ts, session-auth.ts) and the logout, the map's layout
 * (map-layout.ts) and the history of checks, components and services (history-routes.ts). The page
 * holds no data: without a session it shows the login only, and every read goes through the
 * operator API.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { t } from '../i18n/index.ts';
import { sameSecret } from '../platform/secrets.ts';
import { operatorAuth } from './auth.ts';
import { ASSET_NAME, type DashboardAssets, loadAssets } from './dashboard-assets.ts';
import type { ApiDeps } from './deps.ts';
import { historyRoutes } from './history-routes.ts';
import { ApiError, requestLang } from './http-error.ts';
import { jsonBody } from './json-body.ts';
import { LoginThrottle, MAX_FAILURES } from './login-throttle.ts';
import { layoutCache } from './map-layout.ts';
import { langQuery } from './map-schemas.ts';
import { clientAddress } from './requester.ts';
import { bodyErrors, errorAnswer, operatorSecurity as security, unauthorized } from './responses.ts';
import { IDLE_MS, SessionBook } from './session.ts';
import {
  CSRF_HEADER,
  clearSessionCookie,
  SESSION_COOKIE,
  sessionAuth,
  sessionCookie,
  sessionOf,
  setSessionCookie,
} from './session-auth.ts';

export const DASHBOARD_ASSETS = '/dashboard/assets';
const SESSION_PATH = '/api/v1/session';
/** A login body is a token and nothing else. */
const MAX_LOGIN_BODY = 8 * 1024;
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The page loads only its own files and talks only to its own origin. */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const sessionAnswer = z
  .object({
    csrf: z
      .string()
      .nullable()
      .openapi({
        description: `The token every write made with the session cookie carries in ${CSRF_HEADER}; null when called with the bearer token.`,
      }),
    expiresAt: z
      .number()
      .nullable()
      .openapi({ description: 'Epoch ms: the session ends then at the latest.' }),
    idleMs: z.number().openapi({ description: 'The session ends after this long without a request.' }),
  })
  .openapi('Session');
const loginBody = z
  .strictObject({
    token: z.string().min(1).max(4096).openapi({ description: 'The operator token.' }),
  })
  .openapi('Login');

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(c: Context, assets: DashboardAssets): string {
  const lang = c.req.query('lang') === 'fr' ? 'fr' : c.req.query('lang') === 'en' ? 'en' : requestLang(c);
  const { js, css } = assets.manifest;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(t(lang, 'dash.title'))}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="dashboard/assets/${css}">
<script type="module" src="dashboard/assets/${js}"></script>
</head>
<body>
<div id="app"><noscript><p>${escapeHtml(t(lang, 'dash.noscript'))}</p></noscript></div>
</body>
</html>
`;
}

export function dashboardRoutes(deps: ApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  const book = new SessionBook();
  const throttle = new LoginThrottle();
  const layout = layoutCache(deps.map.graph);
  let assets: DashboardAssets | undefined;
  const built = (): DashboardAssets => {
    assets ??= loadAssets();
    if (!assets) throw new ApiError('BASCULE_E_HTTP_DASHBOARD_UNBUILT');
    return assets;
  };
  const isLogin = (c: Context) => c.req.path === SESSION_PATH && c.req.method === 'POST';
  // Before every operator route (this group is mounted first): the session cookie opens them.
  app.use('/api/v1/*', sessionAuth(book, deps.clock, isLogin));
  app.use('/metrics', sessionAuth(book, deps.clock, isLogin));
  const auth = operatorAuth(deps.operatorToken);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'The operators’ dashboard (HTML); without a session it shows the login only',
      request: { query: langQuery },
      responses: {
        200: { description: 'The page', content: { 'text/html': { schema: z.string() } } },
        400: errorAnswer('`lang` is not en or fr'),
        503: errorAnswer('The dashboard is not built (BASCULE_E_HTTP_DASHBOARD_UNBUILT: npm run build)'),
      },
    }),
    (c) =>
      c.html(page(c, built()), 200, {
        'cache-control': 'no-store',
        'content-security-policy': CSP,
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
      }) as never,
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${DASHBOARD_ASSETS}/{file}`,
      summary: 'A built file of the dashboard (hashed name: cached for good)',
      request: {
        params: z.object({
          file: z
            .string()
            .max(200)
            .openapi({ param: { name: 'file', in: 'path' }, example: 'main-3F2A9C1B.js' }),
        }),
      },
      responses: {
        200: {
          description: 'The file',
          content: { 'text/javascript': { schema: z.string() }, 'text/css': { schema: z.string() } },
        },
        404: errorAnswer('No such file (BASCULE_E_HTTP_ASSET_UNKNOWN)'),
        503: errorAnswer('The dashboard is not built (BASCULE_E_HTTP_DASHBOARD_UNBUILT)'),
      },
    }),
    (c) => {
      const { file } = c.req.valid('param');
      const asset = ASSET_NAME.test(file) ? built().get(file) : undefined;
      if (!asset) throw new ApiError('BASCULE_E_HTTP_ASSET_UNKNOWN', { file });
      return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, {
        'content-type': asset.type,
        'cache-control': IMMUTABLE,
      }) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: SESSION_PATH,
      summary: 'Log in to the dashboard: the operator token for a session cookie (HttpOnly, SameSite=Strict)',
      description: `Sets the ${SESSION_COOKIE} cookie (Secure over https; ends after an hour unused, twelve hours at most; kept in the daemon's memory). With it, every operator route answers without the bearer token; every write made with it carries the answer's csrf in ${CSRF_HEADER}, else 403 BASCULE_E_HTTP_CSRF.`,
      middleware: [jsonBody(MAX_LOGIN_BODY)] as const,
      request: { body: { required: true, content: { 'application/json': { schema: loginBody } } } },
      responses: {
        200: { description: 'Logged in', content: { 'application/json': { schema: sessionAnswer } } },
        ...bodyErrors,
        401: errorAnswer('Wrong operator token (BASCULE_E_HTTP_LOGIN_FAILED); no session opened'),
        429: errorAnswer(
          `${MAX_FAILURES} wrong tokens from this address within a minute (BASCULE_E_HTTP_LOGIN_THROTTLED): refused, unchecked, until Retry-After`,
        ),
      },
    }),
    async (c) => {
      const { token } = c.req.valid('json');
      const address = clientAddress(c) ?? 'unknown';
      const now = deps.clock.now();
      const wait = throttle.wait(address, now);
      if (wait > 0)
        throw new ApiError(
          'BASCULE_E_HTTP_LOGIN_THROTTLED',
          { limit: MAX_FAILURES, seconds: wait },
          { 'retry-after': String(wait) },
        );
      if (!(await sameSecret(token, deps.operatorToken))) {
        throttle.failed(address, now);
        throw new ApiError('BASCULE_E_HTTP_LOGIN_FAILED');
      }
      throttle.succeeded(address);
      const old = sessionCookie(c);
      if (old !== undefined) book.close(old);
      const { id, session } = book.open(deps.clock.now());
      setSessionCookie(c, id);
      return c.json({ csrf: session.csrf, expiresAt: session.expiresAt, idleMs: IDLE_MS }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: SESSION_PATH,
      summary: 'The session this request comes with (its CSRF token), or 401: the dashboard shows its login',
      security,
      middleware: [auth] as const,
      responses: {
        200: { description: 'The session', content: { 'application/json': { schema: sessionAnswer } } },
        401: unauthorized,
      },
    }),
    (c) => {
      const s = sessionOf(c);
      return c.json({ csrf: s?.csrf ?? null, expiresAt: s?.expiresAt ?? null, idleMs: IDLE_MS }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: SESSION_PATH,
      summary: 'Log out: the session ends and its cookie is cleared (with the cookie, X-CSRF-Token required)',
      security,
      middleware: [auth] as const,
      responses: {
        204: { description: 'Logged out' },
        401: unauthorized,
        403: errorAnswer('With the cookie, no or a wrong X-CSRF-Token (BASCULE_E_HTTP_CSRF)'),
      },
    }),
    (c) => {
      const id = sessionCookie(c);
      if (id !== undefined && sessionOf(c)) book.close(id);
      clearSessionCookie(c);
      return c.body(null, 204) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/dashboard/layout',
      summary:
        'The map laid out for drawing (ELK, as the HTML report): nodes, provider and region clusters, edges with their points',
      security,
      middleware: [auth] as const,
      request: { query: langQuery },
      responses: {
        200: {
          description: 'The layout (computed once per language, then kept)',
          content: { 'application/json': { schema: z.looseObject({}).openapi('MapLayout') } },
        },
        400: errorAnswer('`lang` is not en or fr'),
        401: unauthorized,
      },
    }),
    async (c) => c.json((await layout(c.req.valid('query').lang ?? requestLang(c))) as never, 200),
  );

  app.route('/api/v1/history', historyRoutes(deps));

  app.openAPIRegistry.registerComponent('securitySchemes', 'dashboardSession', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: `The dashboard's session (POST ${SESSION_PATH}): every operator route takes it instead of the bearer token; a write made with it carries ${CSRF_HEADER}.`,
  });
  return app;
}

/**
 * The continuity plan in the operator group (GET /api/v1/plan): the plan `bascule plan` writes,
 * from the daemon's live map and store, as Markdown, HTML (self-contained, shown in the
 * dashboard's frame) or PDF (printed by Chromium where the daemon runs: 503 without it). Behind the
 * operator token or the dashboard's session; written by the daemon's worker and kept until the
 * records change (daemon/plan/), answered 304 to a request that already has it.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { BasculeError } from '../errors.ts';
import { operatorAuth } from './auth.ts';
import type { ApiDeps } from './deps.ts';
import { ApiError, type HttpErrorCode, requestLang } from './http-error.ts';
import { errorAnswer, operatorSecurity as security, unauthorized } from './responses.ts';

const query = z.object({
  lang: z.enum(['en', 'fr']).optional().openapi({
    description: 'The plan’s language; default: Accept-Language (French if preferred), else English.',
  }),
  format: z.enum(['html', 'md', 'pdf']).optional().openapi({
    description: 'html (default), md (Markdown, to keep next to the map), pdf (printed by Chromium).',
  }),
});

const TYPES = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
} as const;

/** The plan's HTML fetches nothing and runs nothing; only the dashboard (same origin) may frame it. */
export const PLAN_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

const matches = (header: string | undefined, etag: string) =>
  header?.split(',').some((t) => t.trim() === etag || t.trim() === '*');

export function planRoutes(deps: ApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/plan',
      summary: 'The business continuity plan, as `bascule plan` writes it, from the live map and the records',
      description:
        'Written in a worker thread (seconds on a large map: the first request waits for it), then kept until the switch or backup records change, or for a minute. An ETag per language and format: If-None-Match answers 304.',
      security,
      middleware: [operatorAuth(deps.operatorToken)] as const,
      request: { query },
      responses: {
        200: {
          description: 'The plan',
          content: {
            [TYPES.html]: { schema: z.string() },
            [TYPES.md]: { schema: z.string() },
            [TYPES.pdf]: { schema: z.string().openapi({ format: 'binary' }) },
          },
        },
        304: { description: 'Not changed since the ETag given in If-None-Match' },
        400: errorAnswer('`lang` or `format` is not one of those listed'),
        401: unauthorized,
        404: errorAnswer('This daemon serves no plan'),
        500: errorAnswer('The plan could not be written (BASCULE_E_HTTP_PLAN_FAILED)'),
        503: errorAnswer('PDF asked and Chromium is not there or failed (BASCULE_E_HTTP_PLAN_PDF)'),
      },
    }),
    async (c) => {
      if (!deps.plan) throw new ApiError('BASCULE_E_HTTP_NOT_FOUND');
      const q = c.req.valid('query');
      const lang = q.lang ?? requestLang(c);
      const format = q.format ?? 'html';
      let doc: Awaited<ReturnType<typeof deps.plan.document>>;
      try {
        doc = await deps.plan.document(lang, format);
      } catch (e) {
        const d = e instanceof BasculeError ? e.diagnostics[0] : undefined;
        if (d?.code === 'BASCULE_E_HTTP_PLAN_PDF' || d?.code === 'BASCULE_E_HTTP_PLAN_FAILED')
          throw new ApiError(d.code as HttpErrorCode, d.params);
        throw e;
      }
      const headers: Record<string, string> = {
        'content-type': TYPES[format],
        etag: doc.etag,
        'cache-control': 'private, no-cache',
        'content-language': lang,
        vary: 'accept-language, cookie, authorization',
      };
      if (format === 'html') {
        headers['content-security-policy'] = PLAN_CSP;
        headers['x-frame-options'] = 'SAMEORIGIN';
      } else headers['content-disposition'] = `attachment; filename="plan-${lang}.${format}"`;
      if (matches(c.req.header('if-none-match'), doc.etag)) return c.body(null, 304, headers);
      return c.body(doc.body as string, 200, headers);
    },
  );
  return app;
}

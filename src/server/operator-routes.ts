/**
 * The operator group (/api/v1 and /metrics), behind the operator token: the full live state with
 * internal names, the live event stream, and the Prometheus metrics (incidents, maintenance, the
 * map and checks have their own files, mounted beside).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { operatorAuth } from './auth.ts';
import type { ApiDeps } from './deps.ts';
import { errorSchema, eventsQuery, OPERATOR_AUTH, statusSchema } from './schemas.ts';
import { EventStreams, eventsHead, streamEvents } from './sse.ts';

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});
const unauthorized = error('Missing or wrong operator token (WWW-Authenticate: Bearer)');
const security = [{ [OPERATOR_AUTH]: [] }];

/** The /api/v1 part of the group; `streams` holds its open event streams. */
export function operatorRoutes(deps: ApiDeps, streams = new EventStreams()): OpenAPIHono {
  const app = new OpenAPIHono();
  const auth = operatorAuth(deps.operatorToken);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/status',
      summary: 'The live state: checks, vantage points, components, services, incidents',
      security,
      middleware: [auth] as const,
      responses: {
        200: { description: 'The status', content: { 'application/json': { schema: statusSchema } } },
        401: unauthorized,
      },
    }),
    async (c) => c.json((await deps.status()) as never, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/events',
      summary: 'Live events (server-sent events); replays after Last-Event-ID, or sends `reset`',
      security,
      middleware: [auth] as const,
      request: {
        query: eventsQuery,
        headers: z.object({ 'last-event-id': z.string().regex(/^\d+$/).optional() }),
      },
      responses: {
        200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
        400: error('Last-Event-ID is not a number'),
        401: unauthorized,
        503: error('As many streams as the daemon takes are open (BASCULE_E_HTTP_BUSY; Retry-After)'),
      },
    }),
    (c) => {
      // Hono answers HEAD with the GET handler and drops the body: a stream nobody would read.
      if (c.req.method === 'HEAD') return eventsHead(c) as never;
      const raw = c.req.valid('header')['last-event-id'] ?? c.req.valid('query').lastEventId;
      const afterId = raw === undefined ? undefined : Number(raw);
      const { live, clock, onError } = deps;
      return streamEvents(c, { live, clock, streams, afterId, onError }) as never;
    },
  );
  return app;
}

/** GET /metrics, mounted at the root (where Prometheus looks), with the same token. */
export function metricsRoutes(deps: ApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/metrics',
      summary: 'Prometheus metrics (text exposition format)',
      security,
      middleware: [operatorAuth(deps.operatorToken)] as const,
      responses: {
        200: { description: 'The metrics', content: { 'text/plain': { schema: z.string() } } },
        401: unauthorized,
      },
    }),
    async (c) =>
      c.body(await deps.registry.metrics(), 200, { 'content-type': deps.registry.contentType }) as never,
  );
  return app;
}

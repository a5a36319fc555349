/**
 * The operator group (/api/v1 and /metrics), behind the operator token: the full live state with
 * internal names, incidents, the live event stream, and the Prometheus metrics.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { operatorAuth } from './auth.ts';
import type { ApiDeps } from './deps.ts';
import { ApiError } from './http-error.ts';
import {
  errorSchema,
  eventsQuery,
  incident,
  incidentParams,
  incidentsQuery,
  OPERATOR_AUTH,
  statusSchema,
} from './schemas.ts';
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
      path: '/incidents',
      summary: 'Incidents, newest first',
      security,
      middleware: [auth] as const,
      request: { query: incidentsQuery },
      responses: {
        200: {
          description: 'The incidents',
          content: { 'application/json': { schema: z.object({ incidents: z.array(incident) }) } },
        },
        400: error('A query parameter is invalid'),
        401: unauthorized,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const incidents = await deps.incidents({
        ...(q.open !== undefined ? { open: q.open === 'true' } : {}),
        ...(q.service !== undefined ? { service: q.service } : {}),
        limit: q.limit ?? 100,
      });
      return c.json({ incidents } as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}',
      summary: 'One incident, with its timeline (the id URL-encoded)',
      security,
      middleware: [auth] as const,
      request: { params: incidentParams },
      responses: {
        200: { description: 'The incident', content: { 'application/json': { schema: incident } } },
        401: unauthorized,
        404: error('No incident has that id (BASCULE_E_HTTP_INCIDENT_UNKNOWN)'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      // `service@ISO-time`, decoded from the path; compared exactly.
      const found = (await deps.incidents({ id })).find((i) => i.id === id);
      if (!found) throw new ApiError('BASCULE_E_HTTP_INCIDENT_UNKNOWN', { id });
      return c.json(found as never, 200);
    },
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

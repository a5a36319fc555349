/**
 * The daemon's HTTP API as one Hono app: the agent and operator groups and the public status page
 * mounted under their prefixes, /healthz, the OpenAPI document derived from the route schemas, and the rules every
 * answer follows (no-store unless said otherwise, 404/405 with Allow, errors as registry codes).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { agentRoutes } from './agent-routes.ts';
import type { AgentEnv } from './auth.ts';
import { backupRoutes } from './backup-routes.ts';
import { checkRoutes } from './check-routes.ts';
import { dashboardRoutes } from './dashboard-routes.ts';
import type { ApiDeps } from './deps.ts';
import { failoverRoutes } from './failover-routes.ts';
import { ApiError, errorResponse } from './http-error.ts';
import { incidentRoutes } from './incident-routes.ts';
import { maintenanceRoutes } from './maintenance-routes.ts';
import { mapRoutes } from './map-routes.ts';
import { allowedMethods } from './methods.ts';
import { metricsRoutes, operatorRoutes } from './operator-routes.ts';
import { planRoutes } from './plan-routes.ts';
import { OPERATOR_AUTH, VANTAGE_AUTH } from './schemas.ts';
import { EventStreams } from './sse.ts';
import { statusRoutes } from './status-routes.ts';
import { validationHook as defaultHook } from './validation.ts';

export type { ApiDeps, IncidentsQuery } from './deps.ts';

/** Where the OpenAPI document is served: the path, and the versioned one clients already use. */
export const OPENAPI_PATH = '/api/v1/openapi.json';
export const OPENAPI_PATHS = ['/api/openapi.json', OPENAPI_PATH] as const;

/** Hono's own HTTP exceptions (body parsing, media type), as registry errors. */
function fromHono(e: HTTPException): ApiError {
  if (e.status === 415) return new ApiError('BASCULE_E_HTTP_MEDIA_TYPE');
  if (e.status === 413) return new ApiError('BASCULE_E_HTTP_TOO_LARGE', { limit: 1 << 20 });
  // The only other one our routes can raise: "Malformed JSON in request body".
  return new ApiError('BASCULE_E_HTTP_BAD_JSON');
}

/** The app, and `close()` ending its long-lived answers (listen()'s stop() calls it). */
export type Api = OpenAPIHono & { close(): void };

export function createApi(deps: ApiDeps): Api {
  const app = new OpenAPIHono({ defaultHook });
  const streams = new EventStreams(deps.maxStreams);

  app.use(async (c, next) => {
    await next();
    c.res.headers.set('x-content-type-options', 'nosniff');
    if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
  });

  const problem = z.object({
    code: z.string().meta({ description: 'store-failing: writes wait in memory for the store' }),
    since: z.string().meta({ description: 'Since when (ISO 8601)' }),
    detail: z.string().optional().meta({ description: 'The last error code (SQLITE_FULL, ECONNREFUSED…)' }),
    waiting: z.number().optional().meta({ description: 'Writes waiting for the store' }),
  });
  app.openapi(
    createRoute({
      method: 'get',
      path: '/healthz',
      summary: 'The daemon itself: 200 while all is well, 503 naming what is wrong (a failing store)',
      responses: {
        200: {
          description: 'Alive and well',
          content: { 'application/json': { schema: z.object({ ok: z.literal(true) }) } },
        },
        503: {
          description: 'Alive, but something is wrong with Bascule itself (it still monitors and alerts)',
          content: {
            'application/json': { schema: z.object({ ok: z.literal(false), problems: z.array(problem) }) },
          },
        },
      },
    }),
    (c) => {
      const h = deps.health();
      if (h.ok) return c.json({ ok: true as const }, 200);
      const problems = h.problems.map((p) => ({
        code: p.code,
        since: new Date(p.since).toISOString(),
        ...(p.detail !== undefined ? { detail: p.detail } : {}),
        ...(p.waiting !== undefined ? { waiting: p.waiting } : {}),
      }));
      return c.json({ ok: false as const, problems }, 503);
    },
  );

  app.route('/', dashboardRoutes(deps)); // first: its session cookie opens the operator routes below
  app.route('/api/v1/agent', agentRoutes(deps, new OpenAPIHono<AgentEnv>({ defaultHook })));
  app.route('/status', statusRoutes(deps));
  app.route('/api/v1/failover', failoverRoutes(deps));
  app.route('/api/v1/backups', backupRoutes(deps));
  app.route('/api/v1/incidents', incidentRoutes(deps));
  app.route('/api/v1/maintenance', maintenanceRoutes(deps));
  app.route('/api/v1/checks', checkRoutes(deps));
  app.route('/api/v1', mapRoutes(deps));
  app.route('/api/v1', planRoutes(deps));
  app.route('/api/v1', operatorRoutes(deps, streams));
  app.route('/', metricsRoutes(deps));

  app.openAPIRegistry.registerComponent('securitySchemes', OPERATOR_AUTH, {
    type: 'http',
    scheme: 'bearer',
    description: 'The operator token (runtime.token, BASCULE_TOKEN, or <dataDir>/operator.token).',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', VANTAGE_AUTH, {
    type: 'http',
    scheme: 'bearer',
    description: 'The token of the vantage point named by ?vantage= (vantages.<id>.token).',
  });
  for (const path of OPENAPI_PATHS) {
    app.doc31(path, { openapi: '3.1.0', info: { title: 'Bascule API', version: 'v1' } });
    app.openAPIRegistry.registerPath({
      method: 'get',
      path,
      summary: 'This document: every route, derived from the schemas that validate the requests',
      responses: {
        200: {
          description: 'The OpenAPI 3.1 document',
          content: { 'application/json': { schema: z.looseObject({}) } },
        },
      },
    });
  }

  const allowed = allowedMethods(app.routes);
  app.notFound((c) => {
    const path = c.req.path;
    const methods = allowed(path);
    if (methods.length === 0) return errorResponse(c, new ApiError('BASCULE_E_HTTP_NOT_FOUND', { path }));
    const allow = methods.join(', ');
    return errorResponse(
      c,
      new ApiError('BASCULE_E_HTTP_METHOD', { method: c.req.method, path, allowed: allow }, { allow }),
    );
  });

  app.onError((e, c) => {
    if (e instanceof ApiError) return errorResponse(c, e);
    if (e instanceof HTTPException && e.status < 500) return errorResponse(c, fromHono(e));
    deps.onError(e);
    return errorResponse(c, new ApiError('BASCULE_E_HTTP_INTERNAL'));
  });
  return Object.assign(app, { close: () => streams.close() });
}

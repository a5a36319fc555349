/**
 * The checks in the operator group (/api/v1/checks): each with its live state and what it runs on,
 * and one with its recent raw results and per-minute roll-ups over a bounded window. Nothing of a
 * check's target is shown beyond its type (headers and URLs may carry secrets: GET /api/v1/map
 * shows the map with them redacted).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { render } from '../i18n/index.ts';
import { suggest } from '../model/suggest.ts';
import type { CompiledCheck } from '../monitor/compile.ts';
import { operatorAuth } from './auth.ts';
import {
  checkHistory,
  checkParams,
  checkSummary,
  DEFAULT_SINCE_MS,
  historyQuery,
  MAX_RESULTS,
  MAX_ROLLUPS,
  MAX_SINCE_MS,
  sinceAt,
} from './check-schemas.ts';
import type { ApiDeps } from './deps.ts';
import { ApiError, requestLang } from './http-error.ts';
import { errorAnswer, operatorSecurity as security, unauthorized } from './responses.ts';
import type { StatusJson } from './status-json.ts';

type LiveCheck = StatusJson['checks'][number];

function summary(c: CompiledCheck, live: LiveCheck | undefined) {
  return {
    id: c.id,
    type: c.target.type,
    target: {
      ...(c.component ? { component: c.component } : {}),
      ...(c.service ? { service: c.service } : {}),
    },
    intervalMs: c.intervalMs,
    from: [...c.from],
    state: live?.state ?? 'UNKNOWN',
    reason: live?.reason ?? null,
    detail: live?.detail ?? null,
    vantages: live?.vantages ?? [],
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

export function checkRoutes(deps: ApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  const auth = operatorAuth(deps.operatorToken);
  const byId = new Map(deps.checks.map((c) => [c.id, c]));

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'The checks, each with its probe type, target, vantage points and live state',
      security,
      middleware: [auth] as const,
      responses: {
        200: {
          description: 'The checks',
          content: { 'application/json': { schema: z.object({ checks: z.array(checkSummary) }) } },
        },
        401: unauthorized,
      },
    }),
    async (c) => {
      const live = new Map((await deps.status()).checks.map((x) => [x.id, x]));
      return c.json({ checks: deps.checks.map((x) => summary(x, live.get(x.id))) } as never, 200);
    },
  );

  const since = (c: Context, text: string | undefined, now: number): number => {
    if (text === undefined) return now - DEFAULT_SINCE_MS;
    const at = sinceAt(text, now);
    if (at === undefined || at < now - MAX_SINCE_MS || at > now)
      throw new ApiError('BASCULE_E_HTTP_BAD_REQUEST', {
        field: 'since',
        detail: render(requestLang(c), at === undefined ? 'http.detail.since' : 'http.detail.sinceRange', {}),
      });
    return at;
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      summary: 'One check: its live state, its raw results and its per-minute roll-ups since `since`',
      security,
      middleware: [auth] as const,
      request: { params: checkParams, query: historyQuery },
      responses: {
        200: {
          description: 'The check and its history',
          content: { 'application/json': { schema: checkHistory } },
        },
        400: errorAnswer('`since` is not a duration or an ISO 8601 time, or is more than 31 days back'),
        401: unauthorized,
        404: errorAnswer('No check has that id (BASCULE_E_HTTP_CHECK_UNKNOWN)'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const check = byId.get(id);
      if (!check) {
        const hint = suggest(id, [...byId.keys()]);
        throw new ApiError('BASCULE_E_HTTP_CHECK_UNKNOWN', { id, ...(hint ? { suggestion: hint } : {}) });
      }
      const now = deps.clock.now();
      const from = since(c, c.req.valid('query').since, now);
      const [status, raw, rolled] = await Promise.all([
        deps.status(),
        deps.history.observations(id, from, { limit: MAX_RESULTS + 1 }),
        deps.history.rollups(id, from, now),
      ]);
      const results = raw.slice(0, MAX_RESULTS).map(({ check: _check, ...r }) => r);
      const rollups = rolled.slice(0, MAX_ROLLUPS).map(({ check: _check, ...r }) => r);
      return c.json(
        {
          check: summary(
            check,
            status.checks.find((x) => x.id === id),
          ),
          since: iso(from),
          until: iso(now),
          results,
          rollups,
          truncated: raw.length > MAX_RESULTS || rolled.length > MAX_ROLLUPS,
        } as never,
        200,
      );
    },
  );
  return app;
}

/**
 * The agent group (/api/v1/agent): a remote vantage point fetches its checks and posts its results
 * with its own token. The token is checked, then the body's type and size, before a byte of it is read.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Observation } from '../monitor/types.ts';
import { type AgentEnv, vantageAuth } from './auth.ts';
import type { ApiDeps } from './deps.ts';
import { ApiError } from './http-error.ts';
import { jsonBody } from './json-body.ts';
import {
  agentAccepted,
  agentChecks,
  agentPost,
  errorSchema,
  MAX_BODY,
  VANTAGE_AUTH,
  vantageQuery,
} from './schemas.ts';

/** An agent clock further off than this is not trusted: the server's time is used instead. */
export const MAX_SKEW_MS = 5 * 60_000;

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});

export function agentRoutes(deps: ApiDeps, app: OpenAPIHono<AgentEnv>): OpenAPIHono<AgentEnv> {
  const auth = vantageAuth(deps.vantageTokens);
  const assigned = (vantage: string) => deps.checks.filter((c) => c.from.includes(vantage));

  app.openapi(
    createRoute({
      method: 'get',
      path: '/checks',
      summary: 'The checks this vantage point runs',
      security: [{ [VANTAGE_AUTH]: [] }],
      middleware: [auth] as const,
      request: { query: vantageQuery },
      responses: {
        200: { description: 'Its checks', content: { 'application/json': { schema: agentChecks } } },
        401: error('Missing or wrong token for this vantage point'),
      },
    }),
    (c) => {
      const vantage = c.get('vantage');
      return c.json({ vantage, checks: assigned(vantage) as never[] }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/observations',
      summary: 'Results from this vantage point (stored before the answer)',
      security: [{ [VANTAGE_AUTH]: [] }],
      // Authenticate, then check the media type and bound the body, then parse it: a stranger's
      // megabyte is never read, nor a body that is not JSON.
      middleware: [auth, jsonBody(MAX_BODY)] as const,
      request: {
        query: vantageQuery,
        body: { required: true, content: { 'application/json': { schema: agentPost } } },
      },
      responses: {
        202: { description: 'Stored', content: { 'application/json': { schema: agentAccepted } } },
        400: error('Not JSON, or a field is invalid (the message names it)'),
        401: error('Missing or wrong token for this vantage point'),
        413: error('Body over 1 MiB, declared or chunked'),
        415: error('Body not sent as application/json'),
        503: error('The store is failing: keep the results and retry'),
      },
    }),
    async (c) => {
      const vantage = c.get('vantage');
      const now = deps.clock.now();
      const ids = new Set(assigned(vantage).map((x) => x.id));
      const batch: Observation[] = [];
      let ignored = 0;
      for (const o of c.req.valid('json').observations) {
        if (!ids.has(o.check)) {
          ignored++;
          continue;
        }
        const at = Math.abs(o.at - now) > MAX_SKEW_MS ? now : o.at;
        batch.push({ ...o, vantage, at });
      }
      try {
        await deps.accept(batch);
      } catch {
        throw new ApiError('BASCULE_E_HTTP_UNAVAILABLE', {}, { 'retry-after': '5' });
      }
      return c.json({ accepted: batch.length, ignored }, 202);
    },
  );
  return app;
}

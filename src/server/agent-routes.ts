/**
 * The agent group (/api/v1/agent): a remote vantage point fetches its checks and posts its results
 * with its own token. The token is checked, then the body's type and size, before a byte of it is read.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { cleanDetail } from '../monitor/clean-text.ts';
import type { CompiledCheck } from '../monitor/compile.ts';
import { CLOCK_TOLERANCE_MS, MAX_CHECK_ID, MAX_DETAIL } from '../monitor/limits.ts';
import { defaultStaleAfter } from '../monitor/quorum.ts';
import type { Observation } from '../monitor/types.ts';
import { agentMetrics } from './agent-metrics.ts';
import { type AgentEnv, vantageAuth } from './auth.ts';
import type { ApiDeps } from './deps.ts';
import { ApiError } from './http-error.ts';
import { jsonBody } from './json-body.ts';
import {
  agentAccepted,
  agentChecks,
  agentPost,
  errorSchema,
  MAX_BATCH,
  MAX_BODY,
  observation,
  type REJECTIONS,
  VANTAGE_AUTH,
  vantageQuery,
} from './schemas.ts';

/** What an agent is told it may send (GET /checks). */
const LIMITS = {
  maxBodyBytes: MAX_BODY,
  maxObservations: MAX_BATCH,
  maxCheckId: MAX_CHECK_ID,
  maxDetail: MAX_DETAIL,
};

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});

export function agentRoutes(deps: ApiDeps, app: OpenAPIHono<AgentEnv>): OpenAPIHono<AgentEnv> {
  const auth = vantageAuth(deps.vantageTokens);
  const assigned = (vantage: string) => deps.checks.filter((c) => c.from.includes(vantage));
  const staleAfter = (check: CompiledCheck) => deps.staleAfterMs ?? defaultStaleAfter(check);
  const metrics = agentMetrics(deps.registry);
  app.openAPIRegistry.register('Observation', observation);
  /**
   * The correction applied to each vantage point's results: kept while its measured offset stays
   * within the tolerance of it (the transit time of a post varies; a correction that moved with it
   * would reorder results), replaced (and logged) when the offset moves further.
   */
  const corrections = new Map<string, number>();
  const correctionFor = (vantage: string, offset: number): number => {
    const before = corrections.get(vantage) ?? 0;
    if (Math.abs(offset - before) <= CLOCK_TOLERANCE_MS) return before;
    const correction = Math.abs(offset) > CLOCK_TOLERANCE_MS ? offset : 0;
    corrections.set(vantage, correction);
    if (correction === 0) deps.log?.info({ vantage }, 'agent clock back in step');
    else deps.log?.warn({ vantage, offsetMs: correction }, 'agent clock off; its results are corrected');
    return correction;
  };

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
      return c.json({ vantage, checks: assigned(vantage) as never[], limits: LIMITS }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/observations',
      summary: 'Results from this vantage point (stored before the answer)',
      description:
        'Each observation is validated on its own: an invalid one, or one later than the daemon’s now once the clock offset (`sentAt`) is corrected, is listed in `rejected` and not stored; the others are. Results older than the staleness window are stored (`late`) without changing the live state.',
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
        400: error('Not JSON, or not a post (the message names the field)'),
        401: error('Missing or wrong token for this vantage point'),
        413: error('Body over 1 MiB, declared or chunked'),
        415: error('Body not sent as application/json'),
        503: error('The store is failing: keep the results and retry'),
      },
    }),
    async (c) => {
      const vantage = c.get('vantage');
      const now = deps.clock.now();
      const post = c.req.valid('json');
      const checks = new Map(assigned(vantage).map((x) => [x.id, x]));
      // An agent that does not say its time (an older one) is taken at its word, uncorrected.
      const offset = post.sentAt === undefined ? 0 : now - post.sentAt;
      const correction = post.sentAt === undefined ? 0 : correctionFor(vantage, offset);
      if (post.sentAt !== undefined) metrics.offset.set({ vantage }, offset / 1000);
      const batch: Observation[] = [];
      const live: Observation[] = [];
      const rejected: { index: number; reason: (typeof REJECTIONS)[number]; field?: string }[] = [];
      let ignored = 0;
      let late = 0;
      post.observations.forEach((raw, index) => {
        const parsed = observation.safeParse(raw);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const field = issue?.path.join('.') || (issue?.code === 'unrecognized_keys' ? issue.keys[0] : '');
          rejected.push({ index, reason: 'invalid', ...(field ? { field } : {}) });
          return;
        }
        const o = parsed.data;
        const check = checks.get(o.check);
        if (!check) {
          ignored++;
          return;
        }
        const at = Math.max(0, o.at + correction);
        if (at > now + CLOCK_TOLERANCE_MS) {
          rejected.push({ index, reason: 'future' });
          return;
        }
        const kept: Observation = {
          ...o,
          ...(o.detail === undefined ? {} : { detail: cleanDetail(o.detail) }),
          vantage,
          at,
        };
        batch.push(kept);
        if (now - at > staleAfter(check)) late++;
        else live.push(kept);
      });
      for (const r of rejected) metrics.refused.inc({ vantage, reason: r.reason });
      if (late > 0) metrics.late.inc({ vantage }, late);
      if (rejected.length > 0) {
        deps.log?.warn(
          { vantage, rejected: rejected.length, first: rejected[0] },
          'agent results refused, not stored',
        );
      }
      try {
        if (batch.length > 0) await deps.accept(batch, live);
      } catch {
        throw new ApiError('BASCULE_E_HTTP_UNAVAILABLE', {}, { 'retry-after': '5' });
      }
      return c.json(
        {
          accepted: batch.length,
          ignored,
          ...(late > 0 ? { late } : {}),
          ...(correction !== 0 ? { clockOffsetMs: correction } : {}),
          ...(rejected.length > 0 ? { rejected } : {}),
        },
        202,
      );
    },
  );
  return app;
}

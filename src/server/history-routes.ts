/**
 * GET /api/v1/history/{type}/{id}: the recent state changes of a check, component or service and
 * its uptime bars over 24 h, 7 d and 90 d (server/uptime.ts), for the dashboard's node panel and
 * checks view. Read from the stored transitions: at most MAX_CHANGES over the last 90 days.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { suggest } from '../model/suggest.ts';
import type { SubjectType, Transition } from '../monitor/types.ts';
import { operatorAuth } from './auth.ts';
import type { ApiDeps } from './deps.ts';
import { ApiError } from './http-error.ts';
import { errorAnswer, operatorSecurity as security, unauthorized } from './responses.ts';
import { LONGEST_MS, uptimeBars, WINDOWS, type WindowName } from './uptime.ts';

/** Changes read at most (newest first); past it the oldest part of the window is UNKNOWN. */
export const MAX_CHANGES = 10_000;
/** Changes listed in the answer, newest first. */
export const LISTED_CHANGES = 50;

const state = z.enum(['UP', 'DEGRADED', 'DOWN', 'UNKNOWN']);
const bar = z.object({
  start: z.number().openapi({ description: 'Epoch ms; the bar covers [start, end).' }),
  end: z.number(),
  up: z.number().openapi({ description: 'Milliseconds UP within the bar.' }),
  degraded: z.number(),
  down: z.number(),
  unknown: z.number().openapi({
    description:
      'Milliseconds with no state known: before monitoring began, or while Bascule was not running.',
  }),
});
export const historyAnswer = z
  .object({
    type: z.enum(['check', 'component', 'service']),
    id: z.string(),
    state,
    changes: z.array(z.looseObject({ at: z.number(), from: state, to: state })).openapi({
      description: `The last ${LISTED_CHANGES} state changes, newest first, with their reasons.`,
    }),
    uptime: z.object({ '24h': z.array(bar), '7d': z.array(bar), '90d': z.array(bar) }).openapi({
      description: '24 bars of an hour, 28 of 6 hours, 90 of a day, oldest first, ending now.',
    }),
    truncated: z.boolean().openapi({
      description: `More than ${MAX_CHANGES} changes in 90 days: the oldest part is counted as unknown.`,
    }),
  })
  .openapi('History');

const params = z.object({
  type: z.enum(['check', 'component', 'service']).openapi({ param: { name: 'type', in: 'path' } }),
  id: z
    .string()
    .min(1)
    .max(300)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'checkout' }),
});

export function historyRoutes(deps: ApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  const graph = deps.map.graph;
  const known: Record<SubjectType, readonly string[]> = {
    check: deps.checks.map((c) => c.id),
    component: Object.keys(graph.config.components),
    service: Object.keys(graph.config.services),
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{type}/{id}',
      summary: 'A check, component or service: its last state changes and its uptime bars (24 h, 7 d, 90 d)',
      security,
      middleware: [operatorAuth(deps.operatorToken)] as const,
      request: { params },
      responses: {
        200: { description: 'Its history', content: { 'application/json': { schema: historyAnswer } } },
        400: errorAnswer('`type` is not check, component or service'),
        401: unauthorized,
        404: errorAnswer('The map has no such check, component or service (the closest is suggested)'),
      },
    }),
    async (c) => {
      const { type, id } = c.req.valid('param');
      if (!known[type].includes(id)) {
        const hint = suggest(id, known[type]);
        const code = type === 'check' ? 'BASCULE_E_HTTP_CHECK_UNKNOWN' : 'BASCULE_E_HTTP_SUBJECT_UNKNOWN';
        throw new ApiError(code, { id, type, ...(hint ? { suggestion: hint } : {}) });
      }
      const now = deps.clock.now();
      const [status, stored, watched] = await Promise.all([
        deps.status(),
        deps.history.transitions({ since: now - LONGEST_MS, id, limit: MAX_CHANGES }),
        // Unreadable, the runs are not known: every time is then taken as watched.
        deps.watched?.().catch(() => undefined),
      ]);
      const mine: Transition[] = stored.filter((t) => t.type === type);
      const live =
        type === 'check'
          ? status.checks.find((x) => x.id === id)?.state
          : (type === 'component' ? status.components : status.services).find((x) => x.id === id)?.state;
      const truncated = stored.length >= MAX_CHANGES;
      const oldestFirst = [...mine].reverse();
      // Without any change in 90 days, the state now is the state all along (UNKNOWN if never probed).
      const before = truncated ? 'UNKNOWN' : (oldestFirst[0]?.from ?? live ?? 'UNKNOWN');
      const uptime = Object.fromEntries(
        (Object.keys(WINDOWS) as WindowName[]).map((w) => [
          w,
          uptimeBars(oldestFirst, before, now, w, watched),
        ]),
      );
      return c.json(
        {
          type,
          id,
          state: live ?? mine[0]?.to ?? 'UNKNOWN',
          changes: mine.slice(0, LISTED_CHANGES),
          uptime,
          truncated,
        } as never,
        200,
      );
    },
  );
  return app;
}

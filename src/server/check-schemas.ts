/**
 * The zod schemas of the checks' reads (GET /api/v1/checks…): the window asked (`since`, bounded),
 * and the answers, described: each check with its live state, one check with its recent raw results
 * and its per-minute roll-ups (raw results older than runtime.retention.raw are rolled up).
 */
import { z } from '@hono/zod-openapi';
import { parseDuration } from '../model/duration.ts';
import { detailKey } from './validation.ts';

/** How far back `since` may go. */
export const MAX_SINCE_MS = 31 * 86_400_000;
/** Default window: the last 15 minutes. */
export const DEFAULT_SINCE_MS = 15 * 60_000;
/** Raw results and roll-ups answered at most (oldest first; `truncated` says the rest was cut). */
export const MAX_RESULTS = 5000;
export const MAX_ROLLUPS = 20_000;

/** `since` as epoch ms at `now`: a duration back (`15m`, `24h`, `7d`) or an ISO 8601 time; undefined: not one. */
export function sinceAt(text: string, now: number): number | undefined {
  const back = parseDuration(text);
  if (back !== undefined) return now - back;
  if (!z.iso.datetime({ offset: true }).safeParse(text).success) return undefined;
  return Date.parse(text);
}

export const checkParams = z.object({
  id: z
    .string()
    .min(1)
    .max(300)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'api-http' }),
});

export const historyQuery = z.object({
  since: z
    .string()
    .max(64)
    .refine((v) => sinceAt(v, 0) !== undefined, detailKey('http.detail.since'))
    .optional()
    .openapi({
      description:
        'From when: a duration back (`15m`, `24h`, `7d`) or an ISO 8601 time; at most 31 days back; default 15m.',
      example: '1h',
    }),
});

const state = z.enum(['UP', 'DEGRADED', 'DOWN', 'UNKNOWN']);

export const checkSummary = z
  .object({
    id: z.string(),
    type: z.string().openapi({ description: 'The probe type: http, tcp, tls, dns.' }),
    target: z.object({ component: z.string().optional(), service: z.string().optional() }),
    intervalMs: z.number(),
    from: z.array(z.string()).openapi({ description: 'The vantage points that run it.' }),
    state,
    reason: z.string().nullable(),
    detail: z.string().nullable(),
    vantages: z.array(
      z.object({
        id: z.string(),
        state: z.string(),
        lastAt: z.string().nullable(),
        reason: z.string().nullable(),
        latencyMs: z.number().nullable(),
      }),
    ),
  })
  .openapi('CheckSummary');

const result = z.object({
  vantage: z.string(),
  at: z.number().openapi({ description: 'Epoch ms.' }),
  ok: z.boolean(),
  reason: z.string().optional(),
  detail: z.string().optional(),
  latencyMs: z.number(),
  warning: z.string().optional(),
  certDaysLeft: z.number().optional(),
});
const rollup = z.object({
  vantage: z.string(),
  minute: z.number().openapi({ description: 'Start of the minute, epoch ms.' }),
  count: z.number(),
  failures: z.number(),
  p50: z.number(),
  p95: z.number(),
  p99: z.number(),
  max: z.number(),
});

export const checkHistory = z
  .object({
    check: checkSummary,
    since: z.string().openapi({ description: 'ISO 8601: the start of the window answered.' }),
    until: z.string(),
    results: z.array(result).openapi({ description: 'Raw results, oldest first, at most 5,000.' }),
    rollups: z.array(rollup).openapi({ description: 'Per-minute roll-ups, oldest first, at most 20,000.' }),
    truncated: z
      .boolean()
      .openapi({ description: 'A limit cut the results or roll-ups: ask a later `since`.' }),
  })
  .openapi('CheckHistory');

/**
 * The daemon's HTTP API: live status, Prometheus metrics, and the two endpoints remote agents use
 * (fetch their checks, post their results) with their vantage point's token.
 */
import { z } from 'zod';
import { statusJson } from '../daemon/status.ts';
import type { CompiledCheck } from '../monitor/compile.ts';
import type { Monitor } from '../monitor/monitor.ts';
import { FAILURE_REASONS, type Incident, type Observation, WARNINGS } from '../monitor/types.ts';
import type { Registry } from '../platform/metrics.ts';
import { sameSecret } from '../platform/secrets.ts';
import { bearer, HttpError, type Request, type Route } from './http.ts';

export interface ApiContext {
  readonly name: string;
  readonly checks: readonly CompiledCheck[];
  /** vantage id → the token its agent must present */
  readonly tokens: ReadonlyMap<string, string>;
  readonly monitor: Monitor;
  readonly registry: Registry;
  readonly now: () => number;
  readonly incidents: () => Promise<Incident[]>;
  /** Stores an agent's batch; resolves once it is durable. */
  readonly accept: (batch: readonly Observation[]) => Promise<void>;
}

/** Most observations one agent post may carry. */
export const MAX_BATCH = 10_000;
/** An agent clock further off than this is not trusted: the server's time is used instead. */
const MAX_SKEW_MS = 5 * 60_000;

const observation = z.strictObject({
  check: z.string().min(1).max(200),
  at: z.number().int().nonnegative(),
  ok: z.boolean(),
  reason: z.enum(FAILURE_REASONS).optional(),
  detail: z.string().max(500).optional(),
  latencyMs: z.number().nonnegative().max(3_600_000),
  warning: z.enum(WARNINGS).optional(),
  certDaysLeft: z.number().optional(),
});
const agentPost = z.strictObject({ observations: z.array(observation).max(MAX_BATCH) });

/** The vantage point a request authenticates as, or a 401. */
async function authenticate(ctx: ApiContext, req: Request, vantage: string | undefined): Promise<string> {
  const token = bearer(req);
  const expected = vantage === undefined ? undefined : ctx.tokens.get(vantage);
  if (!token || !vantage || !expected || !(await sameSecret(token, expected))) {
    throw new HttpError(401, 'unauthorized', 'missing or wrong token for this vantage point');
  }
  return vantage;
}

export function apiRoutes(ctx: ApiContext): Route[] {
  const targets = new Map(
    ctx.checks.map((c) => [
      c.id,
      { ...(c.component ? { component: c.component } : {}), ...(c.service ? { service: c.service } : {}) },
    ]),
  );
  return [
    { method: 'GET', path: '/healthz', handler: () => ({ status: 200, body: { ok: true } }) },
    {
      method: 'GET',
      path: '/api/v1/status',
      handler: async () => ({
        status: 200,
        body: statusJson(ctx.name, ctx.monitor, targets, await ctx.incidents(), ctx.now()),
      }),
    },
    {
      method: 'GET',
      path: '/metrics',
      handler: async () => ({
        status: 200,
        type: ctx.registry.contentType,
        body: await ctx.registry.metrics(),
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/agent/checks',
      handler: async (req) => {
        const vantage = await authenticate(ctx, req, req.query.get('vantage') ?? undefined);
        return { status: 200, body: { vantage, checks: ctx.checks.filter((c) => c.from.includes(vantage)) } };
      },
    },
    {
      method: 'POST',
      path: '/api/v1/agent/observations',
      handler: async (req) => {
        // Authenticate before reading the body: a stranger's megabyte is never parsed.
        const vantage = await authenticate(ctx, req, req.query.get('vantage') ?? undefined);
        const parsed = agentPost.safeParse(await req.json());
        if (!parsed.success) {
          const first = parsed.error.issues[0]!;
          throw new HttpError(400, 'bad-request', `${first.path.join('.') || 'body'}: ${first.message}`);
        }
        const now = ctx.now();
        const assigned = new Set(ctx.checks.filter((c) => c.from.includes(vantage)).map((c) => c.id));
        const batch: Observation[] = [];
        let ignored = 0;
        for (const o of parsed.data.observations) {
          if (!assigned.has(o.check)) {
            ignored++;
            continue;
          }
          const at = Math.abs(o.at - now) > MAX_SKEW_MS ? now : o.at;
          batch.push({ ...o, vantage, at });
        }
        try {
          await ctx.accept(batch);
        } catch {
          throw new HttpError(503, 'unavailable', 'results could not be stored; retry later');
        }
        return { status: 202, body: { accepted: batch.length, ignored } };
      },
    },
  ];
}

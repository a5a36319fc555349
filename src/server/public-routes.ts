/**
 * The public group (/api/v1/public): what a status page may show to anyone — the map's name, each
 * service's state, and incidents by service — and nothing internal (no check, component, host,
 * reason or vantage point). Cached briefly by browsers and CDNs, revalidated with a weak ETag.
 */
import { createHash } from 'node:crypto';
import { createRoute, OpenAPIHono, type z } from '@hono/zod-openapi';
import type { Clock } from '../platform/clock.ts';
import type { ApiDeps } from './deps.ts';
import { publicStatus } from './schemas.ts';
import type { StatusJson } from './status-json.ts';

export type PublicStatus = z.infer<typeof publicStatus>;

/**
 * Five seconds: a status page is hit hardest during an outage, exactly when the daemon is busiest,
 * and a state change takes at least `failAfter` probes (seconds) anyway; so shared caches absorb
 * the burst while no one sees a state more than 5 s old.
 */
export const PUBLIC_CACHE = 'public, max-age=5';

/**
 * How long one build of the public status answers every caller, in ms. Anyone may ask, and a build
 * reads every check and the recent incidents with their timelines (51 queries on PostgreSQL): a
 * burst in one second costs one build, and the answer is at most this much older than the state.
 */
export const PUBLIC_BUILD_MS = 1000;

interface Built {
  readonly body: PublicStatus;
  readonly etag: string;
}

/**
 * `build()` shared by every call within `ms` of the one that started it (by `clock`), while it runs
 * and once it is done; a failure is shared by the calls that waited for it, never kept.
 */
export function sharedFor<T>(clock: Clock, ms: number, build: () => Promise<T>): () => Promise<T> {
  let held: { readonly at: number; readonly value: Promise<T> } | undefined;
  return () => {
    const now = clock.now();
    if (held && now >= held.at && now - held.at < ms) return held.value;
    const value = build();
    const entry = { at: now, value };
    held = entry;
    value.catch(() => {
      if (held === entry) held = undefined;
    });
    return value;
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The redacted projection: built field by field (an allow-list), never by deleting fields. */
export function publicProjection(s: StatusJson): PublicStatus {
  return {
    name: s.name,
    at: s.at,
    services: s.services.map((x) => ({ id: x.id, state: x.state })),
    incidents: s.incidents.map((i) => ({
      service: i.service,
      state: i.state,
      worst: i.worst,
      openedAt: iso(i.openedAt),
      closedAt: i.closedAt === undefined || i.closedAt === null ? null : iso(i.closedAt),
    })),
  };
}

/**
 * A weak validator over everything but `at`: two answers that differ only by the time they were
 * made are the same status (RFC 9110 §8.8.1), so a poller gets 304 until something changes.
 */
export function publicEtag(p: PublicStatus): string {
  const { at: _at, ...content } = p;
  return `W/"${createHash('sha256').update(JSON.stringify(content)).digest('base64url').slice(0, 27)}"`;
}

/** If-None-Match matches (weak comparison, lists and `*` included). */
export function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || opaque(t) === opaque(etag));
}

export function publicRoutes(deps: ApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  const current = sharedFor<Built>(deps.clock, PUBLIC_BUILD_MS, async () => {
    const body = publicProjection(await deps.status());
    return { body, etag: publicEtag(body) };
  });
  app.openapi(
    createRoute({
      method: 'get',
      path: '/status',
      summary: 'The public status: services and incidents, nothing internal',
      responses: {
        200: {
          description: 'The public status (Cache-Control: public, max-age=5; ETag)',
          content: { 'application/json': { schema: publicStatus } },
        },
        304: { description: 'Unchanged since the ETag given in If-None-Match' },
      },
    }),
    async (c) => {
      const { body, etag } = await current();
      // Any origin may read it: a status page is often served from another domain.
      const headers = { etag, 'cache-control': PUBLIC_CACHE, 'access-control-allow-origin': '*' };
      if (matches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
      return c.json(body, 200, headers);
    },
  );
  return app;
}

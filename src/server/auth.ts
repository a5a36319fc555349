/**
 * Bearer-token middleware: the operator token for the operator group (or the dashboard's session,
 * session-auth.ts), a vantage point's token for the agent group. Both compare in constant time and
 * run before any body is read.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { sameSecret } from '../platform/secrets.ts';
import { ApiError } from './http-error.ts';
import { sessionOf } from './session-auth.ts';

/** The variables an authenticated agent request carries. */
export interface AgentEnv {
  Variables: { vantage: string };
}

const CHALLENGE = { 'www-authenticate': 'Bearer realm="bascule"' };

function bearer(c: Context): string | undefined {
  const h = c.req.header('authorization');
  return h && /^bearer /i.test(h) ? h.slice(7).trim() : undefined;
}

export function operatorAuth(token: string): MiddlewareHandler {
  return async (c, next) => {
    const given = bearer(c);
    // The dashboard's session cookie, checked (with its CSRF token on writes) by session-auth.ts.
    if (given === undefined && sessionOf(c)) return next();
    if (!given || !(await sameSecret(given, token))) {
      throw new ApiError('BASCULE_E_HTTP_UNAUTHORIZED', {}, CHALLENGE);
    }
    await next();
  };
}

/** Authenticates `?vantage=ID` with that vantage point's token; sets the `vantage` variable. */
export function vantageAuth(tokens: ReadonlyMap<string, string>): MiddlewareHandler<AgentEnv> {
  return async (c, next) => {
    const given = bearer(c);
    const vantage = c.req.query('vantage');
    const expected = vantage === undefined ? undefined : tokens.get(vantage);
    // Compared even when nothing is expected, so the answer takes as long for an unknown vantage.
    const same = await sameSecret(given ?? '', expected ?? '\0');
    if (!given || !vantage || expected === undefined || !same) {
      throw new ApiError('BASCULE_E_HTTP_VANTAGE_UNAUTHORIZED', {}, CHALLENGE);
    }
    c.set('vantage', vantage);
    await next();
  };
}

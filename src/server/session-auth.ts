/**
 * The dashboard's session cookie as a way into the operator group: a request without
 * `Authorization` but with a live session cookie is the operator's (auth.ts lets it through), and
 * every write made so (POST, PUT, PATCH, DELETE) must carry the session's CSRF token in
 * X-CSRF-Token, compared in constant time, and not come from another site (Sec-Fetch-Site): else
 * 403 BASCULE_E_HTTP_CSRF. A bearer token, when given, is what counts: the API is unchanged for
 * its clients, and a header a page cannot make a browser send needs no CSRF token.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Clock } from '../platform/clock.ts';
import { sameSecret } from '../platform/secrets.ts';
import { ApiError } from './http-error.ts';
import { LIFETIME_MS, type Session, type SessionBook } from './session.ts';

export const SESSION_COOKIE = 'bascule_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by sessionAuth when the request comes with a live dashboard session. */
    operatorSession: Session;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Paths the session never opens: the agents' (their own tokens), the public ones, the login itself. */
const NOT_OPERATOR = /^\/api\/v1\/(agent|public)(\/|$)/;

/** The session this request came with, if sessionAuth found one (and, for a write, its CSRF token). */
export function sessionOf(c: Context): Session | undefined {
  return c.get('operatorSession');
}

/** The session cookie's id, if the request has one. */
export function sessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

/** Secure when the dashboard is reached over https (directly, or through a proxy that says so). */
function overHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  if (forwarded === 'https') return true;
  return /(?:^|[;,\s])proto=https\b/i.test(c.req.header('forwarded') ?? '');
}

export function setSessionCookie(c: Context, id: string): void {
  setCookie(c, SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: overHttps(c),
    path: '/',
    maxAge: Math.floor(LIFETIME_MS / 1000),
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: overHttps(c) });
}

/**
 * Mounted before the operator routes on /api/v1/* and /metrics. `isLogin` tells the login route,
 * which takes the token in its body and needs no session.
 */
export function sessionAuth(
  book: SessionBook,
  clock: Clock,
  isLogin: (c: Context) => boolean,
): MiddlewareHandler {
  return async (c, next) => {
    if (NOT_OPERATOR.test(c.req.path) || isLogin(c) || c.req.header('authorization') !== undefined)
      return next();
    const id = sessionCookie(c);
    const session = id === undefined ? undefined : book.use(id, clock.now());
    if (!session) return next(); // the operator routes answer 401
    if (!SAFE.has(c.req.method)) {
      const site = c.req.header('sec-fetch-site');
      const given = c.req.header(CSRF_HEADER) ?? '';
      // Compared even when absent, so a missing token takes as long as a wrong one.
      const same = await sameSecret(given, session.csrf);
      if (!same || given === '' || (site !== undefined && site !== 'same-origin' && site !== 'none')) {
        throw new ApiError('BASCULE_E_HTTP_CSRF');
      }
    }
    c.set('operatorSession', session);
    await next();
  };
}

/**
 * The CLI's calls to the running daemon's operator API (`bascule failover`, `incident`,
 * `maintenance`): the operator token as a bearer token, the user's language, a timeout. An error
 * answer with a registry code is that same error here, worded in the CLI's language; a 401 says
 * which token was refused; no daemon, or something else answering, is said so.
 */
import { BasculeError, ERRORS, type ErrorCode, errorCode, fail } from '../errors.ts';
import { type Lang, t } from '../i18n/index.ts';
import type { FoundToken } from '../server/operator-token.ts';

export interface DaemonTarget {
  readonly base: string;
  readonly token: FoundToken | undefined;
  /** The token file the daemon would create (named when no token was found). */
  readonly file: string;
  readonly lang: Lang;
}

/** An error answer with a registry code: the same error here, in the CLI's language. */
function refused(body: unknown): BasculeError | undefined {
  const e = (body as { error?: { code?: unknown; params?: unknown } } | null)?.error;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (!(code in ERRORS) || code === 'BASCULE_E_HTTP_INTERNAL') return undefined;
  const params =
    e?.params && typeof e.params === 'object' ? (e.params as Record<string, string | number>) : {};
  return new BasculeError([{ code: code as ErrorCode, params }]);
}

/** Calls `method path` (from /api/v1…) with a JSON body when given; resolves with the JSON answer (undefined: 204). */
export async function callDaemon(
  c: DaemonTarget,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: object,
): Promise<unknown> {
  const url = `${c.base.replace(/\/$/, '')}${path}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: {
        ...(c.token ? { authorization: `Bearer ${c.token.token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
        'accept-language': c.lang,
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (e) {
    throw fail('BASCULE_E_DAEMON_UNREACHABLE', { url: c.base, reason: errorCode(e) });
  }
  if (res.status === 401) {
    const source = c.token?.source ?? t(c.lang, 'token.none', { file: c.file });
    throw fail('BASCULE_E_DAEMON_UNAUTHORIZED', { url: c.base, source });
  }
  if (res.status === 204) return undefined;
  let answer: unknown;
  try {
    answer = await res.json();
  } catch {
    throw fail('BASCULE_E_DAEMON_STATUS', { url: c.base, status: res.status });
  }
  if (res.ok) return answer;
  throw refused(answer) ?? fail('BASCULE_E_DAEMON_STATUS', { url: c.base, status: res.status });
}

/**
 * One attempt at POSTing a change, classified: delivered (2xx), worth another attempt (no answer,
 * a timeout, 408, 429, 5xx: with the Retry-After it asked for), refused for good (any other 3xx or
 * 4xx: redirects are not followed), or cancelled by the caller. Details name the receiver only by
 * scheme://host[:port] and a failure only by its code: the URL's credentials, path and query may be
 * secrets.
 */
import { networkCause, publicOrigin } from '../../platform/shown-url.ts';
import { retryAfterMs } from './backoff.ts';

/** Where the POSTs go: the URL without its credentials, sent instead as basic authentication. */
export interface Receiver {
  readonly url: URL;
  readonly origin: string;
  readonly authorization?: string;
}

/** The receiver of an http(s) URL, or why there is none (a detail that shows no secret). */
export function receiverOf(url: string): Receiver | string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'the webhook URL is not a URL';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `not an http(s) URL (${u.protocol})`;
  const origin = publicOrigin(url);
  if (u.username === '' && u.password === '') return { url: u, origin };
  const user = `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`;
  u.username = '';
  u.password = '';
  return { url: u, origin, authorization: `Basic ${Buffer.from(user).toString('base64')}` };
}

export type Attempt =
  | { readonly kind: 'delivered' }
  | {
      readonly kind: 'retry';
      /** What it amounts to if no later attempt succeeds. */
      readonly reason: 'unreachable' | 'error';
      readonly detail: string;
      readonly retryAfterMs?: number;
    }
  | { readonly kind: 'rejected'; readonly detail: string }
  | { readonly kind: 'aborted' };

/** Statuses that say the receiver cannot take it now, rather than that it failed. */
const UNAVAILABLE = new Set([408, 429, 502, 503, 504]);

export async function postOnce(
  to: Receiver,
  body: string,
  headers: Readonly<Record<string, string>>,
  timeoutMs: number,
  now: number,
  signal?: AbortSignal,
): Promise<Attempt> {
  const timeout = AbortSignal.timeout(Math.max(1, timeoutMs));
  let res: Response;
  try {
    res = await fetch(to.url, {
      method: 'POST',
      body,
      headers: to.authorization ? { ...headers, authorization: to.authorization } : headers,
      redirect: 'manual',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (err) {
    if (signal?.aborted) return { kind: 'aborted' };
    if (timeout.aborted)
      return {
        kind: 'retry',
        reason: 'unreachable',
        detail: `no answer within ${timeoutMs / 1000}s from ${to.origin}`,
      };
    return { kind: 'retry', reason: 'unreachable', detail: `${networkCause(err)} from ${to.origin}` };
  }
  // The body is not read (it may echo the URL, or never end): the connection is dropped instead.
  await res.body?.cancel().catch(() => undefined);
  const status = res.status;
  if (status >= 200 && status <= 299) return { kind: 'delivered' };
  const detail = `HTTP ${status} from ${to.origin}`;
  if (status === 408 || status === 429 || status >= 500) {
    const asked = retryAfterMs(res.headers.get('retry-after'), now);
    return {
      kind: 'retry',
      reason: UNAVAILABLE.has(status) ? 'unreachable' : 'error',
      detail,
      ...(asked !== undefined ? { retryAfterMs: asked } : {}),
    };
  }
  if (status >= 300 && status <= 399)
    return { kind: 'rejected', detail: `${detail} (redirects are not followed)` };
  return { kind: 'rejected', detail };
}

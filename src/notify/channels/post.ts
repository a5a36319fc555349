/**
 * The one HTTP POST every web channel uses: a 10 s timeout, no redirects followed, and an Error for
 * anything but 2xx. Webhook URLs often carry their secret in the path or query (Slack, Discord,
 * Teams), so errors name only scheme://host[:port], never the full URL (platform/shown-url.ts).
 */
import type { ChannelType } from '../../model/channels/registry.ts';
import { networkCause, publicOrigin } from '../../platform/shown-url.ts';

export const POST_TIMEOUT_MS = 10_000;

export interface PostRequest {
  readonly type: ChannelType;
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

export async function post(req: PostRequest): Promise<void> {
  const origin = publicOrigin(req.url);
  let target: URL;
  try {
    target = new URL(req.url);
  } catch {
    throw new Error(`${req.type}: invalid URL`);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new Error(`${req.type}: not an http(s) URL (${target.protocol})`);
  }
  const timeoutMs = req.timeoutMs ?? POST_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await fetch(target, {
      method: 'POST',
      body: req.body,
      headers: req.headers,
      redirect: 'manual',
      signal,
    });
  } catch (err) {
    if (timeout.aborted) throw new Error(`${req.type}: no answer within ${timeoutMs / 1000}s from ${origin}`);
    if (req.signal?.aborted) throw new Error(`${req.type}: cancelled`);
    throw new Error(`${req.type}: ${networkCause(err)} from ${origin}`);
  }
  // The body is read and dropped, so the connection can be reused; it is not shown (it may echo the URL).
  await res.arrayBuffer().catch(() => undefined);
  if (res.status < 200 || res.status > 299) throw new Error(`${req.type}: HTTP ${res.status} from ${origin}`);
}

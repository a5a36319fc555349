/**
 * The HTTP(S) probe, on Node's own client. One overall deadline (the check's timeout) covers
 * connect, TLS, headers and body. Each probe opens a fresh connection (`agent: false`, `Connection:
 * close`), as Route 53 health checks do, so a failing connect or handshake is seen, not hidden by a
 * kept-alive socket; the server closes first, so closed sockets wait on its side, not the prober's.
 * The body is read only when an expectation needs it, and at most MAX_BODY_BYTES of it; otherwise
 * at most UNREAD_BYTES are drained before the connection is dropped. Redirects are followed up to
 * `redirects` times (0: a 3xx is judged as a status); one more is `too-many-redirects`, and one to
 * anything but http(s) is `bad-redirect`.
 *
 * Node's client rather than undici: with a fresh connection per probe it costs about half the CPU
 * (undici builds an Error with its stack for every connection it resets), which is what sets the
 * number of checks one daemon holds (BENCHMARKS.md).
 */
import { type ClientRequest, request as httpRequest, type IncomingMessage, STATUS_CODES } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createSecureContext, type SecureContext, type TLSSocket } from 'node:tls';
import { type HttpTarget, httpKind, type StatusRange } from '../model/probes/http.ts';
import { targetPattern } from '../model/probes/pattern.ts';
import { type CompiledCheck, MAX_BODY_BYTES } from '../monitor/compile.ts';
import type { ProbeResult } from '../monitor/types.ts';
import { caList, daysLeft } from './certs.ts';
import { classify, formatMs, since } from './classify.ts';
import { type ProbePlugin, probePlugin } from './probe.ts';

/** What is drained of a body no expectation needs before the connection is dropped. */
const UNREAD_BYTES = 64 * 1024;

let context: { ca: string[] | undefined; ctx: SecureContext } | undefined;
/**
 * One TLS context shared by every probe (Node would build one per connection, parsing any added CA
 * each time); rebuilt only when CAs are added. Verification stays per connection.
 */
function secureContext(): SecureContext {
  const ca = caList();
  if (!context || context.ca !== ca) context = { ca, ctx: createSecureContext(ca ? { ca } : {}) };
  return context.ctx;
}

const inRanges = (status: number, ranges: readonly StatusRange[]) =>
  ranges.some((r) => status >= r.min && status <= r.max);

/** `a.b.0.c` or `$.a.b` in a parsed JSON value. */
export function jsonPath(value: unknown, path: string): { found: boolean; value?: unknown } {
  let cur: unknown = value;
  for (const part of path
    .replace(/^\$\.?/, '')
    .split('.')
    .filter((p) => p !== '')) {
    if (cur === null || typeof cur !== 'object' || !(part in cur)) return { found: false };
    cur = (cur as Record<string, unknown>)[part];
  }
  return { found: true, value: cur };
}

/**
 * Reads the body up to `limit` bytes: its text, or undefined when it is longer (the response is then
 * destroyed). Rejects when the connection breaks first.
 */
function readBody(res: IncomingMessage, limit: number, keep: boolean): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let ended = false;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        ended = true;
        res.destroy();
        resolve(undefined);
      } else if (keep) chunks.push(chunk);
    });
    res.once('end', () => {
      ended = true;
      resolve(keep ? Buffer.concat(chunks).toString('utf8') : '');
    });
    res.on('error', reject);
    res.once('close', () => {
      if (!ended)
        reject(
          Object.assign(new Error('connection closed before the end of the body'), { code: 'ECONNRESET' }),
        );
    });
  });
}

function judgeBody(target: HttpTarget, text: string): Pick<ProbeResult, 'reason' | 'detail'> | undefined {
  if (target.bodyContains !== undefined && !text.includes(target.bodyContains)) {
    return { reason: 'body', detail: `body does not contain "${target.bodyContains}"` };
  }
  if (target.bodyRegex !== undefined) {
    // RE2: linear in the body's length whatever the pattern (model/probes/pattern.ts).
    const pattern = targetPattern(target, target.bodyRegex);
    if (!pattern) return { reason: 'error', detail: `bodyRegex /${target.bodyRegex}/ is not valid RE2` };
    if (!pattern.test(text)) return { reason: 'body', detail: `body does not match /${target.bodyRegex}/` };
  }
  if (target.json) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { reason: 'json', detail: 'body is not JSON' };
    }
    const got = jsonPath(parsed, target.json.path);
    if (!got.found) return { reason: 'json', detail: `${target.json.path}: missing` };
    if (got.value !== target.json.equals) {
      return {
        reason: 'json',
        detail: `${target.json.path} is ${JSON.stringify(got.value)?.slice(0, 80)}, expected ${JSON.stringify(target.json.equals)}`,
      };
    }
  }
  return undefined;
}

async function judge(
  target: HttpTarget,
  check: CompiledCheck,
  url: URL,
  res: IncomingMessage,
  t0: number,
): Promise<ProbeResult> {
  const status = res.statusCode ?? 0;
  const validTo =
    url.protocol === 'https:'
      ? (res.socket as TLSSocket | null)?.getPeerCertificate?.()?.valid_to
      : undefined;
  if (!inRanges(status, target.status)) {
    await readBody(res, UNREAD_BYTES, false);
    return {
      ok: false,
      reason: 'status',
      detail: `${status} ${STATUS_CODES[status] ?? ''}`.trim(),
      latencyMs: since(t0),
    };
  }
  const needsBody =
    target.bodyContains !== undefined || target.bodyRegex !== undefined || target.json !== undefined;
  if (needsBody) {
    const text = await readBody(res, MAX_BODY_BYTES, true);
    if (text === undefined) {
      return {
        ok: false,
        reason: 'too-large',
        detail: `more than ${MAX_BODY_BYTES} bytes`,
        latencyMs: since(t0),
      };
    }
    const bad = judgeBody(target, text);
    if (bad) return { ok: false, ...bad, latencyMs: since(t0) };
  } else {
    await readBody(res, UNREAD_BYTES, false);
  }
  const latencyMs = since(t0);
  let cert: Pick<ProbeResult, 'certDaysLeft' | 'warning'> = {};
  if (validTo) {
    const days = daysLeft(validTo);
    if (days <= 0)
      return {
        ok: false,
        reason: 'tls-expired',
        detail: `expired ${validTo}`,
        latencyMs,
        certDaysLeft: days,
      };
    cert = {
      certDaysLeft: days,
      ...(days * 86_400_000 < target.certValidForMs ? { warning: 'cert-expiring' } : {}),
    };
  }
  if (check.maxLatencyMs !== undefined && latencyMs > check.maxLatencyMs) {
    return {
      ok: false,
      reason: 'too-slow',
      detail: `${formatMs(latencyMs)} > ${formatMs(check.maxLatencyMs)}`,
      latencyMs,
      ...cert,
    };
  }
  return { ok: true, latencyMs, ...cert };
}

/** Where a redirect leads, or why it is not followed (a detail: never a URL's credentials). */
function redirectTarget(location: string, from: URL): URL | string {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    return 'Location is not a URL';
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:')
    return `to ${next.protocol} (not http or https)`;
  return next;
}

interface Exchange {
  /** The request in flight, destroyed when the deadline passes or the probe is aborted. */
  req?: ClientRequest;
  timedOut: boolean;
}

function send(
  x: Exchange,
  url: URL,
  method: string,
  target: HttpTarget,
  body: string | undefined,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const https = url.protocol === 'https:';
    const req = (https ? httpsRequest : httpRequest)(
      url,
      {
        method,
        agent: false,
        headers: { 'user-agent': 'bascule-probe', connection: 'close', ...target.headers },
        ...(https ? { rejectUnauthorized: target.verifyTls, secureContext: secureContext() } : {}),
      },
      resolve,
    );
    x.req = req;
    // `on`, not `once`: a request can fail twice (e.g. destroyed after a socket error).
    req.on('error', reject);
    req.end(body);
  });
}

export const httpProbe: ProbePlugin<'http'> = probePlugin(
  httpKind,
  async function runHttp(target, check, signal) {
    const t0 = performance.now();
    if (signal?.aborted) return { ok: false, reason: 'error', detail: 'aborted', latencyMs: 0 };
    const x: Exchange = { timedOut: false };
    const timer = setTimeout(() => {
      x.timedOut = true;
      x.req?.destroy();
    }, check.timeoutMs);
    const onAbort = () => x.req?.destroy();
    signal?.addEventListener('abort', onAbort, { once: true });
    let url = new URL(target.url);
    let method = target.method;
    let body = target.body;
    try {
      for (let hop = 0; ; hop++) {
        const res = await send(x, url, method, target, body);
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (status >= 300 && status < 400 && location && target.redirects > 0) {
          await readBody(res, UNREAD_BYTES, false);
          // Past the redirects allowed, a redirect is a failure, not a status to judge (a loop).
          if (hop >= target.redirects) {
            return {
              ok: false,
              reason: 'too-many-redirects',
              detail: `${status} after ${target.redirects} ${target.redirects === 1 ? 'redirect' : 'redirects'}`,
              latencyMs: since(t0),
            };
          }
          const next = redirectTarget(location, url);
          if (typeof next === 'string')
            return { ok: false, reason: 'bad-redirect', detail: next, latencyMs: since(t0) };
          url = next;
          if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
            method = 'GET';
            body = undefined;
          }
          continue;
        }
        return await judge(target, check, url, res, t0);
      }
    } catch (e) {
      x.req?.destroy();
      if (signal?.aborted && !x.timedOut)
        return { ok: false, reason: 'error', detail: 'aborted', latencyMs: since(t0) };
      return { ok: false, ...classify(e, x.timedOut), latencyMs: since(t0) };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  },
);

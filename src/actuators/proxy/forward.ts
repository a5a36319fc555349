/**
 * One client request through the proxy: its body held (replayable) or streamed, sent to the active
 * endpoint, and on a failure before any response reached the client, sent again to the next
 * endpoint of the standby list — when that is safe (nothing reached the backend, or the request is
 * idempotent and its body held) and the retry budget allows — else answered with a clear error.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { Fallback } from '../actuator.ts';
import type { ProxyContext } from './context.ts';
import { requestHeaders } from './forwarded.ts';
import { declaredLength, hasBody, holdBody, Limiter } from './limits.ts';
import { langOf, type ProxyErrorCode, reasonText, reply } from './replies.ts';
import { isIdempotent } from './retry-policy.ts';
import { type AttemptResult, attempt, type Exchange, type Upstream } from './upstream.ts';

type Failed = Extract<AttemptResult, { ok: false }>;

export function handleRequest(ctx: ProxyContext, req: IncomingMessage, res: ServerResponse): void {
  ctx.budget.deposit();
  const candidates = ctx.candidates();
  const fail = (code: ProxyErrorCode, params: Record<string, string | number>, close = false) => {
    count(ctx, code === 'BASCULE_E_PROXY_NO_ROUTE' ? 503 : 0);
    reply(res, langOf(req.headers['accept-language']), code, params, close);
  };
  if (candidates.length === 0) return void fail('BASCULE_E_PROXY_NO_ROUTE', { group: ctx.o.group });
  const limits = ctx.o.limits;
  const length = declaredLength(req);
  if (length !== undefined && length > limits.bodyBytes) {
    ctx.log.warn(
      'body-too-large',
      { length, limit: limits.bodyBytes },
      'proxy refused a request body over the limit',
    );
    return void fail('BASCULE_E_PROXY_BODY_TOO_LARGE', { limit: limits.bodyBytes }, true);
  }
  const exchange: Exchange = { gone: false };
  res.on('close', () => {
    if (res.writableFinished) return;
    exchange.gone = true;
    exchange.current?.destroy();
  });
  const method = req.method ?? 'GET';
  const idempotent = isIdempotent(method, req.headers);
  const headers = requestHeaders(req.headers, req.socket.remoteAddress, ctx.proto);
  // One literal, not `{ ...common, body }`: with the spread, each request's whole graph (its
  // IncomingMessage, ServerResponse, undici request) survived the young-generation collections and
  // was promoted, 110-160 KB a collection against 15-20 KB, and the longer scavenges were the p99
  // (BENCHMARKS.md, "The spread that promoted every request").
  const go = (body: Buffer | Readable | undefined, replayable: boolean) =>
    void forward(
      ctx,
      req,
      res,
      { method, path: req.url ?? '/', headers, body, exchange },
      candidates,
      idempotent && replayable,
    );
  if (!hasBody(req)) return void go(undefined, true);
  if (!idempotent) {
    const limited = req.pipe(new Limiter(limits.bodyBytes));
    limited.on('error', () => tooLarge(ctx, req, res, exchange));
    return void go(limited, false);
  }
  void holdBody(req, limits.replayBytes, limits.bodyBytes).then((held) => {
    if (held.kind === 'aborted') return;
    if (held.kind === 'too-large') {
      ctx.log.warn(
        'body-too-large',
        { limit: limits.bodyBytes },
        'proxy refused a request body over the limit',
      );
      return fail('BASCULE_E_PROXY_BODY_TOO_LARGE', { limit: limits.bodyBytes }, true);
    }
    if (held.kind === 'held') return go(held.body, true);
    held.body.on('error', () => tooLarge(ctx, req, res, exchange));
    go(held.body, false);
  });
}

function tooLarge(ctx: ProxyContext, req: IncomingMessage, res: ServerResponse, x: Exchange): void {
  x.gone = true; // the answer is this 413: the attempt under way ends without one
  x.current?.destroy();
  const limit = ctx.o.limits.bodyBytes;
  ctx.log.warn('body-too-large', { limit }, 'proxy refused a request body over the limit');
  count(ctx, 413);
  reply(res, langOf(req.headers['accept-language']), 'BASCULE_E_PROXY_BODY_TOO_LARGE', { limit }, true);
}

function count(ctx: ProxyContext, status: number): void {
  if (status > 0) ctx.metrics.requests.inc({ group: ctx.o.group, code: `${Math.floor(status / 100)}xx` });
}

async function forward(
  ctx: ProxyContext,
  req: IncomingMessage,
  res: ServerResponse,
  out: Parameters<typeof attempt>[1],
  candidates: readonly Fallback[],
  replayable: boolean,
): Promise<void> {
  const group = ctx.o.group;
  let last: Failed | undefined;
  let lastTarget = candidates[0]!;
  for (let i = 0; i <= ctx.o.limits.retries; i++) {
    const target = candidates[Math.min(i, candidates.length - 1)]!;
    // Past the end of the list only a reset is tried again (a kept-alive connection the backend
    // had just closed): a refusal or a timeout would only repeat itself.
    if (i >= candidates.length && last?.reason !== 'reset') break;
    if (last !== undefined) {
      // Nothing reached the backend: sending it elsewhere adds no load and replays nothing.
      const untouched = !last.delivered && !last.consumed;
      if (!untouched && !replayable) break;
      if (!untouched && !ctx.budget.withdraw()) {
        ctx.metrics.retriesDenied.inc({ group });
        break;
      }
      last.res?.drop();
      ctx.metrics.retries.inc({ group, endpoint: target.endpoint });
    }
    const t0 = performance.now();
    const r = await attempt(ctx.pool.get(target.address), out);
    if (out.exchange.gone) {
      if (r.ok) r.res.destroy();
      else r.res?.destroy();
      return;
    }
    if (r.ok) {
      ctx.metrics.upstream.observe({ group, endpoint: target.endpoint }, (performance.now() - t0) / 1000);
      ctx.served(target);
      return respond(ctx, res, r.res, target);
    }
    ctx.evidence(target, r.reason, r.detail, r.res?.statusCode);
    last = r;
    lastTarget = target;
  }
  if (last?.res) return respond(ctx, res, last.res, lastTarget); // the backend's own 502/503/504
  const lang = langOf(req.headers['accept-language']);
  const reason = reasonText(lang, last!.reason);
  const params = { group, reason };
  const code: ProxyErrorCode =
    (last!.delivered || last!.consumed) && !replayable && !isIdempotent(out.method, req.headers)
      ? 'BASCULE_E_PROXY_NOT_REPLAYED'
      : last!.reason === 'timeout' || last!.reason === 'connect-timeout'
        ? 'BASCULE_E_PROXY_TIMEOUT'
        : last!.reason === 'garbage'
          ? 'BASCULE_E_PROXY_BAD_RESPONSE'
          : 'BASCULE_E_PROXY_UNREACHABLE';
  ctx.log.warn('failed', { code, reason: last!.reason, detail: last!.detail }, 'proxy answered an error');
  count(ctx, code === 'BASCULE_E_PROXY_TIMEOUT' ? 504 : 502);
  // A streamed body left unread: the connection cannot carry another request.
  reply(res, lang, code, params, out.body !== undefined && !Buffer.isBuffer(out.body));
}

/** Passes the backend's response on: its status and end-to-end headers, then its body as it streams. */
function respond(ctx: ProxyContext, res: ServerResponse, up: Upstream, target: Fallback): void {
  count(ctx, up.statusCode);
  up.pipeTo(res, {
    done: () => {},
    cut: (why) =>
      why === 'idle'
        ? ctx.log.warn(
            'backend-idle',
            { endpoint: target.endpoint },
            'proxy cut a response the backend stopped sending',
          )
        : ctx.log.warn('backend-cut', { endpoint: target.endpoint }, 'proxy lost a backend mid-response'),
  });
}

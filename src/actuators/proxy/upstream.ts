/**
 * One attempt to send a request to one backend: a pooled connection (connect timeout), the request
 * and its body (held, or streamed from the client once the connection is open), the response head
 * (first-byte timeout). The outcome is the response, or a classified failure that says whether the
 * request may have reached the backend.
 */
import { type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders, request } from 'node:http';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { classifyError, FAILING_STATUSES, type PassiveReason } from './evidence.ts';
import type { ProxyLimits, ProxyTimeouts } from './options.ts';
import type { Backend } from './pool.ts';

export interface Outgoing {
  readonly method: string;
  readonly path: string;
  readonly headers: OutgoingHttpHeaders;
  /** A held body (replayable), a stream (sent once the connection is open), or none. */
  readonly body: Buffer | Readable | undefined;
  /** The client's side of the exchange: the attempt under way is destroyed when the client goes. */
  readonly exchange: Exchange;
}

/** Cheaper than an AbortSignal per request (the proxy's hot path): the client left, the attempt under way. */
export interface Exchange {
  gone: boolean;
  current?: ClientRequest;
}

export type AttemptResult =
  | { readonly ok: true; readonly res: IncomingMessage; readonly req: ClientRequest }
  | {
      readonly ok: false;
      readonly reason: PassiveReason;
      /** The request may have reached the backend (it was written on an open connection). */
      readonly delivered: boolean;
      /** A streamed body was (partly) read from the client: it cannot be sent again. */
      readonly consumed: boolean;
      readonly detail: string;
      /** For `status`: the backend's response (passed on when no retry follows, else discarded). */
      readonly res?: IncomingMessage;
    };

export function attempt(
  backend: Backend,
  out: Outgoing,
  timeouts: ProxyTimeouts,
  limits: ProxyLimits,
): Promise<AttemptResult> {
  return new Promise((resolve) => {
    let settled = false;
    let connected = false;
    let consumed = false;
    let timer: NodeJS.Timeout | undefined;
    const req = request({
      host: backend.host,
      port: backend.port,
      method: out.method,
      path: out.path,
      headers: out.headers,
      agent: backend.agent,
      setHost: false,
      maxHeaderSize: limits.headerBytes,
    });
    out.exchange.current = req;
    const fail = (reason: PassiveReason, delivered: boolean, detail: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (typeof out.body === 'object' && !Buffer.isBuffer(out.body)) out.body.unpipe(req);
      req.destroy();
      resolve({ ok: false, reason, delivered, consumed, detail });
    };
    const send = () => {
      connected = true;
      clearTimeout(timer);
      timer = setTimeout(
        () => fail('timeout', true, `no response head within ${timeouts.firstByte} ms`),
        timeouts.firstByte,
      );
      if (out.body !== undefined && !Buffer.isBuffer(out.body)) {
        consumed = true;
        out.body.pipe(req);
      }
    };
    req.on('socket', (socket: Socket) => {
      if (!socket.connecting) return send();
      timer = setTimeout(
        () => fail('connect-timeout', false, `no connection within ${timeouts.connect} ms`),
        timeouts.connect,
      );
      socket.once('connect', send);
    });
    req.on('error', (e) => {
      const c = classifyError(e, connected);
      fail(c.reason, c.delivered, (e as { code?: string }).code ?? e.message);
    });
    req.on('response', (res) => {
      if (settled) return void res.destroy();
      settled = true;
      clearTimeout(timer);
      const status = res.statusCode ?? 0;
      if (FAILING_STATUSES.has(status)) {
        resolve({ ok: false, reason: 'status', delivered: true, consumed, detail: `status ${status}`, res });
        return;
      }
      resolve({ ok: true, res, req });
    });
    if (out.body === undefined) req.end();
    else if (Buffer.isBuffer(out.body)) req.end(out.body);
  });
}

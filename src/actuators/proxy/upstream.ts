/**
 * One attempt to send a request to one backend, on its undici pool: a pooled connection (connect
 * timeout), the request and its body (held, or streamed from the client once a connection is
 * ready), the response head (first-byte timeout). The outcome is the response, or a classified
 * failure that says whether the request may have reached the backend. The response's body is held
 * (a few chunks, then the backend is paused) until it is passed on to the client or dropped.
 */
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { classifyError, FAILING_STATUSES, type PassiveReason } from './evidence.ts';
import { responseHeaders } from './forwarded.ts';
import type { Backend } from './pool.ts';

export interface Outgoing {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string | string[]>;
  /** A held body (replayable), a stream (sent once a connection is ready), or none. */
  readonly body: Buffer | Readable | undefined;
  /** The client's side of the exchange: the attempt under way is destroyed when the client goes. */
  readonly exchange: Exchange;
}

/** Cheaper than an AbortSignal per request (the proxy's hot path): the client left, the attempt under way. */
export interface Exchange {
  gone: boolean;
  current?: Upstream;
}

export type AttemptResult =
  | { readonly ok: true; readonly res: Upstream }
  | {
      readonly ok: false;
      readonly reason: PassiveReason;
      /** The request may have reached the backend (it was written on an open connection). */
      readonly delivered: boolean;
      /** A streamed body was (partly) read from the client: it cannot be sent again. */
      readonly consumed: boolean;
      readonly detail: string;
      /** For `status`: the backend's response (passed on when no retry follows, else dropped). */
      readonly res?: Upstream;
    };

/** Why a response that had started stopped: the backend fell silent, or the connection broke. */
export type Cut = 'idle' | 'lost';

/** What `pipeTo` tells its caller. */
export interface Sink {
  /** The response ended whole. */
  done(): void;
  /** The response stopped midway; the client's connection is cut. */
  cut(why: Cut): void;
}

/** Chunks held before the response is passed on, past which the backend is paused. */
const HOLD_BYTES = 64 * 1024;

class ClientGone extends Error {
  readonly code = 'BASCULE_CLIENT_GONE';
}

/**
 * The undici handler of one attempt (its legacy, unwrapped form: the one undici calls without an
 * adapter) and the handle of its response.
 */
export class Upstream implements Dispatcher.DispatchHandler {
  statusCode = 0;
  statusText = '';
  headers: string[] = [];
  private settle: ((r: AttemptResult) => void) | undefined;
  private abortFn: ((e: Error) => void) | undefined;
  private resumeFn: (() => void) | undefined;
  private connected = false;
  private consumed = false;
  private held: Buffer[] = [];
  private heldBytes = 0;
  private paused = false;
  private complete = false;
  private failure: Error | undefined;
  private dropping = false;
  private res: ServerResponse | undefined;
  private sink: Sink | undefined;
  private readonly onDrain = () => this.resume();

  constructor(
    private readonly out: Outgoing,
    settle: (r: AttemptResult) => void,
  ) {
    this.settle = settle;
  }

  onConnect(abort: (e: Error) => void): void {
    this.abortFn = abort;
    this.connected = true;
    if (this.out.body !== undefined && !Buffer.isBuffer(this.out.body)) this.consumed = true;
    if (this.out.exchange.gone) abort(new ClientGone('the client left'));
  }

  onHeaders(status: number, raw: Buffer[], resume: () => void, statusText: string): boolean {
    if (status < 200) return true; // 1xx: informational, the final answer follows
    this.statusCode = status;
    this.statusText = statusText;
    this.headers = responseHeaders(raw);
    this.resumeFn = resume;
    const settle = this.settle!;
    this.settle = undefined;
    if (FAILING_STATUSES.has(status)) {
      settle({
        ok: false,
        reason: 'status',
        delivered: true,
        consumed: this.consumed,
        detail: `status ${status}`,
        res: this,
      });
    } else settle({ ok: true, res: this });
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.res !== undefined) {
      if (this.res.write(chunk)) return true;
      this.paused = true;
      this.res.once('drain', this.onDrain);
      return false;
    }
    if (this.dropping) return true;
    this.held.push(chunk);
    this.heldBytes += chunk.length;
    if (this.heldBytes < HOLD_BYTES) return true;
    this.paused = true;
    return false;
  }

  onComplete(): void {
    this.complete = true;
    if (this.res !== undefined) {
      this.res.end();
      this.sink?.done();
    }
  }

  onError(e: Error): void {
    const settle = this.settle;
    if (settle !== undefined) {
      this.settle = undefined;
      const c = classifyError(e, this.connected);
      const code = (e as { code?: string }).code;
      settle({ ok: false, ...c, consumed: this.consumed, detail: code ?? e.message });
      return;
    }
    this.failure = e;
    if (this.res !== undefined) this.cutClient(e);
  }

  /** Passes the response on to `res`: its head, what was held, then the rest as it streams. */
  pipeTo(res: ServerResponse, sink: Sink): void {
    res.writeHead(this.statusCode, this.statusText, this.headers);
    this.res = res;
    this.sink = sink;
    const held = this.held;
    this.held = [];
    this.heldBytes = 0;
    let ok = true;
    for (const chunk of held) ok = res.write(chunk);
    if (this.complete) {
      res.end();
      sink.done();
      return;
    }
    if (this.failure !== undefined) this.cutClient(this.failure);
    else if (ok) this.resume();
    else res.once('drain', this.onDrain);
  }

  /** The response is not wanted (a retry follows): its body is read and dropped, the connection kept. */
  drop(): void {
    this.dropping = true;
    this.held = [];
    this.heldBytes = 0;
    this.resume();
  }

  /** The client left: the attempt under way (or the response streaming) is abandoned. */
  destroy(): void {
    if (this.complete || this.failure !== undefined) return;
    this.res?.off('drain', this.onDrain);
    this.res = undefined;
    this.sink = undefined;
    this.dropping = true;
    this.abortFn?.(new ClientGone('the client left'));
  }

  private resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.resumeFn?.();
  }

  private cutClient(e: Error): void {
    const res = this.res!;
    res.off('drain', this.onDrain);
    this.res = undefined;
    const code = (e as { code?: string }).code;
    if (code !== 'BASCULE_CLIENT_GONE') this.sink?.cut(code === 'UND_ERR_BODY_TIMEOUT' ? 'idle' : 'lost');
    this.sink = undefined;
    res.destroy();
  }
}

export function attempt(backend: Backend, out: Outgoing): Promise<AttemptResult> {
  return new Promise((resolve) => {
    const up = new Upstream(out, resolve);
    out.exchange.current = up;
    backend.pool.dispatch(
      {
        origin: undefined,
        method: out.method as Dispatcher.HttpMethod,
        path: out.path,
        headers: out.headers,
        body: out.body,
      } as Dispatcher.DispatchOptions,
      up,
    );
  });
}

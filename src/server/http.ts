/**
 * A small HTTP layer on node:http: a route table, JSON replies, bounded request bodies, bearer
 * tokens compared in constant time, and errors as `{error: {code, message}}` — never a stack trace.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Request {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  /** Reads the body as JSON, at most `limit` bytes (default 1 MiB). */
  json(limit?: number): Promise<unknown>;
}

export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly type?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export type Handler = (req: Request) => Promise<Reply> | Reply;

export interface Route {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly handler: Handler;
}

/** An error a handler throws to answer with a status and a code. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const MAX_BODY = 1 << 20;

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new HttpError(413, 'too-large', `the body exceeds ${limit} bytes`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new HttpError(413, 'too-large', `the body exceeds ${limit} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': reply.type ?? 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...reply.headers,
  });
  res.end(text);
}

export function errorReply(status: number, code: string, message: string): Reply {
  return { status, body: { error: { code, message } } };
}

export function createHttpServer(routes: readonly Route[], onError: (e: unknown) => void): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://bascule.invalid');
    const route = routes.find((r) => r.path === url.pathname && r.method === req.method);
    if (!route) {
      const allowed = routes.filter((r) => r.path === url.pathname).map((r) => r.method);
      send(
        res,
        allowed.length > 0
          ? {
              ...errorReply(405, 'method', `use ${allowed.join(', ')}`),
              headers: { allow: allowed.join(', ') },
            }
          : errorReply(404, 'not-found', `no such endpoint: ${url.pathname}`),
      );
      return;
    }
    const request: Request = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      async json(limit = MAX_BODY) {
        const raw = await readBody(req, limit);
        try {
          return JSON.parse(raw.toString('utf8')) as unknown;
        } catch {
          throw new HttpError(400, 'bad-json', 'the body is not valid JSON');
        }
      },
    };
    Promise.resolve()
      .then(() => route.handler(request))
      .then((reply) => send(res, reply))
      .catch((e: unknown) => {
        if (e instanceof HttpError) send(res, errorReply(e.status, e.code, e.message));
        else {
          onError(e);
          send(res, errorReply(500, 'internal', 'internal error'));
        }
      });
  });
}

/** Listens on host:port; resolves with the bound address (port 0 picks a free one). */
export function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** The bearer token of a request, if any. */
export function bearer(req: Request): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

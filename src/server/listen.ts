/**
 * Serves a Hono app on node:http through @hono/node-server: binds host:port (0 picks a free port),
 * bounds slow or oversized requests, and stops by closing every connection (SSE streams included).
 */
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';

export interface FetchApp {
  fetch(request: Request, ...rest: never[]): Response | Promise<Response>;
  /** Ends the answers that would otherwise outlive the server (event streams), on stop(). */
  close?(): void;
}

export interface Listening {
  /** `http://127.0.0.1:8420`, `http://[::1]:8420`: the bound address. */
  readonly url: string;
  readonly address: AddressInfo;
  readonly server: Server;
  /** Stops accepting, closes every connection (idle, busy and streaming), resolves when closed. */
  stop(): Promise<void>;
}

/** Limits of the node server: a client gets 10 s for its headers and 30 s for its whole request. */
export const LIMITS = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  /** Longer than the pause between agent posts (1 s) so their connection is reused, below load balancers' 60 s. */
  keepAliveTimeout: 10_000,
  maxHeaderSize: 16 * 1024,
  /** A new connection that has not sent a request's headers by then is closed. */
  firstRequest: 10_000,
  /** How often the header and request timeouts are enforced. */
  checkEvery: 1_000,
} as const;

export function urlOf(address: AddressInfo): string {
  const host =
    address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

export interface ListenOptions {
  /** Connections taken at once; beyond, new ones are closed at once (default 1,024). */
  readonly maxConnections?: number;
  /** How long a new connection has to send its first request (default LIMITS.firstRequest; tests). */
  readonly firstRequestMs?: number;
}

export async function listen(
  app: FetchApp,
  host: string,
  port: number,
  o: ListenOptions = {},
): Promise<Listening> {
  const server = createAdaptorServer({
    fetch: app.fetch as (request: Request) => Response | Promise<Response>,
    // Leave the process's global Request/Response alone: probes and tests use fetch in it too.
    overrideGlobalObjects: false,
    // Node checks the header and request timeouts every 30 s by default: an idle socket that never
    // sends a byte then lives up to 40 s; checked every second, it lives 10 to 11 s.
    serverOptions: { maxHeaderSize: LIMITS.maxHeaderSize, connectionsCheckingInterval: LIMITS.checkEvery },
  }) as Server;
  server.maxConnections = o.maxConnections ?? 1_024;
  // Node's header timeout starts with the first byte: a socket that never sends one would stay
  // open, holding a file the probes need. A connection gets `firstRequest` ms to send a whole
  // request's headers; from its first request on, Node's own timeouts apply (keep-alive, request).
  const firstRequest = o.firstRequestMs ?? LIMITS.firstRequest;
  server.on('connection', (socket: Socket) => socket.setTimeout(firstRequest));
  server.on('request', (req: IncomingMessage) => req.socket.setTimeout(0));
  server.headersTimeout = LIMITS.headersTimeout;
  server.requestTimeout = LIMITS.requestTimeout;
  server.keepAliveTimeout = LIMITS.keepAliveTimeout;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    url: urlOf(address),
    address,
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        app.close?.();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

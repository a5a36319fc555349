/**
 * The built-in reverse proxy of a failover group: listens (HTTP, or HTTPS from certificate files
 * it reloads), sends each request to the routing's active endpoint and its retries to the standby
 * list, and keeps the routing and fence it was given (state-file.ts) so a restart resumes them.
 * The routing changes only through `commit` (the actuator): passive failures are only evidence.
 */
import { createServer as createHttp, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { Socket } from 'node:net';
import { type Clock, systemClock } from '../../platform/clock.ts';
import { createRegistry } from '../../platform/metrics.ts';
import type { Fallback, Routing } from '../actuator.ts';
import type { ProxyContext } from './context.ts';
import type { PassiveReason } from './evidence.ts';
import { handleRequest } from './forward.ts';
import { LimitedLog } from './log-limit.ts';
import { proxyMetrics } from './metrics.ts';
import { type ProxyOptions, type ResolvedOptions, resolveOptions } from './options.ts';
import { Pool } from './pool.ts';
import { type ProxyErrorCode, replyRaw } from './replies.ts';
import { RetryBudget } from './retry-policy.ts';
import { type KeptState, readState, writeState } from './state-file.ts';
import { loadPair, watchPair } from './tls-reload.ts';
import { handleUpgrade, type Tunnels } from './websocket.ts';

/** How often Node checks connections against the header and request timeouts (its default is 30 s). */
const CHECK_EVERY_MS = 500;

export class ProxyServer {
  private kept: KeptState | undefined;
  private candidateList: readonly Fallback[] = [];
  private readonly tunnels: Tunnels = new Set();
  /** The endpoints whose first response since the last routing change is still to be told. */
  private unserved = new Set<string>();
  private stopWatch: (() => void) | undefined;
  private open = false;

  private constructor(
    private readonly options: ProxyOptions,
    readonly o: ResolvedOptions,
    private readonly server: Server,
    private readonly ctx: ProxyContext,
    private readonly clock: Clock,
  ) {}

  /** Starts the proxy on the routing it kept (else `initial`); fails if it cannot listen or read its state. */
  static async start(options: ProxyOptions): Promise<ProxyServer> {
    const o = resolveOptions(options);
    const clock = options.clock ?? systemClock;
    const kept = await readState(options.stateFile);
    const serverOptions = {
      maxHeaderSize: o.limits.headerBytes,
      headersTimeout: o.timeouts.headers,
      requestTimeout: Math.max(o.timeouts.request, o.timeouts.headers),
      keepAliveTimeout: o.timeouts.clientIdle,
      connectionsCheckingInterval: CHECK_EVERY_MS,
      noDelay: true,
    };
    const server: Server = options.tls
      ? createHttps({
          ...serverOptions,
          ...(await loadPair(options.tls)),
          handshakeTimeout: o.timeouts.headers,
        })
      : createHttp(serverOptions);
    let proxy: ProxyServer | undefined;
    const log = new LimitedLog(options.logger);
    const ctx: ProxyContext = {
      o,
      proto: options.tls ? 'https' : 'http',
      pool: new Pool(o.timeouts, o.limits),
      budget: new RetryBudget(clock, o.retryBudget),
      metrics: proxyMetrics(options.registry ?? createRegistry()),
      log,
      candidates: () => proxy?.candidateList ?? [],
      evidence: (target, reason, detail, status) => proxy?.evidence(target, reason, detail, status),
      served: (target) => proxy?.served(target),
    };
    proxy = new ProxyServer(options, o, server, ctx, clock);
    proxy.route(kept ?? (options.initial ? { fence: 0, routing: options.initial } : undefined));
    proxy.kept = kept;
    await proxy.listen();
    return proxy;
  }

  private async listen(): Promise<void> {
    const { server, ctx, o } = this;
    server.maxConnections = o.limits.connections;
    // A client that half-closes after its request (shutdown(SHUT_WR)) still gets the response: Node
    // aborts such requests unless this (long-standing, undocumented) switch is on.
    (server as unknown as { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
    server.timeout = o.timeouts.clientIdle;
    server.on('request', (req, res) => handleRequest(ctx, req, res));
    server.on('upgrade', (req, socket, head) => handleUpgrade(ctx, this.tunnels, req, socket, head));
    server.on('clientError', (e: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) =>
      this.clientError(e, socket),
    );
    server.on('drop', () =>
      ctx.log.warn(
        'connections',
        { limit: o.limits.connections },
        'proxy refused a connection over the limit',
      ),
    );
    server.on('tlsClientError', (e: NodeJS.ErrnoException) =>
      ctx.log.warn('tls', { reason: e.code ?? e.message }, 'proxy tls handshake failed'),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.port, o.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (e) => this.options.logger.error({ reason: e.message }, 'proxy server error'));
    this.open = true;
    if (this.options.tls) this.stopWatch = watchPair(server as never, this.options.tls, this.options.logger);
    this.options.logger.info(
      { group: o.group, listen: this.url, endpoint: this.kept?.routing.endpoint },
      'proxy listening',
    );
  }

  /** A request the HTTP parser refused, or a client too slow: answered with a code, logged, closed. */
  private clientError(e: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket): void {
    const code = e.code ?? '';
    if (code === 'ECONNRESET' || code === 'EPIPE' || !socket.writable) return void socket.destroy();
    const answer: [ProxyErrorCode, Record<string, number>] =
      code === 'HPE_HEADER_OVERFLOW'
        ? ['BASCULE_E_PROXY_HEADERS_TOO_LARGE', { limit: this.o.limits.headerBytes }]
        : code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? ['BASCULE_E_PROXY_REQUEST_TIMEOUT', {}]
          : ['BASCULE_E_PROXY_BAD_REQUEST', {}];
    this.ctx.log.warn('client', { reason: code || e.message }, 'proxy refused a client request');
    // A response already under way on this connection cannot be followed by another one.
    const current = (socket as unknown as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (current?.headersSent) return void socket.destroy();
    replyRaw(socket, answer[0], answer[1], e.rawPacket);
  }

  private evidence(target: Fallback, reason: PassiveReason, detail: string, status?: number): void {
    const group = this.o.group;
    this.ctx.metrics.passive.inc({ group, endpoint: target.endpoint, reason });
    this.ctx.log.warn(
      `passive-${reason}`,
      { group, endpoint: target.endpoint, address: target.address, reason, detail },
      'proxy saw an endpoint fail',
    );
    const at = this.clock.now();
    try {
      this.options.onEvidence?.({ group, ...target, reason, ...(status ? { status } : {}), at });
    } catch (e) {
      this.options.logger.error({ reason: (e as Error).message }, 'proxy evidence listener failed');
    }
  }

  /** Tells `onServed` of an endpoint's first response since the routing changed (one set lookup otherwise). */
  private served(target: Fallback): void {
    if (!this.unserved.delete(target.endpoint)) return;
    try {
      this.options.onServed?.({ group: this.o.group, ...target, at: this.clock.now() });
    } catch (e) {
      this.options.logger.error({ reason: (e as Error).message }, 'proxy served listener failed');
    }
  }

  private route(state: KeptState | undefined): void {
    if (state === undefined) return;
    const r = state.routing;
    const seen = new Set<string>([r.address]);
    const list: Fallback[] = [{ endpoint: r.endpoint, address: r.address }];
    for (const s of r.standby ?? []) {
      if (seen.has(s.address)) continue;
      seen.add(s.address);
      list.push({ endpoint: s.endpoint, address: s.address });
    }
    this.candidateList = list;
    if (this.options.onServed) this.unserved = new Set(list.map((f) => f.endpoint));
    this.ctx.pool.keepOnly(list.map((f) => f.address));
  }

  /** The routing it serves and the newest fence it applied (undefined: nothing applied). */
  get state(): KeptState | undefined {
    return this.kept;
  }

  get listening(): boolean {
    return this.open;
  }

  /** Keeps `routing` at `fence` on disk, then serves it (persist before act). */
  async commit(routing: Routing, fence: number): Promise<void> {
    const state: KeptState = { fence, routing: copy(routing) };
    await writeState(this.options.stateFile, state);
    this.kept = state;
    this.route(state);
  }

  /** `http://host:port` (or https) where it listens. */
  get url(): string {
    const a = this.server.address();
    const port = typeof a === 'object' && a !== null ? a.port : this.o.port;
    const host = this.o.host.includes(':') ? `[${this.o.host}]` : this.o.host;
    return `${this.ctx.proto}://${host}:${port}`;
  }

  get port(): number {
    const a = this.server.address();
    return typeof a === 'object' && a !== null ? a.port : this.o.port;
  }

  async close(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    this.stopWatch?.();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    for (const s of this.tunnels) s.destroy();
    this.ctx.pool.close();
    await closed;
  }
}

function copy(r: Routing): Routing {
  const standby = r.standby?.map((s) => ({ endpoint: s.endpoint, address: s.address }));
  return {
    group: r.group,
    endpoint: r.endpoint,
    address: r.address,
    ...(standby ? { standby } : {}),
  };
}

/**
 * Keep-alive connection pools to the backends, one undici Pool per address: at most
 * limits.backendConnections connections each (requests wait for one), reused across requests,
 * closed when idle for timeouts.backendIdle. Pools of addresses the routing no longer names are
 * closed once their requests under way are done (a failback opens a new one).
 */
import { Pool as UndiciPool } from 'undici';
import { parseHostPort } from '../../model/schema-primitives.ts';
import type { ProxyLimits, ProxyTimeouts } from './options.ts';

export interface Backend {
  readonly host: string;
  readonly port: number;
  readonly pool: UndiciPool;
}

export class Pool {
  private readonly backends = new Map<string, Backend>();

  constructor(
    private readonly timeouts: ProxyTimeouts,
    private readonly limits: ProxyLimits,
  ) {}

  get(address: string): Backend {
    let b = this.backends.get(address);
    if (b === undefined) {
      const { host, port } = parseHostPort(address);
      const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
      b = {
        host,
        port,
        pool: new UndiciPool(origin, {
          connections: this.limits.backendConnections,
          pipelining: 1,
          connectTimeout: this.timeouts.connect,
          headersTimeout: this.timeouts.firstByte,
          bodyTimeout: this.timeouts.backendIdle,
          keepAliveTimeout: this.timeouts.backendIdle,
          keepAliveMaxTimeout: this.timeouts.backendIdle,
          maxHeaderSize: this.limits.headerBytes,
        }),
      };
      this.backends.set(address, b);
    }
    return b;
  }

  /** The routing now names `addresses`: the others' pools close once their requests are done. */
  keepOnly(addresses: readonly string[]): void {
    const wanted = new Set(addresses);
    for (const [address, b] of this.backends) {
      if (wanted.has(address)) continue;
      this.backends.delete(address);
      b.pool.close().catch(() => {});
    }
  }

  /** Closes every connection (the proxy stops). */
  close(): void {
    for (const b of this.backends.values()) b.pool.destroy().catch(() => {});
    this.backends.clear();
  }
}

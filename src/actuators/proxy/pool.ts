/**
 * Keep-alive connection pools to the backends, one per address: reused across requests (most
 * recently used first), closed when idle for timeouts.backendIdle. Pools of addresses the routing
 * no longer names lose their idle connections, and the oldest of them are dropped past a bound.
 */
import { Agent } from 'node:http';
import { parseHostPort } from '../../model/schema-primitives.ts';
import type { ProxyLimits, ProxyTimeouts } from './options.ts';

/** Pools kept for addresses the routing no longer names (a failback reuses them). */
const RETIRED_KEPT = 8;

export interface Backend {
  readonly host: string;
  readonly port: number;
  readonly agent: Agent;
}

export class Pool {
  private readonly backends = new Map<string, Backend>();
  private retired: string[] = [];

  constructor(
    private readonly timeouts: ProxyTimeouts,
    private readonly limits: ProxyLimits,
  ) {}

  get(address: string): Backend {
    let b = this.backends.get(address);
    if (b === undefined) {
      b = {
        ...parseHostPort(address),
        agent: new Agent({
          keepAlive: true,
          noDelay: true, // a small request waits for no ACK (Nagle and delayed ACKs would add 40 ms)
          maxSockets: this.limits.backendConnections,
          maxFreeSockets: this.limits.backendConnections,
          timeout: this.timeouts.backendIdle,
          scheduling: 'lifo',
        }),
      };
      this.backends.set(address, b);
    }
    return b;
  }

  /** The routing now names `addresses`: the others' idle connections are closed. */
  keepOnly(addresses: readonly string[]): void {
    const wanted = new Set(addresses);
    this.retired = this.retired.filter((a) => !wanted.has(a));
    for (const [address, b] of this.backends) {
      if (wanted.has(address) || this.retired.includes(address)) continue;
      this.retired.push(address);
      for (const sockets of Object.values(b.agent.freeSockets)) for (const s of sockets ?? []) s.destroy();
    }
    while (this.retired.length > RETIRED_KEPT) {
      const old = this.retired.shift()!;
      this.backends.get(old)?.agent.destroy();
      this.backends.delete(old);
    }
  }

  /** Closes every connection (the proxy stops). */
  close(): void {
    for (const b of this.backends.values()) b.agent.destroy();
    this.backends.clear();
    this.retired = [];
  }
}

/**
 * The HAProxy actuator's options: plain values the daemon derives from `failover.<id>.haproxy`.
 */
import type { Logger } from '../../platform/log.ts';

export interface HaproxyEndpoint {
  readonly name: string;
  readonly address: string;
}

export interface HaproxyOptions {
  /** The failover group (`failover.<id>`). */
  readonly group: string;
  readonly endpoints: readonly HaproxyEndpoint[];
  /** The stats socket at level admin: a UNIX socket path, or a TCP `host:port` (exactly one). */
  readonly socket?: string;
  readonly address?: string;
  /** The backend whose servers are the endpoints. */
  readonly backend: string;
  /** The server name of each endpoint in the backend; default: the endpoint's name. */
  readonly servers?: Readonly<Record<string, string>>;
  /** Where the newest fence applied is kept (`haproxy-<group>.json`). */
  readonly stateDir: string;
  /** One apply or read (every command on the socket, the read-back) ends within this; default 5 s. */
  readonly timeoutMs?: number;
  readonly logger?: Logger;
}

export const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * The RFC 2136 actuator's options: plain values the daemon derives from `failover.<id>.rfc2136`
 * (the TSIG secret already read), and the names it writes: the record and its fence.
 */

import type { TSIG_ALGORITHMS } from '../../model/schema-failover.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/log.ts';

/** The algorithms an RFC 2136 key may use (`failover.<id>.rfc2136.tsig.algorithm`). */
export type TsigAlgorithm = (typeof TSIG_ALGORITHMS)[number];

export interface Rfc2136Endpoint {
  readonly name: string;
  /** `host:port` with an IP host: the record holds the IP (DNS carries no port). */
  readonly address: string;
}

export interface Rfc2136Options {
  /** The failover group (`failover.<id>`). */
  readonly group: string;
  /** The group's endpoints: `current()` names the one whose IP the record holds. */
  readonly endpoints: readonly Rfc2136Endpoint[];
  /** The DNS server that takes the updates, `host:port` or `[v6]:port`. */
  readonly server: string;
  readonly zone: string;
  /** Relative to the zone (`api`), `@` for the apex, or absolute with a final dot. */
  readonly name: string;
  readonly ttl: number;
  readonly tsig: {
    readonly name: string;
    readonly algorithm: TsigAlgorithm;
    /** The secret's text: the base64 secret, or a `key` statement as tsig-keygen writes it. */
    readonly secret: string;
    /** Where the secret comes from (the key file's path), to locate a mistake in it. */
    readonly source: string;
  };
  /** One apply or read (connect, the queries, the update) ends within this; default 5 s. */
  readonly timeoutMs?: number;
  readonly logger?: Logger;
  readonly clock?: Clock;
}

export const DEFAULT_TIMEOUT_MS = 5_000;

function bare(name: string): string {
  return name.replace(/\.$/, '').toLowerCase();
}

/** `api.example.com` for `api` in `example.com`. */
export function recordName(zone: string, name: string): string {
  if (name === '@') return bare(zone);
  if (name.endsWith('.')) return bare(name);
  return `${bare(name)}.${bare(zone)}`;
}

/**
 * `_bascule-fence.api.example.com`: one fence per record name, so two groups in one zone (whose
 * fences come from one lease) never refuse each other's updates.
 */
export function fenceName(zone: string, name: string): string {
  return `_bascule-fence.${recordName(zone, name)}`;
}

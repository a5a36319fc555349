/**
 * The built-in DNS as the daemon starts it: plain options in (where to listen, the zones, the
 * failover names, where to keep state), the server listening and its actuator out. The state file
 * is read first, so a restarted server answers each failover name where it did, at a serial that
 * only goes forward, and its actuator still refuses a fence older than the newest it applied.
 */
import { join } from 'node:path';
import type { NotifyOptions } from '../../dns/notify.ts';
import { DnsServer } from '../../dns/server.ts';
import { readDnsState } from '../../dns/state-file.ts';
import type { EndpointHealth } from '../../dns/ttl.ts';
import type { FailoverName, ZoneSpec } from '../../dns/zone-book.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/log.ts';
import { DnsActuator } from './actuator.ts';

export interface BuiltInDnsOptions {
  /** `runtime.dns.listen`: UDP and TCP. */
  readonly listen: string;
  readonly zones: readonly ZoneSpec[];
  /** Each failover group's `dns: {zone, name, ttl}`, the name absolute. */
  readonly groups: readonly FailoverName[];
  /** Where `dns-state.json` is kept (the data directory). */
  readonly stateDir: string;
  readonly notify?: Partial<NotifyOptions>;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

export interface BuiltInDns {
  readonly server: DnsServer;
  readonly actuator: DnsActuator;
  /** Tells the health of a group's active endpoint (its TTL follows it: src/dns/ttl.ts). */
  setHealth(group: string, health: EndpointHealth): boolean;
  close(): Promise<void>;
}

export const STATE_FILE = 'dns-state.json';

export async function startBuiltInDns(o: BuiltInDnsOptions): Promise<BuiltInDns> {
  const stateFile = join(o.stateDir, STATE_FILE);
  const kept = await readDnsState(stateFile);
  const server = await DnsServer.start({
    listen: o.listen,
    zones: o.zones,
    groups: o.groups,
    serials: new Map(Object.entries(kept.serials)),
    ...(o.notify ? { notify: o.notify } : {}),
    ...(o.clock ? { clock: o.clock } : {}),
    ...(o.logger ? { logger: o.logger } : {}),
  });
  const actuator = new DnsActuator(server, stateFile, kept);
  return {
    server,
    actuator,
    setHealth: (group, health) => server.setHealth(group, health),
    close: () => server.close(),
  };
}

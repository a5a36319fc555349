/**
 * What the RFC 2136 tests share, whatever the server (BIND, Knot, PowerDNS): the group's three
 * endpoints, the names they write, the actuator's options for a server, and `nsupdate` standing
 * for another writer with the same key.
 */
import { execFileSync } from 'node:child_process';
import type { Routing } from '../../src/actuators/actuator.ts';
import type { Rfc2136Options } from '../../src/actuators/rfc2136/options.ts';
import { KEY_FILE_TEXT, KEY_SECRET, type TestUpdateServer, ZONE } from './update-server.ts';

export const aws: Routing = { group: 'api', endpoint: 'aws', address: '127.0.0.2:9001' };
export const gcp: Routing = { group: 'api', endpoint: 'gcp', address: '127.0.0.3:9002' };
export const v6: Routing = { group: 'api', endpoint: 'v6', address: '[2001:db8::3]:443' };
export const ENDPOINTS = [aws, gcp, v6].map((r) => ({ name: r.endpoint, address: r.address }));
export const NAME = `api.${ZONE}`;
export const FENCE = `_bascule-fence.api.${ZONE}`;

export function updateOptions(s: TestUpdateServer, more: Partial<Rfc2136Options> = {}): Rfc2136Options {
  return {
    group: 'api',
    endpoints: ENDPOINTS,
    server: s.server,
    zone: ZONE,
    name: 'api',
    ttl: 5,
    tsig: { name: 'bascule', algorithm: 'hmac-sha256', secret: KEY_FILE_TEXT, source: 'tsig.key' },
    timeoutMs: 2_000,
    ...more,
  };
}

/** Writes records as another writer would, with Debian's nsupdate and the same key. */
export function nsupdate(s: TestUpdateServer, commands: string): void {
  execFileSync('nsupdate', ['-y', `hmac-sha256:bascule:${KEY_SECRET}`], {
    input: `server 127.0.0.1 ${s.port}\nzone ${ZONE}\n${commands}\nsend\n`,
    timeout: 5_000,
  });
}

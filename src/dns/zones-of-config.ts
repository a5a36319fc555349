/**
 * The built-in DNS server's plain options from a loaded bascule.yaml: every zone a failover group
 * names or `dnsZones` lists, with its SOA, NS, records and secondaries (TSIG secrets read by the
 * caller's `readSecret`), and each group's name. A zone without a `dnsZones` entry gets a SOA and
 * NS of its own: `ns1.<zone>` (answering with the listen address when it is an IP) and
 * `hostmaster.<zone>`.
 */
import { isIP } from 'node:net';
import { ownerName, parseSecondaryAddress } from '../model/dns-references.ts';
import type { Config, Secret } from '../model/schema.ts';
import { DEFAULT_SOA } from '../model/schema-dns.ts';
import { failoverGroups } from '../model/schema-failover.ts';
import { parseHostPort } from '../model/schema-primitives.ts';
import { canonical } from './names.ts';
import { type RecordType, type Rr, readValue } from './records.ts';
import type { FailoverName, Secondary, ZoneSpec } from './zone-book.ts';

export const DEFAULT_RECORD_TTL = 300;
export const DEFAULT_APEX_TTL = 3600;

export interface DnsPlan {
  readonly listen: string;
  readonly zones: readonly ZoneSpec[];
  readonly groups: readonly FailoverName[];
}

/** `host:port` (port 53 when none is written), IPv6 compressed; the map was validated before. */
function secondaryAddress(text: string): string {
  const a = parseSecondaryAddress(text);
  if (!a.ok) throw new Error(`secondary address ${text} was not validated`);
  return a.address;
}

/** The plan, or undefined when no group has `dns` and there is no `dnsZones`. */
export function dnsPlanOf(
  config: Config,
  readSecret: (s: Secret, where: string) => string,
): DnsPlan | undefined {
  const groups: FailoverName[] = [];
  for (const [id, g] of failoverGroups(config.failover))
    if (g.dns)
      groups.push({
        group: id,
        zone: canonical(g.dns.zone),
        name: ownerName(g.dns.name, g.dns.zone),
        ttl: g.dns.ttl,
      });
  const names = new Set([...groups.map((g) => g.zone), ...Object.keys(config.dnsZones ?? {}).map(canonical)]);
  if (names.size === 0) return undefined;
  const listen = config.runtime?.dns?.listen ?? '127.0.0.1:5353';
  const listenHost = parseHostPort(listen).host;
  const zones: ZoneSpec[] = [];
  for (const name of names) {
    const entry = Object.entries(config.dnsZones ?? {}).find(([k]) => canonical(k) === name);
    const spec = entry?.[1];
    const ns = (spec?.ns ?? [`ns1.${name}`]).map(canonical);
    const records: Rr[] = [];
    for (const r of spec?.records ?? []) {
      const v = readValue(r.type as RecordType, r.value);
      if ('data' in v)
        records.push({
          name: ownerName(r.name, name),
          type: r.type,
          ttl: r.ttl ?? DEFAULT_RECORD_TTL,
          data: v.data,
        });
    }
    // The default NS answers with the listen address (glue), when it is one.
    if (!spec?.ns && isIP(listenHost) && !records.some((r) => r.name === ns[0]))
      records.push({
        name: ns[0]!,
        type: isIP(listenHost) === 4 ? 'A' : 'AAAA',
        ttl: DEFAULT_APEX_TTL,
        data: listenHost,
      });
    const secondaries: Secondary[] = (spec?.secondaries ?? []).map((s, i) => ({
      address: secondaryAddress(s.address),
      ...(s.tsig
        ? {
            tsig: {
              name: s.tsig.name,
              algorithm: s.tsig.algorithm,
              secret: Buffer.from(
                readSecret(s.tsig.secret, `dnsZones.${entry![0]}.secondaries.${i}.tsig.secret`),
                'base64',
              ),
            },
          }
        : {}),
    }));
    zones.push({
      name,
      soa: {
        mname: canonical(spec?.soa?.mname ?? ns[0]!),
        rname: canonical(spec?.soa?.rname ?? `hostmaster.${name}`),
        refresh: spec?.soa?.refresh ?? DEFAULT_SOA.refresh,
        retry: spec?.soa?.retry ?? DEFAULT_SOA.retry,
        expire: spec?.soa?.expire ?? DEFAULT_SOA.expire,
        minimum: spec?.soa?.minimum ?? DEFAULT_SOA.minimum,
        ttl: DEFAULT_APEX_TTL,
      },
      ns,
      records,
      secondaries,
    });
  }
  return { listen, zones, groups };
}

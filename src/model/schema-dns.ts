/**
 * `dnsZones:` in bascule.yaml: what the built-in DNS server's zones hold besides the failover
 * names (the SOA, the apex NS, records, the secondaries fed by AXFR/IXFR with TSIG). A zone named
 * by a failover group exists without an entry here (dns-zones.ts gives it a SOA and NS). Structure
 * only: values are checked in dns-references.ts, located.
 */
import { z } from 'zod';
import { secret, text } from './schema-primitives.ts';

export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'TXT', 'MX', 'CAA'] as const;
export const TSIG_ALGORITHMS = [
  'hmac-sha256',
  'hmac-sha512',
  'hmac-sha384',
  'hmac-sha224',
  'hmac-sha1',
  'hmac-md5',
] as const;

const seconds = (d: string) => z.number().int().min(0).max(2_147_483_647).meta({ description: d });

export const DEFAULT_SOA = { refresh: 3600, retry: 600, expire: 1_209_600, minimum: 60 } as const;

export const dnsZone = z.strictObject({
  soa: z
    .strictObject({
      mname: text.meta({ description: 'The primary name server (SOA MNAME).' }),
      rname: text.meta({
        description: 'The mailbox of the zone’s administrator, as a name (hostmaster.example.com).',
      }),
      refresh: seconds('Seconds between a secondary’s checks of the serial (default 3600).').optional(),
      retry: seconds('Seconds before a secondary retries a failed check (default 600).').optional(),
      expire: seconds(
        'Seconds after which a secondary that cannot reach the primary stops answering (default 1209600).',
      ).optional(),
      minimum: seconds('The TTL of negative answers, seconds (default 60).').optional(),
    })
    .optional(),
  ns: z.array(text).optional().meta({ description: 'The apex NS names (default: ns1.<zone>).' }),
  records: z
    .array(
      z.strictObject({
        name: text.meta({ description: 'Relative to the zone (www), @ for the apex.' }),
        type: z.enum(DNS_RECORD_TYPES),
        value: text.meta({
          description:
            'An address, a target name, the text, "10 mail.example.com" (MX), "0 issue \\"ca.example\\"" (CAA).',
        }),
        ttl: seconds('Seconds (default 300).').optional(),
      }),
    )
    .default([]),
  secondaries: z
    .array(
      z.strictObject({
        address: text.meta({
          description:
            'The secondary’s IP address, with an optional port (default 53): 192.0.2.80:53, [2001:db8::1]:53. Not a host name: NOTIFY goes there, and transfers are allowed only from it.',
        }),
        tsig: z
          .strictObject({
            name: text.meta({ description: 'The key’s name, as the secondary knows it.' }),
            algorithm: z.enum(TSIG_ALGORITHMS).default('hmac-sha256'),
            secret: secret.meta({ description: 'The key’s secret, base64 (as tsig-keygen writes it).' }),
          })
          .optional(),
      }),
    )
    .default([]),
});

export type DnsZoneSpec = z.output<typeof dnsZone>;

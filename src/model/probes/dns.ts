/**
 * The dns probe type, pure half: `dns: {name, type, resolver}` with the expected answers and rcode.
 * Runner: src/probes/dns.ts.
 */
import { z } from 'zod';
import { hostPort, parseHostPort, text } from '../schema-primitives.ts';
import { defineProbe } from './kind.ts';

export const DNS_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'SOA', 'SRV', 'CAA'] as const;
export const RCODES = ['NOERROR', 'NXDOMAIN', 'SERVFAIL', 'REFUSED'] as const;

export interface DnsTarget {
  readonly type: 'dns';
  readonly name: string;
  readonly recordType: string;
  /** host:port of the server to ask; undefined: the system resolver. */
  readonly resolver?: { readonly host: string; readonly port: number };
  readonly answers: readonly string[];
  readonly rcode: (typeof RCODES)[number];
}

export const dnsKind = defineProbe({
  type: 'dns',
  key: z.strictObject({
    name: text,
    type: z.enum(DNS_TYPES).default('A'),
    resolver: hostPort.optional().meta({ description: 'The server to ask (default: the system resolver).' }),
  }),
  options: {},
  expect: {
    answers: z
      .array(text)
      .optional()
      .meta({ description: 'dns: every one of these must be among the answers.' }),
    rcode: z
      .enum(RCODES)
      .optional()
      .meta({ description: 'dns: the expected response code (default NOERROR).' }),
  },
  compile(spec): DnsTarget {
    const dns = spec.dns;
    return {
      type: 'dns',
      name: dns.name,
      recordType: dns.type,
      ...(dns.resolver !== undefined ? { resolver: parseHostPort(dns.resolver) } : {}),
      answers: spec.expect?.answers ?? [],
      rcode: spec.expect?.rcode ?? 'NOERROR',
    };
  },
});

/**
 * The built-in DNS server in tests: a zone like the (example.com with NS, glue, CNAME, MX,
 * TXT, CAA and a failover name), started on loopback with a fresh state directory, and `dig`
 * (BIND's own client) to ask it, its output read as fields.
 */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type BuiltInDns, startBuiltInDns } from '../../src/actuators/dns/built-in.ts';
import type { NotifyOptions } from '../../src/dns/notify.ts';
import type { Rr } from '../../src/dns/records.ts';
import type { Secondary, ZoneSpec } from '../../src/dns/zone-book.ts';
import type { Logger } from '../../src/platform/log.ts';

const run = promisify(execFile);

export const SOA = {
  mname: 'ns1.example.com',
  rname: 'hostmaster.example.com',
  refresh: 3600,
  retry: 600,
  expire: 604_800,
  minimum: 60,
  ttl: 3600,
};

export const RECORDS: Rr[] = [
  { name: 'ns1.example.com', type: 'A', ttl: 300, data: '127.0.0.1' },
  { name: 'ns1.example.com', type: 'AAAA', ttl: 300, data: '::1' },
  { name: 'www.example.com', type: 'CNAME', ttl: 300, data: 'api.example.com' },
  { name: 'mail.example.com', type: 'A', ttl: 300, data: '192.0.2.25' },
  { name: 'example.com', type: 'MX', ttl: 300, data: { preference: 10, exchange: 'mail.example.com' } },
  { name: 'example.com', type: 'TXT', ttl: 300, data: ['v=spf1 -all'] },
  { name: 'example.com', type: 'CAA', ttl: 300, data: { flags: 0, tag: 'issue', value: 'letsencrypt.org' } },
  { name: 'host.deep.example.com', type: 'A', ttl: 300, data: '192.0.2.9' },
];

export function exampleZone(secondaries: Secondary[] = [], records: Rr[] = RECORDS): ZoneSpec {
  return { name: 'example.com', soa: SOA, ns: ['ns1.example.com'], records, secondaries };
}

export async function startExample(
  o: {
    secondaries?: Secondary[];
    records?: Rr[];
    stateDir?: string;
    listen?: string;
    notify?: Partial<NotifyOptions>;
    logger?: Logger;
  } = {},
): Promise<BuiltInDns & { port: number; stateDir: string }> {
  const stateDir = o.stateDir ?? (await mkdtemp(join(tmpdir(), 'bascule-dns-')));
  const dns = await startBuiltInDns({
    listen: o.listen ?? '127.0.0.1:0',
    stateDir,
    zones: [exampleZone(o.secondaries, o.records)],
    groups: [{ group: 'api', zone: 'example.com', name: 'api.example.com', ttl: 5 }],
    notify: { intervalMs: 200, attempts: 10, ...o.notify },
    ...(o.logger ? { logger: o.logger } : {}),
  });
  return Object.assign(dns, { port: dns.server.address.port, stateDir });
}

export interface Dig {
  readonly status: string;
  readonly flags: readonly string[];
  readonly answer: readonly string[][];
  readonly authority: readonly string[][];
  readonly additional: readonly string[][];
  /** The OPT pseudo-section's line (`; EDNS: version: 0, flags:; udp: 1232`), or undefined. */
  readonly edns?: string;
  readonly raw: string;
}

function section(out: string, name: string): string[][] {
  const m = new RegExp(`;; ${name} SECTION:\\n([\\s\\S]*?)(?:\\n\\n|$)`).exec(out);
  if (!m) return [];
  return m[1]!
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith(';'))
    .map((l) => l.trim().split(/\s+/));
}

/** `dig @host -p port ARGS` (no recursion asked, one try of 2 s unless ARGS say otherwise). */
export async function dig(port: number, args: string[], server = '127.0.0.1'): Promise<Dig> {
  const { stdout } = await run(
    'dig',
    [`@${server}`, '-p', String(port), '+norec', '+time=2', '+tries=1', ...args],
    {
      timeout: 15_000,
    },
  );
  const status = /status: ([A-Z]+)/.exec(stdout)?.[1] ?? '';
  const flags = (/;; flags: ([a-z ]*);/.exec(stdout)?.[1] ?? '').trim().split(/\s+/);
  const edns = /; EDNS: [^\n]*/.exec(stdout)?.[0];
  return {
    status,
    flags,
    answer: section(stdout, 'ANSWER'),
    authority: section(stdout, 'AUTHORITY'),
    additional: section(stdout, 'ADDITIONAL'),
    ...(edns ? { edns } : {}),
    raw: stdout,
  };
}

/** The zone as a zone file (BIND serving the same records as the built-in server). */
export function zoneText(records: Rr[]): string {
  const line = (r: Rr): string => {
    const d = r.data as never as Record<string, unknown> & string & string[];
    const value =
      r.type === 'MX'
        ? `${d.preference} ${d.exchange}.`
        : r.type === 'CAA'
          ? `${d.flags} ${d.tag} "${d.value}"`
          : r.type === 'TXT'
            ? d.map((s: string) => `"${s}"`).join(' ')
            : r.type === 'CNAME'
              ? `${d}.`
              : String(d);
    return `${r.name}. ${r.ttl} IN ${r.type} ${value}`;
  };
  return [
    `example.com. ${SOA.ttl} IN SOA ${SOA.mname}. ${SOA.rname}. 1 ${SOA.refresh} ${SOA.retry} ${SOA.expire} ${SOA.minimum}`,
    `example.com. ${SOA.ttl} IN NS ns1.example.com.`,
    ...records.map(line),
    '',
  ].join('\n');
}

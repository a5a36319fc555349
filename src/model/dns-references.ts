/**
 * Checks of `dnsZones` and of the failover groups' `dns` that need more than the schema: each
 * record's value fits its type, names are valid DNS names and lie in their zone, no record sits at
 * a name a failover group answers for, each secondary's address is an IP address with an optional
 * port. Located (`dnsZones.example.com.records.2.value`).
 */
import type { DnsProblem, Params, SecondaryProblem } from '../errors.ts';
import type { PathSegment } from './locate.ts';
import type { Config } from './schema.ts';
import { failoverGroups } from './schema-failover.ts';
import type { RawDiagnostic } from './schema-issues.ts';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const LABEL = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;

export function isIpv6(text: string): boolean {
  if (!text.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(text)) return false;
  try {
    return new URL(`http://[${text}]/`).hostname !== '';
  } catch {
    return false;
  }
}

export function isDnsName(text: string): boolean {
  const n = text.replace(/\.$/, '');
  return n.length > 0 && n.length <= 253 && n.split('.').every((l) => LABEL.test(l));
}

/** `www` in `example.com` → `www.example.com`; `@` → the apex; a trailing dot: absolute. */
export function ownerName(name: string, zone: string): string {
  const z = zone.replace(/\.$/, '').toLowerCase();
  if (name === '@') return z;
  if (name.endsWith('.')) return name.slice(0, -1).toLowerCase();
  return `${name}.${z}`.toLowerCase();
}

/** The port a secondary's address means when it names none. */
export const DNS_PORT = 53;

export type SecondaryAddress =
  | {
      readonly ok: true;
      /** The IP, IPv6 in its compressed lowercase form (as the server sees a sender's address). */
      readonly host: string;
      readonly port: number;
      /** `host:port`, `[v6]:port`. */
      readonly address: string;
    }
  | {
      readonly ok: false;
      readonly problem: SecondaryProblem;
      /** The host part as written (a host name, a broken IPv4). */
      readonly host?: string;
      /** A bare IPv6 address written in brackets. */
      readonly suggestion?: string;
      /** A bare IPv6 address whose last group may be meant as the port: `[2001:db8::1]:53`. */
      readonly alternative?: string;
    };

function compressed6(text: string): string {
  return new URL(`http://[${text}]/`).hostname.slice(1, -1);
}

/**
 * A secondary's address: an IP with an optional port (default 53), `192.0.2.80`, `192.0.2.80:53`,
 * `[2001:db8::1]`, `[2001:db8::1]:53`. A host name is refused: the server sends NOTIFY to the
 * address and allows zone transfers from it only, so it must be the address packets come from.
 */
export function parseSecondaryAddress(text: string): SecondaryAddress {
  let host: string;
  let portText: string | undefined;
  let v6 = false;
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  if (bracketed) {
    if (!isIpv6(bracketed[1]!)) return { ok: false, problem: 'format' };
    host = compressed6(bracketed[1]!);
    portText = bracketed[2];
    v6 = true;
  } else if ((text.match(/:/g) ?? []).length >= 2) {
    if (!isIpv6(text)) return { ok: false, problem: 'format' };
    const i = text.lastIndexOf(':');
    const rest = text.slice(0, i);
    const last = text.slice(i + 1);
    const maybePort = /^\d{2,5}$/.test(last) && Number(last) <= 65_535 && isIpv6(rest);
    return {
      ok: false,
      problem: 'ipv6',
      suggestion: `[${text}]`,
      ...(maybePort ? { alternative: `[${rest}]:${last}` } : {}),
    };
  } else {
    const i = text.indexOf(':');
    host = i < 0 ? text : text.slice(0, i);
    portText = i < 0 ? undefined : text.slice(i + 1);
    if (!IPV4.test(host)) {
      if (/^[\d.]+$/.test(host)) return { ok: false, problem: 'ipv4', host };
      return isDnsName(host) ? { ok: false, problem: 'name', host } : { ok: false, problem: 'format' };
    }
  }
  let port = DNS_PORT;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText)) return { ok: false, problem: 'format' };
    port = Number(portText);
    if (port < 1 || port > 65_535) return { ok: false, problem: 'port' };
  }
  return { ok: true, host, port, address: v6 ? `[${host}]:${port}` : `${host}:${port}` };
}

/** The addresses the map's own zones give a host name (its A and AAAA records), for a did-you-mean. */
function addressesByName(config: Config): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [zone, spec] of Object.entries(config.dnsZones ?? {}))
    for (const r of spec.records)
      if ((r.type === 'A' && IPV4.test(r.value)) || (r.type === 'AAAA' && isIpv6(r.value))) {
        const owner = ownerName(r.name, zone);
        out.set(owner, [...(out.get(owner) ?? []), r.type === 'AAAA' ? `[${r.value}]` : r.value]);
      }
  return out;
}

/** The diagnostic's parameters for a secondary's address that is not one; undefined when it is. */
function secondaryProblem(value: string, byName: () => Map<string, string[]>): Params | undefined {
  const a = parseSecondaryAddress(value);
  if (a.ok) return undefined;
  const params: Record<string, string> = { value, problem: a.problem };
  if (a.host !== undefined) params.host = a.host;
  if (a.suggestion !== undefined) params.suggestion = a.suggestion;
  if (a.alternative !== undefined) params.alternative = a.alternative;
  if (a.problem === 'name' && a.host !== undefined) {
    // The map itself may say which address that name has.
    const known = byName().get(a.host.replace(/\.$/, '').toLowerCase());
    const port = value.slice(a.host.length);
    if (known?.length === 1) params.suggestion = `${known[0]}${port}`;
  }
  return params;
}

function valueProblem(type: string, value: string): DnsProblem | undefined {
  switch (type) {
    case 'A':
      return IPV4.test(value) ? undefined : 'ipv4';
    case 'AAAA':
      return isIpv6(value) ? undefined : 'ipv6';
    case 'CNAME':
      return isDnsName(value) ? undefined : 'name';
    case 'MX': {
      const m = /^(\d{1,5})\s+(\S+)$/.exec(value.trim());
      return m && Number(m[1]) <= 65_535 && isDnsName(m[2]!) ? undefined : 'mx';
    }
    case 'CAA': {
      const m = /^(\d{1,3})\s+([A-Za-z0-9]+)\s+"?([^"]*)"?$/.exec(value.trim());
      return m && Number(m[1]) <= 255 ? undefined : 'caa';
    }
    default:
      return undefined;
  }
}

function inZone(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

export function checkDnsZones(config: Config, out: RawDiagnostic[]): void {
  const answered = new Map<string, string>();
  for (const [id, g] of failoverGroups(config.failover)) {
    if (!g.dns) continue;
    const at: PathSegment[] = ['failover', id, 'dns'];
    if (!isDnsName(g.dns.zone))
      out.push({
        code: 'BASCULE_E_CONFIG_DNS_RECORD',
        path: [...at, 'zone'],
        params: { type: 'SOA', value: g.dns.zone, problem: 'name' },
      });
    if (g.dns.name !== '@' && !isDnsName(g.dns.name.replace(/\.$/, '')))
      out.push({
        code: 'BASCULE_E_CONFIG_DNS_RECORD',
        path: [...at, 'name'],
        params: { type: 'A', value: g.dns.name, problem: 'name' },
      });
    answered.set(ownerName(g.dns.name, g.dns.zone), id);
  }
  let names: Map<string, string[]> | undefined;
  const byName = () => {
    names ??= addressesByName(config);
    return names;
  };
  for (const [zone, spec] of Object.entries(config.dnsZones ?? {})) {
    const z = zone.replace(/\.$/, '').toLowerCase();
    const at: PathSegment[] = ['dnsZones', zone];
    spec.secondaries.forEach((s, i) => {
      const params = secondaryProblem(s.address, byName);
      if (params)
        out.push({
          code: 'BASCULE_E_CONFIG_DNS_SECONDARY',
          path: [...at, 'secondaries', i, 'address'],
          params,
        });
    });
    const name = (value: string, path: PathSegment[], type: string) => {
      if (!isDnsName(value))
        out.push({ code: 'BASCULE_E_CONFIG_DNS_RECORD', path, params: { type, value, problem: 'name' } });
    };
    if (spec.soa) {
      name(spec.soa.mname, [...at, 'soa', 'mname'], 'SOA');
      name(spec.soa.rname, [...at, 'soa', 'rname'], 'SOA');
    }
    (spec.ns ?? []).forEach((n, i) => {
      name(n, [...at, 'ns', i], 'NS');
    });
    spec.records.forEach((r, i) => {
      const path: PathSegment[] = [...at, 'records', i];
      const owner = ownerName(r.name, z);
      if (r.name !== '@' && !isDnsName(r.name.replace(/\.$/, '')))
        out.push({
          code: 'BASCULE_E_CONFIG_DNS_RECORD',
          path: [...path, 'name'],
          params: { type: r.type, value: r.name, problem: 'name' },
        });
      else if (!inZone(owner, z))
        out.push({
          code: 'BASCULE_E_CONFIG_DNS_CONFLICT',
          path: [...path, 'name'],
          params: { name: r.name, why: 'outside', group: '', zone },
        });
      else if (answered.has(owner))
        out.push({
          code: 'BASCULE_E_CONFIG_DNS_CONFLICT',
          path: [...path, 'name'],
          params: { name: r.name, why: 'failover', group: answered.get(owner)!, zone },
        });
      const problem = valueProblem(r.type, r.value);
      if (problem)
        out.push({
          code: 'BASCULE_E_CONFIG_DNS_RECORD',
          path: [...path, 'value'],
          params: { type: r.type, value: r.value, problem },
        });
    });
  }
}

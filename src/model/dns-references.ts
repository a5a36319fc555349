/**
 * Checks of `dnsZones` and of the failover groups' `dns` that need more than the schema: each
 * record's value fits its type, names are valid DNS names and lie in their zone, no record sits at
 * a name a failover group answers for. Located (`dnsZones.example.com.records.2.value`).
 */
import type { DnsProblem } from '../errors.ts';
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
  for (const [zone, spec] of Object.entries(config.dnsZones ?? {})) {
    const z = zone.replace(/\.$/, '').toLowerCase();
    const at: PathSegment[] = ['dnsZones', zone];
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

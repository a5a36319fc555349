/**
 * Checks of the failover section that need the whole map: what a failover names exists; a group
 * Bascule runs has at least two endpoints, unique names, valid addresses, and checks that watch
 * components of the service it protects; runtime.component names a component.
 */
import type { PathSegment } from './locate.ts';
import { entryMembers, unknownRef } from './references.ts';
import type { Config } from './schema.ts';
import { type FailoverGroupSpec, isFailoverGroup } from './schema-failover.ts';
import type { RawDiagnostic } from './schema-issues.ts';
import { isHttpUrl, parseHostPort } from './schema-primitives.ts';
import { suggest } from './suggest.ts';

const ADDRESS = /^(\[[^\]]+\]|[A-Za-z0-9._-]+):(\d{1,5})$/;
const LABEL = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;

/**
 * host:port or [IPv6]:port with a port from 1 to 65535: a host name of valid labels, an IPv4
 * address, or an IPv6 address in brackets (as the WHATWG URL parser reads them, so 999.0.0.1 and
 * [1::2::3] are refused).
 */
export function isEndpointAddress(text: string): boolean {
  const m = ADDRESS.exec(text);
  if (!m) return false;
  const port = Number(m[2]);
  if (port < 1 || port > 65_535) return false;
  const host = m[1]!;
  if (!host.startsWith('[') && !host.split('.').every((label) => LABEL.test(label))) return false;
  try {
    return new URL(`http://${host}:${port}/`).hostname !== '';
  } catch {
    return false;
  }
}

/** Whether an endpoint address (valid per isEndpointAddress) has an IP address for its host. */
export function hasIpHost(address: string): boolean {
  if (address.startsWith('[')) return true;
  const parts = parseHostPort(address).host.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/** `haproxy`: one target, and a server name only for endpoints the group has. */
function checkHaproxy(group: FailoverGroupSpec, path: PathSegment[], out: RawDiagnostic[]) {
  const h = group.haproxy;
  if (!h) return;
  if ((h.socket === undefined) === (h.address === undefined))
    out.push({
      code: 'BASCULE_E_CONFIG_FAILOVER_HAPROXY',
      path: [...path, 'haproxy'],
      atKey: true,
      params: {},
    });
  const names = group.endpoints.map((e) => e.name);
  for (const endpoint of Object.keys(h.servers ?? {})) {
    if (names.includes(endpoint)) continue;
    const suggestion = suggest(endpoint, names);
    out.push({
      code: 'BASCULE_E_CONFIG_FAILOVER_SERVER',
      path: [...path, 'haproxy', 'servers', endpoint],
      atKey: true,
      params: suggestion ? { endpoint, suggestion } : { endpoint },
    });
  }
}

/** Every component and service a service depends on, directly or not (itself included). */
export function dependenciesOf(config: Config, start: string): Set<string> {
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop()!;
    const spec = config.services[id] ?? config.components[id];
    for (const dep of spec?.dependsOn ?? []) {
      for (const { to } of entryMembers(dep, [])) {
        if (!seen.has(to)) {
          seen.add(to);
          stack.push(to);
        }
      }
    }
  }
  return seen;
}

function checkGroup(config: Config, group: FailoverGroupSpec, path: PathSegment[], out: RawDiagnostic[]) {
  const services = Object.keys(config.services);
  const known = Object.hasOwn(config.services, group.service);
  if (!known) out.push(unknownRef(group.service, 'service', services, [...path, 'service']));
  if (group.endpoints.length < 2) {
    out.push({
      code: 'BASCULE_E_CONFIG_FAILOVER_ENDPOINTS',
      path: [...path, 'endpoints'],
      params: { count: group.endpoints.length },
    });
  }
  const reach = known ? dependenciesOf(config, group.service) : undefined;
  const names = new Set<string>();
  const checks = Object.keys(config.checks);
  group.endpoints.forEach((e, i) => {
    const at = [...path, 'endpoints', i];
    if (names.has(e.name))
      out.push({
        code: 'BASCULE_E_CONFIG_FAILOVER_DUPLICATE',
        path: [...at, 'name'],
        params: { name: e.name },
      });
    names.add(e.name);
    if (!isEndpointAddress(e.address))
      out.push({
        code: 'BASCULE_E_CONFIG_FAILOVER_ADDRESS',
        path: [...at, 'address'],
        params: { value: e.address },
      });
    else if (group.rfc2136 && !hasIpHost(e.address))
      out.push({
        code: 'BASCULE_E_CONFIG_FAILOVER_IP',
        path: [...at, 'address'],
        params: { name: e.name, value: e.address },
      });
    const check = config.checks[e.check];
    if (!check) {
      out.push(unknownRef(e.check, 'check', checks, [...at, 'check']));
      return;
    }
    if (!reach) return;
    const target = check.component ?? check.service;
    // A check with no target (or two) is reported at the check itself.
    if (target === undefined || (check.component !== undefined && check.service !== undefined)) return;
    if (check.component !== undefined && reach.has(check.component)) return;
    out.push({
      code: 'BASCULE_E_CONFIG_FAILOVER_CHECK',
      path: [...at, 'check'],
      params: {
        check: e.check,
        what: check.component !== undefined ? 'component' : 'service',
        target,
        service: group.service,
      },
    });
  });
  checkHaproxy(group, path, out);
  if (group.webhook && !isHttpUrl(group.webhook.url))
    out.push({
      code: 'BASCULE_E_CONFIG_URL',
      path: [...path, 'webhook', 'url'],
      params: { value: group.webhook.url },
    });
}

export function checkFailovers(config: Config, out: RawDiagnostic[]): void {
  const components = Object.keys(config.components);
  const ref = (id: string, path: PathSegment[]): void => {
    if (!Object.hasOwn(config.components, id)) out.push(unknownRef(id, 'component', components, path));
  };
  for (const [id, f] of Object.entries(config.failover)) {
    const path: PathSegment[] = ['failover', id];
    if (isFailoverGroup(f)) {
      checkGroup(config, f, path, out);
      continue;
    }
    ref(f.primary, [...path, 'primary']);
    ref(f.via, [...path, 'via']);
    f.secondary.forEach((s, i) => {
      ref(s, [...path, 'secondary', i]);
    });
  }
  if (config.runtime?.component !== undefined) ref(config.runtime.component, ['runtime', 'component']);
}

/**
 * A map with a status page and everything a status page must never show (hidden services,
 * components, checks, hosts, addresses, vantage points, channels, failover endpoints, owners), a
 * real memory store holding its transitions and incidents with internal reasons, and the list of
 * every internal name and address of it.
 */
import type { Config } from '../../src/model/schema.ts';
import type { Incident, Transition } from '../../src/monitor/types.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { map } from './map.ts';

export const SHOWN = ['checkout', 'api'] as const;

export function leakyMap(extra: Record<string, unknown> = {}): Config {
  return map({
    name: 'Acme Internal Map',
    description: 'ops notes 7731',
    services: {
      checkout: { criticality: 'critical', dependsOn: ['pg-primary-eu'], owner: 'team-payments-ops' },
      api: { dependsOn: [{ anyOf: ['nginx-edge-03', 'redis-cache-7'] }], name: 'api-gateway-internal' },
      'billing-backoffice': { dependsOn: ['pg-primary-eu'] },
    },
    components: {
      'pg-primary-eu': {
        provider: 'aws',
        region: 'eu-west-3',
        service: 'rds',
        description: 'pg cluster zeta',
      },
      'nginx-edge-03': { provider: 'hetzner', region: 'fsn1' },
      'redis-cache-7': { provider: 'scaleway', region: 'fr-par' },
    },
    vantages: {
      'office-paris-lan': { provider: 'orange', description: 'the fibre in room 4B' },
      'hz-fsn1-probe': { provider: 'hetzner', region: 'fsn1' },
    },
    checks: {
      'chk-pg-tcp': { component: 'pg-primary-eu', tcp: '10.20.30.40:5432' },
      'chk-edge-http': {
        component: 'nginx-edge-03',
        http: 'https://edge03.corp.acme.internal/internal/healthz',
      },
      'chk-redis': { component: 'redis-cache-7', tcp: 'redis7.corp.acme.internal:6379' },
    },
    failover: {
      'api-group-xy': {
        service: 'api',
        endpoints: [
          { name: 'aws-primary-zz', address: '10.9.8.7:443', check: 'chk-edge-http' },
          { name: 'gcp-standby-zz', address: '10.9.8.6:443', check: 'chk-redis' },
        ],
      },
    },
    notify: { 'ops-pager': { webhook: 'https://hooks.corp.acme.internal/pager' } },
    statusPage: {
      title: { en: 'Acme status', fr: 'État des services Acme' },
      description: { en: 'Our public services', fr: 'Nos services publics' },
      show: {
        checkout: { name: { en: 'Online payment', fr: 'Paiement en ligne' } },
        api: { name: 'Public API', description: { en: 'The REST API', fr: 'L’API REST' } },
      },
    },
    ...extra,
  });
}

/** Every name, id and address of the map that is not public, and what its results said. */
export function internalStrings(config: Config): string[] {
  const shown = new Set(Object.keys(config.statusPage?.show ?? {}));
  const out = new Set<string>([config.name, config.description ?? '']);
  for (const [id, s] of Object.entries(config.services)) {
    if (!shown.has(id)) out.add(id);
    for (const v of [s.name, s.owner, s.description]) if (v) out.add(v);
  }
  for (const [id, c] of Object.entries(config.components)) {
    out.add(id);
    if (c.description) out.add(c.description);
  }
  for (const [id, v] of Object.entries(config.vantages)) {
    out.add(id);
    if (v.description) out.add(v.description);
  }
  for (const id of [...Object.keys(config.notify), ...Object.keys(config.failover)]) out.add(id);
  for (const [id, c] of Object.entries(config.checks)) {
    out.add(id);
    const target = (c as { tcp?: string; http?: string }).tcp ?? (c as { http?: string }).http ?? '';
    out.add(target);
    const host = /^(?:https?:\/\/)?([^/:]+)/.exec(target)?.[1];
    if (host) out.add(host);
  }
  for (const f of Object.values(config.failover))
    if ('endpoints' in f) for (const e of f.endpoints) out.add(e.name).add(e.address);
  for (const s of [
    HIDDEN_UPDATE,
    'operator@',
    '10.20.30.41',
    'ECONNREFUSED',
    '10.20.30.40',
    '10.9.8.7',
    'corp.acme.internal',
    'healthz',
    'rds',
    'eu-west-3',
  ])
    out.add(s);
  out.delete('');
  return [...out];
}

const DAY = 86_400_000;

/** A store holding what a daemon would have stored for the map, as of `now`. */
export async function storeFor(now: number): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.migrate();
  const start = now - 40 * DAY;
  const down = now - 20 * 60_000;
  const t = (
    at: number,
    type: Transition['type'],
    id: string,
    from: Transition['from'],
    to: Transition['to'],
    reason?: Transition['reason'],
  ): Transition => ({
    at,
    type,
    id,
    from,
    to,
    ...(reason ? { reason } : {}),
  });
  const checkDown = t(down, 'check', 'chk-pg-tcp', 'UP', 'DOWN', {
    code: 'check-failed',
    reason: 'refused',
    detail: 'connect ECONNREFUSED 10.20.30.40:5432',
    down: 2,
    reporting: 2,
  });
  const componentDown = t(down, 'component', 'pg-primary-eu', 'UP', 'DOWN', {
    code: 'dependency',
    via: 'chk-pg-tcp',
  });
  const checkoutDown = t(down, 'service', 'checkout', 'UP', 'DOWN', {
    code: 'dependency',
    via: 'pg-primary-eu',
  });
  const billingDown = t(down, 'service', 'billing-backoffice', 'UP', 'DOWN', {
    code: 'dependency',
    via: 'pg-primary-eu',
  });
  const apiDown = t(now - 5 * DAY, 'service', 'api', 'UP', 'DEGRADED', {
    code: 'dependency',
    via: 'redis-cache-7',
  });
  const apiUp = t(now - 5 * DAY + 3_600_000, 'service', 'api', 'DEGRADED', 'UP');
  await store.appendTransitions([
    t(start, 'check', 'chk-pg-tcp', 'UNKNOWN', 'UP'),
    t(start, 'component', 'pg-primary-eu', 'UNKNOWN', 'UP'),
    t(start, 'service', 'checkout', 'UNKNOWN', 'UP'),
    t(start, 'service', 'api', 'UNKNOWN', 'UP'),
    t(start, 'service', 'billing-backoffice', 'UNKNOWN', 'UP'),
    t(now - 5 * DAY, 'check', 'chk-redis', 'UP', 'DOWN', {
      code: 'check-failed',
      reason: 'timeout',
      detail: 'redis7.corp.acme.internal:6379 timed out',
      down: 1,
      reporting: 2,
    }),
    apiDown,
    apiUp,
    checkDown,
    componentDown,
    checkoutDown,
    billingDown,
  ]);
  const incidents: Incident[] = [
    {
      id: `checkout@${new Date(down).toISOString()}`,
      service: 'checkout',
      openedAt: down,
      worst: 'DOWN',
      state: 'DOWN',
      timeline: [checkDown, componentDown, checkoutDown],
    },
    {
      id: `billing-backoffice@${new Date(down).toISOString()}`,
      service: 'billing-backoffice',
      openedAt: down,
      worst: 'DOWN',
      state: 'DOWN',
      timeline: [billingDown],
    },
    {
      id: `api@${new Date(apiDown.at).toISOString()}`,
      service: 'api',
      openedAt: apiDown.at,
      closedAt: apiUp.at,
      worst: 'DEGRADED',
      state: 'UP',
      timeline: [apiDown, apiUp],
    },
  ];
  await store.saveIncidents(incidents);
  // What operators posted: a public update on the shown incident, one on the hidden one (never shown),
  // and a maintenance window on a shown and a hidden service (shown with the shown one only).
  await store.appendIncidentUpdate({
    id: 'u1',
    incident: incidents[0]!.id,
    at: down + 60_000,
    status: 'identified',
    message: { en: PUBLIC_UPDATE.en, fr: PUBLIC_UPDATE.fr },
    who: 'operator@10.20.30.41',
  });
  await store.appendIncidentUpdate({
    id: 'u2',
    incident: incidents[1]!.id,
    at: down + 60_000,
    status: 'identified',
    message: { en: HIDDEN_UPDATE },
    who: 'operator@10.20.30.41',
  });
  await store.saveMaintenance({
    id: 'mw-0123456789ab',
    title: { en: PUBLIC_MAINTENANCE.en, fr: PUBLIC_MAINTENANCE.fr },
    services: ['api', 'billing-backoffice'],
    start: now + 3_600_000,
    end: now + 7_200_000,
    silence: true,
    createdAt: now,
    createdBy: 'operator@10.20.30.41',
  });
  return store;
}

/** The operators' public texts the page must show, and the update of a hidden incident it must not. */
export const PUBLIC_UPDATE = {
  en: 'Card payments fail; we are switching to the backup provider.',
  fr: 'Les paiements par carte échouent ; nous passons sur le prestataire de secours.',
};
export const HIDDEN_UPDATE = 'billing ledger replay 9921';
export const PUBLIC_MAINTENANCE = { en: 'Planned API upgrade', fr: 'Mise à jour prévue de l’API' };

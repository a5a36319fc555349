/**
 * The schema of bascule.yaml (version 1): the contract users and every other part rely on.
 * Structure and value checks live here; cross-references, cycles and groups are checked in references.ts.
 */
import { z } from 'zod';
import { backups } from './schema-backups.ts';
import { dnsZone } from './schema-dns.ts';
import { failover } from './schema-failover.ts';
import {
  CRITICALITIES,
  check,
  checkId,
  duration,
  id,
  notifyChannel,
  runtime,
  text,
  vantage,
} from './schema-operations.ts';
import { planKeys } from './schema-plan.ts';
import { statusPage } from './schema-status-page.ts';

export { CRITICALITIES, ID_PATTERN } from './schema-operations.ts';
export type Criticality = (typeof CRITICALITIES)[number];

const link = z.strictObject({ title: text, url: text });
const documentation = {
  name: text.optional().meta({
    description: 'The name people use for it, when its id cannot say it (spaces, accents): "site web".',
  }),
  description: text.optional().meta({ description: 'What it is, in a sentence.' }),
  owner: text.optional().meta({ description: 'The team or person answerable for it.' }),
  tags: z.array(text).optional(),
  links: z.array(link).optional().meta({ description: 'Runbooks, dashboards, consoles.' }),
};

export const anyOfGroup = z.strictObject({
  anyOf: z.array(id).meta({ description: 'Redundant members: the group fails only when all of them fail.' }),
  name: text.optional(),
});
export const quorumGroup = z.strictObject({
  quorum: z.strictObject({
    need: z.number().int().meta({ description: 'How many members must stay up.' }),
    of: z.array(id),
  }),
  name: text.optional(),
});
/** One entry of a dependsOn list: a hard dependency (an id) or a redundancy group. */
export const dependency = z.union([id, anyOfGroup, quorumGroup]);

/** Where a component runs: its own provider, region, zone, kind and service. */
export interface Placement {
  readonly provider: string;
  readonly region?: string | undefined;
  readonly zone?: string | undefined;
  readonly service?: string | undefined;
  readonly kind?: string | undefined;
}

/**
 * A place a supplier runs on (a runsOn entry, or a member of a runsOn group). It has no kind: the
 * kind is the component's own property.
 */
export const place = z
  .strictObject({
    provider: text,
    region: text.optional(),
    zone: text.optional(),
    service: text.optional(),
  })
  .meta({
    description:
      'A place a supplier runs on. A missing region or zone is unknown: no single region or zone failure matches it. A missing service matches a failure that names this provider.',
  });
export const anyOfPlaces = z.strictObject({
  anyOf: z
    .array(place)
    .meta({ description: 'Redundant places: the supplier fails only when all of them fail.' }),
  name: text.optional(),
});
export const quorumPlaces = z.strictObject({
  quorum: z.strictObject({
    need: z.number().int().meta({ description: 'How many places must stay up.' }),
    of: z.array(place),
  }),
  name: text.optional(),
});
/** One entry of a runsOn list: a place, or a redundancy group of places. */
export const runsOnEntry = z.union([place, anyOfPlaces, quorumPlaces]);

/** The fields of a component that may be marked as assumptions (`assumed: [runsOn]`). */
export const ASSUMABLE_FIELDS = [
  'provider',
  'region',
  'zone',
  'kind',
  'service',
  'runsOn',
  'dependsOn',
] as const;
export type AssumableField = (typeof ASSUMABLE_FIELDS)[number];

export const service = z.strictObject({
  criticality: z.enum(CRITICALITIES).default('medium'),
  rto: duration.optional().meta({ description: 'Recovery time objective: the longest acceptable outage.' }),
  rpo: duration.optional().meta({ description: 'Recovery point objective: the most data one may lose.' }),
  mtpd: duration
    .optional()
    .meta({ description: 'Maximum tolerable period of disruption (plan: docs/plan.md).' }),
  dependsOn: z.array(dependency).default([]),
  ...documentation,
});

export const component = z.strictObject({
  provider: text.optional().meta({
    description:
      'aws, gcp, azure, cloudflare, ovh, scaleway, hetzner, onprem, or any supplier. No provider: a logical component that fails only through its dependencies.',
  }),
  region: text.optional().meta({ description: 'The provider region, or "global" for global services.' }),
  zone: text.optional(),
  kind: text.optional().meta({
    description:
      'compute, database, storage, dns, cdn, auth, queue, email, payment, saas, network, load-balancer, endpoint-security, ...',
  }),
  service: text
    .optional()
    .meta({ description: 'The managed service it is: ec2, dynamodb, route53, s3, ...' }),
  dependsOn: z.array(dependency).default([]),
  runsOn: z.array(runsOnEntry).default([]).meta({
    description:
      'Where a supplier itself runs, when known: it fails when any entry fails. An entry is a place, or {anyOf: [places]} / {quorum: {need, of: [places]}} for a supplier that runs in several.',
  }),
  assumed: z.array(z.enum(ASSUMABLE_FIELDS)).optional().meta({
    description:
      'The fields of this component that are assumptions, not known facts (bascule init writes them): the analysis marks the findings they lead to.',
  }),
  ...documentation,
});

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1),
  name: text,
  description: text.optional(),
  lang: z.enum(['en', 'fr']).optional().meta({
    description: 'The language Bascule speaks for this map when neither --lang nor the locale names one.',
  }),
  services: z.record(id, service).default({}),
  components: z.record(id, component).default({}),
  vantages: z.record(id, vantage).default({}),
  checks: z.record(checkId, check).default({}),
  failover: z.record(id, failover).default({}),
  dnsZones: z.record(text, dnsZone).optional().meta({
    description: 'What the built-in DNS server’s zones hold besides the failover names (docs/dns.md).',
  }),
  notify: z.record(id, notifyChannel).default({}),
  runtime: runtime.optional(),
  statusPage: statusPage.optional().meta({
    description: 'The public status page: what is shown, under which names (docs/status-page.md).',
  }),
  backups: backups.optional().meta({
    description:
      'Backups with restic: targets (repositories placed on the map) and datasets (what, how often, against which RPO; docs/backups.md).',
  }),
  ...planKeys,
});

export type Config = z.output<typeof configSchema>;
export type ServiceSpec = z.output<typeof service>;
export type ComponentSpec = z.output<typeof component>;
export type Dependency = z.output<typeof dependency>;
export type Place = z.output<typeof place>;
export type RunsOnEntry = z.output<typeof runsOnEntry>;
export type { BackupDatasetSpec, BackupsSpec, BackupTargetSpec } from './schema-backups.ts';
export type {
  ExternalFailoverSpec,
  FailoverEndpointSpec,
  FailoverGroupSpec,
  FailoverSpec,
} from './schema-failover.ts';
export type {
  CheckSpec,
  EmailSpec,
  ExpectSpec,
  NotifyChannelSpec,
  RuntimeSpec,
  Secret,
  VantageSpec,
} from './schema-operations.ts';
export type { LocalizedText, StatusPageSpec } from './schema-status-page.ts';

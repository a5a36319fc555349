/**
 * The failover section of bascule.yaml: a failover run by something else (`{primary, secondary,
 * via}`: a Route 53 health check, a load balancer), which the analyser judges, or a group Bascule
 * runs itself (`{service, endpoints, policy, proxy?, webhook?, dns?, rfc2136?, haproxy?}`). Structure only: references,
 * endpoint counts, names and addresses are checked in failover-references.ts, so that every
 * problem of a group comes out in one run.
 */
import { z } from 'zod';
import { checkId, duration, hostPort, id, secret, text } from './schema-primitives.ts';

export const externalFailover = z.strictObject({
  primary: id.meta({ description: 'The component traffic normally goes to.' }),
  secondary: z.array(id).min(1).meta({ description: 'Where traffic moves when the primary is down.' }),
  via: id.meta({
    description: 'The component that moves the traffic: a DNS zone, a proxy, a load balancer.',
  }),
  description: text.optional(),
});

export const failoverEndpoint = z.strictObject({
  name: id.meta({ description: 'The endpoint’s name in commands, alerts and the audit trail (aws, gcp).' }),
  address: text.meta({ description: 'Where its traffic goes: host:port or [IPv6]:port (port 1 to 65535).' }),
  check: checkId.meta({
    description: 'The check whose state (by quorum) says whether this endpoint is healthy.',
  }),
});

export const FAILBACKS = ['auto', 'manual'] as const;
export const DEFAULT_POLICY = { failback: 'auto', failbackAfter: '60s', minHold: '30s' } as const;

export const failoverPolicy = z
  .strictObject({
    failback: z.enum(FAILBACKS).default(DEFAULT_POLICY.failback).meta({
      description: 'auto: back to a recovered preferred endpoint after failbackAfter; manual: only by hand.',
    }),
    failbackAfter: duration.default(DEFAULT_POLICY.failbackAfter).meta({
      description: 'How long a preferred endpoint must stay healthy before traffic goes back to it.',
    }),
    minHold: duration.default(DEFAULT_POLICY.minHold).meta({
      description:
        'The shortest time between two automatic switches, except away from an endpoint the quorum sees down.',
    }),
  })
  .default(DEFAULT_POLICY);

/** The TSIG algorithms the RFC 2136 actuator signs with. */
export const TSIG_ALGORITHMS = ['hmac-sha256', 'hmac-sha512', 'hmac-sha1'] as const;

export const rfc2136Spec = z.strictObject({
  server: hostPort.meta({ description: 'The DNS server that takes the updates (BIND…), host:port.' }),
  zone: text.meta({ description: 'The zone the name is in (example.com).' }),
  name: text.meta({
    description: 'The name in the zone (api), @ for the apex, or absolute with a final dot.',
  }),
  ttl: z.number().int().min(0).max(86_400).default(5),
  tsig: z.strictObject({
    name: text.meta({ description: 'The key’s name, as the server knows it.' }),
    algorithm: z.enum(TSIG_ALGORITHMS),
    secret: secret.meta({
      description: 'The base64 secret, or a key statement as tsig-keygen writes it ({file: ./tsig.key}).',
    }),
  }),
});

export const haproxySpec = z.strictObject({
  socket: text
    .optional()
    .meta({ description: 'The path of HAProxy’s stats socket, at admin level (one of socket and address).' }),
  address: hostPort
    .optional()
    .meta({ description: 'Or its TCP stats socket (stats socket ipv4@…), host:port.' }),
  backend: text.meta({ description: 'The backend whose servers are the endpoints.' }),
  servers: z
    .record(id, text)
    .optional()
    .meta({ description: 'The server name of each endpoint in the backend (default: the endpoint’s name).' }),
});

export const failoverGroup = z.strictObject({
  service: id.meta({ description: 'The service of the map this group protects.' }),
  endpoints: z.array(failoverEndpoint).meta({ description: 'At least two, in order of preference.' }),
  policy: failoverPolicy,
  proxy: z
    .strictObject({ listen: hostPort.meta({ description: 'Where Bascule’s reverse proxy listens.' }) })
    .optional(),
  webhook: z
    .strictObject({
      url: text.meta({ description: 'Where each change of the desired endpoint is POSTed (http or https).' }),
      secret: secret.optional().meta({ description: 'The key of the HMAC signature of each POST.' }),
    })
    .optional(),
  dns: z
    .strictObject({
      zone: text,
      name: text,
      ttl: z.number().int().min(0).max(86_400).default(5),
    })
    .optional(),
  rfc2136: rfc2136Spec.optional(),
  haproxy: haproxySpec.optional(),
  description: text.optional(),
});

/** One `failover.<id>` entry: either shape, never both (schema-issues.ts words a mix). */
export const failover = z.union([externalFailover, failoverGroup]);

/** The keys only the shape run by something else has, and those only a Bascule-run group has. */
export const EXTERNAL_KEYS = ['primary', 'secondary', 'via'] as const;
export const GROUP_KEYS = [
  'service',
  'endpoints',
  'policy',
  'proxy',
  'webhook',
  'dns',
  'rfc2136',
  'haproxy',
] as const;

export type FailoverSpec = z.output<typeof failover>;
export type ExternalFailoverSpec = z.output<typeof externalFailover>;
export type FailoverGroupSpec = z.output<typeof failoverGroup>;
export type FailoverEndpointSpec = z.output<typeof failoverEndpoint>;

export function isFailoverGroup(spec: FailoverSpec): spec is FailoverGroupSpec {
  return 'endpoints' in spec;
}

/** The failovers run by something else (the analyser judges their `via`). */
export function externalFailovers(failovers: Readonly<Record<string, FailoverSpec>>) {
  return Object.entries(failovers).filter((e): e is [string, ExternalFailoverSpec] => !isFailoverGroup(e[1]));
}

/** The groups Bascule runs itself. */
export function failoverGroups(failovers: Readonly<Record<string, FailoverSpec>>) {
  return Object.entries(failovers).filter((e): e is [string, FailoverGroupSpec] => isFailoverGroup(e[1]));
}

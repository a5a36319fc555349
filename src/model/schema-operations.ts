/**
 * The operational parts of bascule.yaml: vantage points, checks, alert channels and the daemon's own
 * settings. Structure only: the keys of each probe and channel type come from their tables
 * (probes/registry.ts, channels/registry.ts); which option applies to which type is checked in
 * operations-check.ts, cross-references in references.ts.
 */
import { z } from 'zod';
import { emailSettings } from './channels/email.ts';
import { CHANNEL_TYPES, channelShape } from './channels/registry.ts';
import { PROBE_TYPES, probeExpectShape, probeShape } from './probes/registry.ts';
import { duration, hostPort, id, secret, text } from './schema-primitives.ts';

export { CHANNEL_TYPES } from './channels/registry.ts';
export { DNS_TYPES } from './probes/dns.ts';
export {
  checkId,
  duration,
  HOST_PORT_PATTERN,
  ID_PATTERN,
  id,
  secret,
  text,
} from './schema-primitives.ts';

/** The SMTP settings of an email channel. */
export const email = emailSettings;
/** The most live event streams `runtime.eventStreams` may allow (one connection and one file each). */
export const MAX_EVENT_STREAMS = 10_000;
export const CRITICALITIES = ['critical', 'high', 'medium', 'low'] as const;

export const vantage = z.strictObject({
  provider: text.meta({
    description: 'Where this vantage point runs, so Bascule can tell whether it is independent.',
  }),
  region: text.optional(),
  description: text.optional(),
  token: secret.optional().meta({
    description: 'The token a remote agent (`bascule agent`) presents for this vantage point.',
  }),
});

export const expect = z
  .strictObject({
    maxLatency: duration.optional().meta({ description: 'Slower than this is a failure ("too slow").' }),
    ...probeExpectShape,
  })
  .meta({ description: 'What a healthy answer looks like.' });

export const check = z
  .strictObject({
    component: id.optional(),
    service: id.optional(),
    ...probeShape,
    interval: duration.optional().meta({ description: 'How often (default 30s, at least 1s).' }),
    timeout: duration
      .optional()
      .meta({ description: 'How long one probe may take (default 10s, at most the interval).' }),
    expect: expect.optional(),
    failAfter: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({ description: 'Consecutive failures before DOWN (default 3).' }),
    recoverAfter: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({ description: 'Consecutive successes before UP again (default 2).' }),
    from: z.array(id).optional().meta({ description: 'Vantage points that run this check (default: all).' }),
    quorum: z.number().int().min(1).optional().meta({
      description:
        'How many vantage points must see it failing for DOWN (default: a majority of those reporting).',
    }),
    description: text.optional(),
  })
  .meta({
    description: `An external check: exactly one of ${PROBE_TYPES.join(', ')}, on a component or a service.`,
  });

export const notifyChannel = z
  .strictObject({
    ...channelShape,
    services: z.array(id).optional().meta({ description: 'Only these services (default: all).' }),
    minCriticality: z
      .enum(CRITICALITIES)
      .optional()
      .meta({ description: 'Only services at least this critical.' }),
    repeat: duration
      .optional()
      .meta({ description: 'Remind while an incident stays open (default: never).' }),
    lang: z
      .enum(['en', 'fr'])
      .optional()
      .meta({ description: 'Language of the messages (default: the daemon’s).' }),
  })
  .meta({ description: `An alert channel: exactly one of ${CHANNEL_TYPES.join(', ')}.` });

export const runtime = z
  .strictObject({
    listen: hostPort
      .default('127.0.0.1:8420')
      .meta({ description: 'Where the API, /metrics and the dashboard listen.' }),
    dataDir: text
      .default('.bascule')
      .meta({ description: 'Where the SQLite database and state live (relative to the map).' }),
    store: text.default('sqlite').meta({
      description:
        '"sqlite", or a postgres:// URL (better given with --store or BASCULE_STORE, to keep passwords out of the file).',
    }),
    vantage: id
      .optional()
      .meta({ description: 'The vantage point the daemon itself probes from (default: "local").' }),
    token: secret.optional().meta({
      description:
        'The operator token of the HTTP API (BASCULE_TOKEN overrides it; default: a random one in <dataDir>/operator.token).',
    }),
    retention: z
      .strictObject({
        raw: duration.default('7d').meta({ description: 'How long every single result is kept.' }),
        rollups: duration.default('400d').meta({ description: 'How long per-minute roll-ups are kept.' }),
      })
      .default({ raw: '7d', rollups: '400d' }),
    staleAfter: duration
      .optional()
      .meta({ description: 'A vantage silent for this long is stale (default: 3 intervals).' }),
    eventStreams: z.number().int().min(1).max(MAX_EVENT_STREAMS).optional().meta({
      description:
        'Live event streams (GET /api/v1/events: dashboards and API clients) open at once (default 100, at most 10,000); one more is answered 503. Each may hold up to 1 MB for a client that stops reading.',
    }),
    component: id.optional().meta({
      description:
        'The component of the map that stands for the Bascule node: where its proxy and DNS run, so the analyser can judge their placement.',
    }),
    dns: z
      .strictObject({ listen: hostPort.meta({ description: 'Where Bascule’s DNS server listens.' }) })
      .optional(),
  })
  .meta({ description: 'The daemon’s own settings (`bascule run`); flags override them.' });

export type Secret = z.output<typeof secret>;
export type VantageSpec = z.output<typeof vantage>;
export type CheckSpec = z.output<typeof check>;
export type ExpectSpec = z.output<typeof expect>;
export type NotifyChannelSpec = z.output<typeof notifyChannel>;
export type EmailSpec = z.output<typeof emailSettings>;
export type RuntimeSpec = z.output<typeof runtime>;

/**
 * The operational parts of bascule.yaml: vantage points, checks, alert channels and the daemon's own
 * settings. Structure only; cross-references and per-probe option rules are in references.ts.
 */
import { z } from 'zod';
import { DURATION_PATTERN } from './duration.ts';

export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]*$';
export const CRITICALITIES = ['critical', 'high', 'medium', 'low'] as const;

export const id = z.string().regex(new RegExp(ID_PATTERN), { message: 'id' }).meta({
  description: 'An id: letters, digits, ".", "_" and "-", starting with a letter or digit.',
});
export const duration = z
  .string()
  .regex(new RegExp(DURATION_PATTERN), { message: 'duration' })
  .meta({ description: 'A duration: 800ms, 30s, 15m, 4h, 2d, or a compound such as 1h30m.' });
export const text = z.string().min(1);

/** host:port, [v6]:port */
export const HOST_PORT_PATTERN = '^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+):\\d{1,5}$';
const hostPort = z
  .string()
  .regex(new RegExp(HOST_PORT_PATTERN), { message: 'hostPort' })
  .meta({ description: 'host:port, or [IPv6]:port.' });

/** A secret is never written in the file: it is read from the environment or from a file. */
export const secret = z
  .union([z.strictObject({ env: text }), z.strictObject({ file: text })])
  .meta({ description: 'A secret: {env: VARIABLE} or {file: /path/to/file} (its content, trimmed).' });

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

const statusRange = z
  .string()
  .regex(/^[1-5]\d\d-[1-5]\d\d$/, { message: 'statusRange' })
  .meta({ description: 'A range of HTTP statuses: "200-299".' });
const status = z.number().int().min(100).max(599);

export const expect = z
  .strictObject({
    status: z
      .union([status, statusRange, z.array(z.union([status, statusRange])).min(1)])
      .optional()
      .meta({ description: 'http: the expected status, a list, or a range "200-299" (default 200-399).' }),
    bodyContains: text.optional().meta({ description: 'http: the body must contain this text.' }),
    bodyRegex: text.optional().meta({ description: 'http: the body must match this regular expression.' }),
    json: z
      .strictObject({ path: text, equals: z.union([z.string(), z.number(), z.boolean(), z.null()]) })
      .optional()
      .meta({
        description: 'http: a JSON body whose value at `path` (dots: `checks.db.status`) equals this.',
      }),
    maxLatency: duration.optional().meta({ description: 'Slower than this is a failure ("too slow").' }),
    answers: z
      .array(text)
      .optional()
      .meta({ description: 'dns: every one of these must be among the answers.' }),
    rcode: z
      .enum(['NOERROR', 'NXDOMAIN', 'SERVFAIL', 'REFUSED'])
      .optional()
      .meta({ description: 'dns: the expected response code (default NOERROR).' }),
    certValidFor: duration.optional().meta({
      description:
        'tls, https: a certificate expiring sooner than this makes the check DEGRADED (default 14d).',
    }),
  })
  .meta({ description: 'What a healthy answer looks like.' });

export const DNS_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'SOA', 'SRV', 'CAA'] as const;

export const check = z
  .strictObject({
    component: id.optional(),
    service: id.optional(),
    http: text.optional().meta({ description: 'An http:// or https:// URL to request.' }),
    tcp: hostPort.optional().meta({ description: 'host:port to connect to.' }),
    tls: hostPort.optional().meta({ description: 'host:port whose TLS certificate to verify.' }),
    dns: z
      .strictObject({
        name: text,
        type: z.enum(DNS_TYPES).default('A'),
        resolver: hostPort
          .optional()
          .meta({ description: 'The server to ask (default: the system resolver).' }),
      })
      .optional(),
    method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.string().optional().meta({ description: 'http: the request body.' }),
    redirects: z
      .number()
      .int()
      .min(0)
      .max(10)
      .optional()
      .meta({ description: 'http: how many redirects to follow (default 0: a redirect is the answer).' }),
    verifyTls: z
      .boolean()
      .optional()
      .meta({ description: 'https, tls: verify the certificate chain (default true).' }),
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
    description: 'An external check: exactly one of http, tcp, tls, dns, on a component or a service.',
  });

export const CHANNEL_TYPES = ['webhook', 'slack', 'discord', 'teams', 'ntfy', 'email'] as const;

export const email = z.strictObject({
  host: text,
  port: z.number().int().min(1).max(65535).default(587),
  secure: z
    .boolean()
    .optional()
    .meta({ description: 'TLS from the start (port 465); otherwise STARTTLS when offered.' }),
  user: text.optional(),
  password: secret.optional(),
  from: text,
  to: z.array(text).min(1),
});

export const notifyChannel = z
  .strictObject({
    webhook: text.optional().meta({ description: 'A URL that receives a JSON POST, signed with `secret`.' }),
    slack: text
      .optional()
      .meta({ description: 'A Slack (or Mattermost, Rocket.Chat) incoming webhook URL.' }),
    discord: text.optional().meta({ description: 'A Discord webhook URL.' }),
    teams: text.optional().meta({ description: 'A Microsoft Teams incoming webhook (workflow) URL.' }),
    ntfy: text.optional().meta({ description: 'An ntfy topic URL: https://ntfy.sh/my-topic.' }),
    email: email.optional(),
    secret: secret
      .optional()
      .meta({ description: 'webhook: the HMAC-SHA256 key of the X-Bascule-Signature header.' }),
    token: secret.optional().meta({ description: 'ntfy: an access token.' }),
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
  .meta({ description: 'An alert channel: exactly one of webhook, slack, discord, teams, ntfy, email.' });

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
  })
  .meta({ description: 'The daemon’s own settings (`bascule run`); flags override them.' });

export type Secret = z.output<typeof secret>;
export type VantageSpec = z.output<typeof vantage>;
export type CheckSpec = z.output<typeof check>;
export type ExpectSpec = z.output<typeof expect>;
export type NotifyChannelSpec = z.output<typeof notifyChannel>;
export type EmailSpec = z.output<typeof email>;
export type RuntimeSpec = z.output<typeof runtime>;

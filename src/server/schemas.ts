/**
 * The zod schemas of the API: they validate requests and, through @hono/zod-openapi, are the
 * OpenAPI document (GET /api/v1/openapi.json). Responses are described, not validated.
 */
import { z } from '@hono/zod-openapi';
import { MAX_CHECK_ID, MAX_DETAIL, MAX_POST_BYTES, MAX_POST_OBSERVATIONS } from '../monitor/limits.ts';
import { FAILURE_REASONS, WARNINGS } from '../monitor/types.ts';
import { detailKey } from './validation.ts';

/** Most observations one agent post may carry. */
export const MAX_BATCH = MAX_POST_OBSERVATIONS;
/** The largest request body read (bigger ones are refused before being read). */
export const MAX_BODY = MAX_POST_BYTES;

const STATES = ['UP', 'DEGRADED', 'DOWN', 'UNKNOWN'] as const;
const state = z.enum(STATES);

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      params: z
        .record(z.string(), z.union([z.string(), z.number()]))
        .optional()
        .openapi({
          description: 'The message’s parameters, for a client that words it in its own language.',
        }),
    }),
  })
  .openapi('Error', { example: { error: { code: 'BASCULE_E_HTTP_UNAUTHORIZED', message: '…' } } });

export const observation = z
  .strictObject({
    check: z.string().min(1).max(MAX_CHECK_ID),
    at: z.number().int().nonnegative().openapi({ description: 'Epoch ms, by the agent’s clock.' }),
    ok: z.boolean(),
    reason: z.enum(FAILURE_REASONS).optional(),
    detail: z.string().max(MAX_DETAIL).optional(),
    latencyMs: z.number().nonnegative().max(3_600_000),
    warning: z.enum(WARNINGS).optional(),
    certDaysLeft: z.number().optional(),
  })
  .openapi('Observation');
/**
 * A post: each observation is validated on its own (an invalid one is listed in the answer's
 * `rejected`, the others are stored), so one bad result never blocks the rest.
 */
export const agentPost = z
  .strictObject({
    sentAt: z.number().int().nonnegative().optional().openapi({
      description:
        'Epoch ms by the agent’s clock when it sent the post: the daemon corrects the results by the difference with its own clock.',
    }),
    observations: z
      .array(z.unknown())
      .max(MAX_BATCH)
      .openapi({ items: { $ref: '#/components/schemas/Observation' } }),
  })
  .openapi('AgentObservations');
/** Why an observation of a post was refused: not a valid observation, or later than the daemon's now. */
export const REJECTIONS = ['invalid', 'future'] as const;
export const agentAccepted = z.object({
  accepted: z.number().int().openapi({ description: 'Stored.' }),
  ignored: z.number().int().openapi({ description: 'For a check this vantage point does not run.' }),
  late: z.number().int().optional().openapi({
    description:
      'Stored in the history, but too old to change the live state (older than the staleness window).',
  }),
  clockOffsetMs: z.number().int().optional().openapi({
    description:
      'The daemon’s clock minus the agent’s, when beyond the tolerance: the results were moved by it.',
  }),
  rejected: z
    .array(
      z.object({
        index: z.number().int(),
        reason: z.enum(REJECTIONS),
        field: z.string().optional().openapi({ description: 'invalid: the first field at fault.' }),
      }),
    )
    .optional()
    .openapi({ description: 'Refused, not stored: the agent drops them (it must not send them again).' }),
});
export const agentLimits = z
  .object({
    maxBodyBytes: z.number().int(),
    maxObservations: z.number().int(),
    maxCheckId: z.number().int(),
    maxDetail: z.number().int(),
  })
  .openapi('AgentLimits', { description: 'What one post may carry; a bigger body is answered 413.' });
export const vantageQuery = z.object({
  vantage: z.string().min(1).openapi({ description: 'The vantage point the agent probes as.' }),
});
export const agentChecks = z
  .object({ vantage: z.string(), checks: z.array(z.looseObject({ id: z.string() })), limits: agentLimits })
  .openapi('AgentChecks');

const transitionReason = z
  .discriminatedUnion('code', [
    z.object({
      code: z.literal('check-failed'),
      reason: z.enum(FAILURE_REASONS),
      detail: z.string().optional(),
      down: z.number().int(),
      reporting: z.number().int(),
    }),
    z.object({ code: z.literal('check-warning'), warning: z.enum(WARNINGS) }),
    z.object({ code: z.literal('dependency'), via: z.string() }),
    z.object({ code: z.literal('legacy'), text: z.string() }),
  ])
  .openapi('TransitionReason', {
    description:
      'Why the subject changed state, as data to word in the reader’s language: a check’s failure (reason code, detail, vantage points down of those reporting), a warning, the dependency that failed, or the text of a row stored before reasons were data.',
  });
const transition = z.object({
  at: z.number(),
  type: z.enum(['check', 'component', 'service']),
  id: z.string(),
  from: state,
  to: state,
  reason: transitionReason.optional(),
});
/** An incident's id: its service and its opening time, so two nodes name an incident alike. */
const INCIDENT_ID_EXAMPLE = 'checkout@2026-11-29T15:23:25.623Z';
const incidentId = z.string().openapi({
  description: 'The service and the time the incident opened (ISO 8601, UTC): `service@time`.',
  example: INCIDENT_ID_EXAMPLE,
});
export const incident = z
  .object({
    id: incidentId,
    service: z.string(),
    openedAt: z.number(),
    closedAt: z.number().optional(),
    worst: z.enum(['DOWN', 'DEGRADED']),
    state,
    timeline: z.array(transition),
  })
  .openapi('Incident');

export const statusSchema = z
  .object({
    name: z.string(),
    at: z.string(),
    checks: z.array(
      z.object({
        id: z.string(),
        state,
        reason: z.string().nullable(),
        detail: z.string().nullable(),
        target: z.object({ component: z.string().optional(), service: z.string().optional() }),
        vantages: z.array(
          z.object({
            id: z.string(),
            state: z.string(),
            lastAt: z.string().nullable(),
            reason: z.string().nullable(),
            latencyMs: z.number().nullable(),
          }),
        ),
      }),
    ),
    components: z.array(z.object({ id: z.string(), state })),
    services: z.array(z.object({ id: z.string(), state, cause: z.string().nullable() })),
    incidents: z.array(incident),
  })
  .openapi('Status', { description: 'The live state (the contract of docs/monitoring.md).' });

export const incidentsQuery = z.object({
  open: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'true: open incidents only; false: closed ones only.' }),
  service: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional().openapi({ description: 'Default 100.' }),
});
export const incidentParams = z.object({
  id: z
    .string()
    .min(1)
    .max(300)
    .openapi({ param: { name: 'id', in: 'path' }, example: INCIDENT_ID_EXAMPLE }),
});

export const eventsQuery = z.object({
  lastEventId: z
    .string()
    .regex(/^\d+$/)
    .optional()
    .openapi({ description: 'As the Last-Event-ID header (for clients that cannot set it).' }),
});

/**
 * A text people read in French and/or English: at least one language, each trimmed, not empty, at
 * most `max` characters.
 */
export function localText(max: number) {
  const text = z.string().trim().min(1).max(max);
  return z
    .strictObject({ en: text.optional(), fr: text.optional() })
    .refine((t) => t.en !== undefined || t.fr !== undefined, detailKey('http.detail.oneLanguage'));
}

/** The OpenAPI security schemes, by name. */
export const OPERATOR_AUTH = 'operatorToken';
export const VANTAGE_AUTH = 'vantageToken';

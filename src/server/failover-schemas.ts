/**
 * The zod schemas of the failover routes (GET/POST /api/v1/failover…): the manual commands' bodies,
 * validated, and the answers, described for the OpenAPI document.
 */
import { z } from '@hono/zod-openapi';

/** The longest reason a command takes (it goes to the audit trail and to alerts). */
export const MAX_REASON = 500;
/** A command's body is small: more than this is refused unread (413). */
export const MAX_COMMAND_BODY = 16 * 1024;

const reason = z.string().trim().min(1, 'required, not empty').max(MAX_REASON).openapi({
  description: 'Why (kept in the audit trail): required, at most 500 characters.',
});
const endpointName = z.string().min(1, 'required, not empty').max(200).openapi({
  description: 'An endpoint of the group, by name.',
});
const force = z.boolean().optional().openapi({
  description:
    'Overrides the safety rules (pin to an endpoint that is not healthy; drain the last healthy one); audited as forced.',
});

export const holdBody = z
  .strictObject({ endpoint: endpointName, reason, force })
  .openapi('FailoverHold', { example: { endpoint: 'gcp', reason: 'aws maintenance, ticket 4121' } });
export const releaseBody = z
  .strictObject({ reason })
  .openapi('FailoverRelease', { example: { reason: 'maintenance over' } });

export const groupParams = z.object({
  group: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'group', in: 'path' }, example: 'api' }),
});
export const groupQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .openapi({ description: 'Switch records and audit entries shown (default 20).' }),
});

const hold = z.object({ endpoint: z.string(), who: z.string(), why: z.string(), at: z.number() });
const timings = z
  .object({
    detectionMs: z.number().nullable().openapi({ description: 'The first failed probe to the decision.' }),
    switchMs: z.number().nullable().openapi({
      description:
        'The decision to the first response of the new endpoint (else the last actuator’s confirmation).',
    }),
  })
  .openapi('SwitchTimings');
export const switchRecord = z
  .object({
    id: z.string(),
    group: z.string(),
    from: z.string(),
    to: z.string(),
    reason: z.string(),
    fence: z.number(),
    firstFailureAt: z.number().optional(),
    downAt: z.number().optional(),
    decidedAt: z.number(),
    confirmed: z.record(z.string(), z.number()),
    firstServedAt: z.number().optional(),
    timings,
  })
  .openapi('SwitchRecord');
export const auditEntry = z
  .object({
    group: z.string(),
    action: z.enum(['pin', 'drain', 'release']),
    endpoint: z.string().nullable(),
    who: z.string(),
    at: z.number(),
    why: z.string(),
    from: z.string(),
    to: z.string(),
    forced: z.boolean(),
    outcome: z.string().openapi({ description: '`ok`, or the refusal (last-healthy, not-healthy…).' }),
  })
  .openapi('AuditEntry');
export const failoverGroup = z
  .object({
    group: z.string(),
    service: z.string(),
    active: z.string(),
    activeSince: z.number(),
    lastSwitch: z.number().nullable(),
    pin: hold.nullable(),
    drained: z.array(hold),
    allDown: z.boolean(),
    endpoints: z.array(
      z.object({
        name: z.string(),
        address: z.string(),
        check: z.string(),
        health: z.enum(['up', 'down', 'unknown']),
        quorumHealthy: z.boolean(),
        healthySince: z.number().nullable(),
        drained: z.boolean(),
        active: z.boolean(),
      }),
    ),
    last: switchRecord.nullable().openapi({ description: 'The last switch.' }),
  })
  .openapi('FailoverGroup');
export const failoverDetail = failoverGroup
  .extend({ switches: z.array(switchRecord), audit: z.array(auditEntry) })
  .openapi('FailoverGroupDetail');
export const commandDone = z
  .object({ group: failoverGroup, audit: auditEntry })
  .openapi('FailoverCommandDone');

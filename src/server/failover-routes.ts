/**
 * The failover group of the operator API (/api/v1/failover): each group's state, one group with its
 * last switches (with their timings) and its audit trail, and the manual commands (pin, drain,
 * release). All behind the operator token, checked before a body is read; a command's refusal is a
 * 409 with its code, worded in the request's language.
 */

import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { suggest } from '../model/suggest.ts';
import { operatorAuth } from './auth.ts';
import type { ApiDeps, FailoverApi, FailoverGroupView, FailoverSwitch } from './deps.ts';
import {
  auditEntry,
  commandDone,
  failoverDetail,
  failoverGroup,
  groupParams,
  groupQuery,
  holdBody,
  MAX_COMMAND_BODY,
  releaseBody,
} from './failover-schemas.ts';
import { ApiError, type HttpErrorCode } from './http-error.ts';
import { jsonBody } from './json-body.ts';
import { requester } from './requester.ts';
import { errorSchema, OPERATOR_AUTH } from './schemas.ts';

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});
const unauthorized = error('Missing or wrong operator token (WWW-Authenticate: Bearer)');
const security = [{ [OPERATOR_AUTH]: [] }];

/** Each refusal of the decision, as an answer (409 unless said). */
const REFUSALS: Readonly<Record<string, HttpErrorCode>> = {
  'not-healthy': 'BASCULE_E_FAILOVER_NOT_HEALTHY',
  drained: 'BASCULE_E_FAILOVER_DRAINED',
  pinned: 'BASCULE_E_FAILOVER_PINNED',
  'already-drained': 'BASCULE_E_FAILOVER_ALREADY_DRAINED',
  'last-healthy': 'BASCULE_E_FAILOVER_LAST_HEALTHY',
  'nothing-to-release': 'BASCULE_E_FAILOVER_NOTHING_TO_RELEASE',
  'not-leader': 'BASCULE_E_FAILOVER_NOT_LEADER',
};

/** The measured durations of a switch: detection (first failed probe → decision), switch (decision → first response). */
export function timings(r: FailoverSwitch): { detectionMs: number | null; switchMs: number | null } {
  const first = r.firstFailureAt ?? r.downAt;
  const confirmed = Object.values(r.confirmed);
  const done = r.firstServedAt ?? (confirmed.length > 0 ? Math.max(...confirmed) : undefined);
  return {
    detectionMs: first === undefined ? null : Math.max(0, r.decidedAt - first),
    switchMs: done === undefined ? null : Math.max(0, done - r.decidedAt),
  };
}

/** A switch record as the API and the live feed give it: with its timings. */
export const switchJson = (r: FailoverSwitch) => ({ ...r, timings: timings(r) });
const withTimings = switchJson;

/** A group's answer: its state and endpoints, and its last switch. */
function summary(v: FailoverGroupView) {
  const { switches, ...rest } = v;
  const last = switches[0];
  return {
    group: rest.group,
    service: rest.service,
    active: rest.active,
    activeSince: rest.activeSince,
    lastSwitch: rest.lastSwitch,
    pin: rest.pin,
    drained: rest.drained,
    allDown: rest.allDown,
    endpoints: rest.endpoints,
    last: last ? withTimings(last) : null,
  };
}

function groupOf(f: FailoverApi, group: string): FailoverGroupView {
  const v = f.view(group);
  if (v) return v;
  const groups = f.groups();
  const hint = suggest(group, groups);
  throw new ApiError('BASCULE_E_HTTP_FAILOVER_GROUP_UNKNOWN', {
    group,
    groups: groups.join(', '),
    ...(hint ? { suggestion: hint } : {}),
  });
}

export function failoverRoutes(deps: ApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  const auth = operatorAuth(deps.operatorToken);
  const none: FailoverApi = {
    groups: () => [],
    view: () => undefined,
    switches: async () => [],
    audit: async () => [],
    command: async () => ({ ok: false, refused: 'unknown-group' }),
  };
  const f = deps.failover ?? none;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary:
        'The failover groups Bascule runs: active endpoint, since, pin and drains, all-down, endpoints, last switch',
      security,
      middleware: [auth] as const,
      responses: {
        200: {
          description: 'The groups',
          content: { 'application/json': { schema: z.object({ groups: z.array(failoverGroup) }) } },
        },
        401: unauthorized,
      },
    }),
    (c) => {
      const groups = f.groups().flatMap((g) => {
        const v = f.view(g);
        return v ? [summary(v)] : [];
      });
      return c.json({ groups } as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{group}',
      summary: 'One failover group, with its last switches (and their timings) and its audit trail',
      security,
      middleware: [auth] as const,
      request: { params: groupParams, query: groupQuery },
      responses: {
        200: { description: 'The group', content: { 'application/json': { schema: failoverDetail } } },
        400: error('A query parameter is invalid'),
        401: unauthorized,
        404: error('No such group (BASCULE_E_HTTP_FAILOVER_GROUP_UNKNOWN)'),
      },
    }),
    async (c) => {
      const { group } = c.req.valid('param');
      const limit = c.req.valid('query').limit ?? 20;
      const v = groupOf(f, group);
      const [switches, audit] = await Promise.all([f.switches(group, limit), f.audit(group, limit)]);
      return c.json({ ...summary(v), switches: switches.map(withTimings), audit } as never, 200);
    },
  );

  const command = (action: 'pin' | 'drain' | 'release') => {
    const hold = action !== 'release';
    app.openapi(
      createRoute({
        method: 'post',
        path: `/{group}/${action}`,
        summary:
          action === 'pin'
            ? 'Pin the group to an endpoint, whatever the health, until release (audited)'
            : action === 'drain'
              ? 'Take an endpoint out of service; the traffic leaves it if it has it (audited)'
              : 'Give the group back to the rules: no pin, no drain (audited)',
        security,
        middleware: [auth, jsonBody(MAX_COMMAND_BODY)] as const,
        request: {
          params: groupParams,
          body: {
            required: true,
            content: { 'application/json': { schema: hold ? holdBody : releaseBody } },
          },
        },
        responses: {
          200: {
            description: 'Done: the new state and the audit entry',
            content: { 'application/json': { schema: commandDone } },
          },
          400: error('Not JSON, or a field is missing or invalid (the message names it)'),
          401: unauthorized,
          404: error('No such group or endpoint (the message suggests the closest)'),
          409: error(
            'Refused by the safety rules (last-healthy, not-healthy, drained, pinned, already-drained, nothing-to-release)',
          ),
          503: error('This node does not hold the failover lease (BASCULE_E_FAILOVER_NOT_LEADER)'),
        },
      }),
      async (c) => {
        const { group } = c.req.valid('param');
        const body = c.req.valid('json') as { endpoint?: string; reason: string; force?: boolean };
        const v = groupOf(f, group);
        const endpoint = body.endpoint;
        if (endpoint !== undefined && !v.endpoints.some((e) => e.name === endpoint)) {
          const names = v.endpoints.map((e) => e.name);
          const hint = suggest(endpoint, names);
          throw new ApiError('BASCULE_E_HTTP_FAILOVER_ENDPOINT_UNKNOWN', {
            group,
            endpoint,
            endpoints: names.join(', '),
            ...(hint ? { suggestion: hint } : {}),
          });
        }
        const answer = await f.command(group, action, {
          reason: body.reason,
          who: requester(c),
          ...(endpoint !== undefined ? { endpoint } : {}),
          ...(body.force ? { force: true } : {}),
        });
        if (!answer.ok) {
          if (answer.refused === 'unknown-group')
            throw new ApiError('BASCULE_E_HTTP_FAILOVER_GROUP_UNKNOWN', {
              group,
              groups: f.groups().join(', '),
            });
          const code = REFUSALS[answer.refused];
          if (!code)
            throw new ApiError('BASCULE_E_HTTP_BAD_REQUEST', { field: 'reason', detail: answer.refused });
          throw new ApiError(code, { group, endpoint: endpoint ?? v.pin?.endpoint ?? '' });
        }
        const after = f.view(group) ?? v;
        return c.json({ group: summary(after), audit: answer.audit } as never, 200);
      },
    );
  };
  command('pin');
  command('drain');
  command('release');
  app.openAPIRegistry.register('AuditEntry', auditEntry);
  return app;
}

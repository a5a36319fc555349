/**
 * Incidents in the operator group (/api/v1/incidents): the list and one incident, each with its
 * timeline, the updates operators posted and its public status; and posting an update (status and
 * a message in French and/or English), stored, then published on the live feed. Behind the
 * operator token, checked before a body is read.
 */
import { randomUUID } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Incident } from '../monitor/types.ts';
import type { IncidentUpdate } from '../store/incident-updates.ts';
import { operatorAuth } from './auth.ts';
import type { ApiDeps } from './deps.ts';
import { ApiError } from './http-error.ts';
import {
  incidentWithUpdates,
  MAX_UPDATE_BODY,
  MAX_UPDATES_PER_INCIDENT,
  updateBody,
  updatePosted,
} from './incident-schemas.ts';
import { incidentStatus, withUpdates } from './incident-status.ts';
import { jsonBody } from './json-body.ts';
import { requester } from './requester.ts';
import { bodyErrors, errorAnswer, operatorSecurity as security, unauthorized } from './responses.ts';
import { incidentParams, incidentsQuery } from './schemas.ts';

export function incidentRoutes(deps: ApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  const auth = operatorAuth(deps.operatorToken);
  const one = async (id: string): Promise<Incident> => {
    // `service@ISO-time`, decoded from the path; compared exactly.
    const found = (await deps.incidents({ id })).find((i) => i.id === id);
    if (!found) throw new ApiError('BASCULE_E_HTTP_INCIDENT_UNKNOWN', { id });
    return found;
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'Incidents, newest first, with their timelines, updates and public status',
      security,
      middleware: [auth] as const,
      request: { query: incidentsQuery },
      responses: {
        200: {
          description: 'The incidents',
          content: {
            'application/json': { schema: z.object({ incidents: z.array(incidentWithUpdates) }) },
          },
        },
        400: errorAnswer('A query parameter is invalid'),
        401: unauthorized,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const incidents = await deps.incidents({
        ...(q.open !== undefined ? { open: q.open === 'true' } : {}),
        ...(q.service !== undefined ? { service: q.service } : {}),
        limit: q.limit ?? 100,
      });
      const updates = await deps.incidentUpdates.list(incidents.map((i) => i.id));
      return c.json({ incidents: withUpdates(incidents, updates) } as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      summary: 'One incident, with its timeline, updates and public status (the id URL-encoded)',
      security,
      middleware: [auth] as const,
      request: { params: incidentParams },
      responses: {
        200: {
          description: 'The incident',
          content: { 'application/json': { schema: incidentWithUpdates } },
        },
        401: unauthorized,
        404: errorAnswer('No incident has that id (BASCULE_E_HTTP_INCIDENT_UNKNOWN)'),
      },
    }),
    async (c) => {
      const found = await one(c.req.valid('param').id);
      const [detail] = withUpdates([found], await deps.incidentUpdates.list([found.id]));
      return c.json(detail as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/updates',
      summary: 'Post an update: the public status and a message in French and/or English',
      description:
        'Stored, then published on the live feed (`incident-update`). The incident’s public status follows the last update; once the monitor closes the incident it is `resolved`, and only a `resolved` update may still be posted.',
      security,
      middleware: [auth, jsonBody(MAX_UPDATE_BODY)] as const,
      request: {
        params: incidentParams,
        body: { required: true, content: { 'application/json': { schema: updateBody } } },
      },
      responses: {
        201: { description: 'Posted', content: { 'application/json': { schema: updatePosted } } },
        ...bodyErrors,
        401: unauthorized,
        404: errorAnswer('No incident has that id (BASCULE_E_HTTP_INCIDENT_UNKNOWN)'),
        409: errorAnswer(
          'The incident is closed and the status is not `resolved` (BASCULE_E_HTTP_INCIDENT_CLOSED), or it has as many updates as it takes (BASCULE_E_HTTP_INCIDENT_UPDATES_FULL)',
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const found = await one(id);
      const before = await deps.incidentUpdates.list([id]);
      if (found.closedAt !== undefined && body.status !== 'resolved')
        throw new ApiError('BASCULE_E_HTTP_INCIDENT_CLOSED', { id });
      if (before.length >= MAX_UPDATES_PER_INCIDENT)
        throw new ApiError('BASCULE_E_HTTP_INCIDENT_UPDATES_FULL', { id, limit: MAX_UPDATES_PER_INCIDENT });
      const update: IncidentUpdate = {
        id: randomUUID(),
        incident: id,
        at: deps.clock.now(),
        status: body.status,
        message: body.message,
        who: requester(c),
      };
      await deps.incidentUpdates.post(update);
      const updates = [...before, update];
      deps.live.publish('incident-update', {
        incident: id,
        service: found.service,
        status: incidentStatus(found, updates),
        update,
      });
      const [detail] = withUpdates([found], updates);
      return c.json({ update, incident: detail } as never, 201);
    },
  );
  return app;
}

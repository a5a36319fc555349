/**
 * Maintenance windows in the operator group (/api/v1/maintenance): list, create, read, edit,
 * delete, and end one under way now. Behind the operator token, checked before a body is read;
 * the services named must be the map's (the closest is suggested); every write is stored, applied
 * to the daemon's silences at once, and published on the live feed (`maintenance-saved`,
 * `maintenance-deleted`; the daemon adds `maintenance-started` and `maintenance-ended` as time passes).
 */
import { randomBytes } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { render } from '../i18n/index.ts';
import { suggest } from '../model/suggest.ts';
import type { MaintenanceWindow } from '../store/maintenance.ts';
import { operatorAuth } from './auth.ts';
import type { ApiDeps } from './deps.ts';
import { ApiError, requestLang } from './http-error.ts';
import { jsonBody } from './json-body.ts';
import {
  createBody,
  MAX_WINDOW_BODY,
  maintenanceJson,
  maintenanceWindow,
  patchBody,
  windowParams,
  windowsQuery,
} from './maintenance-schemas.ts';
import { requester } from './requester.ts';
import { bodyErrors, errorAnswer, operatorSecurity as security, unauthorized } from './responses.ts';

/** Windows not over yet that the daemon takes at most (one more is refused). */
export const MAX_PLANNED = 1000;

const unknownWindow = errorAnswer('No maintenance window has that id (BASCULE_E_HTTP_MAINTENANCE_UNKNOWN)');
const windowAnswer = (description: string) => ({
  description,
  content: { 'application/json': { schema: maintenanceWindow } },
});

/** The services, each a service of the map, once each; the first unknown one is a 400 naming it. */
function knownServices(services: readonly string[], known: readonly string[]): string[] {
  services.forEach((service, i) => {
    if (known.includes(service)) return;
    const hint = suggest(service, known);
    throw new ApiError('BASCULE_E_HTTP_SERVICE_UNKNOWN', {
      field: `services.${i}`,
      service,
      services: known.join(', '),
      ...(hint ? { suggestion: hint } : {}),
    });
  });
  return [...new Set(services)];
}

const badField = (c: Context, field: string, detail: 'http.detail.endAfterStart' | 'http.detail.endPast') =>
  new ApiError('BASCULE_E_HTTP_BAD_REQUEST', { field, detail: render(requestLang(c), detail, {}) });

export function maintenanceRoutes(deps: ApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  const auth = operatorAuth(deps.operatorToken);
  const m = deps.maintenance;
  const now = () => deps.clock.now();
  const one = async (id: string): Promise<MaintenanceWindow> => {
    const w = await m.get(id);
    if (!w) throw new ApiError('BASCULE_E_HTTP_MAINTENANCE_UNKNOWN', { id });
    return w;
  };
  const saved = async (w: MaintenanceWindow) => {
    await m.save(w);
    const json = maintenanceJson(w, now());
    deps.live.publish('maintenance-saved', json);
    return json;
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'Maintenance windows, by start; without a filter, those not over yet',
      security,
      middleware: [auth] as const,
      request: { query: windowsQuery },
      responses: {
        200: {
          description: 'The windows',
          content: { 'application/json': { schema: z.object({ windows: z.array(maintenanceWindow) }) } },
        },
        400: errorAnswer('A query parameter is invalid'),
        401: unauthorized,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const t = now();
      const filtered = q.activeAt !== undefined || q.from !== undefined || q.to !== undefined;
      const windows = await m.list({
        ...(q.activeAt !== undefined ? { activeAt: Date.parse(q.activeAt) } : {}),
        ...(q.from !== undefined ? { from: Date.parse(q.from) } : filtered ? {} : { from: t }),
        ...(q.to !== undefined ? { to: Date.parse(q.to) } : {}),
        limit: q.limit ?? 100,
      });
      return c.json({ windows: windows.map((w) => maintenanceJson(w, t)) } as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary:
        'Plan a maintenance window (it silences its services’ alerts while it runs unless `silence: false`)',
      security,
      middleware: [auth, jsonBody(MAX_WINDOW_BODY)] as const,
      request: { body: { required: true, content: { 'application/json': { schema: createBody } } } },
      responses: {
        201: windowAnswer('Planned'),
        ...bodyErrors,
        401: unauthorized,
        409: errorAnswer('As many windows as the daemon takes are planned (BASCULE_E_HTTP_MAINTENANCE_FULL)'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const t = now();
      const services = knownServices(body.services, deps.map.services);
      const start = body.start === undefined ? t : Date.parse(body.start);
      const end = Date.parse(body.end);
      if (end <= start) throw badField(c, 'end', 'http.detail.endAfterStart');
      if (end <= t) throw badField(c, 'end', 'http.detail.endPast');
      if ((await m.list({ from: t, limit: MAX_PLANNED })).length >= MAX_PLANNED)
        throw new ApiError('BASCULE_E_HTTP_MAINTENANCE_FULL', { limit: MAX_PLANNED });
      const window: MaintenanceWindow = {
        id: `mw-${randomBytes(6).toString('hex')}`,
        title: body.title,
        services,
        start,
        end,
        silence: body.silence,
        createdAt: t,
        createdBy: requester(c),
      };
      return c.json((await saved(window)) as never, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      summary: 'One maintenance window',
      security,
      middleware: [auth] as const,
      request: { params: windowParams },
      responses: { 200: windowAnswer('The window'), 401: unauthorized, 404: unknownWindow },
    }),
    async (c) => c.json(maintenanceJson(await one(c.req.valid('param').id), now()) as never, 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      summary: 'Edit a maintenance window: the fields given replace those it has',
      security,
      middleware: [auth, jsonBody(MAX_WINDOW_BODY)] as const,
      request: {
        params: windowParams,
        body: { required: true, content: { 'application/json': { schema: patchBody } } },
      },
      responses: { 200: windowAnswer('Edited'), ...bodyErrors, 401: unauthorized, 404: unknownWindow },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const w = await one(c.req.valid('param').id);
      const start = body.start === undefined ? w.start : Date.parse(body.start);
      const end = body.end === undefined ? w.end : Date.parse(body.end);
      if (end <= start)
        throw badField(c, body.end === undefined ? 'start' : 'end', 'http.detail.endAfterStart');
      const edited: MaintenanceWindow = {
        ...w,
        ...(body.title !== undefined ? { title: body.title } : {}),
        ...(body.services !== undefined ? { services: knownServices(body.services, deps.map.services) } : {}),
        ...(body.silence !== undefined ? { silence: body.silence } : {}),
        start,
        end,
        updatedAt: now(),
      };
      return c.json((await saved(edited)) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      summary: 'Delete a maintenance window (one under way stops silencing at once)',
      security,
      middleware: [auth] as const,
      request: { params: windowParams },
      responses: { 204: { description: 'Deleted' }, 401: unauthorized, 404: unknownWindow },
    }),
    async (c) => {
      const w = await one(c.req.valid('param').id);
      await m.delete(w.id);
      deps.live.publish('maintenance-deleted', maintenanceJson(w, now()));
      return c.body(null, 204) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/end',
      summary: 'End a window under way now (its alerts are no longer silenced)',
      security,
      middleware: [auth] as const,
      request: { params: windowParams },
      responses: {
        200: windowAnswer('Ended: its end is now'),
        401: unauthorized,
        404: unknownWindow,
        409: errorAnswer(
          'The window is not under way: not begun (delete it instead) or over (BASCULE_E_HTTP_MAINTENANCE_NOT_ACTIVE)',
        ),
      },
    }),
    async (c) => {
      const w = await one(c.req.valid('param').id);
      const t = now();
      if (!(w.start <= t && t < w.end)) {
        const json = maintenanceJson(w, t);
        throw new ApiError('BASCULE_E_HTTP_MAINTENANCE_NOT_ACTIVE', {
          id: w.id,
          start: json.start,
          end: json.end,
        });
      }
      return c.json((await saved({ ...w, end: t, updatedAt: t })) as never, 200);
    },
  );
  return app;
}

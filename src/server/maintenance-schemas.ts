/**
 * The zod schemas of maintenance windows (/api/v1/maintenance): the bodies and queries, validated,
 * the window as the API answers it (times in ISO 8601), described. Which services exist is checked
 * by the route (it knows the map), the rest here.
 */
import { z } from '@hono/zod-openapi';
import type { MaintenanceWindow } from '../store/maintenance.ts';
import { localText } from './schemas.ts';
import { detailKey } from './validation.ts';

export const MAX_TITLE = 200;
/** Most services one window names. */
export const MAX_WINDOW_SERVICES = 100;
/** A window's body is small: more than this is refused unread (413). */
export const MAX_WINDOW_BODY = 16 * 1024;

const time = z.iso.datetime({ offset: true }).openapi({
  description: 'ISO 8601 with its offset: `2026-12-24T22:00:00+01:00`, `2026-12-24T21:00:00Z`.',
  example: '2026-12-24T22:00:00+01:00',
});
const title = localText(MAX_TITLE).openapi({
  description: 'What is done, in French and/or English (at least one; at most 200 characters each).',
});
const services = z
  .array(z.string().min(1).max(200))
  .min(1)
  .max(MAX_WINDOW_SERVICES)
  .openapi({ description: 'Service ids of the map (at least one).' });
const silence = z.boolean().openapi({
  description: 'Silence the alerts of its services while it runs (recorded as silenced, not sent).',
});

const endAfterStart = (w: { start?: string | undefined; end?: string | undefined }) =>
  w.start === undefined || w.end === undefined || Date.parse(w.end) > Date.parse(w.start);

export const createBody = z
  .strictObject({
    title,
    services,
    start: time.optional().openapi({ description: 'Default: now.' }),
    end: time,
    silence: silence.default(true).openapi({ description: 'Default: true.' }),
  })
  .refine(endAfterStart, { path: ['end'], ...detailKey('http.detail.endAfterStart') })
  .openapi('MaintenanceCreate', {
    example: {
      title: { fr: 'Migration de la base de paiement', en: 'Payment database migration' },
      services: ['checkout'],
      start: '2026-12-24T22:00:00+01:00',
      end: '2026-12-25T00:00:00+01:00',
    },
  });

/** What an edit may change; the window, changed, must still end after it starts. */
export const patchBody = z
  .strictObject({
    title: title.optional(),
    services: services.optional(),
    start: time.optional(),
    end: time.optional(),
    silence: silence.optional(),
  })
  .refine(endAfterStart, { path: ['end'], ...detailKey('http.detail.endAfterStart') })
  .openapi('MaintenancePatch', { example: { end: '2026-12-25T01:00:00+01:00' } });

export const windowParams = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'mw-1f3a9c0b7d2e' }),
});

export const windowsQuery = z.object({
  activeAt: time.optional().openapi({ description: 'Windows running at that time.' }),
  from: time.optional().openapi({ description: 'Windows not over at that time.' }),
  to: time.optional().openapi({ description: 'Windows begun before that time.' }),
  limit: z.coerce.number().int().min(1).max(1000).optional().openapi({ description: 'Default 100.' }),
});

export const MAINTENANCE_STATES = ['planned', 'active', 'over'] as const;

export const maintenanceWindow = z
  .object({
    id: z.string(),
    title: z.object({ en: z.string().optional(), fr: z.string().optional() }),
    services: z.array(z.string()),
    start: z.string().openapi({ description: 'ISO 8601, UTC.' }),
    end: z.string().openapi({ description: 'ISO 8601, UTC (excluded).' }),
    silence: z.boolean(),
    state: z.enum(MAINTENANCE_STATES).openapi({ description: 'At the time of the answer.' }),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string().optional(),
  })
  .openapi('MaintenanceWindow');

export type MaintenanceJson = z.infer<typeof maintenanceWindow>;

const iso = (ms: number) => new Date(ms).toISOString();

/** A window as the API and the live feed give it. */
export function maintenanceJson(w: MaintenanceWindow, now: number): MaintenanceJson {
  return {
    id: w.id,
    title: { ...w.title },
    services: [...w.services],
    start: iso(w.start),
    end: iso(w.end),
    silence: w.silence,
    state: now < w.start ? 'planned' : now < w.end ? 'active' : 'over',
    createdAt: iso(w.createdAt),
    createdBy: w.createdBy,
    ...(w.updatedAt !== undefined ? { updatedAt: iso(w.updatedAt) } : {}),
  };
}

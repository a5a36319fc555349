/**
 * The zod schemas of incident updates (POST /api/v1/incidents/{id}/updates): the body, validated,
 * and the incidents answered with their updates and public status, described.
 */
import { z } from '@hono/zod-openapi';
import { INCIDENT_STATUSES } from '../store/incident-updates.ts';
import { incident, localText } from './schemas.ts';

/** The longest message, per language (it goes to the public status page). */
export const MAX_UPDATE_MESSAGE = 2000;
/** Most updates one incident takes. */
export const MAX_UPDATES_PER_INCIDENT = 100;
/** An update's body is small: more than this is refused unread (413). */
export const MAX_UPDATE_BODY = 32 * 1024;

const status = z.enum(INCIDENT_STATUSES).openapi({
  description:
    'The public status: investigating → identified → monitoring → resolved (usually in that order; any is taken).',
});

export const updateBody = z
  .strictObject({
    status,
    message: localText(MAX_UPDATE_MESSAGE).openapi({
      description:
        'The public message, in French and/or English (at least one; at most 2,000 characters each).',
    }),
  })
  .openapi('IncidentUpdateBody', {
    example: {
      status: 'identified',
      message: {
        fr: 'La base de données de paiement sature ; nous basculons sur le secours.',
        en: 'The payment database is saturated; we are moving to the standby.',
      },
    },
  });

export const incidentUpdate = z
  .object({
    id: z.string(),
    incident: z.string(),
    at: z.number().openapi({ description: 'Epoch ms, by the daemon’s clock.' }),
    status,
    message: z.object({ en: z.string().optional(), fr: z.string().optional() }),
    who: z.string().openapi({ description: '`operator@<client address>`.' }),
  })
  .openapi('IncidentUpdate');

export const incidentWithUpdates = incident
  .extend({
    status: status.openapi({
      description:
        'The public status: the last update’s, `investigating` before any, `resolved` once closed.',
    }),
    updates: z.array(incidentUpdate).openapi({ description: 'Oldest first.' }),
  })
  .openapi('IncidentWithUpdates');

export const updatePosted = z
  .object({ update: incidentUpdate, incident: incidentWithUpdates })
  .openapi('IncidentUpdatePosted');

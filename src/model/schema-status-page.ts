/**
 * `statusPage:` in bascule.yaml: the public status page (`/status`, its feed, JSON and badges, and
 * the static export). Only the services listed under `show` are public, each under the name given
 * there. Structure only: that `show` names services of the map, that a text is given in at least
 * one language, that `url` is an http(s) URL and `timezone` a time zone are checked in
 * status-page-check.ts, located.
 */
import { z } from 'zod';
import { duration, id, text } from './schema-primitives.ts';

/** A text people read on the page: the same in every language, or `{en, fr}` (at least one). */
export const localizedText = z.union([text, z.strictObject({ en: text.optional(), fr: text.optional() })]);

export const DEFAULT_HISTORY = '14d';

export const statusPage = z.strictObject({
  title: localizedText.meta({
    description: 'The page’s title: "Acme — service status", or {en: "…", fr: "…"}.',
  }),
  description: localizedText.optional().meta({ description: 'A sentence under the title.' }),
  lang: z.enum(['en', 'fr']).optional().meta({
    description: 'The page’s default language (default: the map’s `lang`, else English); both are served.',
  }),
  url: text.optional().meta({
    description:
      'Where the page is published (https://status.example.com/): the feed’s and the export’s links are made absolute with it.',
  }),
  show: z
    .record(
      id,
      z.strictObject({
        name: localizedText.meta({ description: 'The service’s public name.' }),
        description: localizedText.optional(),
      }),
    )
    .meta({
      description:
        'The services shown, by id, each under its public name: nothing else of the map is ever public.',
    }),
  timezone: text.default('UTC').meta({
    description:
      'The time zone of the page’s days (the uptime bars) and of the times it shows: an IANA name (Europe/Paris; default UTC).',
  }),
  history: duration.default(DEFAULT_HISTORY).meta({
    description: 'How far back resolved incidents are listed (default 14d).',
  }),
  export: z
    .strictObject({
      dir: text.meta({
        description: 'Where `bascule status-page export` writes the static page (relative to the map).',
      }),
      onChange: z.boolean().default(false).meta({
        description: 'The daemon rewrites it there on every change of state or incident.',
      }),
    })
    .optional(),
});

export type StatusPageSpec = z.output<typeof statusPage>;
export type LocalizedText = z.output<typeof localizedText>;

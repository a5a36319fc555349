/**
 * A crisis message (statusPage | email | internal × started | update | resolved), from one source:
 * the map's own wording (`communications:`) when it gives one, else the catalogue's (crisis.*).
 * The plan, the status page's automatic updates and the alerts all word an incident through here,
 * so changing a text changes it everywhere. A placeholder without a value is left as written.
 */
import type { CommunicationChannel, CommunicationEvent, CommunicationsSpec } from '../model/schema-plan.ts';
import { type MessageKey, render } from './index.ts';
import type { Lang } from './lang.ts';

export interface CrisisValues {
  readonly company?: string;
  readonly services?: string;
  readonly start?: string;
  readonly next?: string;
  readonly end?: string;
}

export interface CrisisMessage {
  readonly subject: string;
  readonly body: string;
  /** The map's wording, not the default one. */
  readonly custom: boolean;
}

const word = (v: string | { readonly en?: string; readonly fr?: string }, lang: Lang): string =>
  typeof v === 'string' ? v : (v[lang] ?? v.en ?? v.fr ?? '');

function fill(template: string, values: CrisisValues, lang: Lang): string {
  const out = template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.hasOwn(values, key) ? (values[key as keyof CrisisValues] ?? whole) : whole,
  );
  return out.charAt(0).toLocaleUpperCase(lang) + out.slice(1);
}

export function crisisMessage(
  lang: Lang,
  own: CommunicationsSpec | undefined,
  channel: CommunicationChannel,
  event: CommunicationEvent,
  values: CrisisValues,
): CrisisMessage {
  const spec = own?.[channel]?.[event];
  const key = `crisis.${channel}.${event}`;
  const subject = spec?.subject ? word(spec.subject, lang) : render(lang, `${key}.subject` as MessageKey, {});
  const body = spec ? word(spec.body, lang) : render(lang, `${key}.body` as MessageKey, {});
  return { subject: fill(subject, values, lang), body: fill(body, values, lang), custom: spec !== undefined };
}

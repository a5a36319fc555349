/**
 * The keys of the business continuity plan (`bascule plan`, docs/plan.md): the plan itself (owner,
 * scope, version, review), the people (`contacts`), the escalation and crisis criteria, the manual
 * procedures (`runbooks`), the messages (`communications`) and the suppliers' contacts. Structure
 * only: which ids they name, and the texts' placeholders, are checked in plan-check.ts, located.
 */
import { z } from 'zod';
import { duration, id, text } from './schema-primitives.ts';

/** A text people read in the plan: the same in every language, or `{en, fr}` (at least one: plan-check.ts). */
export const planText = z.union([text, z.strictObject({ en: text.optional(), fr: text.optional() })]);

/** A calendar date, `2026-03-01` (a real day: not `2026-02-30`). */
export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
export function isCalendarDate(value: string): boolean {
  if (!new RegExp(DATE_PATTERN).test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}
export const date = z
  .string()
  .superRefine((value, ctx) => {
    if (!isCalendarDate(value))
      ctx.addIssue({ code: 'invalid_format', format: 'regex', message: 'date', input: value });
  })
  .meta({ description: 'A date, YYYY-MM-DD: 2026-03-01.' });

/** A telephone number as people write it: digits, spaces, dots, dashes, brackets, a leading +; short numbers too (3901). */
export const PHONE_PATTERN = '^\\+?[0-9][0-9 ().-]*[0-9]$';
export const phone = z
  .string()
  .regex(new RegExp(PHONE_PATTERN), { message: 'phone' })
  .meta({ description: 'A telephone number: "+33 6 12 34 56 78", "03 88 00 00 00".' });
export const email = z
  .string()
  .regex(/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/, { message: 'email' })
  .meta({ description: 'An e-mail address: claire@example.fr.' });

export const plan = z.strictObject({
  owner: id.meta({ description: 'The contact (an id of `contacts`) answerable for the plan.' }),
  scope: planText.meta({ description: 'What the plan covers: activities, sites, people.' }),
  version: text.optional().meta({ description: 'The plan’s version as you number it: "1.2".' }),
  reviewEvery: duration.meta({ description: 'How often the plan is reviewed: 180d, 365d.' }),
  lastReviewed: date.optional().meta({ description: 'When it was last reviewed, YYYY-MM-DD.' }),
});

export const contact = z.strictObject({
  name: text.meta({ description: 'The person’s name, or a team’s.' }),
  role: planText.meta({ description: 'What they do in a crisis: "Directrice générale", "IT on call".' }),
  phone: phone.optional(),
  email: email.optional(),
  deputies: z
    .array(id)
    .default([])
    .meta({ description: 'Who stands in when they cannot be reached (contact ids, in order).' }),
});

export const escalation = z.strictObject({
  criteria: z.array(planText).min(1).meta({
    description: 'When a crisis is declared: "a critical service down for more than 30 minutes".',
  }),
  declaredBy: id.meta({ description: 'Who declares the crisis (a contact id); their deputies stand in.' }),
  levels: z
    .array(
      z.strictObject({
        after: duration.meta({ description: 'How long after the start of the incident: 0m, 30m, 2h.' }),
        contacts: z.array(id).min(1).meta({ description: 'Who is called then (contact ids).' }),
      }),
    )
    .default([])
    .meta({ description: 'Who is called, and when, as the incident lasts.' }),
  decisions: z
    .array(
      z.strictObject({
        decision: planText.meta({ description: 'A decision: "switch the shop to the standby site".' }),
        by: id.meta({ description: 'Who takes it (a contact id).' }),
      }),
    )
    .default([])
    .meta({ description: 'Who decides what during a crisis.' }),
});

export const runbook = z.strictObject({
  service: id.meta({ description: 'The service this procedure keeps going or brings back.' }),
  title: planText,
  when: planText.optional().meta({ description: 'When to run it: "the shop is down and OVH has no ETA".' }),
  steps: z
    .array(
      z.strictObject({
        do: planText.meta({ description: 'What to do, in a sentence.' }),
        who: id.meta({ description: 'Who does it (a contact id).' }),
        takes: duration.meta({ description: 'How long it takes: 10m, 2h.' }),
      }),
    )
    .min(1)
    .meta({ description: 'The steps, in order (numbered in the plan).' }),
});

/** The events a message is written for, and the channels it goes out on. */
export const COMMUNICATION_EVENTS = ['started', 'update', 'resolved'] as const;
export const COMMUNICATION_CHANNELS = ['statusPage', 'email', 'internal'] as const;
export type CommunicationEvent = (typeof COMMUNICATION_EVENTS)[number];
export type CommunicationChannel = (typeof COMMUNICATION_CHANNELS)[number];
/** The placeholders a message may use, filled in by the plan (and later by the status page and alerts). */
export const MESSAGE_PLACEHOLDERS = ['company', 'services', 'start', 'next', 'end'] as const;

export const message = z.strictObject({
  subject: planText.optional().meta({ description: 'The subject (an e-mail) or the title (a page).' }),
  body: planText.meta({
    description: 'The text, with {company}, {services}, {start}, {next}, {end} filled in when it is sent.',
  }),
});
const messages = z.strictObject(
  Object.fromEntries(COMMUNICATION_EVENTS.map((e) => [e, message.optional()])) as Record<
    CommunicationEvent,
    z.ZodOptional<typeof message>
  >,
);
export const communications = z.strictObject(
  Object.fromEntries(COMMUNICATION_CHANNELS.map((c) => [c, messages.optional()])) as Record<
    CommunicationChannel,
    z.ZodOptional<typeof messages>
  >,
);

export const supplier = z.strictObject({
  name: text.optional().meta({ description: 'The supplier’s name, when the provider id does not say it.' }),
  support: planText.optional().meta({ description: 'The support level: "Business, 24/7, 1 h".' }),
  phone: phone.optional(),
  email: email.optional(),
  url: text.optional().meta({ description: 'The support site or the status page.' }),
  account: text.optional().meta({ description: 'Your customer number or contract (not a password).' }),
});

/** The top-level keys of the plan, hung on the configuration schema. */
export const planKeys = {
  plan: plan.optional().meta({ description: 'The business continuity plan (docs/plan.md).' }),
  contacts: z.record(id, contact).default({}).meta({
    description: 'The people of the crisis organisation, by id: runbooks and escalation name them.',
  }),
  escalation: escalation.optional().meta({ description: 'When a crisis is declared, and who decides what.' }),
  runbooks: z.record(id, runbook).default({}).meta({
    description: 'Manual procedures per service: numbered steps, who does each, how long it takes.',
  }),
  communications: communications.optional().meta({
    description:
      'Your own wording of the messages (status page, customer e-mail, internal message) for an incident that starts, an update, its end; the plan has default texts in English and French.',
  }),
  suppliers: z.record(text, supplier).default({}).meta({
    description: 'How to reach each provider of the map (by provider id: ovh, stripe…) in a crisis.',
  }),
};

export type PlanText = z.output<typeof planText>;
export type PlanSpec = z.output<typeof plan>;
export type ContactSpec = z.output<typeof contact>;
export type EscalationSpec = z.output<typeof escalation>;
export type RunbookSpec = z.output<typeof runbook>;
export type MessageSpec = z.output<typeof message>;
export type CommunicationsSpec = z.output<typeof communications>;
export type SupplierSpec = z.output<typeof supplier>;

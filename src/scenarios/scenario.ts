/** The format of an outage scenario file (one real outage, or one of the user's own). */
import { z } from 'zod';
import { PREDICATE_KEYS } from '../analysis/predicate.ts';
import { DURATION_PATTERN } from '../model/duration.ts';
import { ID_PATTERN } from '../model/schema.ts';

const text = z.string().min(1);
const bilingual = z.strictObject({ en: text, fr: text });

const predicate = z.strictObject(
  Object.fromEntries(PREDICATE_KEYS.map((k) => [k, text.optional()])) as Record<
    (typeof PREDICATE_KEYS)[number],
    z.ZodOptional<z.ZodString>
  >,
);

export const scenarioSchema = z.strictObject({
  id: z.string().regex(new RegExp(ID_PATTERN), { message: 'id' }),
  title: bilingual,
  date: z
    .union([z.string(), z.date()])
    .transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d)),
  start: text.optional(),
  end: text.optional(),
  duration: z.string().regex(new RegExp(DURATION_PATTERN), { message: 'duration' }).optional(),
  provider: text,
  scope: bilingual,
  summary: bilingual,
  simplifications: bilingual.optional(),
  sources: z.array(z.strictObject({ title: text, url: text })).min(1),
  fail: z.array(predicate).min(1),
});

export type Scenario = z.output<typeof scenarioSchema>;

/**
 * What can still be checked when the schema rejects a map: a configuration rebuilt from the parts
 * that are valid on their own, so reference errors come out in the same run as schema errors.
 *
 * The rule is "no false errors from the broken parts": an entry the schema rejects keeps its id (so
 * references to it still resolve) and keeps only its fields, and list items, that are valid by
 * themselves; a check, channel or external failover that is not valid as a whole is left out (it
 * would otherwise be reported as lacking what was dropped), and a failover group keeps its valid
 * fields only while none of its endpoints was dropped. When a section is not a mapping at all, no
 * reference is checked: every id in it would look unknown.
 */
import { z } from 'zod';
import type { PathSegment } from './locate.ts';
import { type Config, component, configSchema, service } from './schema.ts';
import { backups } from './schema-backups.ts';
import { EXTERNAL_KEYS, failover as failoverEntry, failoverGroup, GROUP_KEYS } from './schema-failover.ts';
import { check, notifyChannel, vantage } from './schema-operations.ts';
import { planKeys } from './schema-plan.ts';
import { statusPage } from './schema-status-page.ts';

type Entry = Record<string, unknown>;

function isRecord(value: unknown): value is Entry {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  return s;
}

/**
 * Where the items a salvaged list kept were in the file: `services.web.dependsOn` → original index
 * of each kept item, so diagnostics point at what the user wrote.
 */
type Positions = Map<string, number[]>;

/** The fields of an object that are valid by themselves; a list keeps its valid items. */
function validFields(schema: z.ZodObject, raw: Entry, at: string, positions: Positions): Entry {
  const shape = schema.shape as Record<string, z.ZodType>;
  const kept: Entry = {};
  for (const [key, value] of Object.entries(raw)) {
    const field = shape[key];
    if (field === undefined) continue;
    const whole = field.safeParse(value);
    if (whole.success) {
      kept[key] = value;
      continue;
    }
    const inner = unwrap(field);
    if (inner instanceof z.ZodArray && Array.isArray(value)) {
      const element = inner.element as z.ZodType;
      const indices = value.flatMap((item, i) => (element.safeParse(item).success ? [i] : []));
      kept[key] = indices.map((i) => value[i]);
      positions.set(`${at}\u0000${key}`, indices);
    }
  }
  return kept;
}

/** An entry rebuilt from its valid fields, or its defaults when even those do not make one. */
function salvageEntry<T>(
  schema: z.ZodObject,
  raw: unknown,
  fallback: () => T,
  at: string,
  positions: Positions,
): T {
  const rebuilt = schema.safeParse(isRecord(raw) ? validFields(schema, raw, at, positions) : {});
  return rebuilt.success ? (rebuilt.data as T) : fallback();
}

/** Each entry of a section whole, or else salvaged; undefined when the section is not a mapping. */
function section<T>(
  raw: unknown,
  salvage: (value: unknown, id: string) => T | undefined,
): Record<string, T> | undefined {
  if (raw === undefined) return {};
  if (!isRecord(raw)) return undefined;
  const out: Record<string, T> = {};
  for (const [id, value] of Object.entries(raw)) {
    const entry = salvage(value, id);
    if (entry !== undefined) out[id] = entry;
  }
  return out;
}

function whole<T>(schema: z.ZodType<T>): (value: unknown) => T | undefined {
  return (value) => {
    const r = schema.safeParse(value);
    return r.success ? r.data : undefined;
  };
}

/**
 * A failover entry whole; else a group Bascule runs rebuilt from its valid fields, as long as none of
 * its endpoints was dropped (a dropped one would make the count and the names look wrong).
 */
function salvageFailover(raw: unknown, at: string, positions: Positions) {
  const whole = failoverEntry.safeParse(raw);
  if (whole.success) return whole.data;
  if (!isRecord(raw) || EXTERNAL_KEYS.some((k) => k in raw) || !GROUP_KEYS.some((k) => k in raw))
    return undefined;
  const kept = validFields(failoverGroup, raw, at, positions);
  const endpoints = kept.endpoints as unknown[] | undefined;
  if (Array.isArray(raw.endpoints) && endpoints?.length !== raw.endpoints.length) return undefined;
  const rebuilt = failoverGroup.safeParse(kept);
  return rebuilt.success ? rebuilt.data : undefined;
}

/**
 * The plan's keys that are valid as a whole (their references are checked), the others left out;
 * every contact keeps its id (runbooks and escalation name them), and when `contacts` is not a
 * mapping, nothing that names a contact is checked.
 */
function salvagePlan(data: Entry): Partial<Config> {
  const out: Entry = {};
  for (const [key, schema] of Object.entries(planKeys)) {
    const r = (schema as z.ZodType).safeParse(data[key]);
    if (r.success && r.data !== undefined) out[key] = r.data;
  }
  if (out.contacts === undefined) {
    if (data.contacts !== undefined && !isRecord(data.contacts))
      return { contacts: {}, runbooks: {}, suppliers: {} } as Partial<Config>;
    const ids = isRecord(data.contacts) ? Object.keys(data.contacts) : [];
    out.contacts = Object.fromEntries(ids.map((id) => [id, { name: id, role: id, deputies: [] }]));
  }
  return { runbooks: {}, suppliers: {}, ...out } as Partial<Config>;
}

export interface Salvaged {
  readonly config: Config;
  /** A path in the salvaged config → the same place in the file (list items that were left out shift indices). */
  readonly original: (path: readonly PathSegment[]) => PathSegment[];
}

/** The part of a rejected map whose references can be checked without false errors, if any. */
export function salvageConfig(data: unknown): Salvaged | undefined {
  if (!isRecord(data)) return undefined;
  const positions: Positions = new Map();
  const entry =
    <T>(schema: z.ZodObject, name: string, fallback: () => T) =>
    (v: unknown, id: string) =>
      salvageEntry(schema, v, fallback, `${name}\u0000${id}`, positions);
  const empty = (schema: z.ZodObject) => () => schema.parse({});
  const services = section(data.services, entry(service, 'services', empty(service)));
  const components = section(data.components, entry(component, 'components', empty(component)));
  // A vantage point keeps its id even when broken: checks name it.
  const vantages = section(
    data.vantages,
    entry(vantage, 'vantages', () => ({ provider: '' }) as z.output<typeof vantage>),
  );
  const checks = section(data.checks, whole(check));
  const notify = section(data.notify, whole(notifyChannel));
  const failover = section(data.failover, (v, id) => salvageFailover(v, `failover\u0000${id}`, positions));
  if (!services || !components || !vantages || !checks || !notify || !failover) return undefined;
  const runtime = whole(configSchema.shape.runtime)(data.runtime);
  const page = whole(statusPage)(data.statusPage);
  const saved = whole(backups)(data.backups);
  const config = {
    version: 1,
    name: '',
    services,
    components,
    vantages,
    checks,
    failover,
    notify,
    ...(runtime === undefined ? {} : { runtime }),
    ...(page === undefined ? {} : { statusPage: page }),
    ...(saved === undefined ? {} : { backups: saved }),
    ...salvagePlan(data),
  } as Config;
  const original = (path: readonly PathSegment[]): PathSegment[] => {
    const [section, id, field, index, ...rest] = path;
    const kept = positions.get(`${String(section)}\u0000${String(id)}\u0000${String(field)}`);
    if (kept === undefined || typeof index !== 'number') return [...path];
    return [section!, id!, field!, kept[index] ?? index, ...rest];
  };
  return { config, original };
}

/**
 * The value types every part of bascule.yaml is built from (ids, durations, host:port, secrets), so
 * the probe and channel descriptors can use them without importing the whole schema.
 */
import { z } from 'zod';
import { MAX_CHECK_ID } from '../monitor/limits.ts';
import { DURATION_PATTERN } from './duration.ts';

export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]*$';

export const id = z.string().regex(new RegExp(ID_PATTERN), { message: 'id' }).meta({
  description: 'An id: letters, digits, ".", "_" and "-", starting with a letter or digit.',
});
/** A check's id: an id of at most MAX_CHECK_ID characters (results carry it to and from agents). */
export const checkId = id.max(MAX_CHECK_ID).meta({
  description: `An id (letters, digits, ".", "_" and "-", starting with a letter or digit) of at most ${MAX_CHECK_ID} characters.`,
});
export const duration = z
  .string()
  .regex(new RegExp(DURATION_PATTERN), { message: 'duration' })
  .meta({ description: 'A duration: 800ms, 30s, 15m, 4h, 2d, or a compound such as 1h30m.' });
export const text = z.string().min(1);

/** host:port, [v6]:port */
export const HOST_PORT_PATTERN = '^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+):\\d{1,5}$';
/** host:port or [v6]:port with a port from 0 to 65535. */
export function isHostPort(text: string): boolean {
  return new RegExp(HOST_PORT_PATTERN).test(text) && Number(text.slice(text.lastIndexOf(':') + 1)) <= 65_535;
}
export const hostPort = z
  .string()
  .regex(new RegExp(HOST_PORT_PATTERN), { message: 'hostPort' })
  .superRefine((value, ctx) => {
    // The pattern has its own issue; a port past 65535 is reported the same way.
    if (new RegExp(HOST_PORT_PATTERN).test(value) && !isHostPort(value))
      ctx.addIssue({ code: 'invalid_format', format: 'regex', message: 'hostPort', input: value });
  })
  .meta({ description: 'host:port, or [IPv6]:port.' });

/** `host:port` or `[v6]:port` (validated by the schema). */
export function parseHostPort(text: string): { host: string; port: number } {
  const i = text.lastIndexOf(':');
  const host = text.slice(0, i).replace(/^\[(.*)\]$/, '$1');
  return { host, port: Number(text.slice(i + 1)) };
}

/** A secret is never written in the file: it is read from the environment or from a file. */
export const secret = z
  .union([z.strictObject({ env: text }), z.strictObject({ file: text })])
  .meta({ description: 'A secret: {env: VARIABLE} or {file: /path/to/file} (its content, trimmed).' });

export function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Merges the shapes of several plugins; a key two plugins share must be the same schema object. */
export function mergeShapes(
  what: string,
  shapes: readonly (readonly [owner: string, shape: Readonly<Record<string, z.ZodType>>])[],
): Record<string, z.ZodType> {
  const out: Record<string, z.ZodType> = {};
  const owners: Record<string, string> = {};
  for (const [owner, shape] of shapes) {
    for (const [key, schema] of Object.entries(shape)) {
      const before = out[key];
      if (before !== undefined && before !== schema) {
        throw new Error(
          `${what}: "${key}" of ${owner} differs from the one of ${owners[key]}; share one schema`,
        );
      }
      out[key] = schema;
      owners[key] ??= owner;
    }
  }
  return out;
}

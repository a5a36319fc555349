/**
 * What the schema says of a path: the keys it allows there, for "did you mean" hints on unknown keys,
 * and whether a secret is there, so that no message echoes what was written at it.
 */
import { z } from 'zod';
import type { PathSegment } from './locate.ts';

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable)
      s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else if (s instanceof z.ZodLazy) s = s.unwrap() as z.ZodType;
    else return s;
  }
}

function step(schema: z.ZodType, seg: PathSegment): z.ZodType[] {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject) {
    const child = (s.shape as Record<string, z.ZodType>)[String(seg)];
    return child ? [child] : [];
  }
  if (s instanceof z.ZodRecord) return [s.valueType as z.ZodType];
  if (s instanceof z.ZodArray) return [s.element as z.ZodType];
  if (s instanceof z.ZodUnion) return (s.options as z.ZodType[]).flatMap((o) => step(o, seg));
  return [];
}

/** Every key an object schema reached by `path` accepts (several when a union is on the way). */
export function knownKeysAt(root: z.ZodType, path: readonly PathSegment[]): string[] {
  let current: z.ZodType[] = [root];
  for (const seg of path) current = current.flatMap((s) => step(s, seg));
  const keys = new Set<string>();
  const collect = (schema: z.ZodType): void => {
    const s = unwrap(schema);
    if (s instanceof z.ZodObject) for (const k of Object.keys(s.shape)) keys.add(k);
    else if (s instanceof z.ZodUnion) for (const o of s.options as z.ZodType[]) collect(o);
  };
  for (const s of current) collect(s);
  return [...keys];
}

/** The shape of a secret (schema-primitives.ts): `{env: VARIABLE}` or `{file: PATH}`, nothing else. */
function isSecret(schema: z.ZodType): boolean {
  const s = unwrap(schema);
  if (!(s instanceof z.ZodUnion)) return false;
  const keys = (s.options as z.ZodType[]).map((o) => {
    const u = unwrap(o);
    return u instanceof z.ZodObject ? Object.keys(u.shape).join(',') : '';
  });
  return keys.length === 2 && keys.includes('env') && keys.includes('file');
}

/** Whether the schema expects a secret at `path` (`backups.targets.nas.password`). */
export function isSecretAt(root: z.ZodType, path: readonly PathSegment[]): boolean {
  let current: z.ZodType[] = [root];
  for (const seg of path) current = current.flatMap((s) => step(s, seg));
  return current.some(isSecret);
}

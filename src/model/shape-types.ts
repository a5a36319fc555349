/** Type helpers shared by the probe and channel tables: one config shape from a union of kinds. */
import type { z } from 'zod';

export type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

export type Flat<T> = { [K in keyof T]: T[K] };

/** `{http: ZodOptional<…>}` for a kind whose type is `http` and whose key schema is its value. */
export type OwnKeys<K> = K extends {
  readonly type: infer Ty extends string;
  readonly key: infer S extends z.ZodType;
}
  ? { [P in Ty]: z.ZodOptional<S> }
  : never;

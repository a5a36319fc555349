/**
 * The pure half of a probe type: its key and options in a check, the `expect` keys that apply to it,
 * extra checks of its values, and how a check compiles to the target its runner (src/probes/) probes.
 * No I/O here: model/ and monitor/ import it.
 */
import type { z } from 'zod';
import type { PathSegment } from '../locate.ts';
import type { RawDiagnostic } from '../schema-issues.ts';

/** A zod object shape: key → schema. */
export type Shape = Readonly<Record<string, z.ZodType>>;

/** Defaults the compiled targets fall back on (set by monitor/compile.ts). */
export interface ProbeDefaults {
  readonly certValidForMs: number;
}

/** What a probe sees of a validated check: its own key (set), its options and its `expect` keys. */
export type ProbeInput<Ty extends string, K extends z.ZodType, O extends Shape, E extends Shape> = {
  readonly [P in Ty]: z.output<K>;
} & Readonly<z.output<z.ZodObject<O>>> & { readonly expect?: Readonly<z.output<z.ZodObject<E>>> | undefined };

export interface ProbeKind<
  Ty extends string = string,
  K extends z.ZodType = z.ZodType,
  O extends Shape = Shape,
  E extends Shape = Shape,
  T extends { readonly type: Ty } = { readonly type: Ty },
> {
  /** Also the probe's key in a check: `http: URL`. */
  readonly type: Ty;
  /** The schema of the value under that key (with its description). */
  readonly key: K;
  /** Its other keys in a check (optional ones); a key several probes share is one shared schema. */
  readonly options: O;
  /** Its keys under `expect` (optional ones). */
  readonly expect: E;
  /** What the schema cannot say (a URL's scheme, a regex that compiles); paths under `path`. */
  validate?(spec: ProbeInput<Ty, K, O, E>, path: readonly PathSegment[]): RawDiagnostic[];
  /** The target as the runner probes it: pure, every default applied, JSON-serialisable. */
  compile(spec: ProbeInput<Ty, K, O, E>, defaults: ProbeDefaults): T;
}

/** Declares a probe kind, inferring its types from the object (and freezing it). */
export function defineProbe<
  Ty extends string,
  K extends z.ZodType,
  O extends Shape,
  E extends Shape,
  T extends { readonly type: Ty },
>(kind: ProbeKind<Ty, K, O, E, T>): ProbeKind<Ty, K, O, E, T> {
  return Object.freeze(kind);
}

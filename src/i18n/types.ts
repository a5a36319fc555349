/** The types of the catalogues: messages, the parameters each one takes, and the checks between languages. */

/** A message: a template with `{name}` placeholders, or a function of its parameters (plurals, agreement). */
export type Message = string | ((params: never) => string);

/** A value a template placeholder takes. */
export type Param = string | number;

/** The `{name}` placeholders of a template (`{anyOf: [a, b]}` and the like are text, not placeholders). */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? (P extends `${string} ${string}` ? never : P) | Placeholders<Rest>
  : never;

/** The parameters a message takes: its function's argument, or one value per placeholder of its template. */
export type ParamsOf<M> = M extends (params: infer P) => string
  ? P
  : M extends string
    ? { readonly [K in Placeholders<M>]: Param }
    : never;

/**
 * What a translation of catalogue `E` must be: the same keys (no more, no fewer), a string where the
 * English is a template, a function taking the same parameters where the English is a function.
 */
export type Translations<E> = {
  readonly [K in keyof E]: E[K] extends string ? string : E[K];
};

/** Keys whose template in `F` uses other placeholders than in `E`. */
type Mismatched<E, F> = {
  [K in keyof E & keyof F]: E[K] extends string
    ? F[K] extends string
      ? [Placeholders<E[K]>] extends [Placeholders<F[K]>]
        ? [Placeholders<F[K]>] extends [Placeholders<E[K]>]
          ? never
          : K
        : K
      : never
    : never;
}[keyof E & keyof F];

/** `true` when both catalogues' templates use the same placeholders, else the keys that differ (a compile error where it is asserted). */
export type SamePlaceholders<E, F> = [Mismatched<E, F>] extends [never]
  ? true
  : { mismatched: Mismatched<E, F> };

type KeysOf<T> = T extends unknown ? keyof T : never;

/** Keys defined by more than one of the domain catalogues (which would silently override each other). */
export type Collisions<T extends readonly object[]> = T extends readonly [
  infer H,
  ...infer R extends readonly object[],
]
  ? (keyof H & KeysOf<R[number]>) | Collisions<R>
  : never;

/** Helpers for catalogues that word a code (a failure reason, a type name) through a table. */

/** A word from a table, or the code itself when the table does not know it (data from a newer version). */
export function word(table: Readonly<Record<string, string>>, code: string): string {
  return table[code] ?? code;
}

/** A table as catalogue entries under a prefix: `prefixed('reason.', { timeout: 'timeout' })` has key `reason.timeout`. */
export function prefixed<P extends string, T extends Readonly<Record<string, string>>>(
  prefix: P,
  table: T,
): { readonly [K in keyof T & string as `${P}${K}`]: T[K] } {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [`${prefix}${k}`, v])) as {
    readonly [K in keyof T & string as `${P}${K}`]: T[K];
  };
}

/** French "de" before a name: elided before a vowel ("d’AWS", "d’OVH"), not before a consonant or an h ("de Hetzner"). */
export function deFr(name: string): string {
  return /^[aeiouyàâäéèêëîïôöûüù]/i.test(name) ? `d’${name}` : `de ${name}`;
}

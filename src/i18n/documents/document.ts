/**
 * Long documents (the starter map of `bascule init`, later the continuity plan and the status page)
 * written as one template per language rather than assembled from short strings, so that each
 * language can order, agree and phrase its sentences as its readers expect.
 */
import type { Lang } from '../lang.ts';
import { count, type PluralForms, plural } from '../plural.ts';

/** What every template gets besides its parameters: the rules of its language. */
export interface DocumentHelpers {
  readonly lang: Lang;
  /** The form for a count: `plural(n, { one: 'service', other: 'services' })`. */
  plural(n: number, forms: PluralForms): string;
  /** The count and its form: `2 services`; in French `0 service`. */
  count(n: number, forms: PluralForms): string;
  /** A list as a sentence: `a, b and c`; in French `a, b et c`. */
  list(items: readonly string[]): string;
  /** A date as people of the language write it: `24 November 2026`, `24 novembre 2026` (UTC). */
  date(ms: number): string;
  /** Lines joined into a text that ends with a newline; `false` and `undefined` lines are left out. */
  lines(...lines: readonly (string | false | undefined | readonly string[])[]): string;
}

/** One language's version of a document. */
export type Template<P> = (params: P, h: DocumentHelpers) => string;

/** A document: one template per language, every one taking the same parameters (a missing language does not compile). */
export type Document<P> = { readonly [L in Lang]: Template<P> };

const LOCALE: Readonly<Record<Lang, string>> = { en: 'en-GB', fr: 'fr-FR' };

export function helpers(lang: Lang): DocumentHelpers {
  const lists = new Intl.ListFormat(LOCALE[lang], { type: 'conjunction' });
  const dates = new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeZone: 'UTC' });
  return {
    lang,
    plural: (n, forms) => plural(lang, n, forms),
    count: (n, forms) => count(lang, n, forms),
    list: (items) => lists.format(items),
    date: (ms) => dates.format(ms),
    lines: (...lines) =>
      `${lines
        .flat()
        .filter((l) => typeof l === 'string')
        .join('\n')}\n`,
  };
}

/** The document in one language. */
export function renderDocument<P>(document: Document<P>, lang: Lang, params: P): string {
  return document[lang](params, helpers(lang));
}

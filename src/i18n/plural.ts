/** Plurals by the rules of each language (Intl.PluralRules): in French 0 and 1 are singular, in English only 1. */
import type { Lang } from './lang.ts';

/** The forms of a word or phrase by count; `many` (French for 1 000 000 and up) falls back to `other`. */
export interface PluralForms {
  readonly one: string;
  readonly other: string;
  readonly many?: string;
}

const RULES: Readonly<Record<Lang, Intl.PluralRules>> = {
  en: new Intl.PluralRules('en'),
  fr: new Intl.PluralRules('fr'),
};

/** The form for `n`: `plural('fr', 0, { one: 'service tombé', other: 'services tombés' })` is `service tombé`. */
export function plural(lang: Lang, n: number, forms: PluralForms): string {
  const category = RULES[lang].select(n);
  if (category === 'one') return forms.one;
  if (category === 'many') return forms.many ?? forms.other;
  return forms.other;
}

/** The count and its form: `count('en', 2, { one: 'service down', other: 'services down' })` is `2 services down`. */
export function count(lang: Lang, n: number, forms: PluralForms): string {
  return `${n} ${plural(lang, n, forms)}`;
}

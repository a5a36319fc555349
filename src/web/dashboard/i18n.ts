/**
 * The dashboard's words: the shared catalogue (src/i18n/catalogues/dashboard.ts) bundled as it is,
 * in the language the browser prefers (French if it comes first, else English) or the one the
 * operator switched to (kept in localStorage).
 */
import { en, fr } from '../../i18n/catalogues/dashboard.ts';
import type { ParamsOf } from '../../i18n/types.ts';

export type { Lang } from './lang.ts';

import type { Lang } from './lang.ts';

type English = typeof en;
export type Key = keyof English;
/** A message's parameters, checked as the server's catalogue checks them: none, or each placeholder. */
type Args<K extends Key> = [keyof ParamsOf<English[K]>] extends [never]
  ? [params?: ParamsOf<English[K]>]
  : [params: ParamsOf<English[K]>];

const CATALOGUES: Readonly<Record<Lang, Readonly<Record<Key, unknown>>>> = { en, fr };
const STORED = 'bascule.lang';

export function initialLang(): Lang {
  try {
    const kept = localStorage.getItem(STORED);
    if (kept === 'en' || kept === 'fr') return kept;
  } catch {
    // storage refused (private mode): the browser's language
  }
  for (const l of navigator.languages ?? [navigator.language]) {
    if (/^fr\b/i.test(l)) return 'fr';
    if (/^en\b/i.test(l)) return 'en';
  }
  return 'en';
}

export function keepLang(lang: Lang): void {
  try {
    localStorage.setItem(STORED, lang);
  } catch {
    // not kept: the next visit follows the browser again
  }
}

/** Fills `{name}` holes; in French, "de"/"que" before a vowel are elided as the server does. */
function fill(lang: Lang, text: string, params: Readonly<Record<string, string | number>>): string {
  return text.replace(/(\b(?:de|que) )?\{(\w+)\}/g, (hole, before: string | undefined, name: string) => {
    const value = params[name];
    if (value === undefined) return hole;
    const s = String(value);
    if (before === undefined) return s;
    if (lang === 'fr' && /^[aeiouyàâäéèêëîïôöûüù]/i.test(s))
      return `${before.trim() === 'de' ? 'd’' : 'qu’'}${s}`;
    return `${before}${s}`;
  });
}

export function translate<K extends Key>(lang: Lang, key: K, ...args: Args<K>): string {
  const m = CATALOGUES[lang][key];
  const params = (args[0] ?? {}) as Readonly<Record<string, string | number>>;
  if (typeof m === 'function') return (m as (p: unknown) => string)(params);
  return fill(lang, m as string, params);
}

/** `t` bound to a language, as the views take it. */
export type T = <K extends Key>(key: K, ...args: Args<K>) => string;
export const translator =
  (lang: Lang): T =>
  (key, ...args) =>
    translate(lang, key, ...args);

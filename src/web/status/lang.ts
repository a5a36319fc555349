/** Which language a reader gets, and a text in it (or in the other language, marked as such). */
import { LANGS, type Lang } from '../../i18n/index.ts';
import type { Texts } from './input.ts';

/**
 * The language of `Accept-Language` that the page speaks with the highest weight (RFC 9110
 * §12.5.4: `fr-CA;q=0.8, en;q=0.5`), or undefined when it names neither (`*` takes the default).
 */
export function acceptedLang(header: string | undefined): Lang | undefined {
  if (!header) return undefined;
  let best: { lang: Lang; q: number } | undefined;
  for (const part of header.split(',').slice(0, 32)) {
    const [range = '', ...params] = part.trim().split(';');
    const tag = range.trim().toLowerCase().split('-')[0]!;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    const lang = LANGS.find((l) => l === tag);
    if (lang && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang;
}

/** `?lang=`, else the browser's preference, else the page's default. */
export function readerLang(
  query: Lang | undefined,
  acceptLanguage: string | undefined,
  fallback: Lang,
): Lang {
  return query ?? acceptedLang(acceptLanguage) ?? fallback;
}

/** A text in `lang`, else in the other language (with that language, for a `lang` attribute). */
export function pick(t: Texts, lang: Lang): { readonly text: string; readonly lang: Lang } {
  const own = t[lang];
  if (own !== undefined) return { text: own, lang };
  const other = LANGS.find((l) => l !== lang && t[l] !== undefined);
  return other ? { text: t[other]!, lang: other } : { text: '', lang };
}

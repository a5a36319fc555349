/** The languages Bascule speaks, and how it picks one. */

export type Lang = 'en' | 'fr';
export const LANGS: readonly Lang[] = ['en', 'fr'];

/**
 * The language from --lang, else from LC_ALL/LC_MESSAGES/LANG when it names English or French, else
 * the map's own `lang:` (written by `bascule init`), else English. A locale such as C or C.UTF-8
 * names no language: the map's then counts.
 */
export function detectLang(flag: string | undefined, env: NodeJS.ProcessEnv, mapLang?: Lang): Lang {
  if (flag === 'fr' || flag === 'en') return flag;
  const locale = (env.LC_ALL || env.LC_MESSAGES || env.LANG || '').toLowerCase();
  if (locale.startsWith('fr')) return 'fr';
  if (locale.startsWith('en')) return 'en';
  return mapLang ?? 'en';
}

/** The `lang:` a map declares at its top level, read without parsing it (so its errors come in its language). */
export function mapLangOf(text: string): Lang | undefined {
  const m = /^lang:\s*["']?(en|fr)["']?\s*(#.*)?$/m.exec(text);
  return m ? (m[1] as Lang) : undefined;
}

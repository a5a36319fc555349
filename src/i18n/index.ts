/** Message catalogues: every text a user reads exists in English and French. */
import type { Diagnostic, Params } from '../errors.ts';
import { en, type MessageKey } from './en.ts';
import { fr } from './fr.ts';

export type Lang = 'en' | 'fr';
export const LANGS: readonly Lang[] = ['en', 'fr'];
const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { en, fr };

export type { MessageKey };

/** The language from --lang, else from LANG/LC_ALL/LC_MESSAGES, else English. */
export function detectLang(flag: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (flag === 'fr' || flag === 'en') return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** A message with its {placeholders} filled; `suggestion` adds a "did you mean" hint. */
export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  const template = CATALOGUES[lang][key];
  const fill = (source: string): string =>
    source.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined) return `{${name}}`;
      // A value "@key" is itself a message key (a type name, a kind of reference), translated here.
      if (typeof value === 'string' && value.startsWith('@') && value.slice(1) in CATALOGUES[lang]) {
        return CATALOGUES[lang][value.slice(1) as MessageKey];
      }
      return String(value);
    });
  // Two passes: a translated "@key" value may itself hold placeholders.
  let text = fill(fill(template));
  if (params.suggestion !== undefined && !template.includes('{suggestion}')) {
    text += CATALOGUES[lang]['hint.didYouMean'].replace('{suggestion}', String(params.suggestion));
  }
  return text;
}

/** `bascule.yaml:12:7: components.web.dependsOn[1]: unknown component "dbb" — did you mean "db"?` */
export function formatDiagnostic(lang: Lang, d: Diagnostic): string {
  const where = d.file ? (d.line ? `${d.file}:${d.line}:${d.col ?? 1}: ` : `${d.file}: `) : '';
  const path = d.path ? `${d.path}: ` : '';
  return `${where}${path}${t(lang, d.code, d.params)}`;
}

/** Message catalogues: every text a user reads exists in English and French, with typed parameters. */
import type { Diagnostic, Params } from '../errors.ts';
import { type English, en, fr, type MessageKey } from './catalogue.ts';
import { compile, fill, type Template } from './fill.ts';
import type { Lang } from './lang.ts';
import type { Message, ParamsOf } from './types.ts';

export { detectLang, LANGS, type Lang, mapLangOf } from './lang.ts';
export { count, plural } from './plural.ts';
export type { MessageKey };

const CATALOGUES: Readonly<Record<Lang, Readonly<Record<MessageKey, Message>>>> = { en, fr };

type First<T> = T extends readonly [infer F, ...unknown[]] ? F : never;
type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The parameters of a message, as its English entry declares them (of every message, for a union of keys). */
export type MessageParams<K extends MessageKey> = First<
  Intersection<{ [P in K]: [ParamsOf<English[P]>] }[K]>
>;

/** The keys of messages that take no parameters (headings, column names, command summaries). */
export type PlainKey = {
  [K in MessageKey]: [keyof MessageParams<K>] extends [never] ? K : never;
}[MessageKey];

/** The rest of `t`'s arguments: nothing for a message without parameters, else its parameters. */
export type ParamsArg<K extends MessageKey> = [keyof MessageParams<K>] extends [never]
  ? [params?: MessageParams<K>]
  : [params: MessageParams<K>];

/** A message in a language, its parameters checked when compiling: `t('fr', 'cli.simulate.down', { count: 2 })`. */
export function t<K extends MessageKey>(lang: Lang, key: K, ...params: ParamsArg<K>): string {
  return render(lang, key, (params[0] ?? {}) as Params);
}

/** Each language's templates, compiled when first rendered (fill.ts). */
const COMPILED: Readonly<Record<Lang, Map<MessageKey, Template>>> = { en: new Map(), fr: new Map() };

/**
 * A message whose key and parameters come from data (a diagnostic, a finding), so they are not
 * checked when compiling: a missing placeholder stays `{name}`; `suggestion` adds a "did you mean".
 */
export function render(lang: Lang, key: MessageKey, params: Params): string {
  const message = CATALOGUES[lang][key];
  if (typeof message === 'function') {
    const text = (message as (p: Params) => string)(params);
    return params.suggestion === undefined ? text : text + didYouMean(lang, params.suggestion);
  }
  let compiled = COMPILED[lang].get(key);
  if (compiled === undefined) {
    compiled = compile(lang, message);
    COMPILED[lang].set(key, compiled);
  }
  const text = fill(compiled, params);
  if (params.suggestion === undefined || compiled.hasSuggestion) return text;
  return text + didYouMean(lang, params.suggestion);
}

function didYouMean(lang: Lang, suggestion: string | number): string {
  return render(lang, 'hint.didYouMean', { suggestion });
}

/** A message with its placeholders left as `{name}` (plurals take their general form): for docs and tests. */
export function template(lang: Lang, key: MessageKey): string {
  const message = CATALOGUES[lang][key];
  if (typeof message === 'string') return message;
  const holes = new Proxy({}, { get: (_, name) => (typeof name === 'string' ? `{${name}}` : undefined) });
  return (message as (p: object) => string)(holes);
}

/** `bascule.yaml:12:7: components.web.dependsOn[1]: unknown component "dbb" — did you mean "db"?` */
export function formatDiagnostic(lang: Lang, d: Diagnostic): string {
  const where = d.file ? (d.line ? `${d.file}:${d.line}:${d.col ?? 1}: ` : `${d.file}: `) : '';
  const path = d.path ? `${d.path}: ` : '';
  return `${where}${path}${render(lang, d.code, d.params)}`;
}

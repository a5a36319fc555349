/**
 * Templates compiled once: a catalogue template split into its literal parts and its `{name}` holes,
 * so that filling it is a few concatenations rather than a regular expression run per message (a deep
 * map's report renders tens of thousands). In French, "de" and "que" before a hole are elided when the
 * value starts with a vowel ("d’ovh", "qu’erp"): the catalogue's own words are written right, the
 * values are not known in advance; in English those words are plain text of the literal before.
 */
import type { Params } from '../errors.ts';
import type { Lang } from './lang.ts';

interface Hole {
  readonly name: string;
  /** `de ` or `que ` written just before the hole, in French; undefined otherwise. */
  readonly before: string | undefined;
  /** What `before` becomes before a vowel: `d’`, `qu’`. */
  readonly elided: string;
  /** The hole as written (with `before`), kept when no value is given. */
  readonly raw: string;
}

export interface Template {
  /** One more than the holes: the text before each hole, and after the last. */
  readonly literals: readonly string[];
  readonly holes: readonly Hole[];
  /** Whether the template says the "did you mean" itself. */
  readonly hasSuggestion: boolean;
}

const HOLE = /(\b(?:de|que) )?\{(\w+)\}/g;
const VOWEL = /^[aeiouyàâäéèêëîïôöûüù]/i;

export function compile(lang: Lang, template: string): Template {
  const literals: string[] = [];
  const holes: Hole[] = [];
  let text = '';
  let at = 0;
  for (const m of template.matchAll(HOLE)) {
    text += template.slice(at, m.index);
    at = m.index + m[0].length;
    const before = lang === 'fr' ? m[1] : undefined;
    // Only French elides: elsewhere the word stays in the literal, and so in `raw`'s place.
    if (m[1] !== undefined && before === undefined) text += m[1];
    literals.push(text);
    text = '';
    holes.push({
      name: m[2]!,
      before,
      elided: before === 'de ' ? 'd’' : 'qu’',
      raw: before === undefined ? `{${m[2]}}` : m[0],
    });
  }
  literals.push(text + template.slice(at));
  return { literals, holes, hasSuggestion: template.includes('{suggestion}') };
}

/** The template with its holes filled; a hole without a value stays `{name}`. */
export function fill(template: Template, params: Params): string {
  const { literals, holes } = template;
  let out = literals[0]!;
  for (let i = 0; i < holes.length; i++) {
    const hole = holes[i]!;
    const value = params[hole.name];
    if (value === undefined) out += hole.raw;
    else {
      const text = String(value);
      if (hole.before === undefined) out += text;
      else out += (VOWEL.test(text) ? hole.elided : hole.before) + text;
    }
    out += literals[i + 1]!;
  }
  return out;
}

/**
 * The regular expressions of checks (`expect.bodyRegex`), in RE2 syntax and matched by re2js, a
 * port of RE2: matching takes time linear in the body whatever the pattern, so no pattern can
 * freeze the daemon (`^(a+)+$` against "aaaa…!" is a backtracking engine's exponential case). The
 * price is RE2's syntax: no backreferences, no lookahead or lookbehind. Pure.
 */
import { RE2JS } from 're2js';
import type { PatternProblem } from '../../errors.ts';

/** RE2's parse errors (their descriptions), by the problem people are told about. */
const PROBLEMS: readonly (readonly [description: string, problem: PatternProblem])[] = [
  ['invalid escape sequence', 'escape'],
  ['trailing backslash', 'escape'],
  ['invalid or unsupported Perl syntax', 'unsupported'],
  ['invalid named capture', 'group-name'],
  ['duplicate capture group name', 'group-name'],
  ['missing closing ]', 'bracket'],
  ['invalid character class range', 'bracket'],
  ['missing closing )', 'paren'],
  ['unexpected )', 'paren'],
  ['invalid repeat count', 'repeat'],
  ['invalid nested repetition operator', 'repeat'],
  ['missing argument to repetition operator', 'repeat'],
  ['expression too large', 'too-large'],
  ['expression nests too deeply', 'too-large'],
];

/** Why a pattern is refused, and the part of it RE2 points at (at most 60 characters). */
export interface PatternError {
  readonly problem: PatternProblem;
  readonly fragment: string;
}

/** The pattern compiled, or why RE2 refuses it. */
export function compilePattern(source: string): RE2JS | PatternError {
  try {
    return RE2JS.compile(source);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const problem = PROBLEMS.find(([d]) => message.includes(d))?.[1] ?? 'other';
    const { input } = e as { input?: unknown };
    const fragment = typeof input === 'string' && input !== '' ? input : source;
    return { problem, fragment: fragment.length > 60 ? `${fragment.slice(0, 59)}…` : fragment };
  }
}

const compiled = new WeakMap<object, RE2JS>();

/**
 * The compiled pattern of a target, compiled once: when the check is compiled (the descriptor
 * calls this), or on first use for a target that came as JSON (an agent's). Undefined when RE2
 * refuses it, which validation at load prevents for a map this version read.
 */
export function targetPattern(target: object, source: string): RE2JS | undefined {
  let p = compiled.get(target);
  if (!p) {
    const c = compilePattern(source);
    if (!(c instanceof RE2JS)) return undefined;
    p = c;
    compiled.set(target, p);
  }
  return p;
}

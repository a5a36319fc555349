/**
 * YAML syntax problems as Bascule diagnostics: each error of the `yaml` parser (BAD_INDENT,
 * MISSING_CHAR, TAB_AS_INDENT…) mapped to a registry code, located where the user must look (the
 * over-indented line, the opening quote or bracket, the key without its colon), and one per problem.
 *
 * One mistake makes the parser report several errors (it loses the structure after it), so: at most
 * one error per top-level section (`services:`, `components:`…), the first; and nothing after an
 * unclosed quote or bracket, which swallows the rest of the file.
 */
import type { YAMLError } from 'yaml';
import type { Diagnostic, ErrorCode, Params, YamlProblem } from '../errors.ts';

interface Found {
  readonly code: ErrorCode;
  /** Offset in the text where the message points. */
  readonly at: number;
  readonly params: Params;
  /** The rest of the file cannot be trusted after this one. */
  readonly swallows?: boolean;
}

const OTHER: Readonly<Record<string, YamlProblem>> = {
  BAD_DQ_ESCAPE: 'escape',
  BAD_SCALAR_START: 'start',
  UNEXPECTED_TOKEN: 'token',
  BLOCK_IN_FLOW: 'token',
  MULTIPLE_DOCS: 'documents',
  KEY_OVER_1024_CHARS: 'key-length',
  BAD_ALIAS: 'alias',
  ALIAS_PROPS: 'alias',
  MULTIPLE_ANCHORS: 'anchor',
  MULTIPLE_TAGS: 'tag',
  TAG_RESOLVE_FAILED: 'tag',
  BAD_DIRECTIVE: 'directive',
};

/** Longest text of the user's quoted in a message. */
const MAX_SHOWN = 40;

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

function lineEnd(text: string, at: number): number {
  const end = text.indexOf('\n', at);
  return end === -1 ? text.length : end;
}

/** The first non-blank character of the line holding `at`. */
function firstOfLine(text: string, at: number): number {
  const start = lineStart(text, at);
  const m = /^[ \t]*/.exec(text.slice(start, lineEnd(text, at)));
  return start + (m?.[0].length ?? 0);
}

/** The first non-blank character of the next line that is neither blank nor a comment. */
function nextContentLine(text: string, at: number): number | undefined {
  let pos = lineEnd(text, at) + 1;
  for (let n = 0; pos < text.length && n < 10_000; n++) {
    const first = firstOfLine(text, pos);
    const ch = text[first];
    if (ch !== undefined && ch !== '\n' && ch !== '\r' && ch !== '#') return first;
    pos = lineEnd(text, pos) + 1;
  }
  return undefined;
}

/** Whether `at` is in the value part of a `key: value` line. */
function afterColon(text: string, at: number): boolean {
  return /:\s/.test(text.slice(lineStart(text, at), at));
}

function shown(s: string): string {
  const t = s.trim();
  return t.length > MAX_SHOWN ? `${t.slice(0, MAX_SHOWN)}…` : t;
}

/** The first word of the line at `at`: the key (or list item) that is out of line. */
function token(text: string, at: number): string {
  return shown(/^(?:- +)?[^\s:]*/.exec(text.slice(at, lineEnd(text, at)))?.[0] ?? '') || '?';
}

/** The opening quote of a string never closed: the last quote before the end (none inside can be unescaped). */
function openingQuote(text: string, end: number, quote: '"' | "'"): number {
  let i = end;
  while (i > 0) {
    i = text.lastIndexOf(quote, i - 1);
    if (i <= 0) break;
    if (quote === "'" && text[i - 1] === "'") i -= 1;
    else if (quote === '"' && text[i - 1] === '\\') continue;
    else return i;
  }
  return Math.max(i, 0);
}

/** The bracket left open before `end`: `{` or `[`, skipping pairs closed in between. */
function openingBracket(text: string, end: number, open: '{' | '['): number {
  const close = open === '{' ? '}' : ']';
  let depth = 0;
  for (let i = Math.min(end, text.length) - 1, n = 0; i >= 0 && n < 1_000_000; i--, n++) {
    if (text[i] === close) depth++;
    else if (text[i] === open) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return end;
}

function classify(e: YAMLError, text: string): Found {
  const from = e.pos[0];
  const message = e.message;
  switch (e.code) {
    case 'TAB_AS_INDENT':
      return { code: 'BASCULE_E_YAML_TAB', at: lineStart(text, from), params: {} };
    case 'DUPLICATE_KEY':
      return {
        code: 'BASCULE_E_YAML_DUPLICATE_KEY',
        at: from,
        params: { key: token(text, from) },
      };
    case 'MISSING_CHAR': {
      const quote = /closing (["'])/.exec(message)?.[1] as '"' | "'" | undefined;
      if (quote) {
        const at = openingQuote(text, from, quote);
        return {
          code: 'BASCULE_E_YAML_QUOTE',
          at,
          params: { quote: quote === '"' ? 'double' : 'single' },
          swallows: true,
        };
      }
      if (/followed by map values/.test(message)) {
        return {
          code: 'BASCULE_E_YAML_COLON',
          at: from,
          params: { text: shown(text.slice(from, lineEnd(text, from))) },
        };
      }
      break;
    }
    case 'BAD_INDENT': {
      const bracket = /end with an? ([\]}])/.exec(message)?.[1];
      if (bracket) {
        const open = bracket === '}' ? '{' : '[';
        return {
          code: 'BASCULE_E_YAML_BRACKET',
          at: openingBracket(text, from, open),
          params: { open, close: bracket },
          swallows: true,
        };
      }
      return indentation(text, from);
    }
    case 'BLOCK_AS_IMPLICIT_KEY':
      return indentation(text, from);
    case 'MULTILINE_IMPLICIT_KEY':
      // `key: value` then a line indented further: the next line is the problem; else a key lost its colon.
      if (afterColon(text, from)) return indentation(text, from);
      return {
        code: 'BASCULE_E_YAML_COLON',
        at: from,
        params: { text: shown(text.slice(from, lineEnd(text, from))) },
      };
    default:
      break;
  }
  return {
    code: 'BASCULE_E_YAML_SYNTAX',
    at: from,
    params: { problem: OTHER[e.code] ?? 'other', yaml: e.code },
  };
}

/** An indentation problem, at the line out of line: the one after a `key: value` that goes on, else this one. */
function indentation(text: string, from: number): Found {
  const at = afterColon(text, from) ? (nextContentLine(text, from) ?? from) : firstOfLine(text, from);
  return { code: 'BASCULE_E_YAML_INDENT', at, params: { key: token(text, at) } };
}

/** The top-level section (its line's offset) that holds `at`: the last line before it starting at column 1. */
function sectionOf(text: string, at: number): number {
  let start = lineStart(text, at);
  for (let n = 0; start > 0 && n < 1_000_000; n++) {
    const ch = text[start];
    if (ch !== undefined && !' \t\n\r#'.includes(ch)) return start;
    start = lineStart(text, start - 1);
  }
  return 0;
}

/** Located diagnostics for the parser's errors: one per problem, cascades left out. */
export function yamlDiagnostics(
  errors: readonly YAMLError[],
  text: string,
  file: string,
  position: (offset: number) => { line: number; col: number },
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const sections = new Set<number>();
  const sorted = [...errors].sort((a, b) => a.pos[0] - b.pos[0]);
  for (const e of sorted) {
    const found = classify(e, text);
    const section = sectionOf(text, found.at);
    // A duplicate key breaks nothing around it: each one is its own problem.
    const own = found.code === 'BASCULE_E_YAML_DUPLICATE_KEY';
    if (own || !sections.has(section)) {
      if (!own) sections.add(section);
      const pos = position(found.at);
      out.push({ code: found.code, file, line: pos.line, col: pos.col, params: found.params });
    }
    if (found.swallows) break;
  }
  return out;
}

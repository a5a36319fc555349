/**
 * A TSIG key as the secret gives it: the base64 secret alone, or the `key` statement `tsig-keygen`
 * writes (`key "bascule" { algorithm hmac-sha256; secret "…"; };`), which is parsed here and only
 * that: one statement, an algorithm and a secret. A mistake is a located error (line and column in
 * the key file) that never shows the secret.
 */

import type { TsigKey } from '../../dns/zone-book.ts';
import { BasculeError, type TsigKeyProblem } from '../../errors.ts';
import { TSIG_ALGORITHMS } from '../../model/schema-failover.ts';
import type { TsigAlgorithm } from './options.ts';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

interface Token {
  readonly text: string;
  readonly quoted: boolean;
  readonly line: number;
  readonly col: number;
}

class KeyFileError extends Error {
  constructor(
    readonly problem: TsigKeyProblem,
    readonly at: { line: number; col: number } | undefined,
    readonly found = '',
  ) {
    super(problem);
  }
}

/** Words, quoted strings and the punctuation `{ } ;`; `#`, `//` and C comments are skipped. */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  let line = 1;
  let col = 1;
  let i = 0;
  const advance = (n: number) => {
    for (let k = 0; k < n; k++) {
      if (text[i] === '\n') {
        line++;
        col = 1;
      } else col++;
      i++;
    }
  };
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) advance(1);
    else if (c === '#' || text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      advance((end === -1 ? text.length : end) - i);
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) throw new KeyFileError('comment', { line, col });
      advance(end + 2 - i);
    } else if (c === '{' || c === '}' || c === ';') {
      out.push({ text: c, quoted: false, line, col });
      advance(1);
    } else if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end === -1 || text.slice(i, end).includes('\n')) throw new KeyFileError('quote', { line, col });
      out.push({ text: text.slice(i + 1, end), quoted: true, line, col });
      advance(end + 1 - i);
    } else {
      const m = /^[^\s{};"#]+/.exec(text.slice(i))!;
      out.push({ text: m[0], quoted: false, line, col });
      advance(m[0].length);
    }
  }
  return out;
}

function parseStatement(text: string): { name: string; algorithm: string; secret: string; at: Token } {
  const ts = tokens(text);
  let k = 0;
  const end = () => {
    const last = ts[ts.length - 1];
    return last ? { line: last.line, col: last.col + last.text.length } : { line: 1, col: 1 };
  };
  const next = (expected: TsigKeyProblem, ok: (t: Token) => boolean): Token => {
    const t = ts[k];
    if (!t) throw new KeyFileError(expected, end(), '');
    // A found word is shown, never a quoted string (it may be the secret).
    if (!ok(t)) throw new KeyFileError(expected, t, t.quoted ? '"…"' : t.text.slice(0, 20));
    k++;
    return t;
  };
  const punct = (p: string, problem: TsigKeyProblem) => next(problem, (t) => !t.quoted && t.text === p);
  next('expected-key', (t) => !t.quoted && t.text === 'key');
  const name = next('expected-name', (t) => t.quoted || !/^[{};]$/.test(t.text));
  punct('{', 'expected-open');
  let algorithm: Token | undefined;
  let secret: Token | undefined;
  while (ts[k] && !(ts[k]!.text === '}' && !ts[k]!.quoted)) {
    const option = next(
      'expected-option',
      (t) => !t.quoted && (t.text === 'algorithm' || t.text === 'secret'),
    );
    if (option.text === 'algorithm')
      algorithm = next('expected-algorithm', (t) => !/^[{};]$/.test(t.text) || t.quoted);
    else secret = next('expected-secret', (t) => t.quoted);
    punct(';', 'expected-semicolon');
  }
  const close = punct('}', 'expected-close');
  punct(';', 'expected-semicolon');
  if (ts[k]) throw new KeyFileError('expected-end', ts[k], ts[k]!.quoted ? '"…"' : ts[k]!.text.slice(0, 20));
  if (!algorithm) throw new KeyFileError('missing-algorithm', close);
  if (!secret) throw new KeyFileError('missing-secret', close);
  if (!BASE64.test(secret.text)) throw new KeyFileError('base64', secret);
  return { name: name.text, algorithm: algorithm.text.toLowerCase(), secret: secret.text, at: algorithm };
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase().replace(/\.$/, '') === b.toLowerCase().replace(/\.$/, '');
}

/**
 * The key from the secret's text and the configured name and algorithm. `file` names the key file
 * in errors (or the variable); a key statement must agree with the configured name and algorithm.
 */
export function parseTsigKey(
  text: string,
  configured: { readonly name: string; readonly algorithm: TsigAlgorithm },
  file: string,
): TsigKey {
  try {
    const trimmed = text.trim();
    if (BASE64.test(trimmed)) return { ...configured, secret: Buffer.from(trimmed, 'base64') };
    if (!/^\s*(#[^\n]*\n\s*|\/\/[^\n]*\n\s*)*key\b/.test(text))
      throw new KeyFileError('not-a-key', undefined);
    const s = parseStatement(text);
    if (!(TSIG_ALGORITHMS as readonly string[]).includes(s.algorithm))
      throw new KeyFileError('algorithm', s.at, s.algorithm.slice(0, 30));
    if (s.algorithm !== configured.algorithm) throw new KeyFileError('other-algorithm', s.at, s.algorithm);
    if (!sameName(s.name, configured.name))
      throw new KeyFileError('other-name', undefined, s.name.slice(0, 60));
    return {
      ...configured,
      algorithm: s.algorithm as TsigAlgorithm,
      secret: Buffer.from(s.secret, 'base64'),
    };
  } catch (e) {
    if (!(e instanceof KeyFileError)) throw e;
    throw new BasculeError([
      {
        code: 'BASCULE_E_TSIG_KEY',
        file,
        ...(e.at ? { line: e.at.line, col: e.at.col } : {}),
        params: {
          problem: e.problem,
          found: e.found,
          name: configured.name,
          algorithm: configured.algorithm,
        },
      },
    ]);
  }
}

/**
 * The error registry: every error a user can meet has a stable code, an exit code, a doc line and,
 * where it can be an HTTP answer, its HTTP status. Messages live in the i18n catalogues under the
 * same code; tests assert on codes, not wording.
 */

import { FAILOVER_ERRORS } from './errors/failover.ts';
import { HTTP_ERRORS } from './errors/http.ts';
import { INPUT_ERRORS } from './errors/input.ts';
import { RESTIC_ERRORS } from './errors/restic.ts';
import { RUNTIME_ERRORS } from './errors/runtime.ts';
import type { ErrorSpec } from './errors/spec.ts';
import type { English } from './i18n/catalogue.ts';
import type { ParamsOf as MessageParamsOf } from './i18n/types.ts';

export type { ErrorSpec };

/** Every code, in the order docs/errors.md lists them (each part in its own file under errors/). */
export const ERRORS = {
  ...INPUT_ERRORS,
  ...RUNTIME_ERRORS,
  ...HTTP_ERRORS,
  ...FAILOVER_ERRORS,
  ...RESTIC_ERRORS,
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;
export type Params = Readonly<Record<string, string | number>>;

/** Parameter values that name a thing the message words in each language (a type, a kind of reference). */
export type ValueType =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'object'
  | 'array'
  | 'undefined'
  | 'null';
export type RefKind =
  | 'component'
  | 'componentOrService'
  | 'service'
  | 'vantage'
  | 'check'
  | 'backupTarget'
  | 'contact'
  | 'provider';
/** Why restic would refuse a repository string (model/backup-repository.ts). */
export type RepositoryProblem =
  | 'empty'
  | 'backend'
  | 'scp'
  | 'sftp'
  | 'rest'
  | 's3'
  | 'bucket'
  | 'rclone'
  | 'credentials';
/** What is wrong with a dnsZones value (model/dns-references.ts). */
export type DnsProblem = 'ipv4' | 'ipv6' | 'name' | 'mx' | 'caa';
/** What is wrong with a dnsZones secondary's address (model/dns-references.ts). */
export type SecondaryProblem = 'name' | 'ipv6' | 'ipv4' | 'port' | 'format';
export type HeaderProblem = 'name' | 'value' | 'reserved';
/** What is wrong in a TSIG key file (actuators/rfc2136/key-file.ts). */
export type TsigKeyProblem =
  | 'not-a-key'
  | 'comment'
  | 'quote'
  | 'expected-key'
  | 'expected-name'
  | 'expected-open'
  | 'expected-option'
  | 'expected-algorithm'
  | 'expected-secret'
  | 'expected-semicolon'
  | 'expected-close'
  | 'expected-end'
  | 'missing-algorithm'
  | 'missing-secret'
  | 'base64'
  | 'algorithm'
  | 'other-algorithm'
  | 'other-name';
/** Why RE2 refuses a regular expression (model/probes/pattern.ts). */
export type PatternProblem =
  | 'escape'
  | 'unsupported'
  | 'group-name'
  | 'bracket'
  | 'paren'
  | 'repeat'
  | 'too-large'
  | 'other';
/** What is wrong in a YAML syntax error without a code of its own (model/yaml-errors.ts). */
export type YamlProblem =
  | 'escape'
  | 'start'
  | 'token'
  | 'documents'
  | 'key-length'
  | 'alias'
  | 'anchor'
  | 'tag'
  | 'directive'
  | 'other';
export type QuoteKind = 'double' | 'single';
export type ValueFormat =
  | 'hostPort'
  | 'statusRange'
  | 'httpUrl'
  | 'dateTime'
  | 'duration'
  | 'date'
  | 'phone'
  | 'email';

/** A problem in user input, located when it comes from a file. */
export interface Diagnostic {
  readonly code: ErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  /** Where in the document: `components.web.dependsOn[1]`. */
  readonly path?: string;
  readonly params: Params;
}

/** Thrown at the edges (CLI, loaders) to carry diagnostics to the user; never a crash. */
export class BasculeError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => d.code).join(', '));
    this.name = 'BasculeError';
    this.diagnostics = diagnostics;
  }
}

/** The parameters a code's message needs, read from its English entry; `suggestion` adds a did-you-mean. */
export type ParamsOf<C extends ErrorCode> = MessageParamsOf<English[C]> & { readonly suggestion?: string };

/**
 * What went wrong, as a code to put in a message: a system error's code (`EADDRINUSE`), a SQLSTATE
 * (`28P01`), the code of its cause (fetch's `ECONNREFUSED`), else the error's name (`TimeoutError`).
 */
export function errorCode(e: unknown, depth = 0): string {
  if (typeof e !== 'object' || e === null || depth > 3) return 'unknown';
  const { code, cause, errors } = e as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && code !== '') return code;
  const inner = [cause, ...(Array.isArray(errors) ? errors.slice(0, 1) : [])];
  for (const x of inner) {
    const found = errorCode(x, depth + 1);
    if (found !== 'unknown') return found;
  }
  return e instanceof Error ? e.name : 'unknown';
}

/** A single diagnostic without a location, its parameters checked against the code's message. */
export function fail<C extends ErrorCode>(code: C, params: ParamsOf<C>): BasculeError {
  return new BasculeError([{ code, params }]);
}

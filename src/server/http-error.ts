/**
 * API errors as data: a registry code and its parameters, answered as `{error: {code, message}}`
 * with the code's HTTP status, in the caller's language (Accept-Language), never with a stack.
 */
import type { Context } from 'hono';
import { ERRORS, type ErrorCode, type Params } from '../errors.ts';
import { type Lang, render } from '../i18n/index.ts';

/** The HTTP codes of the registry: those with an `http` status. */
export type HttpErrorCode = {
  [K in ErrorCode]: (typeof ERRORS)[K] extends { readonly http: number } ? K : never;
}[ErrorCode];

/** The body of every error answer. */
export interface ErrorBody {
  /** `params`: the message's parameters, so a client (the CLI) can word it in its own language. */
  readonly error: { readonly code: HttpErrorCode; readonly message: string; readonly params?: Params };
}

/** Thrown by middleware and handlers; the app's error handler turns it into the answer. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: HttpErrorCode,
    readonly params: Params = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(code);
    this.status = ERRORS[code].http;
  }
}

/** French when the client prefers it, else English. */
export function requestLang(c: Context): Lang {
  return /^\s*fr\b/i.test(c.req.header('accept-language') ?? '') ? 'fr' : 'en';
}

export function errorBody(lang: Lang, code: HttpErrorCode, params: Params = {}): ErrorBody {
  const message = render(lang, code, params);
  return { error: { code, message, ...(Object.keys(params).length > 0 ? { params } : {}) } };
}

/** Answers an ApiError: its status, its headers, no-store. */
export function errorResponse(c: Context, e: ApiError): Response {
  const res = c.json(errorBody(requestLang(c), e.code, e.params), e.status as 400);
  for (const [k, v] of Object.entries(e.headers)) res.headers.set(k, v);
  res.headers.set('cache-control', 'no-store');
  return res;
}

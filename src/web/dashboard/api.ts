/**
 * The operator API as the dashboard calls it: same origin, the session cookie sent by the browser,
 * the session's CSRF token on every write, the chosen language for the messages, errors as the
 * API words them (`{error: {code, message}}`). A 401 means the session is over: the app shows the
 * login again.
 */
import type { Lang } from './i18n.ts';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrf: string | undefined;
let lang: Lang = 'en';
let onUnauthorized: () => void = () => {};

export function setCsrf(token: string | undefined): void {
  csrf = token;
}
export function setApiLang(l: Lang): void {
  lang = l;
}
export function whenUnauthorized(f: () => void): void {
  onUnauthorized = f;
}

/** Relative to the page, so the dashboard works behind a proxy that serves it under a path. */
const url = (path: string) => path.replace(/^\//, '');

export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': lang };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrf !== undefined) headers['x-csrf-token'] = csrf;
  let res: Response;
  try {
    res = await fetch(url(path), {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (e) {
    throw new ApiFailure(0, 'network', e instanceof Error ? e.message : String(e));
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
    const failure = new ApiFailure(
      res.status,
      err?.code ?? `http-${res.status}`,
      err?.message ?? res.statusText,
    );
    if (res.status === 401 && path !== '/api/v1/session') onUnauthorized();
    throw failure;
  }
  return json as T;
}

export const get = <T>(path: string) => call<T>('GET', path);
export const post = <T>(path: string, body: unknown) => call<T>('POST', path, body);

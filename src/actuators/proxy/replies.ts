/**
 * The proxy's own answers (no route, a failed backend, a limit): a registry code with its HTTP
 * status and a message in the client's language (Accept-Language), as the API answers its errors:
 * `{"error": {"code", "message"}}`, never a stack.
 */
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ERRORS, type ErrorCode, type Params } from '../../errors.ts';
import { type Lang, render } from '../../i18n/index.ts';
import type { PassiveReason } from './evidence.ts';

export type ProxyErrorCode = Extract<ErrorCode, `BASCULE_E_PROXY_${string}`>;

/** French when the client prefers it, else English. */
export function langOf(acceptLanguage: string | string[] | undefined): Lang {
  const v = Array.isArray(acceptLanguage) ? acceptLanguage[0] : acceptLanguage;
  return /^\s*fr\b/i.test(v ?? '') ? 'fr' : 'en';
}

/** The language of a request whose head could not be parsed, from what of it arrived. */
function rawLang(raw: Buffer | undefined): Lang {
  if (raw === undefined) return 'en';
  const m = /\r\naccept-language:([^\r\n]*)/i.exec(raw.toString('latin1', 0, Math.min(raw.length, 65_536)));
  return langOf(m?.[1]);
}

/** The reason of a failure, worded for the client. */
export function reasonText(lang: Lang, reason: PassiveReason, status?: number): string {
  return reason === 'status'
    ? render(lang, 'proxy.reason.status', { status: status ?? 0 })
    : render(lang, `proxy.reason.${reason}`, {});
}

function body(lang: Lang, code: ProxyErrorCode, params: Params): string {
  return `${JSON.stringify({ error: { code, message: render(lang, code, params) } })}\n`;
}

/** Answers `res` with `code` (unless the response has already started: then the connection is cut). */
export function reply(
  res: ServerResponse,
  lang: Lang,
  code: ProxyErrorCode,
  params: Params,
  close = false,
): void {
  if (res.headersSent) return void res.destroy();
  const text = body(lang, code, params);
  const headers: Record<string, string | number> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  };
  if (close) headers.connection = 'close';
  res.writeHead(ERRORS[code].http, headers);
  res.end(text);
}

/** Answers on a raw socket (a parse error before any request object exists), then closes it. */
export function replyRaw(socket: Socket, code: ProxyErrorCode, params: Params, raw?: Buffer): void {
  if (!socket.writable) return void socket.destroy();
  const text = body(rawLang(raw), code, params);
  const status = ERRORS[code].http;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(text)}\r\ncache-control: no-store\r\nconnection: close\r\n\r\n${text}`,
  );
  // The client may still be sending (and not reading): what it sends is read and dropped for a
  // moment so the answer is not lost to a reset, then the connection goes, whatever the client does.
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

const LINGER_MS = 1_000;

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  431: 'Request Header Fields Too Large',
};

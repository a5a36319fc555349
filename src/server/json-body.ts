/**
 * Reads a JSON request body of at most `max` bytes, declared (Content-Length) or chunked, after the
 * route's authentication and before its validation: the media type is checked before a byte is
 * read, a declared size over the limit is refused unread, and a chunked one as soon as it passes.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './http-error.ts';

/** `application/json`, `application/merge-patch+json`…, parameters allowed (as Hono's validator). */
const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

const mediaType = (header: string) => header.split(';')[0]?.trim() ?? '';

/** A declared size over the limit: the body is not read, so the connection is not reused. */
const tooLargeDeclared = (max: number) =>
  new ApiError('BASCULE_E_HTTP_TOO_LARGE', { limit: max }, { connection: 'close' });
/** A chunked body found over the limit: its rest is drained (below), the connection stays usable. */
const tooLarge = (max: number) => new ApiError('BASCULE_E_HTTP_TOO_LARGE', { limit: max });

/**
 * What is read and dropped of a chunked body past the limit, at most, while the 413 goes out: a
 * socket closed with unread bytes is reset, and a client still sending would get the reset, not
 * the 413. Past this, Hono's own drain (500 ms) then closes the connection.
 */
const DRAIN = { bytes: 16 * 1024 * 1024, ms: 5000 } as const;

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  const until = Date.now() + DRAIN.ms;
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  try {
    while (size <= DRAIN.bytes && Date.now() < until) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<undefined>((r) => {
          timer = setTimeout(() => r(undefined), until - Date.now());
        }),
      ]);
      clearTimeout(timer);
      if (!chunk || chunk.done) return;
      size += chunk.value.byteLength;
    }
  } catch {
    // The client went away: nothing left to drain.
  } finally {
    clearTimeout(timer);
    reader.cancel().catch(() => {});
  }
}

/** The body's bytes, reading no more than one chunk past `max`, whose arrival is a 413. */
async function readAtMost(body: ReadableStream<Uint8Array>, max: number): Promise<ArrayBuffer> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      void drain(reader);
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return bytes.buffer;
}

/**
 * 415 unless the body is sent as JSON, 413 past `max`; then the request is rebuilt around the bytes
 * read, for the route's validator (`c.req.json()`). Hono's bodyLimit does the same from the request
 * itself, which undici refuses when it is the node adapter's lightweight one (a 500).
 */
export function jsonBody(max: number): MiddlewareHandler {
  return async (c, next) => {
    if (!JSON_TYPE.test(mediaType(c.req.header('content-type') ?? ''))) {
      throw new ApiError('BASCULE_E_HTTP_MEDIA_TYPE');
    }
    const declared = c.req.header('content-length');
    if (declared !== undefined && !(Number(declared) <= max)) throw tooLargeDeclared(max);
    const { raw } = c.req;
    if (raw.body) {
      const body = await readAtMost(raw.body, max);
      // From its parts: undici's Request refuses the adapter's request as a template.
      c.req.raw = new Request(raw.url, {
        method: raw.method,
        headers: raw.headers,
        body,
        signal: raw.signal,
      });
    }
    await next();
  };
}

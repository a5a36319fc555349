/**
 * A prebuilt answer (bytes rendered once, headers known) written straight to Node's response: the
 * node adapter (@hono/node-server) hands the ServerResponse over as `c.env.outgoing`, and its
 * RESPONSE_ALREADY_SENT tells it the answer is already written. What that saves on every request,
 * against `c.body(text)`: a web Response, its body stream read back chunk by chunk, and the text
 * encoded once more (the status JSON under wrk: BENCHMARKS.md, "The status page and live events").
 * The API's rule for every answer (api.ts: X-Content-Type-Options) is written here too, since that
 * middleware only sees the Response returned. Without a Node response (app.request), a plain one.
 */
import type { ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';

/** The headers api.ts sets on every answer, which a prebuilt answer writes itself. */
export const EVERY_ANSWER = { 'x-content-type-options': 'nosniff' } as const;

/** Writes `body` (none for a 304) with `headers` and its length; HEAD gets the headers only (Node). */
export function sendPrebuilt(
  c: Context,
  status: 200 | 304,
  headers: Readonly<Record<string, string>>,
  body: Buffer | undefined,
): Response {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (!outgoing || typeof outgoing.writeHead !== 'function' || outgoing.headersSent)
    return status === 304 || !body
      ? c.body(null, status, headers)
      : c.body(new Uint8Array(body), status, headers);
  outgoing.writeHead(status, {
    ...headers,
    ...EVERY_ANSWER,
    ...(body && status !== 304 ? { 'content-length': String(body.length) } : {}),
  });
  outgoing.end(status === 304 ? undefined : body);
  return RESPONSE_ALREADY_SENT;
}

/**
 * A request body within the limits: held whole when it is small enough to be replayed, else
 * streamed through a counter that stops it past limits.bodyBytes.
 */
import type { IncomingMessage } from 'node:http';
import { Readable, Transform, type TransformCallback } from 'node:stream';

/** Thrown (as a stream error) when a body goes past its limit. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`body over ${limit} bytes`);
    this.name = 'BodyTooLarge';
  }
}

/** Whether the request says it has a body (a Content-Length above 0, or a Transfer-Encoding). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** The declared length, when there is one. */
export function declaredLength(req: IncomingMessage): number | undefined {
  const length = req.headers['content-length'];
  return length === undefined ? undefined : Number(length);
}

/** Counts bytes; errors with BodyTooLarge past `limit`. */
export class Limiter extends Transform {
  private seen = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) done(new BodyTooLarge(this.limit));
    else done(null, chunk);
  }
}

export type HeldBody =
  | { readonly kind: 'held'; readonly body: Buffer }
  | { readonly kind: 'stream'; readonly body: Readable }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'aborted' };

/**
 * Reads `req`'s body up to `replay` bytes: held whole if it ends within it, else the part read and
 * the rest as one stream (limited to `max` in all). Never rejects.
 */
export function holdBody(req: IncomingMessage, replay: number, max: number): Promise<HeldBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
      if (size <= replay) return;
      cleanup();
      req.pause();
      if (size > max) return resolve({ kind: 'too-large' });
      const rest = req.pipe(new Limiter(max - size));
      rest.on('error', () => {}); // reported by the consumer's pipe (see server.ts)
      const body = Readable.from(concat(chunks, rest), { objectMode: false });
      resolve({ kind: 'stream', body });
    };
    const onEnd = () => {
      cleanup();
      resolve({ kind: 'held', body: Buffer.concat(chunks, size) });
    };
    const onError = () => {
      cleanup();
      resolve({ kind: 'aborted' });
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onError);
  });
}

async function* concat(first: readonly Buffer[], rest: Readable): AsyncGenerator<Buffer> {
  yield* first;
  for await (const chunk of rest) yield chunk as Buffer;
}

/**
 * Server-sent events for GET /api/v1/events: `retry:` first, then the events a client missed after
 * its Last-Event-ID (or a reset), then new ones as they are published, with a comment every 15 s
 * so proxies keep the connection open. A client too slow to keep up is disconnected (it reconnects
 * and replays, or gets a reset); at most MAX_STREAMS are open at once, all ended when the API stops.
 */
import type { Socket } from 'node:net';
import type { Context } from 'hono';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import type { Clock, TimerHandle } from '../platform/clock.ts';
import { ApiError } from './http-error.ts';
import type { LiveEvent, LiveFeed } from './live.ts';

/** How long a client waits before reconnecting (the `retry:` field), in ms. */
export const RETRY_MS = 3000;
export const HEARTBEAT_MS = 15_000;
/** Event streams open at once by default; one more is answered 503 (BASCULE_E_HTTP_BUSY). */
export const MAX_STREAMS = 100;
/** Seconds a client refused for being one stream too many waits (Retry-After). */
export const BUSY_RETRY_S = 5;
/**
 * What may wait for one client that does not read (events, and bytes of them); past either it is
 * disconnected, so a stalled client costs at most this much, never the writer of the others.
 */
export const MAX_QUEUED = 1000;
export const MAX_QUEUED_BYTES = 1 << 20;

/** The open event streams of one API: admits up to `max`, and ends them all on close(). */
export class EventStreams {
  private readonly ends = new Set<() => void>();
  constructor(readonly max: number = MAX_STREAMS) {}

  /** Streams open now. */
  size(): number {
    return this.ends.size;
  }

  /** Throws BASCULE_E_HTTP_BUSY (503, Retry-After) when `max` streams are open. */
  admit(): void {
    if (this.ends.size >= this.max) {
      throw new ApiError('BASCULE_E_HTTP_BUSY', { limit: this.max }, { 'retry-after': String(BUSY_RETRY_S) });
    }
  }

  add(end: () => void): void {
    this.ends.add(end);
  }

  delete(end: () => void): void {
    this.ends.delete(end);
  }

  /** Ends every open stream: unsubscribed, timers cleared, answers closed. */
  close(): void {
    for (const end of [...this.ends]) end();
  }
}

export interface StreamOptions {
  readonly live: LiveFeed;
  readonly clock: Clock;
  readonly streams: EventStreams;
  readonly afterId: number | undefined;
  readonly onError: (e: unknown) => void;
}

/** The headers of the stream (Cache-Control: operator answers are never stored by a cache). */
const HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-store' } as const;

/** HEAD: what a GET would answer, without opening a stream (nothing would ever read it). */
export function eventsHead(c: Context): Response {
  return c.body(null, 200, HEADERS);
}

/**
 * An event's frame, serialized and encoded once for every client (a WeakMap: gone with the event
 * once the feed's ring and the clients' backlogs have let it go). Per client, a state change
 * among 1,000 streams would otherwise be stringified and encoded 1,000 times.
 */
const frames = new WeakMap<LiveEvent, Uint8Array>();
function frame(e: LiveEvent): Uint8Array {
  let bytes = frames.get(e);
  if (!bytes) {
    bytes = Buffer.from(`event: ${e.type}\ndata: ${JSON.stringify(e.data)}\nid: ${e.id}\n\n`);
    frames.set(e, bytes);
  }
  return bytes;
}
const RETRY = Buffer.from(`retry: ${RETRY_MS}\n\n`);
const HEARTBEAT = Buffer.from(': heartbeat\n\n');

/** A timer never holds the process open on its own (a no-op for clocks whose handles are not Node's). */
function unref(handle: TimerHandle): void {
  (handle as { unref?: () => void } | null | undefined)?.unref?.();
}

/**
 * Drops the connection of a client that stopped reading: a write to it would never complete.
 * The node adapter gives the response in `c.env.outgoing`; elsewhere aborting the stream is all.
 */
function disconnect(c: Context, stream: SSEStreamingApi): void {
  const env: unknown = c.env;
  const outgoing = (env as { outgoing?: { socket?: Socket | null; destroy(): void } } | undefined)?.outgoing;
  if (outgoing?.socket) outgoing.socket.resetAndDestroy();
  else outgoing?.destroy();
  stream.abort();
}

/**
 * What waits for one client: frames not yet handed to its connection. The replay on connection is
 * bounded by the feed's ring and is not counted, or a client that reconnects after a gap would be
 * dropped again on every reconnection; what is published after it counts against the limits.
 */
class Backlog {
  private frames: Uint8Array[] = [];
  private events = 0;
  private bytes = 0;
  counting = false;

  /** Queues a frame; false when that puts the backlog past MAX_QUEUED or MAX_QUEUED_BYTES. */
  push(bytes: Uint8Array): boolean {
    this.frames.push(bytes);
    if (!this.counting) return true;
    this.events += 1;
    this.bytes += bytes.byteLength;
    return this.events <= MAX_QUEUED && this.bytes <= MAX_QUEUED_BYTES;
  }

  get empty(): boolean {
    return this.frames.length === 0;
  }

  /** Everything queued, as one chunk (the frame itself when it is alone), and an empty backlog. */
  take(): Uint8Array {
    const chunk = this.frames.length === 1 ? this.frames[0]! : Buffer.concat(this.frames);
    this.frames = [];
    this.events = 0;
    this.bytes = 0;
    return chunk;
  }
}

export function streamEvents(c: Context, o: StreamOptions): Response {
  o.streams.admit();
  const res = streamSSE(c, async (stream) => {
    const backlog = new Backlog();
    backlog.push(RETRY);
    let wake: (() => void) | undefined;
    let ended = false;
    let unsubscribe = () => {};
    let timer: TimerHandle;
    const end = (drop = false) => {
      if (ended) return;
      ended = true;
      unsubscribe();
      o.clock.clearTimeout(timer);
      o.streams.delete(end);
      backlog.take();
      if (drop) disconnect(c, stream);
      wake?.();
    };
    const push = (bytes: Uint8Array) => {
      if (ended) return;
      if (backlog.push(bytes)) wake?.();
      else end(true);
    };
    const arm = () => {
      timer = o.clock.setTimeout(beat, HEARTBEAT_MS);
      unref(timer);
    };
    const beat = () => {
      if (backlog.empty) push(HEARTBEAT);
      arm();
    };
    o.streams.add(end);
    stream.onAbort(() => end());
    unsubscribe = o.live.subscribe(o.afterId, (e) => push(frame(e)));
    backlog.counting = true;
    arm();
    try {
      while (!ended) {
        // Blocks while the client does not read; meanwhile `push` counts what waits.
        if (!backlog.empty) await stream.write(backlog.take());
        else
          await new Promise<void>((r) => {
            wake = r;
          });
        wake = undefined;
      }
    } catch (e) {
      // a write to a client that went away; anything else is ours
      if (!stream.aborted) o.onError(e);
    } finally {
      end();
    }
  });
  res.headers.set('cache-control', HEADERS['cache-control']);
  return res;
}

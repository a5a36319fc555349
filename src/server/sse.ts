/**
 * Server-sent events for GET /api/v1/events: `retry:` first, then the events a client missed after
 * its Last-Event-ID (or a reset), then new ones as they are published, with a comment every 15 s
 * so proxies keep the connection open. A client too slow to keep up is sent a reset and closed.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Clock } from '../platform/clock.ts';
import type { LiveEvent, LiveFeed } from './live.ts';

/** How long a client waits before reconnecting (the `retry:` field), in ms. */
export const RETRY_MS = 3000;
export const HEARTBEAT_MS = 15_000;
/** Events queued for one client beyond which it is dropped (it reconnects and replays or resets). */
const MAX_QUEUED = 1000;

export function streamEvents(
  c: Context,
  live: LiveFeed,
  clock: Clock,
  afterId: number | undefined,
  onError: (e: unknown) => void,
): Response {
  const res = streamSSE(c, async (stream) => {
    const queue: (LiveEvent | 'heartbeat')[] = [];
    let wake: (() => void) | undefined;
    let done = false;
    const push = (item: LiveEvent | 'heartbeat') => {
      if (queue.length >= MAX_QUEUED) {
        queue.length = 0;
        queue.push(live.reset());
        done = true;
      } else queue.push(item);
      wake?.();
    };
    await stream.write(`retry: ${RETRY_MS}\n\n`);
    const unsubscribe = live.subscribe(afterId, push);
    let timer = clock.setTimeout(function beat() {
      push('heartbeat');
      timer = clock.setTimeout(beat, HEARTBEAT_MS);
    }, HEARTBEAT_MS);
    const stop = () => {
      done = true;
      unsubscribe();
      clock.clearTimeout(timer);
      wake?.();
    };
    stream.onAbort(stop);
    try {
      while (!stream.aborted) {
        for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
          if (item === 'heartbeat') await stream.write(': heartbeat\n\n');
          else
            await stream.writeSSE({ id: String(item.id), event: item.type, data: JSON.stringify(item.data) });
        }
        if (done) break;
        await new Promise<void>((r) => {
          wake = r;
        });
        wake = undefined;
      }
    } catch (e) {
      // a write to a client that went away; anything else is ours
      if (!stream.aborted) onError(e);
    } finally {
      stop();
    }
  });
  // Operator answers are never stored by a cache (streamSSE says no-cache).
  res.headers.set('cache-control', 'no-store');
  return res;
}

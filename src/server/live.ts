/**
 * The live feed behind GET /api/v1/events: a bounded in-memory ring of events with monotonic ids.
 * A subscriber gets what it missed after the id it last saw, then every new event; when that id is
 * no longer in the ring (or comes from another run), it gets a `reset` event instead: reload.
 */

/** One event of the feed. */
export interface LiveEvent {
  readonly id: number;
  readonly type: string;
  readonly data: unknown;
}

export type LiveListener = (event: LiveEvent) => void;

export interface LiveFeedOptions {
  /** Events kept for replay (default 1,000). */
  readonly capacity?: number;
  /**
   * The first id (default 1). The daemon passes its start time in ms, so that an id a client saw
   * from a previous run is older than the ring and earns a reset, not a silent gap.
   */
  readonly firstId?: number;
}

/** The type of the event telling a client its view is stale: fetch the full state again. */
export const RESET = 'reset';

export class LiveFeed {
  readonly capacity: number;
  private readonly ring: LiveEvent[] = [];
  /** Index in `ring` of the oldest event once the ring is full. */
  private head = 0;
  private last: number;
  private readonly listeners = new Set<LiveListener>();

  constructor(o: LiveFeedOptions = {}) {
    this.capacity = Math.max(1, o.capacity ?? 1000);
    this.last = (o.firstId ?? 1) - 1;
  }

  /** The id of the newest event (the first id minus one before any). */
  lastId(): number {
    return this.last;
  }

  publish(type: string, data: unknown): LiveEvent {
    const event: LiveEvent = { id: ++this.last, type, data };
    if (this.ring.length < this.capacity) this.ring.push(event);
    else {
      this.ring[this.head] = event;
      this.head = (this.head + 1) % this.capacity;
    }
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // one subscriber's failure is its own; the others still get the event
      }
    }
    return event;
  }

  /**
   * Delivers, synchronously, the events after `afterId` (none when undefined: only new ones), or a
   * reset when they are not all held; then every new event until the returned function is called.
   */
  subscribe(afterId: number | undefined, listener: LiveListener): () => void {
    if (afterId !== undefined) {
      const held = this.held();
      const oldest = held[0]?.id ?? this.last + 1;
      if (afterId > this.last || afterId < oldest - 1) listener(this.reset());
      else for (const e of held) if (e.id > afterId) listener(e);
    }
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** A reset event, carrying the newest id so the client's next Last-Event-ID is current. */
  reset(): LiveEvent {
    return { id: this.last, type: RESET, data: { reason: 'reload the full state: GET /api/v1/status' } };
  }

  subscribers(): number {
    return this.listeners.size;
  }

  private held(): LiveEvent[] {
    return [...this.ring.slice(this.head), ...this.ring.slice(0, this.head)];
  }
}

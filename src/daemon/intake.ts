/**
 * The front of the pipeline: observations in. Local results are buffered and stored in batches;
 * agents' results are stored before their post is acknowledged. Stored results then go to the
 * monitor, and the transitions it returns are published. A store outage delays results (kept,
 * bounded), it does not drop them.
 */
import type { Monitor } from '../monitor/monitor.ts';
import type { Observation } from '../monitor/types.ts';
import type { Logger } from '../platform/log.ts';
import type { ObservationStore } from '../store/store.ts';
import type { Pipeline } from './pipeline.ts';

/** Local results kept while the store is failing; beyond it the oldest are dropped. */
export const MAX_PENDING = 200_000;

export class Intake {
  /** Local results waiting to be stored. */
  private buffer: Observation[] = [];
  /** Agents' results, already stored (their post was acknowledged), waiting for the monitor. */
  private stored: Observation[] = [];
  private closed = false;

  constructor(
    private readonly store: ObservationStore,
    private readonly monitor: Monitor,
    private readonly pipeline: Pipeline,
    private readonly log: Logger,
    private readonly count: (batch: readonly Observation[]) => void,
    private readonly now: () => number,
  ) {}

  /** Results not yet stored (a store outage shows here). */
  pending(): number {
    return this.buffer.length;
  }

  /** Queues local observations for the next flush. */
  accept(batch: readonly Observation[]): void {
    if (this.closed) return;
    this.count(batch);
    this.buffer.push(...batch);
  }

  /**
   * Stores an agent's batch before acknowledging it (a rejected promise: the agent keeps it and
   * retries), then queues `live` (default: all of it; late results only fill the history) for the monitor.
   */
  async acceptStored(batch: readonly Observation[], live: readonly Observation[] = batch): Promise<void> {
    if (this.closed) throw new Error('stopping');
    await this.store.appendObservations(batch);
    this.count(batch);
    this.stored.push(...live);
  }

  /** Stores then processes what arrived since the last flush; flushes never overlap. */
  flush(): Promise<void> {
    return this.pipeline.run('flush', async (emit) => {
      if (this.buffer.length === 0 && this.stored.length === 0) return;
      const local = this.buffer;
      this.buffer = [];
      try {
        if (local.length > 0) await this.store.appendObservations(local);
      } catch (e) {
        this.buffer = [...local, ...this.buffer].slice(-MAX_PENDING);
        this.log.error({ err: e, pending: this.buffer.length }, 'could not store observations; will retry');
        return;
      }
      const batch = this.stored.length > 0 ? [...this.stored, ...local] : local;
      this.stored = [];
      const changed = this.monitor.ingest(batch, this.now());
      if (changed.length > 0) emit('transitions', changed);
    });
  }

  /** Takes no more results (the daemon is stopping). */
  close(): void {
    this.closed = true;
  }
}

/**
 * The front of the pipeline: observations in. Local results are stored in batches and go to the
 * monitor in the same flush, stored or not: while the store fails, the write-behind store keeps
 * them in order and the daemon goes on deciding and alerting from memory. Agents' results are
 * stored before their post is acknowledged (a failing store answers 503, and the agent keeps them),
 * and acted on from memory even when the store refused them: the retry then changes nothing.
 */
import type { Monitor } from '../monitor/monitor.ts';
import type { Observation } from '../monitor/types.ts';
import type { WriteBehindStore } from '../store/write-behind.ts';
import type { Pipeline } from './pipeline.ts';

export class Intake {
  /** Local results since the last flush. */
  private buffer: Observation[] = [];
  /** Agents' results waiting for the monitor (stored, or refused by a failing store). */
  private agents: Observation[] = [];
  private closed = false;

  constructor(
    private readonly store: Pick<WriteBehindStore, 'appendObservations' | 'appendObservationsNow'>,
    private readonly monitor: Monitor,
    private readonly pipeline: Pipeline,
    private readonly count: (batch: readonly Observation[]) => void,
    private readonly now: () => number,
  ) {}

  /** Queues local observations for the next flush. */
  accept(batch: readonly Observation[]): void {
    if (this.closed) return;
    this.count(batch);
    this.buffer.push(...batch);
  }

  /**
   * Stores an agent's batch before acknowledging it (a rejected promise: the agent keeps it and
   * retries), and queues `live` (default: all of it; late results only fill the history) for the
   * monitor either way.
   */
  async acceptStored(batch: readonly Observation[], live: readonly Observation[] = batch): Promise<void> {
    if (this.closed) throw new Error('stopping');
    try {
      await this.store.appendObservationsNow(batch);
      this.count(batch); // once: a refused batch comes back
    } finally {
      this.agents.push(...live);
    }
  }

  /** Stores then processes what arrived since the last flush; flushes never overlap. */
  flush(): Promise<void> {
    return this.pipeline.run('flush', async (emit) => {
      if (this.buffer.length === 0 && this.agents.length === 0) return;
      const local = this.buffer;
      this.buffer = [];
      // Resolves once stored, or queued behind a failing store: never holds the monitor back.
      if (local.length > 0) await this.store.appendObservations(local);
      const batch = this.agents.length > 0 ? [...this.agents, ...local] : local;
      this.agents = [];
      const changed = this.monitor.ingest(batch, this.now());
      if (changed.length > 0) emit('transitions', changed);
    });
  }

  /** Takes no more results (the daemon is stopping). */
  close(): void {
    this.closed = true;
  }
}

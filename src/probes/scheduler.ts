/**
 * Runs checks at their interval from one vantage point: fixed-rate schedule (no drift accumulates),
 * phases spread over the interval so 10,000 checks do not fire together, one timer for all of
 * them (a min-heap of due times), a bound on probes in flight, and never two runs of one check at
 * once. Time comes from a Clock so tests drive it.
 */
import { setMaxListeners } from 'node:events';
import { cleanDetail } from '../monitor/clean-text.ts';
import type { CompiledCheck } from '../monitor/compile.ts';
import type { Observation, ProbeResult } from '../monitor/types.ts';
import { type Clock, systemClock } from '../platform/clock.ts';

export interface SchedulerOptions {
  readonly vantage: string;
  readonly clock?: Clock;
  /** Most probes in flight at once (default 4096); beyond it, due runs wait (and show as drift). */
  readonly concurrency?: number;
  readonly run: (check: CompiledCheck, signal: AbortSignal) => Promise<ProbeResult>;
  /** Every result, with how late its run started (ms). */
  readonly onResult: (observation: Observation, driftMs: number) => void;
}

export interface SchedulerStats {
  readonly runs: number;
  /** Runs not started because the previous run of the same check was still going. */
  readonly overlaps: number;
  /** Runs skipped because the scheduler fell a whole interval behind. */
  readonly missed: number;
  readonly inFlight: number;
}

/** A stable phase in [0, interval) from the check id, so restarts keep the same rhythm. */
export function phase(id: string, intervalMs: number): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619) >>> 0;
  return h % intervalMs;
}

interface Entry {
  due: number;
  readonly check: CompiledCheck;
}

export class Scheduler {
  private readonly heap: Entry[] = [];
  private readonly clock: Clock;
  private readonly concurrency: number;
  private readonly running = new Set<string>();
  private readonly waiting: Entry[] = [];
  private readonly abort = new AbortController();
  private readonly pending = new Set<Promise<void>>();
  private timer: unknown;
  private stopped = true;
  private counts = { runs: 0, overlaps: 0, missed: 0 };

  constructor(
    checks: readonly CompiledCheck[],
    private readonly options: SchedulerOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.concurrency = options.concurrency ?? 4096;
    // Every probe in flight listens to this one signal: thousands of listeners are expected.
    setMaxListeners(0, this.abort.signal);
    const start = this.clock.now();
    for (const check of checks) this.push({ due: start + phase(check.id, check.intervalMs), check });
  }

  start(): void {
    this.stopped = false;
    this.arm();
  }

  /** Stops scheduling, aborts probes in flight and waits for them to settle. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.abort.abort();
    await Promise.allSettled([...this.pending]);
  }

  stats(): SchedulerStats {
    return { ...this.counts, inFlight: this.running.size };
  }

  private arm(): void {
    if (this.stopped) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    const next = this.heap[0];
    if (!next) return;
    this.timer = this.clock.setTimeout(() => this.fire(), Math.max(0, next.due - this.clock.now()));
  }

  private fire(): void {
    this.timer = undefined;
    const now = this.clock.now();
    while (this.heap.length > 0 && this.heap[0]!.due <= now) {
      const entry = this.pop()!;
      const { intervalMs } = entry.check;
      if (now - entry.due >= intervalMs) {
        // A whole interval behind (the process was paused, or overloaded): skip, do not burst.
        const behind = Math.floor((now - entry.due) / intervalMs);
        this.counts.missed += behind;
        entry.due += behind * intervalMs;
      }
      this.dispatch({ due: entry.due, check: entry.check });
      entry.due += intervalMs;
      this.push(entry);
    }
    this.arm();
  }

  private dispatch(entry: Entry): void {
    if (this.running.has(entry.check.id)) {
      this.counts.overlaps++;
      return;
    }
    if (this.running.size >= this.concurrency) {
      this.waiting.push(entry);
      return;
    }
    this.launch(entry);
  }

  private launch(entry: Entry): void {
    const { check, due } = entry;
    this.running.add(check.id);
    this.counts.runs++;
    const started = this.clock.now();
    const p = this.options
      .run(check, this.abort.signal)
      .catch((e: unknown): ProbeResult => ({ ok: false, reason: 'error', detail: String(e), latencyMs: 0 }))
      .then((raw) => {
        this.running.delete(check.id);
        if (!this.stopped) {
          // Details come from the targets (status lines, bodies, DNS answers): made safe here, once.
          const result = raw.detail === undefined ? raw : { ...raw, detail: cleanDetail(raw.detail) };
          this.options.onResult(
            { ...result, check: check.id, vantage: this.options.vantage, at: started },
            started - due,
          );
        }
        const next = this.waiting.shift();
        if (next && !this.stopped) this.dispatch(next);
      });
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]!.due <= e.due) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = e;
  }

  private pop(): Entry | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length === 0 || !last) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const c = r < h.length && h[r]!.due < h[l]!.due ? r : l;
      if (h[c]!.due >= last.due) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
    return top;
  }
}

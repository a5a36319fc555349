/**
 * The pipeline of stages: each stage subscribes to topics of the event stream and may publish on
 * others; periodic work (snapshots, reminders, retention) runs on the injected Clock. Everything
 * runs one step at a time, in order, so stages never race each other, and a batch reaches the
 * stages of its topic in the order they are listed (persist before act). A durable stage that
 * fails holds its batch and is retried, with backoff, until it succeeds: nothing after it acts
 * before it has; another stage that fails is logged, and the batch goes on to the next one.
 */
import { type Clock, every } from '../platform/clock.ts';
import type { Logger } from '../platform/log.ts';
import type { Events, Topic } from './events.ts';

/** Publishes a batch on a topic; it is delivered once the current batch has gone through every stage. */
export type Emit = <K extends Topic>(topic: K, batch: Events[K]) => void;

export type Handlers = { readonly [K in Topic]?: (batch: Events[K], now: number, emit: Emit) => unknown };

export interface Stage {
  readonly name: string;
  readonly on?: Handlers;
  /**
   * What it does must be done before anything later acts (it persists): on failure the batch waits
   * and the handler is retried until it succeeds, or the daemon stops (a restart then replays it).
   */
  readonly durable?: boolean;
  /** Periodic work, every `every` ms of the daemon's clock (and once at start when `atStart`). */
  readonly tick?: {
    readonly every: number;
    readonly atStart?: boolean;
    run(now: number, emit: Emit): unknown;
  };
  /** Called once when the daemon stops, in reverse order, after the last batch. */
  stop?(now: number): unknown;
}

type Queued = { [K in Topic]: { topic: K; batch: Events[K] } }[Topic];

/** Waits between attempts of a durable stage: 100 ms, doubling, at most 5 s. */
export function retryDelay(attempt: number): number {
  return Math.min(5_000, 100 * 2 ** Math.min(attempt - 1, 6));
}

export class Pipeline {
  private chain: Promise<void> = Promise.resolve();
  private stops: (() => void)[] = [];
  private readonly stopping = new AbortController();

  constructor(
    readonly stages: readonly Stage[],
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Runs `task` after everything queued before it; what it emits goes through the stages next. */
  run(what: string, task: (emit: Emit) => unknown): Promise<void> {
    this.chain = this.chain.then(async () => {
      const queue: Queued[] = [];
      const emit: Emit = (topic, batch) => {
        queue.push({ topic, batch } as Queued);
      };
      try {
        await task(emit);
      } catch (e) {
        this.log.error({ err: e, step: what }, 'daemon step failed');
        return;
      }
      await this.drain(queue, emit);
    });
    return this.chain;
  }

  publish<K extends Topic>(topic: K, batch: Events[K]): Promise<void> {
    return this.run(`publish ${topic}`, (emit) => emit(topic, batch));
  }

  private async drain(queue: Queued[], emit: Emit): Promise<void> {
    for (let item = queue.shift(); item; item = queue.shift()) {
      for (const stage of this.stages) {
        const handler = stage.on?.[item.topic] as
          | ((batch: unknown, now: number, emit: Emit) => unknown)
          | undefined;
        if (!handler) continue;
        const call = () => handler.call(stage.on, item.batch, this.clock.now(), emit);
        if (!stage.durable) {
          try {
            await call();
          } catch (e) {
            this.log.error({ err: e, stage: stage.name, topic: item.topic }, 'stage failed');
          }
        } else if (!(await this.untilDone(stage.name, item.topic, call))) {
          return; // stopping: what is left is replayed from the store at the next start
        }
      }
    }
  }

  /** Calls a durable stage until it succeeds; false if the daemon stops first. */
  private async untilDone(stage: string, topic: Topic, call: () => unknown): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await call();
        if (attempt > 1) this.log.info({ stage, topic, attempts: attempt }, 'stage recovered');
        return true;
      } catch (e) {
        if (this.stopping.signal.aborted) {
          this.log.error({ err: e, stage, topic }, 'stage failed while stopping; batch left to replay');
          return false;
        }
        // Logged on the first failures and then every tenth: a long outage does not flood the log.
        if (attempt <= 3 || attempt % 10 === 0) {
          this.log.error({ err: e, stage, topic, attempt }, 'stage failed; batch held, retrying');
        }
        await this.clock.sleep(retryDelay(attempt), this.stopping.signal);
      }
    }
  }

  /** Arms the stages' periodic work. */
  start(): void {
    for (const stage of this.stages) {
      const tick = stage.tick;
      if (!tick) continue;
      const run = () => this.run(`${stage.name} tick`, (emit) => tick.run(this.clock.now(), emit));
      if (tick.atStart) void run();
      this.stops.push(every(this.clock, tick.every, run));
    }
  }

  /**
   * Stops the periodic work, and tells durable stages still retrying to give up after their next
   * attempt (what they held is replayed from the store at the next start). Batches still run.
   */
  halt(): void {
    for (const s of this.stops) s();
    this.stops = [];
    this.stopping.abort();
  }

  /** Halts, lets queued batches finish, then stops the stages, last first. */
  async stop(): Promise<void> {
    this.halt();
    await this.chain;
    for (const stage of [...this.stages].reverse()) {
      try {
        await stage.stop?.(this.clock.now());
      } catch (e) {
        this.log.error({ err: e, stage: stage.name }, 'stage failed to stop');
      }
    }
  }

  /** Resolves once everything queued so far has gone through. */
  idle(): Promise<void> {
    return this.chain;
  }
}

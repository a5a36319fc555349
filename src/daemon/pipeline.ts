/**
 * The pipeline of stages: each stage subscribes to topics of the event stream and may publish on
 * others; periodic work (snapshots, reminders, retention) runs on the injected Clock. Everything
 * runs one step at a time, in order, so stages never race each other, and a batch reaches the
 * stages of its topic in the order they are listed (persist before act).
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

export class Pipeline {
  private chain: Promise<void> = Promise.resolve();
  private stops: (() => void)[] = [];

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
      const now = this.clock.now();
      for (const stage of this.stages) {
        const handler = stage.on?.[item.topic] as
          | ((batch: unknown, now: number, emit: Emit) => unknown)
          | undefined;
        if (!handler) continue;
        try {
          await handler.call(stage.on, item.batch, now, emit);
        } catch (e) {
          // The later stages do not act on what an earlier one failed to do (persist before act).
          this.log.error(
            { err: e, stage: stage.name, topic: item.topic },
            'stage failed; batch not acted on',
          );
          break;
        }
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

  /** Stops the periodic work, lets queued batches finish, then stops the stages, last first. */
  async stop(): Promise<void> {
    for (const s of this.stops) s();
    this.stops = [];
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

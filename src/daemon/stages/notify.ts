/**
 * Alerts: incident events are routed now, in order, and delivered in the background (retries must
 * not hold up the monitor); reminders are sent every few seconds; the router's state is saved so a
 * restart neither repeats nor forgets an alert.
 */
import type { Notifier } from '../../notify/notifier.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/log.ts';
import type { StateStore } from '../../store/store.ts';
import type { Stage } from '../pipeline.ts';

export const ALERTS_KEY = 'alerts';
/** How often reminders are considered. */
const REMINDERS_EVERY_MS = 5_000;
/** How long a stopping daemon waits for alerts in flight. */
const DRAIN_MS = 5_000;

export interface NotifyStageOptions {
  readonly notifier: Notifier;
  readonly store: StateStore;
  readonly log: Logger;
  readonly clock: Clock;
  /** Why a service is down now, per failing check (in the alert's words). */
  readonly causes: (service: string) => string[];
}

/** The stage, with the router's state of the previous run restored. */
export async function notifyStage(o: NotifyStageOptions): Promise<Stage> {
  const { notifier, store, log } = o;
  const saved = await store.loadState(ALERTS_KEY);
  if (saved !== undefined) notifier.restore(saved);
  const save = () => store.saveState(ALERTS_KEY, notifier.snapshot());
  return {
    name: 'notify',
    on: {
      async incidents({ events }) {
        if (events.length === 0) return;
        notifier.handle(events, o.causes).catch((e: unknown) => log.error({ err: e }, 'alerts failed'));
        await save();
      },
    },
    tick: {
      every: REMINDERS_EVERY_MS,
      async run() {
        notifier.tick(o.causes).catch((e: unknown) => log.error({ err: e }, 'alert reminders failed'));
        await save();
      },
    },
    async stop() {
      // Alerts in flight get a few seconds; the wait ends as soon as they are delivered.
      const drained = new AbortController();
      await Promise.race([notifier.idle(), o.clock.sleep(DRAIN_MS, drained.signal)]);
      drained.abort();
      await notifier.close();
      await save();
    },
  };
}

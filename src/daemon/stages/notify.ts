/**
 * Alerts, through a durable outbox: incident events are routed now, in order, and each alert
 * decided is queued in the store together with the router's state (one transaction: "decided" and
 * "queued" cannot diverge); the outbox sends them in the background (retries must not hold up the
 * monitor), removes each once its channel accepted it, and sends again after a restart what is
 * left. Reminders are decided every few seconds the same way. While a maintenance window silences
 * a service, its alerts are recorded as silenced instead (notify/silences.ts). A stop delivers for
 * a few seconds and leaves what is not delivered queued.
 */
import { Counter, type Registry } from 'prom-client';
import type { Lang } from '../../i18n/index.ts';
import type { Config } from '../../model/schema.ts';
import type { Delivery, Routing } from '../../notify/alert-router.ts';
import { backupDeliveries } from '../../notify/backup-alerts.ts';
import { failoverDeliveries } from '../../notify/failover-alerts.ts';
import type { Notifier } from '../../notify/notifier.ts';
import { AlertOutbox } from '../../notify/outbox.ts';
import { SelfAlerts, type SelfProblem } from '../../notify/self-alerts.ts';
import { type SilencedAlert, type Silencer, silenceDeliveries } from '../../notify/silences.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/log.ts';
import type { OutboxStore, StateStore } from '../../store/store.ts';
import type { Emit, Stage } from '../pipeline.ts';

export const ALERTS_KEY = 'alerts';
/** How often reminders are considered. */
const REMINDERS_EVERY_MS = 5_000;
/** How long a stopping daemon keeps delivering queued alerts. */
const DRAIN_MS = 5_000;

export interface NotifyStageOptions {
  readonly notifier: Notifier;
  readonly store: StateStore & OutboxStore;
  readonly log: Logger;
  readonly clock: Clock;
  /** Where the alert metrics are registered (served at /metrics). */
  readonly registry: Registry;
  /** Why a service is down now, per failing check (in the alert's words). */
  readonly causes: (service: string) => string[];
  /** Problems of Bascule itself (a failing store, a shortage of its own files): alerted as service `bascule`. */
  readonly problems?: () => readonly SelfProblem[];
  readonly config?: Config;
  readonly lang?: Lang;
  /** How long a problem of Bascule itself lasts before it is alerted (default 30 s; tests). */
  readonly selfAfterMs?: number;
  /** Which maintenance window silences a service's alerts at a time, if any (daemon/maintenance-book.ts). */
  readonly silencing?: (service: string, now: number) => string | undefined;
  /** Outbox policy (tests): waits between attempts, and the age past which an alert is dropped. */
  readonly retryDelays?: readonly number[];
  readonly maxAgeMs?: number;
}

/** The stage, with the router's state of the previous run restored; its first tick starts the outbox. */
export async function notifyStage(o: NotifyStageOptions): Promise<Stage> {
  const { notifier, store } = o;
  const saved = await store.loadState(ALERTS_KEY);
  if (saved !== undefined) notifier.restore(saved);
  const expired = new Counter({
    name: 'bascule_alerts_expired_total',
    help: 'Alerts dropped undelivered by the outbox policy (too old, or unreadable), by channel',
    labelNames: ['channel', 'reason'],
    registers: [o.registry],
  });
  const outbox = new AlertOutbox({
    store,
    clock: o.clock,
    log: o.log,
    send: (channel, alert, signal) => notifier.sendOnce(channel, alert, signal),
    onExpired: (channel, reason) => {
      notifier.expired(channel);
      expired.inc({ channel, reason });
    },
    ...(o.retryDelays ? { retryDelays: o.retryDelays } : {}),
    ...(o.maxAgeMs !== undefined ? { maxAgeMs: o.maxAgeMs } : {}),
  });
  const silencedTotal = new Counter({
    name: 'bascule_alerts_silenced_total',
    help: 'Alerts not sent because a maintenance window silenced their service, by service',
    labelNames: ['service'],
    registers: [o.registry],
  });
  const self = o.problems && o.config && o.lang ? new SelfAlerts(o.config, o.lang, o.selfAfterMs) : undefined;
  const silencing = o.silencing;
  const silenced: Silencer | undefined = silencing
    ? (service) => silencing(service, o.clock.now())
    : undefined;
  /** Alerts a window silenced, once the decision is kept: counted, logged, and on the live feed. */
  const record = (alerts: readonly SilencedAlert[], emit: Emit) => {
    if (alerts.length === 0) return;
    for (const a of alerts) {
      silencedTotal.inc({ service: a.service });
      o.log.info(
        { service: a.service, incident: a.incident, kind: a.kind, window: a.window, channels: a.channels },
        'alert silenced by a maintenance window',
      );
    }
    emit('silenced', alerts);
  };
  /** Decides, then queues the deliveries with the router's new state; undoes the decision if that fails. */
  const queue = async (decide: () => Routing, emit: Emit) => {
    const before = notifier.snapshot();
    let routing: Routing;
    try {
      routing = decide();
      const createdAt = o.clock.now();
      await store.enqueue(
        routing.deliveries.map((d: Delivery) => ({
          channel: d.channel,
          key: d.alert.key,
          payload: d.alert,
          createdAt,
        })),
        { key: ALERTS_KEY, value: notifier.snapshot() },
      );
    } catch (e) {
      notifier.restore(before); // decided again on the retry, so nothing is lost nor doubled
      throw e;
    }
    notifier.dropped(routing.suppressed);
    record(routing.silenced ?? [], emit);
    if (routing.deliveries.length > 0) outbox.poke();
  };
  return {
    name: 'notify',
    // Queued before anything later acts: a store error holds the batch, it does not lose the alert.
    durable: true,
    on: {
      async incidents({ events }, _now, emit) {
        if (events.length === 0) return;
        await queue(() => notifier.decide(events, o.causes, silenced), emit);
      },
      async failover(notices, _now, emit) {
        if (notices.length === 0 || !o.config) return;
        const all = failoverDeliveries(o.config, o.lang ?? 'en', notices);
        const { deliveries, silenced: held } = silenceDeliveries(all, silenced);
        if (all.length > 0) await queue(() => ({ deliveries, suppressed: [], silenced: held }), emit);
      },
      async backups(notices, _now, emit) {
        if (notices.length === 0 || !o.config) return;
        const all = backupDeliveries(o.config, o.lang ?? 'en', notices);
        const { deliveries, silenced: held } = silenceDeliveries(all, silenced);
        if (all.length > 0) await queue(() => ({ deliveries, suppressed: [], silenced: held }), emit);
      },
      async maintenance(notices, _now, emit) {
        // A window just ended: what it held and is still open is told now, not at the next tick.
        if (notices.some((n) => n.kind === 'ended'))
          await queue(() => notifier.remind(o.causes, silenced), emit);
      },
    },
    tick: {
      every: REMINDERS_EVERY_MS,
      // The outbox starts with the pipeline (not when the stage is built: a daemon that fails to
      // start must not keep a delivery loop on a closed store), sending at once what is left.
      atStart: true,
      async run(_now, emit) {
        outbox.start();
        await queue(() => notifier.remind(o.causes, silenced), emit);
        if (self && o.problems) {
          const deliveries = self.step(o.problems(), o.clock.now());
          if (deliveries.length > 0) await queue(() => ({ deliveries, suppressed: [] }), emit);
        }
      },
    },
    async stop() {
      await outbox.stop(DRAIN_MS);
    },
  };
}

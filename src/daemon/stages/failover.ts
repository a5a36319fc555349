/**
 * The failover stage: on transitions, and on a tick (minHold, failbackAfter and the proxy's passive
 * evidence are about time), the controller decides every group again; the tick also renews the
 * lease and, every few seconds, reconciles actuators that drifted. What it has to say (switches,
 * all-down, actuator failures) is published on the `failover` topic, for the alerts.
 */
import type { FailoverController } from '../failover/controller.ts';
import type { Emit, Stage } from '../pipeline.ts';

export const FAILOVER_TICK_MS = 250;
export const RECONCILE_EVERY_MS = 2_000;

export function failoverStage(
  c: FailoverController,
  o: { tickMs?: number; reconcileMs?: number } = {},
): Stage {
  const reconcileMs = o.reconcileMs ?? RECONCILE_EVERY_MS;
  let reconciled = Number.NEGATIVE_INFINITY;
  const publish = (emit: Emit) => {
    const notices = c.takeNotices();
    if (notices.length > 0) emit('failover', notices);
  };
  return {
    name: 'failover',
    on: {
      async transitions(batch, now, emit) {
        c.noteTransitions(batch);
        await c.evaluate(now);
        publish(emit);
      },
    },
    tick: {
      every: o.tickMs ?? FAILOVER_TICK_MS,
      async run(now, emit) {
        const reconcile = now - reconciled >= reconcileMs;
        if (reconcile) reconciled = now;
        await c.maintain(now, reconcile);
        await c.evaluate(now);
        publish(emit);
      },
    },
    stop: () => c.stop(),
  };
}

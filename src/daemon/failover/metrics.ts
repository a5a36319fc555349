/** The failover metrics (served at /metrics): switches, switch time, the active endpoint, actuator failures. */
import { Counter, Gauge, Histogram } from 'prom-client';
import type { NotifyCounts } from '../../dns/notify.ts';
import type { Registry } from '../../platform/metrics.ts';

export function failoverMetrics(registry: Registry) {
  const registers = [registry];
  return {
    switches: new Counter({
      name: 'bascule_failover_switches_total',
      help: 'Switches of a failover group, by reason (down, passive, failback, drain, pin, config)',
      labelNames: ['group', 'reason'],
      registers,
    }),
    switchSeconds: new Histogram({
      name: 'bascule_failover_switch_seconds',
      help: 'From the detection (the first failed probe, else the decision) to the first response of the new endpoint',
      labelNames: ['group'],
      buckets: [0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 60, 120],
      registers,
    }),
    active: new Gauge({
      name: 'bascule_failover_active',
      help: 'The endpoint of a failover group that receives the traffic: 1, the others 0',
      labelNames: ['group', 'endpoint'],
      registers,
    }),
    actuatorFailures: new Counter({
      name: 'bascule_failover_actuator_failures_total',
      help: 'Failed applies of a failover group’s routing, by actuator and reason',
      labelNames: ['group', 'actuator', 'reason'],
      registers,
    }),
  };
}

export type FailoverMetrics = ReturnType<typeof failoverMetrics>;

/**
 * The built-in DNS's NOTIFYs to its secondaries, read at each scrape: sent (every attempt),
 * acknowledged by a valid reply, given up; and the replies not taken as an acknowledgement, by reason.
 */
export function notifyMetrics(registry: Registry, stats: () => NotifyCounts): void {
  new Counter({
    name: 'bascule_dns_notify_total',
    help: 'NOTIFY messages to the secondaries, by outcome (sent, acknowledged, given-up)',
    labelNames: ['outcome'],
    registers: [registry],
    collect() {
      const s = stats();
      this.reset();
      this.inc({ outcome: 'sent' }, s.sent);
      this.inc({ outcome: 'acknowledged' }, s.acknowledged);
      this.inc({ outcome: 'given-up' }, s.unacknowledged);
    },
  });
  new Counter({
    name: 'bascule_dns_notify_refused_total',
    help: 'Replies to NOTIFY not taken as an acknowledgement, by reason (unsigned, tsig-error, bad-signature, rcode)',
    labelNames: ['reason'],
    registers: [registry],
    collect() {
      const s = stats();
      this.reset();
      for (const [reason, n] of Object.entries(s.refused)) this.inc({ reason }, n);
    },
  });
}

/** Prometheus metrics of the daemon (served at /metrics): check and service states, probe latency and failures, scheduling drift. */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { State } from '../monitor/types.ts';

/** Gauge values of a state: 1 UP, 0.5 DEGRADED, 0 DOWN, -1 UNKNOWN. */
export const STATE_VALUE: Readonly<Record<State, number>> = { UP: 1, DEGRADED: 0.5, DOWN: 0, UNKNOWN: -1 };

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'bascule_process_' });
  const m = {
    registry,
    checkState: new Gauge({
      name: 'bascule_check_state',
      help: 'State of a check: 1 UP, 0.5 DEGRADED, 0 DOWN, -1 UNKNOWN',
      labelNames: ['check'],
      registers: [registry],
    }),
    serviceState: new Gauge({
      name: 'bascule_service_state',
      help: 'State of a service: 1 UP, 0.5 DEGRADED, 0 DOWN, -1 UNKNOWN',
      labelNames: ['service'],
      registers: [registry],
    }),
    componentState: new Gauge({
      name: 'bascule_component_state',
      help: 'State of a component: 1 UP, 0.5 DEGRADED, 0 DOWN, -1 UNKNOWN',
      labelNames: ['component'],
      registers: [registry],
    }),
    probeDuration: new Histogram({
      name: 'bascule_probe_duration_seconds',
      help: 'Duration of probes, by probe type and vantage point',
      labelNames: ['type', 'vantage'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    probeFailures: new Counter({
      name: 'bascule_probe_failures_total',
      help: 'Failed probes, by classified reason and vantage point',
      labelNames: ['reason', 'vantage'],
      registers: [registry],
    }),
    drift: new Histogram({
      name: 'bascule_scheduler_drift_seconds',
      help: 'How late probes started after their scheduled time',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers: [registry],
    }),
    observations: new Counter({
      name: 'bascule_observations_total',
      help: 'Probe results received, by vantage point',
      labelNames: ['vantage'],
      registers: [registry],
    }),
    incidentsOpen: new Gauge({
      name: 'bascule_incidents_open',
      help: 'Incidents currently open',
      registers: [registry],
    }),
  };
  return m;
}

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * Metrics of live monitoring (served at /metrics): check, component and service states, probe
 * latency and failures by reason, scheduling drift, open incidents. The stage keeps the state gauges
 * in step with transitions; the intake counts observations.
 */
import { Counter, Gauge, Histogram } from 'prom-client';
import type { Observation, State } from '../../monitor/types.ts';
import type { Registry } from '../../platform/metrics.ts';
import type { StoreStatus } from '../../store/write-behind.ts';
import type { Stage } from '../pipeline.ts';

/** Gauge values of a state: 1 UP, 0.5 DEGRADED, 0 DOWN, -1 UNKNOWN. */
export const STATE_VALUE: Readonly<Record<State, number>> = { UP: 1, DEGRADED: 0.5, DOWN: 0, UNKNOWN: -1 };

const STATE_HELP = '1 UP, 0.5 DEGRADED, 0 DOWN, -1 UNKNOWN';

export function createMonitorMetrics(registry: Registry) {
  const registers = [registry];
  return {
    registry,
    checkState: new Gauge({
      name: 'bascule_check_state',
      help: `State of a check: ${STATE_HELP}`,
      labelNames: ['check'],
      registers,
    }),
    serviceState: new Gauge({
      name: 'bascule_service_state',
      help: `State of a service: ${STATE_HELP}`,
      labelNames: ['service'],
      registers,
    }),
    componentState: new Gauge({
      name: 'bascule_component_state',
      help: `State of a component: ${STATE_HELP}`,
      labelNames: ['component'],
      registers,
    }),
    probeDuration: new Histogram({
      name: 'bascule_probe_duration_seconds',
      help: 'Duration of probes, by probe type and vantage point',
      labelNames: ['type', 'vantage'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    probeFailures: new Counter({
      name: 'bascule_probe_failures_total',
      help: 'Failed probes, by classified reason and vantage point',
      labelNames: ['reason', 'vantage'],
      registers,
    }),
    drift: new Histogram({
      name: 'bascule_scheduler_drift_seconds',
      help: 'How late probes started after their scheduled time',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers,
    }),
    observations: new Counter({
      name: 'bascule_observations_total',
      help: 'Probe results received, by vantage point',
      labelNames: ['vantage'],
      registers,
    }),
    incidentsOpen: new Gauge({
      name: 'bascule_incidents_open',
      help: 'Incidents currently open',
      registers,
    }),
  };
}

export type MonitorMetrics = ReturnType<typeof createMonitorMetrics>;

/** Each problem of the daemon itself, 1 while it lasts (store-failing, probes-local), read at each scrape. */
export function problemMetrics(
  registry: Registry,
  problems: () => readonly { readonly code: string }[],
): void {
  new Gauge({
    name: 'bascule_daemon_problem',
    help: 'Problems of Bascule itself, 1 while one lasts: store-failing (writes wait in memory), probes-local (its own probes lack files, memory or ports)',
    labelNames: ['code'],
    registers: [registry],
    collect() {
      const now = new Set(problems().map((p) => p.code));
      for (const code of ['store-failing', 'probes-local']) this.set({ code }, now.has(code) ? 1 : 0);
    },
  });
}

/** The store's health, read at each scrape: up or failing, and what waits in memory for it. */
export function storeMetrics(registry: Registry, status: () => StoreStatus): void {
  const registers = [registry];
  new Gauge({
    name: 'bascule_store_up',
    help: '1 while the store takes writes, 0 while they wait in memory for it',
    registers,
    collect() {
      this.set(status().ok ? 1 : 0);
    },
  });
  new Gauge({
    name: 'bascule_store_queued',
    help: 'Writes waiting in memory for a failing store, by kind (observations, transitions, other)',
    labelNames: ['kind'],
    registers,
    collect() {
      const q = status().queued;
      this.set({ kind: 'observations' }, q.observations);
      this.set({ kind: 'transitions' }, q.transitions);
      this.set({ kind: 'other' }, q.other);
    },
  });
  new Gauge({
    name: 'bascule_store_dropped_observations',
    help: 'Observations dropped since start because a failing store left more waiting than memory keeps',
    registers,
    collect() {
      this.set(status().dropped);
    },
  });
}

/** Counts a batch of observations; `types` maps a check to its probe type. */
export function countObservations(
  m: MonitorMetrics,
  types: ReadonlyMap<string, string>,
  batch: readonly Observation[],
): void {
  for (const o of batch) {
    m.probeDuration.observe(
      { type: types.get(o.check) ?? 'unknown', vantage: o.vantage },
      o.latencyMs / 1000,
    );
    m.observations.inc({ vantage: o.vantage });
    if (!o.ok) m.probeFailures.inc({ reason: o.reason ?? 'error', vantage: o.vantage });
  }
}

/** Keeps the state gauges and the open-incident count in step. */
export function metricsStage(m: MonitorMetrics, openIncidents: () => number): Stage {
  return {
    name: 'metrics',
    on: {
      transitions(batch) {
        for (const t of batch) {
          const value = STATE_VALUE[t.to];
          if (t.type === 'check') m.checkState.set({ check: t.id }, value);
          else if (t.type === 'service') m.serviceState.set({ service: t.id }, value);
          else m.componentState.set({ component: t.id }, value);
        }
      },
      incidents() {
        m.incidentsOpen.set(openIncidents());
      },
    },
  };
}

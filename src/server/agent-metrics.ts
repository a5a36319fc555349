/** The agent group's metrics: agents' clock offsets, results refused, results too late to count live. */
import { Counter, Gauge, type Registry } from 'prom-client';

export interface AgentMetrics {
  readonly offset: Gauge<'vantage'>;
  readonly refused: Counter<'vantage' | 'reason'>;
  readonly late: Counter<'vantage'>;
}

/** The agent group's metrics, registered once per registry. */
export function agentMetrics(registry: Registry): AgentMetrics {
  const get = <T>(name: string, make: () => T): T => (registry.getSingleMetric(name) as T) ?? make();
  return {
    offset: get(
      'bascule_agent_clock_offset_seconds',
      () =>
        new Gauge({
          name: 'bascule_agent_clock_offset_seconds',
          help: 'The daemon’s clock minus the agent’s, measured on its last post',
          labelNames: ['vantage'],
          registers: [registry],
        }),
    ),
    refused: get(
      'bascule_agent_observations_refused_total',
      () =>
        new Counter({
          name: 'bascule_agent_observations_refused_total',
          help: 'Agent results refused, not stored (invalid, or later than now)',
          labelNames: ['vantage', 'reason'],
          registers: [registry],
        }),
    ),
    late: get(
      'bascule_agent_observations_late_total',
      () =>
        new Counter({
          name: 'bascule_agent_observations_late_total',
          help: 'Agent results older than the staleness window: stored, not given to the live state',
          labelNames: ['vantage'],
          registers: [registry],
        }),
    ),
  };
}

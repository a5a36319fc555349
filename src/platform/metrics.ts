/** The Prometheus registry every part registers its metrics in (served at /metrics), with Node's process metrics. */
import { collectDefaultMetrics, Registry } from 'prom-client';

/** Every metric's name starts with it; prom-client's own names already say `process_` or `nodejs_`. */
const PREFIX = 'bascule_';

/**
 * prom-client's gauges named like counters (`_total`), which `promtool check metrics` refuses: the
 * gauge of the same name without `_total` counts them by type, and `sum()` of it is the total.
 */
const GAUGES_NAMED_TOTAL = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

export function createRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  for (const name of GAUGES_NAMED_TOTAL) registry.removeSingleMetric(PREFIX + name);
  return registry;
}

export type { Registry };

/** The Prometheus registry every part registers its metrics in (served at /metrics), with Node's process metrics. */
import { collectDefaultMetrics, Registry } from 'prom-client';

export function createRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'bascule_process_' });
  return registry;
}

export type { Registry };

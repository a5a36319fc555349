/** The proxy's Prometheus metrics: requests by status, retries, passive failures by reason, upstream latency. */
import { Counter, Histogram } from 'prom-client';
import type { Registry } from '../../platform/metrics.ts';

export interface ProxyMetrics {
  readonly requests: Counter<'group' | 'code'>;
  readonly retries: Counter<'group' | 'endpoint'>;
  readonly retriesDenied: Counter<'group'>;
  readonly passive: Counter<'group' | 'endpoint' | 'reason'>;
  readonly upstream: Histogram<'group' | 'endpoint'>;
}

/** Registers the metrics in `registry` (once per registry: a second proxy shares them, by group label). */
export function proxyMetrics(registry: Registry): ProxyMetrics {
  const get = <T>(name: string, make: () => T): T => (registry.getSingleMetric(name) as T) ?? make();
  return {
    requests: get(
      'bascule_proxy_requests_total',
      () =>
        new Counter({
          name: 'bascule_proxy_requests_total',
          help: 'Requests the built-in proxy answered, by failover group and HTTP status class (2xx, 5xx…).',
          labelNames: ['group', 'code'],
          registers: [registry],
        }),
    ),
    retries: get(
      'bascule_proxy_retries_total',
      () =>
        new Counter({
          name: 'bascule_proxy_retries_total',
          help: 'Requests sent again by the proxy, by group and by the endpoint they were sent to.',
          labelNames: ['group', 'endpoint'],
          registers: [registry],
        }),
    ),
    retriesDenied: get(
      'bascule_proxy_retries_denied_total',
      () =>
        new Counter({
          name: 'bascule_proxy_retries_denied_total',
          help: 'Retries the retry budget refused (the request failed instead).',
          labelNames: ['group'],
          registers: [registry],
        }),
    ),
    passive: get(
      'bascule_proxy_passive_failures_total',
      () =>
        new Counter({
          name: 'bascule_proxy_passive_failures_total',
          help: 'Failures the proxy saw on live traffic, by group, endpoint and reason (refused, reset, timeout…).',
          labelNames: ['group', 'endpoint', 'reason'],
          registers: [registry],
        }),
    ),
    upstream: get(
      'bascule_proxy_upstream_seconds',
      () =>
        new Histogram({
          name: 'bascule_proxy_upstream_seconds',
          help: 'Time from sending a request to an endpoint to its response head, by group and endpoint.',
          labelNames: ['group', 'endpoint'],
          buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
          registers: [registry],
        }),
    ),
  };
}

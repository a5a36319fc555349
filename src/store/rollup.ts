/**
 * Per-minute roll-ups of raw observations: count, failures, nearest-rank latency percentiles and
 * the maximum, per check, vantage point and minute. Pure. When a minute is rolled up in two parts
 * (a chunk boundary, a late result) the parts are merged weighted by count: the merged count,
 * failures and max are exact, the merged percentiles an approximation.
 */
import type { Observation } from '../monitor/types.ts';
import type { Rollup } from './store.ts';

export const MINUTE_MS = 60_000;

export const minuteOf = (at: number): number => Math.floor(at / MINUTE_MS) * MINUTE_MS;

function rank(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export function rollUp(
  observations: readonly Pick<Observation, 'check' | 'vantage' | 'at' | 'ok' | 'latencyMs'>[],
): Rollup[] {
  const groups = new Map<
    string,
    { check: string; vantage: string; minute: number; lat: number[]; failures: number }
  >();
  for (const o of observations) {
    const minute = minuteOf(o.at);
    const key = `${o.check}\u0000${o.vantage}\u0000${minute}`;
    let g = groups.get(key);
    if (!g) {
      g = { check: o.check, vantage: o.vantage, minute, lat: [], failures: 0 };
      groups.set(key, g);
    }
    g.lat.push(o.latencyMs);
    if (!o.ok) g.failures++;
  }
  return [...groups.values()].map((g) => {
    const sorted = g.lat.sort((a, b) => a - b);
    return {
      check: g.check,
      vantage: g.vantage,
      minute: g.minute,
      count: sorted.length,
      failures: g.failures,
      p50: rank(sorted, 50),
      p95: rank(sorted, 95),
      p99: rank(sorted, 99),
      max: sorted.at(-1) ?? 0,
    };
  });
}

/** Merges two roll-ups of the same check, vantage point and minute. */
export function mergeRollups(a: Rollup, b: Rollup): Rollup {
  const count = a.count + b.count;
  const w = (x: number, y: number) => (x * a.count + y * b.count) / count;
  return {
    ...a,
    count,
    failures: a.failures + b.failures,
    p50: w(a.p50, b.p50),
    p95: w(a.p95, b.p95),
    p99: w(a.p99, b.p99),
    max: Math.max(a.max, b.max),
  };
}

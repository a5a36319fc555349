/**
 * The daemon's scheduling drift (how late probes started after their schedule), as /metrics serves
 * it: the cumulative buckets of `bascule_scheduler_drift_seconds`. Two scrapes give the histogram
 * of the probes in between; its quantiles are interpolated within a bucket, as Prometheus'
 * histogram_quantile does, and bounded by the bucket's upper edge.
 */

export interface Buckets {
  /** Upper bounds in seconds (Infinity last) → cumulative count. */
  readonly le: readonly number[];
  readonly counts: readonly number[];
}

export function parseDrift(metrics: string): Buckets {
  const le: number[] = [];
  const counts: number[] = [];
  for (const m of metrics.matchAll(
    /^bascule_scheduler_drift_seconds_bucket\{le="([^"]+)"\} (\d+(?:\.\d+)?)$/gm,
  )) {
    le.push(m[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(m[1]));
    counts.push(Number(m[2]));
  }
  if (le.length === 0) throw new Error('no bascule_scheduler_drift_seconds in /metrics');
  return { le, counts };
}

/** What was observed between two scrapes. */
export function between(before: Buckets, after: Buckets): Buckets {
  return { le: after.le, counts: after.counts.map((c, i) => c - (before.counts[i] ?? 0)) };
}

export interface Quantile {
  /** Interpolated estimate, ms. */
  readonly ms: number;
  /** The bucket's upper bound, ms: the quantile is at most this (Infinity past the last bucket). */
  readonly atMostMs: number;
  readonly probes: number;
}

export function quantile(b: Buckets, q: number): Quantile {
  const total = b.counts.at(-1) ?? 0;
  if (total === 0) return { ms: Number.NaN, atMostMs: Number.NaN, probes: 0 };
  const rank = q * total;
  const i = b.counts.findIndex((c) => c >= rank);
  const upper = b.le[i]!;
  const lower = i === 0 ? 0 : b.le[i - 1]!;
  if (upper === Number.POSITIVE_INFINITY) return { ms: lower * 1000, atMostMs: upper, probes: total };
  const below = i === 0 ? 0 : b.counts[i - 1]!;
  const inBucket = b.counts[i]! - below;
  const s = inBucket === 0 ? upper : lower + ((upper - lower) * (rank - below)) / inBucket;
  return { ms: s * 1000, atMostMs: upper * 1000, probes: total };
}

/** What the request path shares with the server that owns it: options, pools, budget, metrics, the routing. */
import type { Fallback } from '../actuator.ts';
import type { PassiveReason } from './evidence.ts';
import type { LimitedLog } from './log-limit.ts';
import type { ProxyMetrics } from './metrics.ts';
import type { ResolvedOptions } from './options.ts';
import type { Pool } from './pool.ts';
import type { RetryBudget } from './retry-policy.ts';

export interface ProxyContext {
  readonly o: ResolvedOptions;
  readonly proto: 'http' | 'https';
  readonly pool: Pool;
  readonly budget: RetryBudget;
  readonly metrics: ProxyMetrics;
  readonly log: LimitedLog;
  /** The active endpoint first, then the standby list (empty: nothing routed yet). */
  candidates(): readonly Fallback[];
  /** A backend failed under live traffic: counted, logged, told to the caller. */
  evidence(target: Fallback, reason: PassiveReason, detail: string, status?: number): void;
  /** A backend answered (a response head came): the first one per endpoint and routing change is told. */
  served(target: Fallback): void;
}

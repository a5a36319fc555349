/**
 * Why a service is down, as data: the failing checks on the components it depends on (directly or
 * through the map), each with its state, reason and how many vantage points see it failing. Pure;
 * the edges word it (`api-aws: DOWN — timeout (2s) — 2/3 vantage points`, i18n `monitor.cause`).
 */
import type { Graph } from '../analysis/graph.ts';
import type { CompiledCheck } from './compile.ts';
import type { CheckView } from './quorum.ts';
import type { FailureReason, State, Warning } from './types.ts';

/** One failing check under a service. */
export interface ServiceCause {
  readonly check: string;
  readonly state: Exclude<State, 'UP' | 'UNKNOWN'>;
  /** The first failing vantage point's reason, or the warning that keeps the check DEGRADED. */
  readonly reason?: FailureReason;
  readonly warning?: Warning;
  readonly detail?: string;
  readonly down: number;
  readonly reporting: number;
}

/** Every node id the service depends on, itself included. */
export function dependencyClosure(graph: Graph, id: string): Set<string> {
  const start = graph.index.get(id);
  const seen = new Set<number>();
  if (start === undefined) return new Set();
  const stack = [start];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    for (let e = graph.depStart[n]!; e < graph.depStart[n + 1]!; e++) stack.push(graph.deps[e]!);
  }
  return new Set([...seen].map((n) => graph.ids[n]!));
}

export function serviceCauses(
  graph: Graph,
  checks: readonly CompiledCheck[],
  view: (check: string) => CheckView | undefined,
  service: string,
): ServiceCause[] {
  const below = dependencyClosure(graph, service);
  const out: ServiceCause[] = [];
  for (const c of checks) {
    const target = c.component ?? c.service;
    if (target === undefined || !below.has(target)) continue;
    const v = view(c.id);
    if (!v || v.state === 'UP' || v.state === 'UNKNOWN') continue;
    out.push({
      check: c.id,
      state: v.state,
      ...(v.reason ? { reason: v.reason } : v.warning ? { warning: v.warning } : {}),
      ...(v.reason && v.detail ? { detail: v.detail } : {}),
      down: v.down,
      reporting: v.reporting,
    });
  }
  return out;
}

/**
 * Why a service is down, for people: the failing checks on the components it depends on (directly
 * or through the map), each with its reason and how many vantage points see it failing —
 * `api-aws: DOWN — timeout (2s) — 2/3 vantage points`. Pure.
 */
import type { Graph } from '../analysis/graph.ts';
import { type Lang, t } from '../i18n/index.ts';
import type { CompiledCheck } from './compile.ts';
import type { CheckView } from './quorum.ts';
import { FAILURE_REASONS, type FailureReason } from './types.ts';

const REASONS = new Set<string>(FAILURE_REASONS);

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
  lang: Lang,
): string[] {
  const below = dependencyClosure(graph, service);
  const out: string[] = [];
  for (const c of checks) {
    const target = c.component ?? c.service;
    if (target === undefined || !below.has(target)) continue;
    const v = view(c.id);
    if (!v || v.state === 'UP' || v.state === 'UNKNOWN') continue;
    const reason = v.reason ?? v.warning;
    const why =
      reason === undefined ? '' : REASONS.has(reason) ? t(lang, `reason.${reason as FailureReason}`) : reason;
    const detail = v.detail ? ` (${v.detail})` : '';
    const seen = t(lang, 'monitor.cause.vantages', { down: v.down, reporting: v.reporting });
    out.push(`${c.id}: ${v.state}${why ? ` — ${why}${detail}` : ''} — ${seen}`);
  }
  return out;
}

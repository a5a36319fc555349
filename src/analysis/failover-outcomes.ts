/**
 * What each failover would do in a failure run: nothing to do (its preferred endpoint holds), switch
 * to the next endpoint that survives, be stuck (what moves the traffic failed too), or have no
 * endpoint left. Read from the last propagation run.
 */
import type { Graph } from './graph.ts';
import type { Propagator } from './propagate.ts';

export interface FailoverOutcome {
  readonly failover: string;
  /** Who it is said of: the service of a group Bascule runs, else the failover's id. */
  readonly subject: string;
  readonly outcome: 'switches' | 'stuck' | 'none-left';
  /** The preferred endpoint that failed, and the one traffic goes (or would go) to. */
  readonly from: string;
  readonly to?: string;
  /** What moves the traffic, when it failed too (`stuck`). */
  readonly via?: string;
}

export function failoverOutcomes(graph: Graph, prop: Propagator): FailoverOutcome[] {
  const out: FailoverOutcome[] = [];
  const failed = (id: string | undefined) => {
    const n = id === undefined ? undefined : graph.index.get(id);
    return n !== undefined && prop.isFailed(n);
  };
  for (const plan of graph.failovers) {
    const [first, ...rest] = plan.endpoints;
    if (!first || !failed(first.node)) continue;
    const base = { failover: plan.id, subject: plan.service ?? plan.id, from: first.name };
    const next = rest.find((e) => !failed(e.node));
    if (!next) out.push({ ...base, outcome: 'none-left' });
    else if (failed(plan.via)) out.push({ ...base, outcome: 'stuck', to: next.name, via: plan.via! });
    else out.push({ ...base, outcome: 'switches', to: next.name });
  }
  return out.sort((a, b) => a.failover.localeCompare(b.failover));
}

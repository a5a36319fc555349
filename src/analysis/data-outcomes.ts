/**
 * Which data a failure run loses: for each dataset whose component fails, whether a copy survives.
 * Lost when every target's component fails too; else restorable from the surviving targets, whose
 * copy is at most one `every` old: stale when that is beyond the dataset's RPO. Read from the last
 * propagation run, from the map alone (the records say how old the copies really are: `backup status`).
 */
import { datasetRpo } from '../model/backup-rpo.ts';
import { parseDuration } from '../model/duration.ts';
import type { Graph } from './graph.ts';
import type { Propagator } from './propagate.ts';

export interface DataOutcome {
  readonly dataset: string;
  /** The component whose data it is (failed in this run). */
  readonly component: string;
  readonly outcome: 'lost' | 'stale' | 'restorable';
  /** Lost: the copies that fail with the data; else the targets that survive. */
  readonly targets: readonly string[];
  /** How old a surviving copy may be: the schedule, as the map writes it. */
  readonly every: string;
  /** The RPO it is judged against, as the map writes it (the dataset's, or its strictest service's). */
  readonly rpo: string;
}

export function dataOutcomes(graph: Graph, prop: Propagator): DataOutcome[] {
  const config = graph.config;
  const targets = config.backups?.targets ?? {};
  const failed = (id: string | undefined) => {
    const n = id === undefined ? undefined : graph.index.get(id);
    return n !== undefined && prop.isFailed(n);
  };
  const out: DataOutcome[] = [];
  for (const [id, dataset] of Object.entries(config.backups?.datasets ?? {})) {
    if (!failed(dataset.component)) continue;
    const to = dataset.to.filter((t) => Object.hasOwn(targets, t));
    const left = to.filter((t) => !failed(targets[t]!.component));
    const rpo = datasetRpo(config, dataset);
    const written =
      rpo.source.from === 'dataset'
        ? dataset.rpo!
        : rpo.source.from === 'service'
          ? config.services[rpo.source.service]!.rpo!
          : dataset.every;
    const every = parseDuration(dataset.every) ?? 0;
    out.push({
      dataset: id,
      component: dataset.component,
      outcome: left.length === 0 ? 'lost' : every > rpo.ms ? 'stale' : 'restorable',
      targets: left.length === 0 ? to : left,
      every: dataset.every,
      rpo: written,
    });
  }
  return out.sort((a, b) => a.dataset.localeCompare(b.dataset));
}

/**
 * The backup findings, judged on the map (docs/backups.md):
 *
 * - backup-missing: a database or storage component (by kind, advice.ts's holdsData) that a critical
 *   or high service depends on, and that no dataset protects. Replicas (a redundancy group whose
 *   members all hold data) are one finding: a dataset on any member protects the group, and
 *   replication is no backup (a deletion or a corruption reaches every replica). A component where a
 *   backup target lives, and what it runs on, holds copies, not data to protect;
 * - backup-colocated: every copy of a dataset shares the data's region (one fire takes them all,
 *   OVHcloud Strasbourg 2021), or else its provider (one provider's outage, or a closed account);
 * - rpo-unmet: a dataset backed up less often than its RPO (its own, or the strictest of the
 *   services that depend on its component) allows.
 *
 * They do not change the score, which measures availability (outages survived, single points of
 * failure): they are listed, and the outage replays say which data each outage loses.
 */
import { colocation, placesOf } from '../../model/backup-placement.ts';
import { datasetRpo } from '../../model/backup-rpo.ts';
import { parseDuration } from '../../model/duration.ts';
import type { Config, Criticality } from '../../model/schema.ts';
import { holdsData } from '../advice.ts';
import { type AnalysisContext, reachable } from '../context.ts';
import { type Finding, milder, type Severity, severityFor } from '../finding.ts';
import { type Graph, NODE_COMPONENT, NODE_SERVICE, nodeLabel } from '../graph.ts';
import type { Rule } from './rule.ts';

/** Nodes visited per finding to name the services above it (the severity comes from `above`). */
const SERVICE_WALK = 4096;
/** Services named in a backup-missing message. */
const SERVICES_NAMED = 3;

const urgent = (c: Criticality | undefined): c is 'critical' | 'high' => c === 'critical' || c === 'high';

/** The critical and high services above `node`, at most SERVICES_NAMED, found in a bounded walk. */
function servicesAbove(graph: Graph, node: number): string[] {
  const out: string[] = [];
  const seen = new Set([node]);
  const queue = [node];
  for (let i = 0; i < queue.length && i < SERVICE_WALK && out.length < SERVICES_NAMED; i++) {
    const n = queue[i]!;
    if (graph.nodeType[n] === NODE_SERVICE && urgent(graph.criticality.get(n))) out.push(graph.ids[n]!);
    for (let e = graph.revStart[n]!; e < graph.revStart[n + 1]!; e++) {
      const up = graph.rev[e]!;
      if (!seen.has(up)) {
        seen.add(up);
        queue.push(up);
      }
    }
  }
  return out.sort();
}

/** Components that hold backup copies: where a target lives, and what that runs on. */
function copyHolders(graph: Graph, config: Config): Set<number> {
  const out = new Set<number>();
  for (const target of Object.values(config.backups?.targets ?? {})) {
    const n = target.component === undefined ? undefined : graph.index.get(target.component);
    if (n !== undefined) for (const d of reachable(graph, n, 'forward')) out.add(d);
  }
  return out;
}

function missing(ctx: AnalysisContext): Finding[] {
  const { graph, above } = ctx;
  const config = graph.config;
  const holders = copyHolders(graph, config);
  const protectedIds = new Set(Object.values(config.backups?.datasets ?? {}).map((d) => d.component));
  const data = (n: number) =>
    graph.nodeType[n] === NODE_COMPONENT &&
    !holders.has(n) &&
    holdsData(config.components[graph.ids[n]!]?.kind);
  const out: Finding[] = [];
  const inReplicas = new Set<number>();
  for (const g of graph.groups.keys()) {
    const members: number[] = [];
    for (let e = graph.depStart[g]!; e < graph.depStart[g + 1]!; e++) members.push(graph.deps[e]!);
    if (members.length < 2 || !members.every(data)) continue;
    for (const m of members) inReplicas.add(m);
    const criticality = above(g);
    if (!urgent(criticality) || members.some((m) => protectedIds.has(graph.ids[m]!))) continue;
    const ids = members.map((m) => graph.ids[m]!);
    out.push({
      kind: 'backup-missing',
      variant: 'replicas',
      severity: severityFor([criticality]),
      subjects: [graph.ids[g]!, ...ids],
      params: {
        group: nodeLabel(graph, g),
        members: ids.join(', '),
        services: servicesAbove(graph, g).join(', '),
        criticality,
      },
    });
  }
  for (const n of graph.components) {
    const id = graph.ids[n]!;
    if (inReplicas.has(n) || protectedIds.has(id) || !data(n)) continue;
    const criticality = above(n);
    if (!urgent(criticality)) continue;
    out.push({
      kind: 'backup-missing',
      severity: severityFor([criticality]),
      subjects: [id],
      params: {
        component: id,
        kind: config.components[id]!.kind!,
        services: servicesAbove(graph, n).join(', '),
        criticality,
      },
    });
  }
  return out;
}

/** The place a copy shares with the data: `ovh/sbg`, or the provider. */
function sharedPlace(config: Config, source: string, targets: readonly (string | undefined)[]): string {
  const here = placesOf(config, source);
  const there = targets.flatMap((t) => placesOf(config, t));
  for (const h of here)
    if (there.some((t) => t.provider === h.provider && h.region !== undefined && t.region === h.region))
      return `${h.provider}/${h.region}`;
  return here.find((h) => there.some((t) => t.provider === h.provider))?.provider ?? '';
}

function colocated(ctx: AnalysisContext): Finding[] {
  const { graph, above } = ctx;
  const config = graph.config;
  const targets = config.backups?.targets ?? {};
  const out: Finding[] = [];
  for (const [id, dataset] of Object.entries(config.backups?.datasets ?? {})) {
    const to = dataset.to.filter((t) => Object.hasOwn(targets, t));
    if (to.length === 0) continue;
    const where = to.map((t) => colocation(config, dataset.component, targets[t]!.component));
    if (!where.every((w) => w === 'region' || w === 'provider')) continue;
    const region = where.every((w) => w === 'region');
    const node = graph.index.get(dataset.component);
    const worst = node === undefined ? undefined : above(node);
    const base: Severity = worst ? severityFor([worst]) : 'medium';
    out.push({
      kind: 'backup-colocated',
      variant: region ? 'region' : 'provider',
      severity: region ? base : milder(base),
      subjects: [id, dataset.component, ...to],
      params: {
        dataset: id,
        component: dataset.component,
        copies: to.join(', '),
        place: sharedPlace(
          config,
          dataset.component,
          to.map((t) => targets[t]!.component),
        ),
      },
    });
  }
  return out;
}

function rpoUnmet(ctx: AnalysisContext): Finding[] {
  const { graph, above } = ctx;
  const config = graph.config;
  const out: Finding[] = [];
  for (const [id, dataset] of Object.entries(config.backups?.datasets ?? {})) {
    const rpo = datasetRpo(config, dataset);
    const every = parseDuration(dataset.every);
    if (rpo.source.from === 'every' || every === undefined || every <= rpo.ms) continue;
    const node = graph.index.get(dataset.component);
    const worst = node === undefined ? undefined : above(node);
    const fromService = rpo.source.from === 'service' ? rpo.source.service : undefined;
    const written = fromService === undefined ? dataset.rpo! : config.services[fromService]!.rpo!;
    out.push({
      kind: 'rpo-unmet',
      ...(fromService !== undefined ? { variant: 'service' } : {}),
      severity: worst ? milder(severityFor([worst])) : 'low',
      subjects: [id, dataset.component, ...(fromService !== undefined ? [fromService] : [])],
      params: {
        dataset: id,
        every: dataset.every,
        rpo: written,
        ...(fromService !== undefined ? { service: fromService } : {}),
      },
    });
  }
  return out;
}

export const backupFindings = {
  kinds: ['backup-missing', 'backup-colocated', 'rpo-unmet'],
  run: (ctx) => [...missing(ctx), ...colocated(ctx), ...rpoUnmet(ctx)],
} satisfies Rule;

/**
 * What the report draws, before layout: one box per service, component and redundancy group,
 * components grouped by provider then region, and the marks (SPOF, down, hit, degraded) of an
 * analysis or a simulation. Pure: no layout engine, no I/O.
 */
import { type Graph, NODE_COMPONENT, NODE_GROUP, NODE_SERVICE } from '../../analysis/graph.ts';
import { type Lang, t } from '../../i18n/index.ts';
import { runsOnLabel } from '../../model/runs-on.ts';
import type { Criticality } from '../../model/schema.ts';

export type Mark = 'spof' | 'down' | 'hit' | 'degraded';

export interface DiagramNode {
  readonly id: string;
  readonly type: 'service' | 'component' | 'group';
  readonly title: string;
  readonly detail: string;
  /** The cluster it sits in (a provider or a provider's region), if any. */
  readonly cluster: string | undefined;
  readonly criticality: Criticality | undefined;
  readonly marks: ReadonlySet<Mark>;
  /** The marks shown as labelled badges, translated, in drawing order. */
  readonly badges: readonly { readonly mark: Mark; readonly text: string }[];
}

export interface Cluster {
  readonly id: string;
  readonly label: string;
  readonly provider: string;
  /** The provider cluster a region cluster sits in. */
  readonly parent: string | undefined;
}

export interface DiagramEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  /** `member`: from a redundancy group to one of its members. */
  readonly type: 'hard' | 'member';
}

export interface Diagram {
  readonly nodes: readonly DiagramNode[];
  readonly clusters: readonly Cluster[];
  readonly edges: readonly DiagramEdge[];
}

export interface Marks {
  readonly spof?: ReadonlySet<string>;
  readonly down?: ReadonlySet<string>;
  readonly hit?: ReadonlySet<string>;
  readonly degraded?: ReadonlySet<string>;
}

/** Box ids are prefixed so that a component named like a provider cannot collide with its cluster. */
export const boxId = (id: string): string => `n:${id}`;
const providerCluster = (p: string): string => `p:${p}`;
const regionCluster = (p: string, r: string): string => `r:${p}/${r}`;

const BADGED: readonly Mark[] = ['spof', 'down', 'hit'];

function badgesOf(marks: ReadonlySet<Mark>, lang: Lang): DiagramNode['badges'] {
  return BADGED.filter((m) => marks.has(m)).map((mark) => ({
    mark,
    text: t(lang, `html.badge.${mark as 'spof' | 'down' | 'hit'}`),
  }));
}

function marksOf(id: string, marks: Marks): Set<Mark> {
  const out = new Set<Mark>();
  if (marks.spof?.has(id)) out.add('spof');
  if (marks.down?.has(id)) out.add('down');
  if (marks.hit?.has(id)) out.add('hit');
  if (marks.degraded?.has(id)) out.add('degraded');
  return out;
}

export function buildDiagram(graph: Graph, marks: Marks, lang: Lang): Diagram {
  const { config } = graph;
  const nodes: DiagramNode[] = [];
  const clusters = new Map<string, Cluster>();
  const marked = (id: string) => {
    const m = marksOf(id, marks);
    return { marks: m, badges: badgesOf(m, lang) };
  };
  for (let n = 0; n < graph.count; n++) {
    const id = graph.ids[n]!;
    const type = graph.nodeType[n];
    if (type === NODE_SERVICE) {
      const spec = config.services[id]!;
      nodes.push({
        id: boxId(id),
        type: 'service',
        title: id,
        detail: [
          spec.criticality ? t(lang, `alert.criticality.${spec.criticality}`) : '',
          spec.rto ? `RTO ${spec.rto}` : '',
        ]
          .filter(Boolean)
          .join(' · '),
        cluster: undefined,
        criticality: spec.criticality,
        ...marked(id),
      });
    } else if (type === NODE_COMPONENT) {
      const spec = config.components[id]!;
      let cluster: string | undefined;
      if (spec.provider) {
        cluster = providerCluster(spec.provider);
        if (!clusters.has(cluster))
          clusters.set(cluster, {
            id: cluster,
            label: spec.provider,
            provider: spec.provider,
            parent: undefined,
          });
        if (spec.region) {
          const parent = cluster;
          cluster = regionCluster(spec.provider, spec.region);
          if (!clusters.has(cluster))
            clusters.set(cluster, { id: cluster, label: spec.region, provider: spec.provider, parent });
        }
      }
      const what = spec.service ?? spec.kind ?? (spec.provider ? '' : t(lang, 'html.logical'));
      const runsOn = spec.runsOn.length
        ? t(lang, 'html.runsOn', {
            places: spec.runsOn
              .map((e) => runsOnLabel(e, (p) => [p.provider, p.region].filter(Boolean).join('/')))
              .join(', '),
          })
        : '';
      nodes.push({
        id: boxId(id),
        type: 'component',
        title: id,
        detail: [what, spec.zone, runsOn].filter(Boolean).join(' · '),
        cluster,
        criticality: undefined,
        ...marked(id),
      });
    } else if (type === NODE_GROUP) {
      const g = graph.groups.get(n)!;
      const count = graph.depStart[n + 1]! - graph.depStart[n]!;
      nodes.push({
        id: boxId(id),
        type: 'group',
        title:
          g.name ??
          (g.type === 'anyOf'
            ? t(lang, 'html.group.anyOf', { count })
            : t(lang, 'html.group.quorum', { need: g.need, count })),
        detail: '',
        cluster: undefined,
        criticality: undefined,
        ...marked(id),
      });
    }
  }
  const edges: DiagramEdge[] = [];
  for (let n = 0; n < graph.count; n++) {
    const type = graph.nodeType[n] === NODE_GROUP ? 'member' : 'hard';
    for (let e = graph.depStart[n]!; e < graph.depStart[n + 1]!; e++) {
      edges.push({
        id: `e${edges.length}`,
        from: boxId(graph.ids[n]!),
        to: boxId(graph.ids[graph.deps[e]!]!),
        type,
      });
    }
  }
  return { nodes, clusters: [...clusters.values()], edges };
}

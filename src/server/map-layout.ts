/**
 * The dashboard's map: the diagram of the HTML report (report/html/diagram.ts) laid out by the same
 * engine (ELK, report/html/layout.ts), as JSON the browser draws and colours by live health. Laid
 * out once per language for the map the daemon runs (the map does not change while it runs), and
 * kept; a map too big to draw legibly (report/html's limit) is answered without positions.
 */
import { type Graph, NODE_COMPONENT, NODE_GROUP, NODE_SERVICE } from '../analysis/graph.ts';
import type { Lang } from '../i18n/index.ts';
import { boxId, buildDiagram } from '../report/html/diagram.ts';
import { MAX_DRAWN_NODES } from '../report/html/index.ts';
import { layoutDiagram } from '../report/html/layout.ts';
import { providerColor } from '../report/html/palette.ts';

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface LayoutNode extends Box {
  /** The id in the map (a service, a component, or a redundancy group's `owner.dependsOn[i]`). */
  readonly id: string;
  readonly kind: 'service' | 'component' | 'group';
  readonly title: string;
  readonly detail: string;
  readonly cluster: string | null;
  readonly criticality: string | null;
  /** A redundancy group: how many of its members it needs (1 for anyOf), the failover group that makes it, if any. */
  readonly group: {
    readonly type: 'anyOf' | 'quorum';
    readonly need: number;
    readonly failover: string | null;
  } | null;
  /** What it depends on, by map id. */
  readonly dependsOn: readonly string[];
}

export interface LayoutCluster extends Box {
  readonly id: string;
  readonly label: string;
  readonly provider: string;
  readonly parent: string | null;
  readonly color: string;
}

export interface LayoutEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: 'hard' | 'member';
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

export interface MapLayout {
  readonly width: number;
  readonly height: number;
  /** The map has more boxes than are drawn legibly: nodes come without positions (all zero). */
  readonly tooBig: boolean;
  readonly nodes: readonly LayoutNode[];
  readonly clusters: readonly LayoutCluster[];
  readonly edges: readonly LayoutEdge[];
}

const KINDS = { [NODE_SERVICE]: 'service', [NODE_COMPONENT]: 'component', [NODE_GROUP]: 'group' } as const;
const round = (n: number) => Math.round(n * 10) / 10;
const box = (b: Box | undefined): Box =>
  b ? { x: round(b.x), y: round(b.y), width: round(b.width), height: round(b.height) } : ZERO;
const ZERO: Box = { x: 0, y: 0, width: 0, height: 0 };

export async function mapLayout(graph: Graph, lang: Lang): Promise<MapLayout> {
  const diagram = buildDiagram(graph, {}, lang);
  const tooBig = graph.count > MAX_DRAWN_NODES;
  const laid = tooBig ? undefined : await layoutDiagram(diagram);
  const byBox = new Map(diagram.nodes.map((n) => [n.id, n]));
  const nodes: LayoutNode[] = [];
  for (let n = 0; n < graph.count; n++) {
    const id = graph.ids[n]!;
    const d = byBox.get(boxId(id));
    if (!d) continue;
    const g = graph.groups.get(n);
    const deps: string[] = [];
    for (let e = graph.depStart[n]!; e < graph.depStart[n + 1]!; e++) deps.push(graph.ids[graph.deps[e]!]!);
    nodes.push({
      id,
      kind: KINDS[graph.nodeType[n] as 0 | 1 | 2],
      title: d.title,
      detail: d.detail,
      cluster: d.cluster ?? null,
      criticality: d.criticality ?? null,
      group: g ? { type: g.type, need: g.need, failover: g.failover ?? null } : null,
      dependsOn: deps,
      ...box(laid?.nodes.get(d.id)),
    });
  }
  const unbox = (id: string) => id.slice(2);
  return {
    width: round(laid?.width ?? 0),
    height: round(laid?.height ?? 0),
    tooBig,
    nodes,
    clusters: diagram.clusters.map((c) => ({
      id: c.id,
      label: c.label,
      provider: c.provider,
      parent: c.parent ?? null,
      color: providerColor(c.provider),
      ...box(laid?.clusters.get(c.id)),
    })),
    edges: diagram.edges.map((e) => ({
      from: unbox(e.from),
      to: unbox(e.to),
      kind: e.type,
      points: (laid?.edges.get(e.id) ?? []).map((p) => ({ x: round(p.x), y: round(p.y) })),
    })),
  };
}

/** Lays the map out on first ask in each language, then answers from what it kept. */
export function layoutCache(graph: Graph): (lang: Lang) => Promise<MapLayout> {
  const kept = new Map<Lang, Promise<MapLayout>>();
  return (lang) => {
    let p = kept.get(lang);
    if (!p) {
      p = mapLayout(graph, lang);
      // A failure (a bug) is not kept: the next ask tries again.
      p.catch(() => kept.delete(lang));
      kept.set(lang, p);
    }
    return p;
  };
}

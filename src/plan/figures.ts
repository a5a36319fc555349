/**
 * The plan's dependency pictures, drawn by the HTML report's layout engine (ELK): one per drawn
 * service (itself and everything it depends on, single points of failure marked) and the whole map.
 */
import type { Graph } from '../analysis/graph.ts';
import type { Lang } from '../i18n/index.ts';
import { boxId, buildDiagram, type Diagram } from '../report/html/diagram.ts';
import { layoutDiagram } from '../report/html/layout.ts';
import { drawSvg } from '../report/html/svg.ts';

/** The part of a diagram made of the given graph nodes, with the clusters they sit in. */
function part(diagram: Diagram, graph: Graph, nodes: ReadonlySet<number>): Diagram {
  const keep = new Set([...nodes].map((n) => boxId(graph.ids[n]!)));
  const kept = diagram.nodes.filter((n) => keep.has(n.id));
  const clusters = new Set<string>();
  for (const n of kept) if (n.cluster) clusters.add(n.cluster);
  for (const c of diagram.clusters) if (clusters.has(c.id) && c.parent) clusters.add(c.parent);
  return {
    nodes: kept,
    clusters: diagram.clusters.filter((c) => clusters.has(c.id)),
    edges: diagram.edges.filter((e) => keep.has(e.from) && keep.has(e.to)),
  };
}

/**
 * The SVG of each service picture (by service id) and of the whole map (key ''), laid out one after
 * the other (ELK runs in this thread).
 */
export async function drawFigures(
  graph: Graph,
  lang: Lang,
  spofs: ReadonlySet<string>,
  services: ReadonlyMap<string, ReadonlySet<number>>,
  whole: boolean,
  title: (service: string | undefined) => string,
): Promise<Map<string, string>> {
  const diagram = buildDiagram(graph, { spof: spofs }, lang);
  const out = new Map<string, string>();
  for (const [service, nodes] of services) {
    const d = part(diagram, graph, nodes);
    out.set(service, drawSvg(d, await layoutDiagram(d), title(service)));
  }
  if (whole) out.set('', drawSvg(diagram, await layoutDiagram(diagram), title(undefined)));
  return out;
}

/** Lays the diagram out with ELK's layered algorithm (services on top, foundations at the bottom). */
import elk, { type ElkNode } from 'elkjs/lib/elk.bundled.js';

// elkjs is CommonJS: Node hands its module.exports over as the default import; the constructor is
// also exported as `.default`, which is what its type declarations describe.
const ELK = elk.default;

import type { Diagram, DiagramNode } from './diagram.ts';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly nodes: ReadonlyMap<string, Box>;
  readonly clusters: ReadonlyMap<string, Box>;
  readonly edges: ReadonlyMap<string, readonly Point[]>;
}

export const TITLE_SIZE = 12;
export const DETAIL_SIZE = 10;
/** Average glyph widths of the sans-serif font the page uses, per pixel of font size. */
const TITLE_EM = 0.62;
const DETAIL_EM = 0.6;
/** A detail longer than this goes on more lines (never cut): at its ` · ` and `, ` separators. */
const DETAIL_LINE_CHARS = 44;
export const DETAIL_LINE_HEIGHT = 12;
/** Room for a cluster's label: its inner padding on the left, a margin on the right. */
const CLUSTER_LABEL_PAD = 22;

export function badgeWidth(text: string): number {
  return text.length * 6.2 + 10;
}

/** A node's detail in lines of at most about DETAIL_LINE_CHARS, broken after a separator. */
export function detailLines(node: DiagramNode): string[] {
  if (!node.detail) return [];
  const pieces = node.detail.split(/(?<=\s·\s|,\s)/);
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces) {
    if (line && (line + piece).trimEnd().length > DETAIL_LINE_CHARS) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += piece;
  }
  if (line) lines.push(line.trimEnd());
  return lines;
}

export function nodeSize(node: DiagramNode): { width: number; height: number } {
  if (node.type === 'group')
    return { width: Math.max(64, node.title.length * 10 * DETAIL_EM + 20), height: 22 };
  const title = node.title.length * TITLE_SIZE * TITLE_EM;
  const lines = detailLines(node);
  const detail = Math.max(0, ...lines.map((l) => l.length * DETAIL_SIZE * DETAIL_EM));
  const badge = node.badges.reduce((w, b) => w + badgeWidth(b.text) + 4, 0);
  return {
    width: Math.ceil(Math.max(96, title + badge, detail) + 20),
    height: lines.length ? 28 + lines.length * DETAIL_LINE_HEIGHT : 30,
  };
}

/** The label's font size of a provider box and of a region box. */
export const CLUSTER_LABEL_SIZE = { provider: 13, region: 11 } as const;

/** The smallest width that shows a cluster's whole label (bold provider names are wider). */
export function clusterMinWidth(label: string, provider: boolean): number {
  const em = provider ? 0.68 : 0.62;
  const size = provider ? CLUSTER_LABEL_SIZE.provider : CLUSTER_LABEL_SIZE.region;
  return Math.ceil(label.length * size * em + CLUSTER_LABEL_PAD);
}

const ROOT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.json.edgeCoords': 'ROOT',
  'elk.json.shapeCoords': 'ROOT',
  'elk.layered.spacing.nodeNodeBetweenLayers': '36',
  'elk.spacing.nodeNode': '18',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.padding': '[top=12,left=12,bottom=12,right=12]',
};

const CLUSTER_OPTIONS = { 'elk.padding': '[top=28,left=12,bottom=12,right=12]' };

/** One engine for every layout: making one costs more than laying out a small diagram (the plan draws many). */
let shared: InstanceType<typeof ELK> | undefined;
const engine = (): InstanceType<typeof ELK> => {
  shared ??= new ELK();
  return shared;
};

export async function layoutDiagram(diagram: Diagram): Promise<Layout> {
  const elkNodes = new Map<string, ElkNode>();
  const root: ElkNode = { id: 'root', layoutOptions: ROOT_OPTIONS, children: [], edges: [] };
  for (const c of diagram.clusters)
    elkNodes.set(c.id, {
      id: c.id,
      layoutOptions: {
        ...CLUSTER_OPTIONS,
        // Wide enough for its label. ELK's layered algorithm lays DOWN out as a transposed RIGHT,
        // and applies a compound node's minimum size in those transposed axes: (height, width) here
        // (elkjs 0.12; test/report-html-labels.test.ts measures every label in Chromium).
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': `(40, ${clusterMinWidth(c.label, c.parent === undefined)})`,
      },
      children: [],
    });
  for (const c of diagram.clusters) {
    const parent = c.parent ? elkNodes.get(c.parent)! : root;
    parent.children!.push(elkNodes.get(c.id)!);
  }
  for (const n of diagram.nodes) {
    const parent = n.cluster ? elkNodes.get(n.cluster)! : root;
    parent.children!.push({ id: n.id, ...nodeSize(n) });
  }
  root.edges = diagram.edges.map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] }));

  const laid = await engine().layout(root);

  const nodes = new Map<string, Box>();
  const clusters = new Map<string, Box>();
  const clusterIds = new Set(diagram.clusters.map((c) => c.id));
  const visit = (n: ElkNode): void => {
    for (const child of n.children ?? []) {
      const box = { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 };
      (clusterIds.has(child.id) ? clusters : nodes).set(child.id, box);
      visit(child);
    }
  };
  visit(laid);
  const edges = new Map<string, Point[]>();
  for (const e of laid.edges ?? []) {
    const points: Point[] = [];
    for (const s of e.sections ?? []) points.push(s.startPoint, ...(s.bendPoints ?? []), s.endPoint);
    edges.set(e.id, points);
  }
  return { width: laid.width ?? 0, height: laid.height ?? 0, nodes, clusters, edges };
}

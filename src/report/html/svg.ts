/** Draws a laid-out diagram as an inline SVG: provider boxes, region boxes, nodes with their marks, edges. */
import type { Diagram, DiagramNode } from './diagram.ts';
import { esc } from './escape.ts';
import {
  type Box,
  badgeWidth,
  CLUSTER_LABEL_SIZE,
  DETAIL_LINE_HEIGHT,
  DETAIL_SIZE,
  detailLines,
  type Layout,
  type Point,
  TITLE_SIZE,
} from './layout.ts';
import { providerColor } from './palette.ts';

export const COLORS = {
  down: '#dc2626',
  downFill: '#fee2e2',
  degraded: '#d97706',
  degradedFill: '#fef3c7',
  edge: '#94a3b8',
  hit: '#7f1d1d',
  text: '#0f172a',
  muted: '#64748b',
  service: '#eef2ff',
  serviceStroke: '#4f46e5',
  criticality: { critical: '#b91c1c', high: '#c2410c', medium: '#a16207', low: '#4d7c0f' },
} as const;

const path = (points: readonly Point[]): string =>
  points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');

function rect(box: Box, attrs: string): string {
  return `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" ${attrs}/>`;
}

function badge(x: number, y: number, text: string, color: string): string {
  const w = badgeWidth(text);
  return `<g class="badge"><rect x="${x - w}" y="${y}" width="${w}" height="14" rx="7" fill="${color}"/><text x="${x - w / 2}" y="${y + 10.5}" text-anchor="middle" font-size="9" font-weight="700" fill="#fff">${esc(text)}</text></g>`;
}

function drawNode(node: DiagramNode, box: Box): string {
  const down = node.marks.has('down');
  const spof = node.marks.has('spof');
  const degraded = node.marks.has('degraded');
  let fill = node.type === 'service' ? COLORS.service : '#ffffff';
  let stroke = node.type === 'service' ? COLORS.serviceStroke : '#475569';
  let width = 1.2;
  if (degraded) [fill, stroke, width] = [COLORS.degradedFill, COLORS.degraded, 2];
  if (down) [fill, stroke, width] = [COLORS.downFill, COLORS.down, 2];
  if (spof) [stroke, width] = [COLORS.down, 3];
  const cls = ['node', node.type, ...node.marks].join(' ');
  const out = [
    `<g class="${cls}" data-id="${esc(node.id.slice(2))}"><title>${esc(node.title)}${node.detail ? ` — ${esc(node.detail)}` : ''}</title>`,
  ];
  if (node.type === 'group') {
    out.push(
      rect(box, `rx="11" fill="${fill}" stroke="${stroke}" stroke-width="${width}" stroke-dasharray="4 2"`),
    );
    out.push(
      `<text x="${box.x + box.width / 2}" y="${box.y + 15}" text-anchor="middle" font-size="${DETAIL_SIZE}" fill="${COLORS.text}">${esc(node.title)}</text>`,
    );
    return `${out.join('')}</g>`;
  }
  out.push(rect(box, `rx="6" fill="${fill}" stroke="${stroke}" stroke-width="${width}"`));
  if (node.criticality) {
    const c = COLORS.criticality[node.criticality];
    out.push(`<rect x="${box.x}" y="${box.y}" width="5" height="${box.height}" rx="2" fill="${c}"/>`);
  }
  const titleY = box.y + (node.detail ? 17 : 19);
  out.push(
    `<text x="${box.x + 10}" y="${titleY}" font-size="${TITLE_SIZE}" font-weight="600" fill="${COLORS.text}">${esc(node.title)}</text>`,
  );
  for (const [i, line] of detailLines(node).entries()) {
    out.push(
      `<text x="${box.x + 10}" y="${box.y + 32 + i * DETAIL_LINE_HEIGHT}" font-size="${DETAIL_SIZE}" fill="${COLORS.muted}">${esc(line)}</text>`,
    );
  }
  let right = box.x + box.width - 4;
  for (const { mark, text } of node.badges) {
    out.push(badge(right, box.y - 7, text, mark === 'hit' ? COLORS.hit : COLORS.down));
    right -= badgeWidth(text) + 4;
  }
  return `${out.join('')}</g>`;
}

export function drawSvg(diagram: Diagram, layout: Layout, title: string): string {
  const parts: string[] = [];
  // Provider boxes first (underneath), then region boxes inside them.
  for (const pass of ['provider', 'region'] as const) {
    for (const c of diagram.clusters) {
      if ((c.parent === undefined) !== (pass === 'provider')) continue;
      const box = layout.clusters.get(c.id);
      if (!box) continue;
      const color = providerColor(c.provider);
      const style =
        pass === 'provider'
          ? `rx="12" fill="${color}" fill-opacity="0.07" stroke="${color}" stroke-width="1.5"`
          : `rx="8" fill="#ffffff" fill-opacity="0.6" stroke="${color}" stroke-width="1" stroke-dasharray="5 3"`;
      parts.push(
        `<g class="cluster ${pass}" data-id="${esc(c.label)}">${rect(box, style)}<text x="${box.x + 10}" y="${box.y + 18}" font-size="${CLUSTER_LABEL_SIZE[pass]}" font-weight="${pass === 'provider' ? 700 : 500}" fill="${color}">${esc(c.label)}</text></g>`,
      );
    }
  }
  const byId = new Map(diagram.nodes.map((n) => [n.id, n]));
  for (const e of diagram.edges) {
    const points = layout.edges.get(e.id);
    if (!points || points.length < 2) continue;
    const down = byId.get(e.from)?.marks.has('down') && byId.get(e.to)?.marks.has('down');
    const color = down ? COLORS.down : COLORS.edge;
    const dash = e.type === 'member' ? ' stroke-dasharray="4 3"' : '';
    parts.push(
      `<path d="${path(points)}" fill="none" stroke="${color}" stroke-width="${down ? 1.8 : 1.2}"${dash} marker-end="url(#${down ? 'arrow-down' : 'arrow'})"/>`,
    );
  }
  for (const n of diagram.nodes) {
    const box = layout.nodes.get(n.id);
    if (box) parts.push(drawNode(n, box));
  }
  const marker = (id: string, color: string): string =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${color}"/></marker>`;
  const w = Math.ceil(layout.width);
  const h = Math.ceil(layout.height);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="map" role="img" aria-label="${esc(title)}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif">`,
    `<defs>${marker('arrow', COLORS.edge)}${marker('arrow-down', COLORS.down)}</defs>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

/**
 * The dependency map as the report draws it (the server's ELK layout), coloured by state: a light
 * fill and a dark border per state, an icon in a disc on the corner, and a hatch over DOWN boxes,
 * so that no state is told by colour alone. Providers are coloured boxes, their regions dashed
 * boxes inside; failover groups show where their traffic is. Boxes are buttons (click, Enter).
 */
import { Fragment } from 'preact';
import { COLORS, ICONS } from '../health.ts';
import type { T } from '../i18n.ts';
import type { Layout, LayoutNode, State } from '../types.ts';

const EDGE = '#7b8694';
const CRITICALITY: Readonly<Record<string, string>> = {
  critical: '#9f1d1d',
  high: '#b3470f',
  medium: '#8a6100',
  low: '#3f6b0f',
};
const TITLE_SIZE = 12;
/** Each state's icon, drawn (a text glyph would join the box's accessible name): ✓ ! ✕ ?. */
const GLYPHS: Readonly<Record<State, string>> = {
  UP: 'M-3.6,0.2 L-1,2.8 L3.8,-2.6',
  DEGRADED: 'M0,-4.2 L0,0.8 M0,3.6 L0,3.7',
  DOWN: 'M-3,-3 L3,3 M3,-3 L-3,3',
  UNKNOWN: 'M-2.6,-1.8 C-2.6,-4.6 2.8,-4.6 2.6,-1.6 C2.5,0 0,0.2 0,1.6 M0,4 L0,4.1',
};
const DETAIL_SIZE = 10;
const DETAIL_LINE_CHARS = 44;

/** As report/html/layout.ts breaks a detail: after ` · ` and `, `, lines of about 44 characters. */
function detailLines(detail: string): string[] {
  if (!detail) return [];
  const lines: string[] = [];
  let line = '';
  for (const piece of detail.split(/(?<=\s·\s|,\s)/)) {
    if (line && (line + piece).trimEnd().length > DETAIL_LINE_CHARS) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += piece;
  }
  if (line) lines.push(line.trimEnd());
  return lines;
}

export interface MapMarks {
  /** Where each failover group's traffic is, by service id. */
  readonly traffic?: ReadonlyMap<string, string>;
  /** Components that are failover endpoints: active or standby. */
  readonly endpoints?: ReadonlyMap<string, 'active' | 'standby'>;
  /** A simulation: what its predicates hit directly. */
  readonly hit?: ReadonlySet<string>;
}

function Node({
  n,
  state,
  selected,
  marks,
  t,
  onSelect,
}: {
  n: LayoutNode;
  state: State;
  selected: boolean;
  marks: MapMarks;
  t: T;
  onSelect: (id: string) => void;
}) {
  const c = COLORS[state];
  const traffic = marks.traffic?.get(n.id);
  const endpoint = marks.endpoints?.get(n.id);
  const hit = marks.hit?.has(n.id) ? t('dash.map.hit') : '';
  const trafficText = traffic ? `⇄ ${t('dash.map.active', { endpoint: traffic })}` : '';
  const endpointText = endpoint
    ? t(endpoint === 'active' ? 'dash.map.endpoint.active' : 'dash.map.endpoint.standby')
    : '';
  // Its marks, side by side on its top border.
  let left = n.x + 8;
  const placed = [
    hit ? { key: 'hit', text: hit, fill: '#fff', color: '#5c1500' } : undefined,
    traffic ? { key: 'traffic', text: trafficText, fill: '#fff', color: '#1e3a8a' } : undefined,
    endpoint
      ? {
          key: 'endpoint',
          text: endpointText,
          fill: endpoint === 'active' ? '#1e3a8a' : '#fff',
          color: endpoint === 'active' ? '#fff' : '#1e3a8a',
        }
      : undefined,
  ]
    .filter((m) => m !== undefined)
    .map((m) => {
      const width = m.text.length * 5.8 + 12;
      const at = { ...m, x: left, width };
      left += width + 4;
      return at;
    });
  // The name starts with what the box shows (its title, detail and marks), then its kind and state.
  const shown = [n.title, n.kind === 'group' ? '' : n.detail, hit, trafficText, endpointText]
    .filter(Boolean)
    .join(' ');
  const label = t('dash.map.node', {
    shown,
    kind: t(`dash.kind.${n.kind}`),
    state: t(`dash.state.${state}`),
  });
  const open = () => onSelect(n.id);
  const group = n.kind === 'group';
  const lines = group ? [] : detailLines(n.detail);
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG box cannot be a <button>; it is focusable and answers Enter and Space
    <g
      class={`node ${n.kind} state-${state}${selected ? ' selected' : ''}`}
      data-id={n.id}
      data-state={state}
      role="button"
      tabIndex={0}
      aria-label={label}
      aria-pressed={selected}
      onClick={open}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          open();
        }
      }}
    >
      <title>{label}</title>
      <rect
        class="box"
        x={n.x}
        y={n.y}
        width={n.width}
        height={n.height}
        rx={group ? 11 : 6}
        fill={c.fill}
        stroke={selected ? '#111827' : c.stroke}
        stroke-width={selected ? 3 : 2}
        stroke-dasharray={group ? '4 2' : undefined}
      />
      {state === 'DOWN' ? (
        <rect x={n.x} y={n.y} width={n.width} height={n.height} rx={group ? 11 : 6} fill="url(#hatch)" />
      ) : null}
      {n.criticality && !group ? (
        <rect x={n.x} y={n.y} width={5} height={n.height} rx={2} fill={CRITICALITY[n.criticality] ?? EDGE} />
      ) : null}
      <g class="icon" transform={`translate(${n.x + n.width - 2} ${n.y + 2})`}>
        <circle r={8} fill={c.stroke} stroke="#fff" stroke-width={1.5} />
        <path
          d={GLYPHS[state]}
          fill="none"
          stroke="#fff"
          stroke-width={2}
          stroke-linecap="round"
          stroke-linejoin="round"
        />
      </g>
      {placed.map((m) => (
        <rect
          class="pill"
          key={m.key}
          x={m.x}
          y={n.y - 8}
          width={m.width}
          height={14}
          rx={7}
          fill={m.fill}
          stroke={m.color}
          stroke-width={1}
        />
      ))}
      {/* One text, its pieces separated by spaces, so that what the box reads is what its name says. */}
      <text fill={c.text}>
        {group ? (
          <tspan x={n.x + n.width / 2} y={n.y + 15} text-anchor="middle" font-size={DETAIL_SIZE}>
            {n.title}
          </tspan>
        ) : (
          <>
            <tspan x={n.x + 10} y={n.y + (lines.length ? 17 : 19)} font-size={TITLE_SIZE} font-weight={600}>
              {n.title}
            </tspan>
            {lines.map((l, i) => (
              <Fragment key={l}>
                {' '}
                <tspan x={n.x + 10} y={n.y + 32 + i * 12} font-size={DETAIL_SIZE} fill-opacity={0.85}>
                  {l}
                </tspan>
              </Fragment>
            ))}
          </>
        )}
        {placed.map((m) => (
          <Fragment key={m.key}>
            {' '}
            <tspan
              class="pill-text"
              x={m.x + m.width / 2}
              y={n.y + 2.5}
              text-anchor="middle"
              font-size={9.5}
              font-weight={700}
              fill={m.color}
            >
              {m.text}
            </tspan>
          </Fragment>
        ))}
      </text>
    </g>
  );
}

const pathOf = (points: readonly { x: number; y: number }[]) =>
  points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');

export function MapView({
  layout,
  states,
  selected,
  marks = {},
  t,
  label,
  onSelect,
}: {
  layout: Layout;
  states: ReadonlyMap<string, State>;
  selected?: string | undefined;
  marks?: MapMarks;
  t: T;
  label: string;
  onSelect: (id: string) => void;
}) {
  const w = Math.ceil(layout.width);
  const h = Math.ceil(layout.height) + 8;
  const providers = layout.clusters.filter((c) => c.parent === null);
  const regions = layout.clusters.filter((c) => c.parent !== null);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the map scrolls on a phone; a keyboard must reach it to scroll it (axe: scrollable-region-focusable)
    <section class="map-scroll" tabIndex={0} aria-label={label}>
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG drawing groups its boxes with role=group; a fieldset cannot hold SVG */}
      <svg
        class="map"
        role="group"
        aria-label={label}
        viewBox={`-10 -14 ${w + 20} ${h + 24}`}
        style={{
          width: `min(100%, ${Math.round((w + 20) * 1.6)}px)`,
          minWidth: `${Math.min(w + 20, 560)}px`,
        }}
        font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"
      >
        <defs>
          <pattern
            id="hatch"
            patternUnits="userSpaceOnUse"
            width={7}
            height={7}
            patternTransform="rotate(45)"
          >
            <line x1={0} y1={0} x2={0} y2={7} stroke={COLORS.DOWN.stroke} stroke-width={2.2} opacity={0.35} />
          </pattern>
          <marker
            id="arrow"
            viewBox="0 0 10 10"
            refX={9}
            refY={5}
            markerWidth={7}
            markerHeight={7}
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" fill={EDGE} />
          </marker>
        </defs>
        {[...providers, ...regions].map((c) => (
          <g class={`cluster ${c.parent === null ? 'provider' : 'region'}`} key={c.id} data-id={c.label}>
            <rect
              x={c.x}
              y={c.y}
              width={c.width}
              height={c.height}
              rx={c.parent === null ? 12 : 8}
              fill={c.parent === null ? c.color : '#ffffff'}
              fill-opacity={c.parent === null ? 0.08 : 0.7}
              stroke={c.color}
              stroke-width={c.parent === null ? 1.6 : 1}
              stroke-dasharray={c.parent === null ? undefined : '5 3'}
            />
            <text
              x={c.x + 10}
              y={c.y + 18}
              font-size={c.parent === null ? 13 : 11}
              font-weight={c.parent === null ? 700 : 500}
              fill="#1f2937"
            >
              {c.label}
            </text>
          </g>
        ))}
        {layout.edges.map((e) =>
          e.points.length < 2 ? null : (
            <path
              key={`${e.from}>${e.to}`}
              class={`edge ${e.kind}`}
              d={pathOf(e.points)}
              fill="none"
              stroke={EDGE}
              stroke-width={1.3}
              stroke-dasharray={e.kind === 'member' ? '4 3' : undefined}
              marker-end="url(#arrow)"
            />
          ),
        )}
        {layout.nodes.map((n) => (
          <Node
            key={n.id}
            n={n}
            state={states.get(n.id) ?? 'UNKNOWN'}
            selected={selected === n.id}
            marks={marks}
            t={t}
            onSelect={onSelect}
          />
        ))}
      </svg>
    </section>
  );
}

/** The map's legend: each state with its colour and icon, the hatch of DOWN. */
export function Legend({ t }: { t: T }) {
  const states: State[] = ['UP', 'DEGRADED', 'DOWN', 'UNKNOWN'];
  return (
    <ul class="legend" aria-label={t('dash.map.legend')}>
      {states.map((s) => (
        <li key={s}>
          <span
            class={`swatch state-${s}`}
            style={{ backgroundColor: COLORS[s].fill, borderColor: COLORS[s].stroke }}
            aria-hidden="true"
          >
            {ICONS[s]}
          </span>
          {t(`dash.state.${s}`)}
        </li>
      ))}
    </ul>
  );
}

/** The map page: the legend, the live map (or a list when the map is too big to draw), and the panel of the box picked. */
import { useMemo, useState } from 'preact/hooks';
import { boxStates } from '../health.ts';
import type { CheckState, FailoverGroup, Layout, Status } from '../types.ts';
import { Legend, type MapMarks, MapView } from './map-view.tsx';
import { NodePanel } from './node-panel.tsx';
import { StateBadge, type Words } from './parts.tsx';

/** Where each failover group's traffic is (on its service) and which components are its endpoints. */
export function failoverMarks(groups: readonly FailoverGroup[], checks: readonly CheckState[]): MapMarks {
  const traffic = new Map<string, string>();
  const endpoints = new Map<string, 'active' | 'standby'>();
  for (const g of groups) {
    traffic.set(g.service, g.active);
    for (const e of g.endpoints) {
      const component = checks.find((c) => c.id === e.check)?.target.component;
      if (component) endpoints.set(component, e.active ? 'active' : 'standby');
    }
  }
  return { traffic, endpoints };
}

export function MapPage({
  layout,
  status,
  groups,
  t,
  lang,
}: Words & { layout: Layout; status: Status | undefined; groups: readonly FailoverGroup[] }) {
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const states = useMemo(() => boxStates(layout, status), [layout, status]);
  const marks = useMemo(() => failoverMarks(groups, status?.checks ?? []), [groups, status]);
  const node = layout.nodes.find((n) => n.id === selected);
  return (
    <section aria-labelledby="map-title" class={node ? 'with-panel' : undefined}>
      <h1 id="map-title">{t('dash.map.title')}</h1>
      <p class="muted">{t('dash.map.note')}</p>
      <Legend t={t} />
      <div class="map-and-panel">
        {layout.tooBig ? (
          <div>
            <p>{t('dash.map.tooBig', { count: layout.nodes.length })}</p>
            <ul class="links">
              {layout.nodes
                .filter((n) => n.kind !== 'group')
                .map((n) => (
                  <li key={n.id}>
                    <button type="button" class="link" onClick={() => setSelected(n.id)}>
                      {n.title}
                    </button>{' '}
                    <StateBadge state={states.get(n.id) ?? 'UNKNOWN'} t={t} />
                  </li>
                ))}
            </ul>
          </div>
        ) : (
          <MapView
            layout={layout}
            states={states}
            selected={selected}
            marks={marks}
            t={t}
            label={t('dash.map.title')}
            onSelect={(id) => setSelected(id === selected ? undefined : id)}
          />
        )}
        {node ? (
          <NodePanel
            node={node}
            layout={layout}
            states={states}
            status={status}
            onSelect={setSelected}
            onClose={() => setSelected(undefined)}
            t={t}
            lang={lang}
          />
        ) : null}
      </div>
    </section>
  );
}

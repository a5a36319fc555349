/**
 * What the map tells of one box when clicked: its state and why, the checks that watch it (each
 * vantage point's view, the latency of the last 15 minutes), its history (uptime and state
 * changes), what depends on it, what its failure would take down (the simulator's answer for it
 * alone, redundancy and failover counted) and what it depends on.
 */
import { useEffect, useRef } from 'preact/hooks';
import { get, post } from '../api.ts';
import type { T } from '../i18n.ts';
import type { CheckHistory, History, Layout, LayoutNode, Simulation, State, Status } from '../types.ts';
import { useData } from '../use-data.ts';
import { LatencyChart } from './latency-chart.tsx';
import { Failure, Loading, StateBadge, UptimeBars, VantageBadge, When, type Words } from './parts.tsx';

function CheckLatency({ id, t, lang }: Words & { id: string }) {
  const h = useData(() => get<CheckHistory>(`/api/v1/checks/${encodeURIComponent(id)}?since=15m`), [id]);
  if (h.error) return <Failure t={t} error={h.error} retry={h.reload} />;
  if (!h.data) return <Loading t={t} />;
  if (h.data.results.length === 0) return <p class="muted">{t('dash.checks.noResults')}</p>;
  return (
    <LatencyChart
      results={h.data.results}
      label={t('dash.checks.latency', { check: id })}
      t={t}
      lang={lang}
    />
  );
}

export function Changes({ history, t, lang }: Words & { history: History }) {
  if (history.changes.length === 0) return <p class="muted">{t('dash.panel.noChanges')}</p>;
  return (
    <ol class="changes">
      {history.changes.slice(0, 10).map((c) => (
        <li key={`${c.at}-${c.to}`}>
          <When lang={lang} at={c.at} />{' '}
          <span>{t('dash.change', { from: t(`dash.state.${c.from}`), to: t(`dash.state.${c.to}`) })}</span>
          {c.reason?.via ? <span class="muted"> ({c.reason.via})</span> : null}
          {c.reason?.reason ? <span class="muted"> ({c.reason.reason})</span> : null}
        </li>
      ))}
    </ol>
  );
}

function NodeHistory({ node, t, lang }: Words & { node: LayoutNode }) {
  const h = useData(
    () => get<History>(`/api/v1/history/${node.kind}/${encodeURIComponent(node.id)}`),
    [node.id, node.kind],
  );
  if (h.error) return <Failure t={t} error={h.error} retry={h.reload} />;
  if (!h.data) return <Loading t={t} />;
  return (
    <>
      <UptimeBars bars={h.data.uptime['24h']} label={t('dash.uptime.24h')} t={t} lang={lang} />
      <Changes history={h.data} t={t} lang={lang} />
    </>
  );
}

function Links({
  ids,
  layout,
  states,
  onSelect,
  t,
}: {
  ids: readonly string[];
  layout: Layout;
  states: ReadonlyMap<string, State>;
  onSelect: (id: string) => void;
  t: T;
}) {
  if (ids.length === 0) return <p class="muted">{t('dash.none')}</p>;
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  return (
    <ul class="links">
      {ids.map((id) => (
        <li key={id}>
          <button type="button" class="link" onClick={() => onSelect(id)}>
            {byId.get(id)?.title ?? id}
          </button>{' '}
          <StateBadge state={states.get(id) ?? 'UNKNOWN'} t={t} />
        </li>
      ))}
    </ul>
  );
}

/** What this box's failure alone would take down: the services and components the simulation says. */
function TakesDown({
  node,
  layout,
  states,
  onSelect,
  t,
  lang,
}: Words & {
  node: LayoutNode;
  layout: Layout;
  states: ReadonlyMap<string, State>;
  onSelect: (id: string) => void;
}) {
  const kind = node.kind === 'service' ? 'service' : 'component';
  const sim = useData(
    () => post<Simulation>(`/api/v1/simulate?lang=${lang}`, { fail: [{ [kind]: node.id }] }),
    [node.id, kind, lang],
  );
  if (sim.error) return <Failure t={t} error={sim.error} retry={sim.reload} />;
  if (!sim.data) return <Loading t={t} />;
  const down = [...sim.data.servicesDown, ...sim.data.componentsDown].filter((id) => id !== node.id);
  if (down.length === 0) return <p class="muted">{t('dash.panel.takesDownNone')}</p>;
  return (
    <div data-testid="takes-down">
      <Links ids={down} layout={layout} states={states} onSelect={onSelect} t={t} />
    </div>
  );
}

export function NodePanel({
  node,
  layout,
  states,
  status,
  onSelect,
  onClose,
  t,
  lang,
}: Words & {
  node: LayoutNode;
  layout: Layout;
  states: ReadonlyMap<string, State>;
  status: Status | undefined;
  onSelect: (id: string) => void;
  onClose: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The panel takes the focus (and, on a phone, where it sits under the map, the view).
  useEffect(() => {
    heading.current?.focus({ preventScroll: !matchMedia('(max-width: 900px)').matches });
  }, [node.id]);
  const state = states.get(node.id) ?? 'UNKNOWN';
  const checks = (status?.checks ?? []).filter(
    (c) => c.target.component === node.id || c.target.service === node.id,
  );
  const cause = status?.services.find((s) => s.id === node.id)?.cause;
  const dependents = layout.nodes.filter((n) => n.dependsOn.includes(node.id)).map((n) => n.id);
  return (
    <aside class="panel" aria-labelledby="panel-title">
      <header>
        <h2 id="panel-title" ref={heading} tabIndex={-1}>
          {node.title} <span class="muted kind">{t(`dash.kind.${node.kind}`)}</span>
        </h2>
        <button type="button" class="close" onClick={onClose} aria-label={t('dash.close')}>
          ✕
        </button>
      </header>
      <p>
        <StateBadge state={state} t={t} />
        {cause && state !== 'UP' ? <span class="muted"> {t('dash.panel.cause', { cause })}</span> : null}
        {node.group ? (
          <span class="muted">
            {' '}
            {t('dash.panel.members', { need: node.group.need, count: node.dependsOn.length })}
          </span>
        ) : null}
      </p>
      {node.detail ? <p class="muted">{node.detail}</p> : null}
      <h3>{t('dash.panel.checks')}</h3>
      {checks.length === 0 ? (
        <p class="muted">{t('dash.panel.noChecks')}</p>
      ) : (
        checks.map((c) => (
          <section class="check" key={c.id}>
            <h4>
              {c.id} <StateBadge state={c.state} t={t} />
            </h4>
            {c.reason ? <p class="muted">{[c.reason, c.detail].filter(Boolean).join(' — ')}</p> : null}
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('dash.vantage')}</th>
                  <th scope="col">{t('dash.state')}</th>
                  <th scope="col">{t('dash.latency')}</th>
                </tr>
              </thead>
              <tbody>
                {c.vantages.map((v) => (
                  <tr key={v.id}>
                    <td>{v.id}</td>
                    <td>
                      <VantageBadge state={v.state} t={t} />
                    </td>
                    <td>
                      {v.latencyMs === null ? '–' : t('dash.latencyMs', { ms: Math.round(v.latencyMs) })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <CheckLatency id={c.id} t={t} lang={lang} />
          </section>
        ))
      )}
      {node.kind !== 'group' ? (
        <>
          <h3>{t('dash.panel.history')}</h3>
          <NodeHistory node={node} t={t} lang={lang} />
        </>
      ) : null}
      <h3>{t('dash.panel.dependents')}</h3>
      <Links ids={dependents} layout={layout} states={states} onSelect={onSelect} t={t} />
      {node.kind !== 'group' ? (
        <>
          <h3>{t('dash.panel.takesDown')}</h3>
          <TakesDown node={node} layout={layout} states={states} onSelect={onSelect} t={t} lang={lang} />
        </>
      ) : null}
      <h3>{t('dash.panel.dependencies')}</h3>
      <Links ids={node.dependsOn} layout={layout} states={states} onSelect={onSelect} t={t} />
    </aside>
  );
}

/**
 * The scenario simulator: pick a provider, a region, a provider's service, a component or an
 * outage of the library; POST /api/v1/simulate answers the blast radius, drawn on the map (what
 * falls is DOWN, the groups that hold are DEGRADED, what the failure hits directly is marked),
 * with the chain that takes each service down and what each failover would do.
 */
import { useMemo, useState } from 'preact/hooks';
import { type ApiFailure, get, post } from '../api.ts';
import { boxStates } from '../health.ts';
import type { Layout, MapJson, Scenario, Simulation, State, Status } from '../types.ts';
import { useData } from '../use-data.ts';
import { Legend, MapView } from './map-view.tsx';
import { Failure, type Words } from './parts.tsx';

type By = 'provider' | 'region' | 'service' | 'component' | 'scenario';
const BYS: readonly By[] = ['provider', 'region', 'service', 'component', 'scenario'];

interface Option {
  readonly value: string;
  readonly label: string;
}

function options(by: By, map: MapJson, scenarios: readonly Scenario[], lang: 'en' | 'fr'): Option[] {
  const comps = Object.entries(map.components);
  const uniq = (xs: Option[]) =>
    [...new Map(xs.map((o) => [o.value, o])).values()].sort((a, b) => a.label.localeCompare(b.label));
  switch (by) {
    case 'provider':
      return uniq(
        comps.flatMap(([, c]) =>
          c.provider ? [{ value: `provider=${c.provider}`, label: c.provider }] : [],
        ),
      );
    case 'region':
      return uniq(
        comps.flatMap(([, c]) =>
          c.provider && c.region
            ? [{ value: `provider=${c.provider},region=${c.region}`, label: `${c.provider} · ${c.region}` }]
            : [],
        ),
      );
    case 'service':
      return uniq(
        comps.flatMap(([, c]) =>
          c.provider && c.service
            ? [
                {
                  value: `provider=${c.provider},service=${c.service}`,
                  label: `${c.provider} · ${c.service}`,
                },
              ]
            : [],
        ),
      );
    case 'component':
      return uniq(comps.map(([id]) => ({ value: `component=${id}`, label: id })));
    case 'scenario':
      return scenarios.map((s) => ({ value: s.id, label: `${s.date} — ${s.title[lang]}` }));
  }
}

const LEVELS = ['critical', 'high', 'medium', 'low', 'info'] as const;
/** A criticality or severity in the dashboard's words (as the map writes it when unknown). */
export function levelOf(t: Words['t'], level: string): string {
  const l = LEVELS.find((x) => x === level);
  return l ? t(`dash.an.severity.${l}`) : level;
}

export function Simulator({ layout, map, t, lang }: Words & { layout: Layout; map: MapJson }) {
  const scenarios = useData(() => get<{ scenarios: Scenario[] }>('/api/v1/scenarios'), []);
  const [by, setBy] = useState<By>('provider');
  const [value, setValue] = useState('');
  const [result, setResult] = useState<Simulation | undefined>(undefined);
  const [error, setError] = useState<ApiFailure | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const choices = options(by, map, scenarios.data?.scenarios ?? [], lang);
  const chosen = choices.some((o) => o.value === value) ? value : (choices[0]?.value ?? '');

  const run = async (e: Event) => {
    e.preventDefault();
    if (!chosen) return;
    setBusy(true);
    try {
      const body = by === 'scenario' ? { scenario: chosen } : { fail: [chosen] };
      setResult(await post<Simulation>(`/api/v1/simulate?lang=${lang}`, body));
      setError(undefined);
    } catch (err) {
      setError(err as ApiFailure);
    } finally {
      setBusy(false);
    }
  };

  const states = useMemo(() => {
    if (!result) return new Map<string, State>();
    const down = new Set([...result.servicesDown, ...result.componentsDown]);
    const synthetic: Status = {
      name: '',
      at: '',
      checks: [],
      components: Object.keys(map.components).map((id) => ({ id, state: down.has(id) ? 'DOWN' : 'UP' })),
      services: Object.keys(map.services).map((id) => ({
        id,
        state: down.has(id) ? 'DOWN' : 'UP',
        cause: null,
      })),
    };
    return boxStates(layout, synthetic);
  }, [result, layout, map]);

  return (
    <section aria-labelledby="sim-title">
      <h1 id="sim-title">{t('dash.sim.title')}</h1>
      <p class="muted">{t('dash.sim.intro')}</p>
      <form class="sim-form" onSubmit={run}>
        <label>
          {t('dash.sim.what')}
          <select
            name="by"
            value={by}
            onChange={(e) => {
              setBy((e.target as HTMLSelectElement).value as By);
              setValue('');
            }}
          >
            {BYS.map((b) => (
              <option key={b} value={b}>
                {t(`dash.sim.by.${b}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dash.sim.which')}
          <select
            name="which"
            value={chosen}
            onChange={(e) => setValue((e.target as HTMLSelectElement).value)}
          >
            {choices.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy || !chosen}>
          {t('dash.sim.run')}
        </button>
        {result ? (
          <button type="button" class="secondary" onClick={() => setResult(undefined)}>
            {t('dash.sim.clear')}
          </button>
        ) : null}
      </form>
      {error ? <Failure t={t} error={error} /> : null}
      {result ? (
        <div class="sim-result" data-testid="simulation">
          {result.scenario.replay ? (
            <p>
              {t('dash.sim.replay', {
                title: result.scenario.replay.title,
                date: result.scenario.replay.date,
              })}
            </p>
          ) : null}
          <ul class="counts">
            <li>{t('dash.sim.servicesDown', { count: result.servicesDown.length })}</li>
            <li>{t('dash.sim.componentsDown', { count: result.componentsDown.length })}</li>
            <li>{t('dash.sim.degraded', { count: result.degraded.length })}</li>
          </ul>
          {result.servicesDown.length === 0 ? <p>{t('dash.sim.nothing')}</p> : null}
          <Legend t={t} />
          {layout.tooBig ? null : (
            <MapView
              layout={layout}
              states={states}
              marks={{ hit: new Set(result.matched) }}
              t={t}
              label={`${t('dash.map.title')} — ${t('dash.map.simulated')}`}
              onSelect={() => {}}
            />
          )}
          <h2>{t('dash.sim.explanations')}</h2>
          <ul class="chains">
            {result.explanations.map((x) => (
              <li key={x.service}>
                <strong>{x.service}</strong>{' '}
                {t('dash.sim.chain', { criticality: levelOf(t, x.criticality), chain: x.chain.join(' → ') })}
              </li>
            ))}
          </ul>
          <h2>{t('dash.sim.failovers')}</h2>
          {(result.failovers ?? []).length === 0 ? (
            <p class="muted">{t('dash.sim.noFailover')}</p>
          ) : (
            <ul>
              {(result.failovers ?? []).map((f) => (
                <li key={f.failover} class={`outcome-${f.outcome}`}>
                  {f.text}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </section>
  );
}

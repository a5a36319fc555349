/**
 * Checks: every check with its live state and what it watches; pick one for its latency (uPlot,
 * over 15 minutes or an hour of raw results, one line per vantage point) and its uptime bars over
 * 24 hours, 7 days and 90 days.
 */
import { useState } from 'preact/hooks';
import { get } from '../api.ts';
import { duration } from '../format.ts';
import type { CheckHistory, CheckSummary, History } from '../types.ts';
import { useData } from '../use-data.ts';
import { LatencyChart } from './latency-chart.tsx';
import { Failure, Loading, ScrollBox, StateBadge, UptimeBars, VantageBadge, type Words } from './parts.tsx';

const WINDOWS = ['15m', '1h'] as const;

function CheckDetail({ id, t, lang }: Words & { id: string }) {
  const [since, setSince] = useState<(typeof WINDOWS)[number]>('15m');
  const results = useData(
    () => get<CheckHistory>(`/api/v1/checks/${encodeURIComponent(id)}?since=${since}`),
    [id, since],
  );
  const history = useData(() => get<History>(`/api/v1/history/check/${encodeURIComponent(id)}`), [id]);
  return (
    <section class="card" aria-labelledby="check-title">
      <h2 id="check-title">{id}</h2>
      <label>
        {t('dash.checks.window')}{' '}
        <select
          value={since}
          onChange={(e) => setSince((e.target as HTMLSelectElement).value as '15m' | '1h')}
        >
          {WINDOWS.map((w) => (
            <option key={w} value={w}>
              {t(`dash.checks.window.${w}`)}
            </option>
          ))}
        </select>
      </label>
      {results.error ? (
        <Failure t={t} error={results.error} retry={results.reload} />
      ) : !results.data ? (
        <Loading t={t} />
      ) : results.data.results.length === 0 ? (
        <p class="muted">{t('dash.checks.noResults')}</p>
      ) : (
        <>
          <LatencyChart
            results={results.data.results}
            label={t('dash.checks.latency', { check: id })}
            t={t}
            lang={lang}
          />
          {results.data.truncated ? <p class="muted">{t('dash.checks.truncated')}</p> : null}
        </>
      )}
      <h3>{t('dash.uptime.title')}</h3>
      {history.error ? (
        <Failure t={t} error={history.error} retry={history.reload} />
      ) : !history.data ? (
        <Loading t={t} />
      ) : (
        <div class="uptimes">
          <UptimeBars bars={history.data.uptime['24h']} label={t('dash.uptime.24h')} t={t} lang={lang} />
          <UptimeBars bars={history.data.uptime['7d']} label={t('dash.uptime.7d')} t={t} lang={lang} />
          <UptimeBars bars={history.data.uptime['90d']} label={t('dash.uptime.90d')} t={t} lang={lang} />
        </div>
      )}
    </section>
  );
}

export function Checks({ version, t, lang }: Words & { version: number }) {
  const list = useData(() => get<{ checks: CheckSummary[] }>('/api/v1/checks'), [version]);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  return (
    <section aria-labelledby="checks-title">
      <h1 id="checks-title">{t('dash.checks.title')}</h1>
      {list.error ? <Failure t={t} error={list.error} retry={list.reload} /> : null}
      {!list.data ? (
        <Loading t={t} />
      ) : (
        <ScrollBox label={t('dash.checks.title')}>
          <table class="checks">
            <thead>
              <tr>
                <th scope="col">{t('dash.checks.id')}</th>
                <th scope="col">{t('dash.state')}</th>
                <th scope="col">{t('dash.checks.type')}</th>
                <th scope="col">{t('dash.checks.target')}</th>
                <th scope="col">{t('dash.checks.every')}</th>
                <th scope="col">{t('dash.checks.from')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.checks.map((c) => (
                <tr key={c.id} class={picked === c.id ? 'picked' : undefined}>
                  <th scope="row">
                    <button
                      type="button"
                      class="link"
                      aria-pressed={picked === c.id}
                      onClick={() => setPicked(c.id)}
                    >
                      {c.id}
                    </button>
                  </th>
                  <td>
                    <StateBadge state={c.state} t={t} />
                  </td>
                  <td>{c.type}</td>
                  <td>{c.target.component ?? c.target.service ?? ''}</td>
                  <td>{duration(lang, c.intervalMs)}</td>
                  <td>
                    {c.vantages.length === 0
                      ? c.from.join(', ')
                      : c.vantages.map((v) => (
                          <span key={v.id} class="vantage">
                            {v.id} <VantageBadge state={v.state} t={t} />
                          </span>
                        ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
      {picked ? <CheckDetail id={picked} t={t} lang={lang} /> : <p class="muted">{t('dash.checks.pick')}</p>}
    </section>
  );
}

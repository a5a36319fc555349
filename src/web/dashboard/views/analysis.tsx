/**
 * The analysis of the map (computed once by the daemon): the score and its grade, each service's
 * score, the top actions (what raises the score most), and the findings grouped by root cause.
 */
import { get } from '../api.ts';
import type { Analysis as AnalysisJson, Finding } from '../types.ts';
import { useData } from '../use-data.ts';
import { Failure, Loading, ScrollBox, type Words } from './parts.tsx';
import { levelOf } from './simulator.tsx';

function FindingItem({ f, related, t }: Pick<Words, 't'> & { f: Finding; related: readonly Finding[] }) {
  return (
    <li class={`finding severity-${f.severity}`}>
      <span class={`tag sev-${f.severity}`}>{levelOf(t, f.severity)}</span> <strong>{f.message}</strong>
      <p class="muted">{f.recommendation}</p>
      {related.length > 0 ? (
        <details>
          <summary>{t('dash.an.related', { count: related.length })}</summary>
          <ul>
            {related.map((r) => (
              <li key={r.id ?? r.message}>
                <span class={`tag sev-${r.severity}`}>{levelOf(t, r.severity)}</span> {r.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}

export function Analysis({ t, lang }: Words) {
  const a = useData(() => get<AnalysisJson>(`/api/v1/analysis?lang=${lang}`), [lang]);
  if (a.error) return <Failure t={t} error={a.error} retry={a.reload} />;
  if (!a.data) return <Loading t={t} />;
  const { score, actions, findings } = a.data;
  const roots = findings.filter((f) => f.rootCause === undefined);
  const under = (root: Finding) =>
    findings.filter((f) => f.rootCause !== undefined && f.rootCause === root.id);
  return (
    <section aria-labelledby="an-title">
      <h1 id="an-title">{t('dash.an.title')}</h1>
      <div class="score card">
        <p>
          {t('dash.labelled', { label: t('dash.an.score') })} <strong class="big">{score.overall}</strong> /
          100 · {t('dash.an.grade', { grade: score.grade })} ·{' '}
          {t('dash.an.spofs', { count: score.singlePointsOfFailure })}
        </p>
        <ScrollBox label={t('dash.an.services')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('dash.an.services')}</th>
                <th scope="col">{t('dash.an.serviceScore')}</th>
                <th scope="col">{t('dash.an.survived')}</th>
              </tr>
            </thead>
            <tbody>
              {score.services.map((s) => (
                <tr key={s.service}>
                  <th scope="row">{s.service}</th>
                  <td>{s.score}</td>
                  <td>{t('dash.an.survivedOf', { survived: s.outagesSurvived, total: s.outagesTotal })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </div>
      <h2>{t('dash.an.actions')}</h2>
      {actions.length === 0 ? (
        <p class="muted">{t('dash.an.noActions')}</p>
      ) : (
        <ol class="actions">
          {actions.map((x) => (
            <li key={x.id}>
              {x.title}{' '}
              <span class="muted">
                ({t('dash.an.action', { before: x.scoreBefore, after: x.scoreAfter })})
              </span>
            </li>
          ))}
        </ol>
      )}
      <h2>{t('dash.an.findings')}</h2>
      {roots.length === 0 ? (
        <p class="muted">{t('dash.an.noFindings')}</p>
      ) : (
        <ul class="findings">
          {roots.map((f) => (
            <FindingItem key={f.id ?? f.message} f={f} related={under(f)} t={t} />
          ))}
        </ul>
      )}
    </section>
  );
}

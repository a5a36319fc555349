/**
 * Backups: per dataset its state against the RPO, a bar per target drawing the last good
 * snapshot's age against the RPO and twice the RPO, the 3-2-1-1-0 verdict with its reasons, the
 * last run, check and restore test, when the next ones are due, and "Run now" / "Verify now" (each
 * confirmed first). Read from GET /api/v1/backups, again whenever the live feed tells of a backup.
 */
import { useState } from 'preact/hooks';
import { type ApiFailure, get, post } from '../api.ts';
import { duration } from '../format.ts';
import type { BackupDataset, BackupState } from '../types.ts';
import { useData, useEvery } from '../use-data.ts';
import { Failure, Loading, Notice, When, type Words } from './parts.tsx';

/** The bar's scale: three RPOs wide, marks at one and two. */
const SCALE = 3;
const FILL: Readonly<Record<BackupState, string>> = { ok: '#1e7f4f', warn: '#a15c00', breach: '#b3261e' };
const ICON: Readonly<Record<BackupState, string>> = { ok: '✓', warn: '!', breach: '✕' };

function StateTag({ state, t }: Words & { state: BackupState }) {
  return (
    <span class={`tag bk-${state}`} data-state={state}>
      <span aria-hidden="true">{ICON[state]}</span> {t(`dash.bk.state.${state}`)}
    </span>
  );
}

/** A target's snapshot age against the RPO (first mark) and twice the RPO (second mark). */
function AgeBar({
  ageSeconds,
  rpoSeconds,
  state,
  t,
}: Pick<Words, 't'> & { ageSeconds: number | null; rpoSeconds: number; state: BackupState }) {
  const full = rpoSeconds * SCALE;
  const share = ageSeconds === null ? 1 : Math.min(1, ageSeconds / Math.max(1, full));
  const w = 300;
  return (
    <svg
      class="bk-bar"
      viewBox={`0 0 ${w} 14`}
      preserveAspectRatio="none"
      role="img"
      aria-label={t('dash.bk.scale')}
    >
      <rect x="0" y="3" width={w} height="8" rx="2" fill="#e8eaed" />
      <rect
        class="bk-age"
        x="0"
        y="3"
        width={Math.max(2, share * w)}
        height="8"
        rx="2"
        fill={ageSeconds === null ? '#e8eaed' : FILL[state]}
        data-share={share.toFixed(3)}
      />
      {[1, 2].map((k) => (
        <line
          key={k}
          class={`bk-mark bk-mark-${k}`}
          x1={(k / SCALE) * w}
          x2={(k / SCALE) * w}
          y1="0"
          y2="14"
          stroke="#202124"
          stroke-width="1.5"
        />
      ))}
    </svg>
  );
}

function Last({
  label,
  at,
  ok,
  detail,
  t,
  lang,
}: Words & { label: string; at: string | null; ok?: boolean; detail?: string }) {
  return (
    <div class="bk-last">
      <dt>{label}</dt>
      <dd>
        {at === null ? (
          t('dash.bk.never')
        ) : (
          <>
            <When lang={lang} at={at} /> ·{' '}
            <span class={ok ? 'tag ok' : 'tag bad'}>{ok ? t('dash.bk.good') : t('dash.bk.failed')}</span>
            {detail ? <span class="bk-detail"> {detail}</span> : null}
          </>
        )}
      </dd>
    </div>
  );
}

function DatasetCard({ d, onChanged, t, lang }: Words & { d: BackupDataset; onChanged: () => void }) {
  const [asking, setAsking] = useState<'run' | 'verify' | undefined>(undefined);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>(undefined);
  const rpo = duration(lang, d.rpoSeconds * 1000);
  const start = async (job: 'run' | 'verify') => {
    setAsking(undefined);
    try {
      await post(`/api/v1/backups/${encodeURIComponent(d.id)}/${job}`, {});
      setNotice({
        kind: 'ok',
        text: t(job === 'run' ? 'dash.bk.started.run' : 'dash.bk.started.verify', { dataset: d.id }),
      });
      onChanged();
    } catch (e) {
      setNotice({ kind: 'error', text: (e as ApiFailure).message });
    }
  };
  return (
    <article class="card bk-dataset" data-dataset={d.id} data-state={d.status}>
      <header class="bk-head">
        <h2>{d.id}</h2>
        <StateTag state={d.status} t={t} lang={lang} />
        <span class="muted">
          {d.rpoFrom === 'dataset' || d.rpoFrom === 'every'
            ? t('dash.bk.rpo', { rpo })
            : t('dash.bk.rpoFrom', { rpo, service: d.rpoFrom })}{' '}
          · {t('dash.bk.every', { every: duration(lang, d.everySeconds * 1000) })}
        </span>
      </header>
      {d.missed ? (
        <p class="tag bad bk-missed">
          {t('dash.bk.missed', { deadline: new Date(d.deadline).toLocaleString(lang) })}
        </p>
      ) : null}
      {d.running ? (
        <p class="bk-running" role="status">
          {t(d.running.job === 'run' ? 'dash.bk.running.run' : 'dash.bk.running.verify', {
            since: new Date(d.running.startedAt).toLocaleTimeString(lang),
          })}
        </p>
      ) : null}
      <h3>{t('dash.bk.targets')}</h3>
      <ul class="bk-targets">
        {d.targets.map((x) => (
          <li key={x.id} data-target={x.id} data-state={x.status}>
            <div class="bk-target-line">
              <strong>{x.id}</strong> <StateTag state={x.status} t={t} lang={lang} />{' '}
              <span class="muted">
                {x.ageSeconds === null
                  ? t('dash.bk.noSnapshot')
                  : t('dash.bk.age', { age: duration(lang, x.ageSeconds * 1000) })}
                {x.reason ? ` · ${x.reason}` : ''}
              </span>
            </div>
            <AgeBar ageSeconds={x.ageSeconds} rpoSeconds={d.rpoSeconds} state={x.status} t={t} />
          </li>
        ))}
      </ul>
      <p class="bk-legend muted" aria-hidden="true">
        <span>0</span>
        <span>RPO</span>
        <span>2×RPO</span>
      </p>
      <h3>
        {t('dash.bk.rule')}{' '}
        <span class={d.rule.ok ? 'tag ok' : 'tag bad'} data-rule={d.rule.ok ? 'ok' : 'no'}>
          {d.rule.ok ? t('dash.bk.rule.ok') : t('dash.bk.rule.no')}
        </span>
      </h3>
      <p>
        {t('dash.bk.rule.line', d.rule)} · {d.rule.verified ? t('dash.bk.verified') : t('dash.bk.unverified')}
      </p>
      {d.reasons.length > 0 ? (
        <ul class="bk-reasons">
          {d.reasons.map((r) => (
            <li key={r.code + r.text} data-reason={r.code}>
              {r.text}
            </li>
          ))}
        </ul>
      ) : null}
      <dl class="bk-lasts">
        <Last
          label={t('dash.bk.lastRun')}
          at={d.lastRun?.at ?? null}
          ok={d.lastRun?.ok ?? false}
          {...(d.lastRun?.error ? { detail: d.lastRun.error } : {})}
          t={t}
          lang={lang}
        />
        <Last
          label={t('dash.bk.lastVerify')}
          at={d.lastVerify?.at ?? null}
          ok={d.lastVerify?.ok ?? false}
          t={t}
          lang={lang}
        />
        <Last
          label={t('dash.bk.lastRestore')}
          at={d.lastRestore?.at ?? null}
          ok={d.lastRestore?.ok ?? false}
          {...(d.lastRestore?.mismatch ? { detail: d.lastRestore.mismatch } : {})}
          t={t}
          lang={lang}
        />
        <div class="bk-last">
          <dt>{t('dash.bk.nextRun')}</dt>
          <dd>
            <When lang={lang} at={d.nextRunAt} />
          </dd>
        </div>
        {d.nextVerifyAt ? (
          <div class="bk-last">
            <dt>{t('dash.bk.nextVerify')}</dt>
            <dd>
              <When lang={lang} at={d.nextVerifyAt} />
            </dd>
          </div>
        ) : null}
      </dl>
      {asking ? (
        <div
          class="bk-confirm"
          role="alertdialog"
          aria-label={t(asking === 'run' ? 'dash.bk.confirm.run' : 'dash.bk.confirm.verify', {
            dataset: d.id,
          })}
        >
          <p>{t(asking === 'run' ? 'dash.bk.confirm.run' : 'dash.bk.confirm.verify', { dataset: d.id })}</p>
          <button type="button" data-confirm="yes" onClick={() => start(asking)}>
            {t('dash.bk.confirm.yes')}
          </button>{' '}
          <button type="button" class="secondary" data-confirm="no" onClick={() => setAsking(undefined)}>
            {t('dash.bk.confirm.no')}
          </button>
        </div>
      ) : (
        <div class="bk-actions">
          <button
            type="button"
            data-action="run"
            disabled={d.running !== null}
            onClick={() => setAsking('run')}
          >
            {t('dash.bk.runNow')}
          </button>{' '}
          <button
            type="button"
            class="secondary"
            data-action="verify"
            disabled={d.running !== null}
            onClick={() => setAsking('verify')}
          >
            {t('dash.bk.verifyNow')}
          </button>
        </div>
      )}
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
    </article>
  );
}

/** `version` grows with each backup event of the live feed: the list is read again. */
export function Backups({ version, t, lang }: Words & { version: number }) {
  const data = useData(() => get<{ datasets: BackupDataset[] }>('/api/v1/backups'), [version, lang]);
  // Ages grow without an event: read again every 30 s.
  useEvery(30_000, data.reload);
  if (data.error) return <Failure t={t} error={data.error} retry={data.reload} />;
  if (!data.data) return <Loading t={t} />;
  return (
    <section class="backups" aria-labelledby="bk-title">
      <h1 id="bk-title">{t('dash.bk.title')}</h1>
      {data.data.datasets.length === 0 ? <p class="muted">{t('dash.bk.none')}</p> : null}
      {data.data.datasets.map((d) => (
        <DatasetCard key={d.id} d={d} onChanged={data.reload} t={t} lang={lang} />
      ))}
    </section>
  );
}

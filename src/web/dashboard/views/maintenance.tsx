/**
 * Maintenance windows: those planned or under way (with the services they cover and whether their
 * alerts are silenced), ending one under way or deleting one, and the form that plans one.
 */
import { useState } from 'preact/hooks';
import { type ApiFailure, call, get, post } from '../api.ts';
import type { MaintenanceWindow } from '../types.ts';
import { useData } from '../use-data.ts';
import { Failure, Loading, Notice, ScrollBox, When, type Words } from './parts.tsx';

/** A `datetime-local` value (the browser's time zone) as ISO 8601 with its offset; undefined if empty. */
function isoOf(local: string): string | undefined {
  if (local.trim() === '') return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function CreateForm({
  services,
  onCreated,
  t,
}: Words & { services: readonly string[]; onCreated: () => void }) {
  const [fr, setFr] = useState('');
  const [en, setEn] = useState('');
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [silence, setSilence] = useState(true);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const problem =
      fr.trim() === '' && en.trim() === ''
        ? t('dash.mw.titleRequired')
        : picked.size === 0
          ? t('dash.mw.servicesRequired')
          : isoOf(end) === undefined
            ? t('dash.mw.endRequired')
            : undefined;
    if (problem) {
      setNotice({ kind: 'error', text: problem });
      return;
    }
    setBusy(true);
    try {
      const s = isoOf(start);
      await post('/api/v1/maintenance', {
        title: { ...(fr.trim() ? { fr: fr.trim() } : {}), ...(en.trim() ? { en: en.trim() } : {}) },
        services: [...picked],
        ...(s ? { start: s } : {}),
        end: isoOf(end),
        silence,
      });
      setNotice({ kind: 'ok', text: t('dash.mw.created') });
      setFr('');
      setEn('');
      setPicked(new Set());
      setStart('');
      setEnd('');
      onCreated();
    } catch (err) {
      setNotice({ kind: 'error', text: (err as ApiFailure).message });
    } finally {
      setBusy(false);
    }
  };
  const toggle = (s: string, on: boolean) => {
    const next = new Set(picked);
    if (on) next.add(s);
    else next.delete(s);
    setPicked(next);
  };
  return (
    <form class="card form" onSubmit={submit} aria-labelledby="mw-create">
      <h2 id="mw-create">{t('dash.mw.create')}</h2>
      <label>
        {t('dash.mw.titleFr')}
        <input
          type="text"
          name="title-fr"
          lang="fr"
          maxLength={200}
          value={fr}
          onInput={(e) => setFr((e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        {t('dash.mw.titleEn')}
        <input
          type="text"
          name="title-en"
          lang="en"
          maxLength={200}
          value={en}
          onInput={(e) => setEn((e.target as HTMLInputElement).value)}
        />
      </label>
      <fieldset>
        <legend>{t('dash.mw.services')}</legend>
        {services.map((s) => (
          <label key={s} class="check">
            <input
              type="checkbox"
              name="services"
              value={s}
              checked={picked.has(s)}
              onChange={(e) => toggle(s, (e.target as HTMLInputElement).checked)}
            />{' '}
            {s}
          </label>
        ))}
      </fieldset>
      <div class="row">
        <label>
          {t('dash.mw.start')} <span class="muted">({t('dash.mw.startHint')})</span>
          <input
            type="datetime-local"
            name="start"
            value={start}
            onInput={(e) => setStart((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          {t('dash.mw.end')}
          <input
            type="datetime-local"
            name="end"
            value={end}
            onInput={(e) => setEnd((e.target as HTMLInputElement).value)}
          />
        </label>
      </div>
      <label class="check">
        <input
          type="checkbox"
          name="silence"
          checked={silence}
          onChange={(e) => setSilence((e.target as HTMLInputElement).checked)}
        />{' '}
        {t('dash.mw.silence')}
      </label>
      <button type="submit" disabled={busy}>
        {t('dash.mw.submit')}
      </button>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
    </form>
  );
}

export function Maintenance({
  services,
  version,
  t,
  lang,
}: Words & { services: readonly string[]; version: number }) {
  const list = useData(() => get<{ windows: MaintenanceWindow[] }>('/api/v1/maintenance'), [version]);
  const [failure, setFailure] = useState<ApiFailure | undefined>(undefined);
  const act = async (path: string, method: 'POST' | 'DELETE') => {
    try {
      await call(method, path);
      setFailure(undefined);
      list.reload();
    } catch (e) {
      setFailure(e as ApiFailure);
    }
  };
  const title = (w: MaintenanceWindow) =>
    (lang === 'fr' ? (w.title.fr ?? w.title.en) : (w.title.en ?? w.title.fr)) ?? w.id;
  return (
    <section aria-labelledby="mw-title">
      <h1 id="mw-title">{t('dash.mw.title')}</h1>
      {list.error ? <Failure t={t} error={list.error} retry={list.reload} /> : null}
      {failure ? <Failure t={t} error={failure} /> : null}
      {!list.data ? (
        <Loading t={t} />
      ) : list.data.windows.length === 0 ? (
        <p class="muted">{t('dash.mw.none')}</p>
      ) : (
        <ScrollBox label={t('dash.mw.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('dash.mw.window')}</th>
                <th scope="col">{t('dash.mw.services')}</th>
                <th scope="col">{t('dash.mw.start')}</th>
                <th scope="col">{t('dash.mw.end')}</th>
                <th scope="col">{t('dash.state')}</th>
                <th scope="col">
                  <span class="sr-only">{t('dash.fo.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.windows.map((w) => (
                <tr key={w.id} data-window={w.id}>
                  <th scope="row">{title(w)}</th>
                  <td>{w.services.join(', ')}</td>
                  <td>
                    <When lang={lang} at={w.start} />
                  </td>
                  <td>
                    <When lang={lang} at={w.end} />
                  </td>
                  <td>
                    {t(`dash.mw.state.${w.state}`)} ·{' '}
                    {t(w.silence ? 'dash.mw.silenced' : 'dash.mw.notSilenced')}
                  </td>
                  <td class="buttons">
                    {w.state === 'active' ? (
                      <button
                        type="button"
                        class="secondary"
                        onClick={() => act(`/api/v1/maintenance/${encodeURIComponent(w.id)}/end`, 'POST')}
                      >
                        {t('dash.mw.endNow')}
                      </button>
                    ) : null}
                    {w.state === 'planned' ? (
                      <button
                        type="button"
                        class="secondary"
                        onClick={() => act(`/api/v1/maintenance/${encodeURIComponent(w.id)}`, 'DELETE')}
                      >
                        {t('dash.mw.delete')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
      <CreateForm services={services} onCreated={list.reload} t={t} lang={lang} />
    </section>
  );
}

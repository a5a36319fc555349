/**
 * Incidents: the list (open first), and for one its timeline (the state changes the monitor
 * recorded and the updates posted, in order) and the form that posts an update to the status
 * page: a public status and a message in French and/or English.
 */
import { useState } from 'preact/hooks';
import { type ApiFailure, get, post } from '../api.ts';
import type { Incident, PublicStatus } from '../types.ts';
import { PUBLIC_STATUSES } from '../types.ts';
import { useData } from '../use-data.ts';
import { Failure, Loading, Notice, ScrollBox, StateBadge, When, type Words } from './parts.tsx';

type Entry =
  | { readonly at: number; readonly kind: 'opened' }
  | { readonly at: number; readonly kind: 'closed' }
  | { readonly at: number; readonly kind: 'change'; readonly text: string }
  | {
      readonly at: number;
      readonly kind: 'update';
      readonly who: string;
      readonly status: PublicStatus;
      readonly message: string;
    };

function Timeline({ incident, t, lang }: Words & { incident: Incident }) {
  const entries: Entry[] = [
    { at: incident.openedAt, kind: 'opened' as const },
    ...incident.timeline.map((e) => ({
      at: e.at,
      kind: 'change' as const,
      text: `${t('dash.labelled', { label: e.id })} ${t('dash.change', { from: t(`dash.state.${e.from}`), to: t(`dash.state.${e.to}`) })}`,
    })),
    ...incident.updates.map((u) => ({
      at: u.at,
      kind: 'update' as const,
      who: u.who,
      status: u.status,
      message: (lang === 'fr' ? (u.message.fr ?? u.message.en) : (u.message.en ?? u.message.fr)) ?? '',
    })),
    ...(incident.closedAt !== undefined ? [{ at: incident.closedAt, kind: 'closed' as const }] : []),
  ].sort((a, b) => a.at - b.at);
  return (
    <ol class="timeline">
      {entries.map((e, i) => (
        <li key={`${e.at}-${i}`} class={`entry ${e.kind}`}>
          <When lang={lang} at={e.at} />{' '}
          {e.kind === 'opened' ? (
            <strong>
              {t('dash.inc.openedAt', {
                service: incident.service,
                state: t(`dash.state.${incident.worst}`),
              })}
            </strong>
          ) : e.kind === 'closed' ? (
            <strong>{t('dash.inc.closedAt', { service: incident.service })}</strong>
          ) : e.kind === 'change' ? (
            <span>{e.text}</span>
          ) : (
            <>
              <strong>
                {t('dash.inc.updateBy', { who: e.who, status: t(`dash.inc.status.${e.status}`) })}
              </strong>
              <blockquote>{e.message}</blockquote>
            </>
          )}
        </li>
      ))}
    </ol>
  );
}

function UpdateForm({ incident, onPosted, t }: Words & { incident: Incident; onPosted: () => void }) {
  const [status, setStatus] = useState<PublicStatus>(
    incident.status === 'investigating' ? 'identified' : incident.status,
  );
  const [fr, setFr] = useState('');
  const [en, setEn] = useState('');
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (fr.trim() === '' && en.trim() === '') {
      setNotice({ kind: 'error', text: t('dash.inc.messageRequired') });
      return;
    }
    setBusy(true);
    try {
      const message = { ...(fr.trim() ? { fr: fr.trim() } : {}), ...(en.trim() ? { en: en.trim() } : {}) };
      await post(`/api/v1/incidents/${encodeURIComponent(incident.id)}/updates`, { status, message });
      setNotice({ kind: 'ok', text: t('dash.inc.posted') });
      setFr('');
      setEn('');
      onPosted();
    } catch (err) {
      setNotice({ kind: 'error', text: (err as ApiFailure).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card form" onSubmit={submit} aria-labelledby="inc-post">
      <h3 id="inc-post">{t('dash.inc.post')}</h3>
      <label>
        {t('dash.inc.status')}
        <select
          name="status"
          value={status}
          onChange={(e) => setStatus((e.target as HTMLSelectElement).value as PublicStatus)}
        >
          {PUBLIC_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`dash.inc.status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('dash.inc.messageFr')}
        <textarea
          name="fr"
          lang="fr"
          rows={3}
          maxLength={2000}
          value={fr}
          onInput={(e) => setFr((e.target as HTMLTextAreaElement).value)}
        />
      </label>
      <label>
        {t('dash.inc.messageEn')}
        <textarea
          name="en"
          lang="en"
          rows={3}
          maxLength={2000}
          value={en}
          onInput={(e) => setEn((e.target as HTMLTextAreaElement).value)}
        />
      </label>
      <button type="submit" disabled={busy}>
        {t('dash.inc.submit')}
      </button>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
    </form>
  );
}

export function Incidents({ version, t, lang }: Words & { version: number }) {
  const list = useData(() => get<{ incidents: Incident[] }>('/api/v1/incidents?limit=100'), [version]);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const incidents = [...(list.data?.incidents ?? [])].sort(
    (a, b) => Number(a.closedAt !== undefined) - Number(b.closedAt !== undefined) || b.openedAt - a.openedAt,
  );
  const current = incidents.find((i) => i.id === picked);
  return (
    <section aria-labelledby="inc-title">
      <h1 id="inc-title">{t('dash.inc.title')}</h1>
      {list.error ? <Failure t={t} error={list.error} retry={list.reload} /> : null}
      {!list.data ? (
        <Loading t={t} />
      ) : incidents.length === 0 ? (
        <p class="muted">{t('dash.inc.none')}</p>
      ) : (
        <ScrollBox label={t('dash.inc.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('dash.inc.service')}</th>
                <th scope="col">{t('dash.state')}</th>
                <th scope="col">{t('dash.inc.opened')}</th>
                <th scope="col">{t('dash.inc.public')}</th>
              </tr>
            </thead>
            <tbody>
              {incidents.map((i) => (
                <tr key={i.id} class={picked === i.id ? 'picked' : undefined}>
                  <th scope="row">
                    <button
                      type="button"
                      class="link"
                      aria-pressed={picked === i.id}
                      onClick={() => setPicked(i.id)}
                    >
                      {i.service}
                    </button>{' '}
                    <span class={`tag ${i.closedAt === undefined ? 'bad' : 'ok'}`}>
                      {t(i.closedAt === undefined ? 'dash.inc.open' : 'dash.inc.closed')}
                    </span>
                  </th>
                  <td>
                    <StateBadge state={i.closedAt === undefined ? i.state : 'UP'} t={t} />
                  </td>
                  <td>
                    <When lang={lang} at={i.openedAt} />
                  </td>
                  <td>{t(`dash.inc.status.${i.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
      {current ? (
        <div class="incident" data-incident={current.id}>
          <h2>{t('dash.inc.timeline')}</h2>
          <Timeline incident={current} t={t} lang={lang} />
          <UpdateForm key={current.id} incident={current} onPosted={list.reload} t={t} lang={lang} />
        </div>
      ) : incidents.length > 0 ? (
        <p class="muted">{t('dash.inc.pick')}</p>
      ) : null}
    </section>
  );
}

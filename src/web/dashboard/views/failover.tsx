/**
 * Failover groups: where the traffic is and since when, each endpoint's health overall and per
 * vantage point, pin/drain/release (a reason required, as the API asks), the audit trail, and each
 * switch's measured times against the service's RTO, kept current by the live feed's `switch`
 * events (a record is sent again as its timings are measured).
 */
import { useState } from 'preact/hooks';
import { type ApiFailure, get, post } from '../api.ts';
import { dateTime, duration, parseDuration } from '../format.ts';
import type { CheckState, FailoverDetail, FailoverGroup, MapJson, SwitchRecord } from '../types.ts';
import { useData, useEvery } from '../use-data.ts';
import { Failure, Loading, Notice, ScrollBox, VantageBadge, When, type Words } from './parts.tsx';

const HEALTH_STATE = { up: 'UP', down: 'DOWN', unknown: 'UNKNOWN' } as const;
const REASONS = ['down', 'passive', 'failback', 'drain', 'pin', 'config'] as const;

function reasonText(t: Words['t'], r: string): string {
  const known = REASONS.find((x) => x === r);
  return known ? t(`dash.fo.reason.${known}`) : r;
}

/** The records read from the API with those the live feed brought since: by id, the live one kept. */
export function mergeSwitches(read: readonly SwitchRecord[], live: readonly SwitchRecord[]): SwitchRecord[] {
  const byId = new Map(read.map((r) => [r.id, r]));
  for (const r of live) byId.set(r.id, r);
  return [...byId.values()].sort((a, b) => b.decidedAt - a.decidedAt);
}

function Switches({
  switches,
  rto,
  t,
  lang,
}: Words & { switches: readonly SwitchRecord[]; rto: string | undefined }) {
  if (switches.length === 0) return <p class="muted">{t('dash.fo.noSwitch')}</p>;
  const rtoMs = parseDuration(rto ?? '');
  return (
    <ScrollBox label={t('dash.fo.switches')}>
      <table class="switches">
        <thead>
          <tr>
            <th scope="col">{t('dash.at')}</th>
            <th scope="col">{t('dash.fo.move')}</th>
            <th scope="col">{t('dash.fo.switchReason')}</th>
            <th scope="col">{t('dash.fo.detection')}</th>
            <th scope="col">{t('dash.fo.switchTime')}</th>
            <th scope="col">{rto ? t('dash.fo.rto', { rto }) : t('dash.fo.total')}</th>
          </tr>
        </thead>
        <tbody>
          {switches.map((s) => {
            const { detectionMs, switchMs } = s.timings;
            const total = (detectionMs ?? 0) + (switchMs ?? 0);
            const known = detectionMs !== null || switchMs !== null;
            const within = rtoMs === undefined || !known ? undefined : total <= rtoMs;
            return (
              <tr key={s.id} data-switch={s.id}>
                <td>
                  <When lang={lang} at={s.decidedAt} />
                </td>
                <td>{t('dash.fo.switch', { from: s.from, to: s.to })}</td>
                <td data-label={t('dash.labelled', { label: t('dash.fo.switchReason') })}>
                  {reasonText(t, s.reason)}
                </td>
                <td data-label={t('dash.labelled', { label: t('dash.fo.detection') })}>
                  {detectionMs === null ? '–' : duration(lang, detectionMs)}
                </td>
                <td data-label={t('dash.labelled', { label: t('dash.fo.switchTime') })}>
                  {switchMs === null ? '–' : duration(lang, switchMs)}
                </td>
                <td
                  data-label={t('dash.labelled', {
                    label: rto ? t('dash.fo.rto', { rto }) : t('dash.fo.total'),
                  })}
                >
                  {known ? duration(lang, total) : '–'}{' '}
                  {within === undefined ? (
                    rtoMs === undefined ? (
                      <span class="muted">({t('dash.fo.noRto')})</span>
                    ) : null
                  ) : (
                    <span class={within ? 'tag ok' : 'tag bad'}>
                      {within ? `✓ ${t('dash.fo.withinRto')}` : `✕ ${t('dash.fo.overRto')}`}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollBox>
  );
}

function Audit({ detail, t, lang }: Words & { detail: FailoverDetail }) {
  if (detail.audit.length === 0) return <p class="muted">{t('dash.fo.noAudit')}</p>;
  return (
    <ScrollBox label={t('dash.fo.audit')}>
      <table class="audit">
        <thead>
          <tr>
            <th scope="col">{t('dash.at')}</th>
            <th scope="col">{t('dash.fo.who')}</th>
            <th scope="col">{t('dash.fo.action')}</th>
            <th scope="col">{t('dash.fo.why')}</th>
            <th scope="col">{t('dash.fo.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.audit.map((a) => (
            <tr key={`${a.at}-${a.action}-${a.who}`}>
              <td>
                <When lang={lang} at={a.at} />
              </td>
              <td data-label={t('dash.labelled', { label: t('dash.fo.who') })}>{a.who}</td>
              <td data-label={t('dash.labelled', { label: t('dash.fo.action') })}>
                {t(`dash.fo.action.${a.action}`)}
                {a.endpoint ? ` ${a.endpoint}` : ''}
                {a.forced ? ` (${t('dash.fo.forced')})` : ''}
              </td>
              <td data-label={t('dash.labelled', { label: t('dash.fo.why') })}>{a.why}</td>
              <td data-label={t('dash.labelled', { label: t('dash.fo.outcome') })}>
                {a.outcome === 'ok' ? t('dash.fo.outcome.ok') : a.outcome} ({a.from} → {a.to})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

function GroupCard({
  summary,
  live,
  checks,
  map,
  onChanged,
  t,
  lang,
}: Words & {
  summary: FailoverGroup;
  live: readonly SwitchRecord[];
  checks: readonly CheckState[];
  map: MapJson;
  onChanged: () => void;
}) {
  const g = summary.group;
  const detail = useData(
    () => get<FailoverDetail>(`/api/v1/failover/${encodeURIComponent(g)}`),
    [g, summary.activeSince, summary.pin?.at, summary.drained.length],
  );
  useEvery(5000, detail.reload);
  const [reason, setReason] = useState('');
  const [force, setForce] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const id = (s: string) => `fo-${g.replace(/[^A-Za-z0-9_-]/g, '_')}-${s}`;

  const command = async (action: 'pin' | 'drain' | 'release', endpoint?: string) => {
    if (reason.trim() === '') {
      setNotice({ kind: 'error', text: t('dash.fo.reasonRequired') });
      document.getElementById(id('reason'))?.focus();
      return;
    }
    setBusy(true);
    try {
      const answer = await post<{ group: FailoverGroup }>(
        `/api/v1/failover/${encodeURIComponent(g)}/${action}`,
        {
          ...(endpoint !== undefined ? { endpoint } : {}),
          reason: reason.trim(),
          ...(force ? { force: true } : {}),
        },
      );
      const to = answer.group.active;
      setNotice({
        kind: 'ok',
        text:
          action === 'release'
            ? t('dash.fo.done.release', { to })
            : t(action === 'pin' ? 'dash.fo.done.pin' : 'dash.fo.done.drain', {
                endpoint: endpoint ?? '',
                to,
              }),
      });
      setReason('');
      setForce(false);
      onChanged();
      detail.reload();
    } catch (e) {
      setNotice({ kind: 'error', text: (e as ApiFailure).message });
    } finally {
      setBusy(false);
    }
  };

  const mode = summary.allDown
    ? t('dash.fo.mode.allDown')
    : summary.pin
      ? t('dash.fo.mode.pinned', {
          endpoint: summary.pin.endpoint,
          who: summary.pin.who,
          why: summary.pin.why,
        })
      : summary.drained.length > 0
        ? summary.drained
            .map((d) => t('dash.fo.mode.drained', { endpoint: d.endpoint, who: d.who, why: d.why }))
            .join(' · ')
        : t('dash.fo.mode.auto');
  return (
    <article class="card failover-group" data-group={g} aria-labelledby={id('title')}>
      <h2 id={id('title')}>{t('dash.fo.group', { group: g, service: summary.service })}</h2>
      <p class="active-line">
        <strong data-testid="active" data-endpoint={summary.active}>
          {t('dash.fo.active', { endpoint: summary.active, since: dateTime(lang, summary.activeSince) })}
        </strong>{' '}
        — <span class="mode">{mode}</span>
      </p>
      <div class="command">
        <label for={id('reason')}>{t('dash.fo.reason')}</label>
        <input
          id={id('reason')}
          name="reason"
          type="text"
          maxLength={500}
          required
          value={reason}
          onInput={(e) => setReason((e.target as HTMLInputElement).value)}
        />
        <label class="check">
          <input
            type="checkbox"
            checked={force}
            onChange={(e) => setForce((e.target as HTMLInputElement).checked)}
          />{' '}
          {t('dash.fo.force')}
        </label>
        <button
          type="button"
          data-action="release"
          class="secondary"
          disabled={busy}
          onClick={() => command('release')}
        >
          {t('dash.fo.release')}
        </button>
      </div>
      <ScrollBox label={t('dash.fo.endpoints')}>
        <table class="endpoints">
          <thead>
            <tr>
              <th scope="col">{t('dash.fo.endpoint')}</th>
              <th scope="col">{t('dash.fo.address')}</th>
              <th scope="col">{t('dash.fo.health')}</th>
              <th scope="col">{t('dash.fo.vantages')}</th>
              <th scope="col">{t('dash.fo.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.endpoints.map((e) => {
              const check = checks.find((c) => c.id === e.check);
              return (
                <tr key={e.name} data-endpoint={e.name} class={e.active ? 'active' : undefined}>
                  <th scope="row">
                    {e.name}
                    {e.active ? <span class="tag info">{t('dash.fo.activeMark')}</span> : null}
                    {e.drained ? <span class="tag">{t('dash.fo.drainedMark')}</span> : null}
                  </th>
                  <td data-label={t('dash.labelled', { label: t('dash.fo.address') })}>
                    <code>{e.address}</code>
                  </td>
                  <td data-label={t('dash.labelled', { label: t('dash.fo.health') })}>
                    <VantageBadge state={HEALTH_STATE[e.health]} t={t} />
                  </td>
                  <td data-label={t('dash.labelled', { label: t('dash.fo.vantages') })}>
                    <ul class="vantages">
                      {(check?.vantages ?? []).map((v) => (
                        <li key={v.id}>
                          {t('dash.labelled', { label: v.id })} <VantageBadge state={v.state} t={t} />
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td class="buttons">
                    <button
                      type="button"
                      data-action="pin"
                      disabled={busy}
                      onClick={() => command('pin', e.name)}
                    >
                      {t('dash.fo.pin', { endpoint: e.name })}
                    </button>
                    <button
                      type="button"
                      data-action="drain"
                      disabled={busy}
                      onClick={() => command('drain', e.name)}
                    >
                      {t('dash.fo.drain', { endpoint: e.name })}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollBox>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      <h3>{t('dash.fo.switches')}</h3>
      {detail.data ? (
        <Switches
          switches={mergeSwitches(detail.data.switches, live)}
          rto={map.services[summary.service]?.rto}
          t={t}
          lang={lang}
        />
      ) : detail.error ? (
        <Failure t={t} error={detail.error} retry={detail.reload} />
      ) : (
        <Loading t={t} />
      )}
      <h3>{t('dash.fo.audit')}</h3>
      {detail.data ? <Audit detail={detail.data} t={t} lang={lang} /> : null}
    </article>
  );
}

export function Failover({
  groups,
  live,
  checks,
  map,
  onChanged,
  t,
  lang,
}: Words & {
  groups: readonly FailoverGroup[] | undefined;
  /** Switch records from the live feed, per group. */
  live: ReadonlyMap<string, readonly SwitchRecord[]>;
  checks: readonly CheckState[];
  map: MapJson;
  onChanged: () => void;
}) {
  return (
    <section aria-labelledby="fo-title">
      <h1 id="fo-title">{t('dash.fo.title')}</h1>
      {groups === undefined ? (
        <Loading t={t} />
      ) : groups.length === 0 ? (
        <p class="muted">{t('dash.fo.none')}</p>
      ) : (
        groups.map((g) => (
          <GroupCard
            key={g.group}
            summary={g}
            live={live.get(g.group) ?? []}
            checks={checks}
            map={map}
            onChanged={onChanged}
            t={t}
            lang={lang}
          />
        ))
      )}
    </section>
  );
}

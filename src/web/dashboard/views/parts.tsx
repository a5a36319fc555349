/** Small pieces the views share: a state badge (colour and icon), loading and failure notes, uptime bars. */
import type { ComponentChildren } from 'preact';
import type { ApiFailure } from '../api.ts';
import { dateTime, duration, percent, shortDate } from '../format.ts';
import { COLORS, ICONS } from '../health.ts';
import type { Lang, T } from '../i18n.ts';
import type { State, UptimeBar } from '../types.ts';

export interface Words {
  readonly t: T;
  readonly lang: Lang;
}

export function StateBadge({ state, t }: { state: State; t: T }) {
  const c = COLORS[state];
  return (
    <span class={`badge state-${state}`} style={{ background: c.fill, borderColor: c.stroke, color: c.text }}>
      <span aria-hidden="true">{ICONS[state]}</span> {t(`dash.state.${state}`)}
    </span>
  );
}

/** A vantage point's view of a check: a state, or STALE (it stopped reporting), shown as unknown. */
export function VantageBadge({ state, t }: { state: string; t: T }) {
  if (state === 'STALE') {
    const c = COLORS.UNKNOWN;
    return (
      <span class="badge state-UNKNOWN" style={{ background: c.fill, borderColor: c.stroke, color: c.text }}>
        <span aria-hidden="true">{ICONS.UNKNOWN}</span> {t('dash.state.STALE')}
      </span>
    );
  }
  const s = (['UP', 'DEGRADED', 'DOWN', 'UNKNOWN'] as const).find((x) => x === state) ?? 'UNKNOWN';
  return <StateBadge state={s} t={t} />;
}

export function Loading({ t }: { t: T }) {
  return (
    <p class="muted" role="status">
      {t('dash.loading')}
    </p>
  );
}

export function Failure({ t, error, retry }: { t: T; error: ApiFailure; retry?: () => void }) {
  return (
    <p class="failure" role="alert">
      {t('dash.error', { message: error.message })}{' '}
      {retry ? (
        <button type="button" class="link" onClick={retry}>
          {t('dash.retry')}
        </button>
      ) : null}
    </p>
  );
}

/**
 * A box that scrolls sideways when its content is wider than the screen (tables, the map on a
 * phone): a labelled region a keyboard can reach, or it could not be scrolled without a mouse.
 */
export function ScrollBox({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard to be scrolled (axe: scrollable-region-focusable)
    <section class="table-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}

/** A notice after a form's answer: done (status) or refused (alert), with the API's own words. */
export function Notice({ kind, children }: { kind: 'ok' | 'error'; children: ComponentChildren }) {
  return (
    <p class={kind === 'ok' ? 'notice' : 'failure'} role={kind === 'ok' ? 'status' : 'alert'}>
      {children}
    </p>
  );
}

const known = (b: UptimeBar) => b.up + b.degraded + b.down;

/** The share of known time a subject was up (DEGRADED counts as up: it serves), or undefined with no data. */
export function uptimeOf(bars: readonly UptimeBar[]): number | undefined {
  const k = bars.reduce((s, b) => s + known(b), 0);
  if (k === 0) return undefined;
  return bars.reduce((s, b) => s + b.up + b.degraded, 0) / k;
}

function barState(b: UptimeBar): State {
  if (known(b) === 0) return 'UNKNOWN';
  if (b.down === 0) return b.degraded > 0 ? 'DEGRADED' : 'UP';
  return b.down / known(b) > 0.01 ? 'DOWN' : 'DEGRADED';
}

export function UptimeBars({ bars, label, t, lang }: Words & { bars: readonly UptimeBar[]; label: string }) {
  const total = uptimeOf(bars);
  return (
    <figure class="uptime">
      <figcaption>
        <span>{label}</span>
        <strong>
          {total === undefined
            ? t('dash.uptime.noData')
            : t('dash.uptime.percent', { percent: percent(lang, total) })}
        </strong>
      </figcaption>
      <ol class="bars">
        {bars.map((b) => {
          const s = barState(b);
          const k = known(b);
          const text =
            k === 0
              ? t('dash.uptime.barNoData', { start: shortDate(lang, b.start) })
              : t('dash.uptime.bar', {
                  start: shortDate(lang, b.start),
                  percent: percent(lang, (b.up + b.degraded) / k),
                  down: duration(lang, b.down),
                });
          return (
            <li key={b.start} class={`bar state-${s}`} title={text} style={{ background: COLORS[s].stroke }}>
              <span class="sr-only">{text}</span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}

export function When({ lang, at }: { lang: Lang; at: number | string }) {
  const d = new Date(at);
  return <time dateTime={d.toISOString()}>{dateTime(lang, at)}</time>;
}

/**
 * Alerts rendered for people, in English or French: a one-line title ("checkout is DOWN"), a short
 * text (criticality, since when, causes, incident number) and the stable de-duplication key
 * `<service>:<incident>:<kind>[:<n>]`. Pure: no clock, no I/O.
 */
import { crisisMessage } from '../i18n/crisis.ts';
import { type Lang, t } from '../i18n/index.ts';
import type { Criticality } from '../model/schema.ts';
import type { CommunicationsSpec } from '../model/schema-plan.ts';
import { cleanText } from '../monitor/clean-text.ts';
import type { ServiceCause } from '../monitor/service-causes.ts';
import type { Incident, State } from '../monitor/types.ts';
import type { Alert, AlertKind } from './alert.ts';

/** What one alert is about, before rendering. */
export interface AlertInput {
  readonly kind: Exclude<AlertKind, 'test'>;
  readonly service: string;
  readonly criticality: Criticality;
  readonly incident: string;
  /** The service's state now (UP once resolved). */
  readonly state: State;
  /** The worst state the incident reached. */
  readonly worst: State;
  readonly openedAt: number;
  /** Resolved: when the incident closed. */
  readonly closedAt?: number;
  readonly at: number;
  readonly causes: readonly string[];
  /** Repeat: the ordinal of the reminder (1, 2, …). */
  readonly n?: number;
  /** How many alerts the channel's rate limit dropped before this one. */
  readonly suppressed?: number;
}

/** `checkout@2026-11-29T15:23:25.623Z:opened`, `…:repeat:3` (an incident id starts with its service). */
export function alertKey(incident: string, kind: AlertKind, n?: number): string {
  return n === undefined ? `${incident}:${kind}` : `${incident}:${kind}:${n}`;
}

/** A duration for people, two units at most: `45s`, `12m`, `1h 5m`, `2d 3h` (fr: `35 min`, `1 h 5 min`). */
export function formatSpan(lang: Lang, ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const unit = (u: 's' | 'm' | 'h' | 'd', n: number) => t(lang, `alert.unit.${u}`, { n });
  if (s < 60) return unit('s', s);
  const m = Math.floor(s / 60);
  if (m < 60) return unit('m', m);
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 === 0 ? unit('h', h) : `${unit('h', h)} ${unit('m', m % 60)}`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? unit('d', d) : `${unit('d', d)} ${unit('h', h % 24)}`;
}

/** `2026-11-24 14:35 UTC`: unambiguous for every reader, whatever their time zone. */
export function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A service's causes as alerts list them: `api-aws: DOWN — timeout (2s) — 2/3 vantage points`. */
export function causeLines(lang: Lang, causes: readonly ServiceCause[]): string[] {
  return causes.map((c) =>
    t(lang, 'monitor.cause', c.detail === undefined ? c : { ...c, detail: cleanText(c.detail) }),
  );
}

/** What an alert's first line is worded with: the internal crisis message (i18n/crisis.ts) of its event. */
export interface AlertCrisis {
  readonly company?: string;
  readonly communications?: CommunicationsSpec;
  /** The service's name (else its id). */
  readonly name?: string;
}

/**
 * The rendered alert for one incident event. An opened or resolved alert's text starts with the
 * internal crisis message of that event, the one the plan prints (i18n/crisis.ts).
 */
export function renderAlert(input: AlertInput, lang: Lang, crisis: AlertCrisis = {}): Alert {
  const { service, state, kind } = input;
  // Causes carry targets' and agents' details: one line each, whatever they hold.
  const causes = input.causes.map((c) => cleanText(c));
  const criticality = t(lang, `alert.criticality.${input.criticality}`);
  const since = formatTime(input.openedAt);
  let title: string;
  const lines: string[] = [];
  if (kind === 'opened' || kind === 'resolved') {
    const values = {
      ...(crisis.company !== undefined ? { company: crisis.company } : {}),
      services: crisis.name ?? service,
      start: since,
      end: formatTime(input.closedAt ?? input.at),
    };
    const event = kind === 'opened' ? 'started' : 'resolved';
    lines.push(crisisMessage(lang, crisis.communications, 'internal', event, values).body);
  }
  if (kind === 'resolved') {
    const closedAt = input.closedAt ?? input.at;
    title = t(lang, 'alert.resolved.title', {
      service,
      duration: formatSpan(lang, closedAt - input.openedAt),
    });
    lines.push(
      t(lang, 'alert.text.resolved', { criticality, since, until: formatTime(closedAt), worst: input.worst }),
    );
  } else {
    title =
      kind === 'repeat'
        ? t(lang, 'alert.repeat.title', {
            service,
            state,
            duration: formatSpan(lang, input.at - input.openedAt),
          })
        : t(lang, kind === 'opened' ? 'alert.opened.title' : 'alert.worsened.title', { service, state });
    lines.push(t(lang, 'alert.text.open', { criticality, since }));
    if (causes.length === 0) lines.push(t(lang, 'alert.text.noCause'));
    else lines.push(t(lang, 'alert.text.causes'), ...causes.map((c) => `• ${c}`));
  }
  if (input.suppressed) lines.push(t(lang, 'alert.text.suppressed', { count: input.suppressed }));
  lines.push(t(lang, 'alert.text.incident', { id: input.incident }));
  return {
    kind,
    service,
    criticality: input.criticality,
    incident: input.incident,
    state,
    since: input.openedAt,
    at: input.at,
    causes,
    lang,
    title,
    text: lines.join('\n'),
    key: alertKey(input.incident, kind, input.n),
  };
}

/** The input for an incident tracker event, with the service's criticality and causes. */
export function inputFromIncident(
  kind: 'opened' | 'worsened' | 'resolved',
  incident: Incident,
  criticality: Criticality,
  causes: readonly string[],
  at: number,
): AlertInput {
  return {
    kind,
    service: incident.service,
    criticality,
    incident: incident.id,
    state: kind === 'resolved' ? 'UP' : incident.state,
    worst: incident.worst,
    openedAt: incident.openedAt,
    ...(incident.closedAt === undefined ? {} : { closedAt: incident.closedAt }),
    at,
    causes,
  };
}

/** A test alert for one channel, sent by `bascule notify test` (no incident: its id is `test@<time>`). */
export function testAlert(channel: string, lang: Lang, at: number): Alert {
  return {
    kind: 'test',
    service: 'bascule',
    criticality: 'low',
    incident: `test@${new Date(at).toISOString()}`,
    state: 'UP',
    since: at,
    at,
    causes: [],
    lang,
    title: t(lang, 'alert.test.title', { channel }),
    text: t(lang, 'alert.test.text', { channel }),
    key: alertKey(`test@${new Date(at).toISOString()}`, 'test'),
  };
}

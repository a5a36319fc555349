/**
 * The public status page as data: what `statusPage` chose to show, built field by field from the
 * page's input (an allow-list: nothing of the map is copied unless `show` names it, under the
 * name given there). Pure; the HTML, Atom, JSON and badge renderers read only this.
 */
import type { Lang } from '../../i18n/index.ts';
import { parseDuration } from '../../model/duration.ts';
import type { LocalizedText, StatusPageSpec } from '../../model/schema.ts';
import type { CommunicationsSpec } from '../../model/schema-plan.ts';
import type { State } from '../../monitor/types.ts';
import type { IncidentInput, PublicStatus, StatusInput, Texts } from './input.ts';
import { type DayUptime, dailyUptime, overallUptime, UPTIME_DAYS } from './uptime.ts';

/** At most this many past incidents are listed, and this many active ones. */
export const MAX_PAST = 50;
export const MAX_ACTIVE = 20;
/** Maintenance announced this far ahead at most. */
export const MAINTENANCE_AHEAD_MS = 60 * 86_400_000;

/** A day's bar: its ratio floored to 0.01 %, its worst state, how much of it had data (to 0.1 %). */
export type DayView = Pick<DayUptime, 'date' | 'upRatio' | 'worst' | 'known'>;

export interface ServiceView {
  /** The id listed under `show` (in the JSON and the badge's address). */
  readonly publicId: string;
  readonly name: Texts;
  readonly description?: Texts | undefined;
  readonly state: State;
  /** A maintenance window covers it now. */
  readonly maintenance: boolean;
  readonly uptime90: readonly DayView[];
  /** Over the 90 days, floored to 0.01 %; null when nothing is known. */
  readonly upRatio: number | null;
}

/** One entry of an incident's timeline: an operator's update, or the monitor's own wording. */
export interface UpdateView {
  readonly at: number;
  readonly status: PublicStatus;
  /** The operator's words; absent: the automatic wording for `state`. */
  readonly message?: Texts | undefined;
  /** What the monitor saw (automatic entries): the service's state then. */
  readonly state?: State | undefined;
  /** An automatic entry that opens or closes the incident: worded by the crisis message of that event. */
  readonly event?: 'started' | 'resolved' | undefined;
}

/** Where the crisis messages come from (i18n/crisis.ts): the map's name and its `communications:`. */
export interface CrisisSource {
  readonly company?: string | undefined;
  readonly communications?: CommunicationsSpec | undefined;
}

export interface IncidentView {
  readonly id: string;
  readonly publicId: string;
  readonly name: Texts;
  readonly openedAt: number;
  readonly closedAt?: number | undefined;
  readonly worst: 'DOWN' | 'DEGRADED';
  readonly status: PublicStatus;
  /** Newest first. */
  readonly updates: readonly UpdateView[];
  /** The crisis messages the automatic entries are worded with, and the time zone of their times. */
  readonly crisis: CrisisSource & { readonly zone: string };
}

export interface MaintenanceView {
  readonly id: string;
  readonly title: Texts;
  readonly services: readonly { readonly publicId: string; readonly name: Texts }[];
  readonly start: number;
  readonly end: number;
  readonly active: boolean;
}

export interface StatusView {
  readonly at: number;
  /** The page's default language. */
  readonly lang: Lang;
  readonly title: Texts;
  readonly description?: Texts | undefined;
  /** Where it is published (absolute links in the feed and the export), if said. */
  readonly url?: string | undefined;
  /** The worst state of the services shown (DOWN, DEGRADED, UNKNOWN, UP). */
  readonly overall: State;
  readonly services: readonly ServiceView[];
  readonly active: readonly IncidentView[];
  readonly past: readonly IncidentView[];
  /** Active ones first, then upcoming, by start. */
  readonly maintenance: readonly MaintenanceView[];
  /** How far back past incidents go, in days. */
  readonly historyDays: number;
  /** The time zone of its days and of the times it shows (statusPage.timezone: an IANA name, or UTC). */
  readonly timeZone: string;
}

export function texts(value: LocalizedText): Texts {
  return typeof value === 'string' ? { en: value, fr: value } : { en: value.en, fr: value.fr };
}

/** The page's default language: its own `lang`, else the map's, else English. */
export function pageLang(page: StatusPageSpec, mapLang: Lang | undefined): Lang {
  return page.lang ?? mapLang ?? 'en';
}

const floorRatio = (r: number | null) => (r === null ? null : Math.floor(r * 10_000) / 10_000);

const RANK: Readonly<Record<State, number>> = { UP: 0, UNKNOWN: 1, DEGRADED: 2, DOWN: 3 };

function statusOf(i: IncidentInput): PublicStatus {
  if (i.closedAt !== undefined) return 'resolved';
  return i.updates.at(-1)?.status ?? 'investigating';
}

function incidentView(
  i: IncidentInput,
  name: Texts,
  crisis: CrisisSource & { readonly zone: string },
): IncidentView {
  const updates: UpdateView[] = i.updates.map((u) => ({ at: u.at, status: u.status, message: u.message }));
  const changes = i.changes.length > 0 ? i.changes : [{ at: i.openedAt, to: i.worst }];
  const first = Math.min(...changes.filter((c) => c.to !== 'UP').map((c) => c.at));
  let started = false;
  for (const c of changes) {
    if (c.to === 'UP') continue;
    const opens = !started && c.at === first;
    if (opens) started = true;
    updates.push({ at: c.at, status: 'investigating', state: c.to, ...(opens ? { event: 'started' } : {}) });
  }
  if (i.closedAt !== undefined && !i.updates.some((u) => u.status === 'resolved'))
    updates.push({ at: i.closedAt, status: 'resolved', state: 'UP', event: 'resolved' });
  updates.sort((a, b) => b.at - a.at);
  return {
    id: i.id,
    publicId: i.service,
    name,
    openedAt: i.openedAt,
    closedAt: i.closedAt,
    worst: i.worst,
    status: statusOf(i),
    updates,
    crisis,
  };
}

export function statusView(
  page: StatusPageSpec,
  lang: Lang,
  input: StatusInput,
  crisisSource: CrisisSource = {},
): StatusView {
  const now = input.now;
  const crisis = { ...crisisSource, zone: page.timezone };
  const shown = new Map(Object.entries(page.show));
  const names = new Map([...shown].map(([id, s]) => [id, texts(s.name)]));
  const maintenance: MaintenanceView[] = input.maintenance
    .filter((m) => m.end > now && m.start < now + MAINTENANCE_AHEAD_MS)
    .map((m) => ({
      id: m.id,
      title: m.title,
      services: m.services.filter((s) => names.has(s)).map((s) => ({ publicId: s, name: names.get(s)! })),
      start: m.start,
      end: m.end,
      active: m.start <= now,
    }))
    .filter((m) => m.services.length > 0)
    .sort((a, b) => Number(b.active) - Number(a.active) || a.start - b.start);
  const inMaintenance = new Set(
    maintenance.filter((m) => m.active).flatMap((m) => m.services.map((s) => s.publicId)),
  );
  const services = [...shown].map(([id, s]): ServiceView => {
    const state = input.states.get(id) ?? 'UNKNOWN';
    const days = dailyUptime(input.history.get(id), state, input.watched, now, UPTIME_DAYS, page.timezone);
    return {
      publicId: id,
      name: names.get(id)!,
      description: s.description === undefined ? undefined : texts(s.description),
      state,
      maintenance: inMaintenance.has(id),
      uptime90: days.map((d) => ({
        date: d.date,
        upRatio: floorRatio(d.upRatio),
        worst: d.worst,
        known: Math.floor(d.known * 1000) / 1000,
      })),
      upRatio: floorRatio(overallUptime(days)),
    };
  });
  const historyMs = parseDuration(page.history) ?? 14 * 86_400_000;
  const ours = input.incidents.filter((i) => names.has(i.service));
  const active = ours
    .filter((i) => i.closedAt === undefined)
    .sort((a, b) => b.openedAt - a.openedAt)
    .slice(0, MAX_ACTIVE)
    .map((i) => incidentView(i, names.get(i.service)!, crisis));
  const past = ours
    .filter((i) => i.closedAt !== undefined && i.closedAt >= now - historyMs)
    .sort((a, b) => b.closedAt! - a.closedAt!)
    .slice(0, MAX_PAST)
    .map((i) => incidentView(i, names.get(i.service)!, crisis));
  const overall = services.reduce<State>((w, s) => (RANK[s.state] > RANK[w] ? s.state : w), 'UP');
  return {
    at: now,
    lang,
    title: texts(page.title),
    description: page.description === undefined ? undefined : texts(page.description),
    url: page.url,
    overall: services.length === 0 ? 'UNKNOWN' : overall,
    services,
    active,
    past,
    maintenance,
    historyDays: Math.max(1, Math.round(historyMs / 86_400_000)),
    timeZone: page.timezone,
  };
}

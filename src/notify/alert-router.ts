/**
 * Which channels get which alerts. Pure: no I/O, the clock is passed in. Routing by `services` and
 * `minCriticality`; the same key never goes twice to a channel; reminders every `repeat` while an
 * incident stays open; a `resolved` alert only to channels told about the incident; a token bucket
 * per channel whose dropped alerts are counted and mentioned by the next alert that passes. Its
 * state is small plain data (toJSON/restore) so the daemon can snapshot it.
 */
import type { Lang } from '../i18n/index.ts';
import { parseDuration } from '../model/duration.ts';
import type { Config, Criticality, NotifyChannelSpec } from '../model/schema.ts';
import { type IncidentEvent, incidentId } from '../monitor/incidents.ts';
import type { State } from '../monitor/types.ts';
import type { Alert } from './alert.ts';
import { type AlertCrisis, type AlertInput, inputFromIncident, renderAlert } from './render.ts';
import type { SilencedAlert, Silencer } from './silences.ts';

const RANK: Record<Criticality, number> = { critical: 3, high: 2, medium: 1, low: 0 };
/** Keys remembered per channel for de-duplication (the oldest are forgotten first). */
const MAX_KEYS = 500;

export interface RateLimit {
  /** Alerts a channel may receive in a burst… */
  readonly burst: number;
  /** …refilled at this many per `perMs`. */
  readonly perMs: number;
}
export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 20, perMs: 10 * 60_000 };

/** One alert for one channel. */
export interface Delivery {
  readonly channel: string;
  readonly alert: Alert;
}

/** What routing decided: alerts to send, alerts the rate limit dropped, alerts a maintenance window silenced. */
export interface Routing {
  readonly deliveries: Delivery[];
  readonly suppressed: { readonly channel: string; readonly key: string }[];
  /** Recorded, not sent (notify/silences.ts); absent: none. */
  readonly silenced?: SilencedAlert[];
}

interface OpenIncident {
  service: string;
  incident: string;
  criticality: Criticality;
  openedAt: number;
  state: State;
  worst: State;
  causes: string[];
  /** channel → when it got its first alert about this incident, and the last reminder number. */
  told: Record<string, { at: number; n: number }>;
  /** A maintenance window silenced an alert of it: once the window is over, the channels not told are. */
  held?: string;
}

interface Bucket {
  tokens: number;
  at: number;
  suppressed: number;
  keys: string[];
}

export interface AlertRouterState {
  readonly version: 1;
  readonly open: Record<string, OpenIncident>;
  readonly channels: Record<string, Bucket>;
}

export class AlertRouter {
  private open: Record<string, OpenIncident> = {};
  private channels: Record<string, Bucket> = {};
  private readonly specs: [string, NotifyChannelSpec][];
  private readonly repeats = new Map<string, number>();

  constructor(
    private readonly config: Config,
    private readonly lang: Lang,
    private readonly limit: RateLimit = DEFAULT_RATE_LIMIT,
  ) {
    this.specs = Object.entries(config.notify);
    for (const [id, spec] of this.specs) {
      const ms = spec.repeat === undefined ? undefined : parseDuration(spec.repeat);
      if (ms !== undefined && ms > 0) this.repeats.set(id, ms);
    }
  }

  /**
   * Routes the incident tracker's events; `causes` gives the current causes of a service;
   * `silenced` says which maintenance window, if any, silences a service now.
   */
  route(
    events: readonly IncidentEvent[],
    causes: (service: string) => string[],
    now: number,
    silenced?: Silencer,
  ): Routing {
    const out: Required<Routing> = { deliveries: [], suppressed: [], silenced: [] };
    for (const { type, incident } of events) {
      const criticality = this.config.services[incident.service]?.criticality ?? 'medium';
      const kind =
        type === 'incident-opened' ? 'opened' : type === 'incident-worsened' ? 'worsened' : 'resolved';
      const ref = `${incident.service}:${incident.id}`;
      const input = inputFromIncident(kind, incident, criticality, causes(incident.service), now);
      if (kind === 'resolved') {
        const known = this.open[ref];
        delete this.open[ref];
        if (!known) continue;
        for (const id of Object.keys(known.told)) this.offer(id, input, now, out);
        continue;
      }
      const entry: OpenIncident = this.open[ref] ?? {
        service: incident.service,
        incident: incident.id,
        criticality,
        openedAt: incident.openedAt,
        state: incident.state,
        worst: incident.worst,
        causes: [],
        told: {},
      };
      entry.state = incident.state;
      entry.worst = incident.worst;
      entry.criticality = criticality;
      entry.causes = [...input.causes];
      this.open[ref] = entry;
      const window = silenced?.(incident.service);
      if (window !== undefined) {
        const channels = this.specs.filter(([, spec]) => wants(spec, incident.service, criticality));
        entry.held = window;
        if (channels.length > 0) {
          out.silenced.push({
            service: incident.service,
            incident: incident.id,
            kind,
            window,
            channels: channels.map(([id]) => id),
          });
        }
        continue;
      }
      for (const [id, spec] of this.specs) {
        if (!wants(spec, incident.service, criticality)) continue;
        if (this.offer(id, input, now, out)) entry.told[id] ??= { at: now, n: 0 };
      }
    }
    return out;
  }

  /**
   * Reminders due at `now` for incidents still open, on channels with `repeat`; `causes` refreshes
   * theirs. None while a maintenance window silences the service; once it is over, an incident it
   * silenced and still open is told to the channels that want it and were not told.
   */
  due(now: number, causes?: (service: string) => string[], silenced?: Silencer): Routing {
    const out: Routing = { deliveries: [], suppressed: [] };
    for (const entry of Object.values(this.open)) {
      if (silenced?.(entry.service) !== undefined) continue;
      let refreshed = false;
      if (entry.held !== undefined) {
        delete entry.held;
        if (causes) {
          entry.causes = [...causes(entry.service)];
          refreshed = true;
        }
        const input: AlertInput = {
          kind: 'opened',
          service: entry.service,
          criticality: entry.criticality,
          incident: entry.incident,
          state: entry.state,
          worst: entry.worst,
          openedAt: entry.openedAt,
          at: now,
          causes: entry.causes,
        };
        for (const [id, spec] of this.specs) {
          if (entry.told[id] || !wants(spec, entry.service, entry.criticality)) continue;
          if (this.offer(id, input, now, out)) entry.told[id] = { at: now, n: 0 };
        }
      }
      for (const [id, told] of Object.entries(entry.told)) {
        const every = this.repeats.get(id);
        if (every === undefined) continue;
        const n = Math.floor((now - told.at) / every);
        if (n <= told.n) continue;
        // After a long pause, one reminder (numbered by the time elapsed), not a burst of them.
        told.n = n;
        if (causes && !refreshed) {
          entry.causes = [...causes(entry.service)];
          refreshed = true;
        }
        const input: AlertInput = {
          kind: 'repeat',
          service: entry.service,
          criticality: entry.criticality,
          incident: entry.incident,
          state: entry.state,
          worst: entry.worst,
          openedAt: entry.openedAt,
          at: now,
          causes: entry.causes,
          n,
        };
        this.offer(id, input, now, out);
      }
    }
    return out;
  }

  /** Renders and records one alert for one channel, unless a duplicate or over the rate limit. */
  private offer(id: string, input: AlertInput, now: number, out: Routing): boolean {
    const spec = this.config.notify[id];
    if (!spec) return false;
    const bucket = this.bucket(id, now);
    const crisis = this.crisis(input.service);
    const probe = renderAlert(input, spec.lang ?? this.lang, crisis);
    if (bucket.keys.includes(probe.key)) return false;
    if (bucket.tokens < 1) {
      bucket.suppressed++;
      out.suppressed.push({ channel: id, key: probe.key });
      return false;
    }
    bucket.tokens -= 1;
    const alert = bucket.suppressed
      ? renderAlert({ ...input, suppressed: bucket.suppressed }, spec.lang ?? this.lang, crisis)
      : probe;
    bucket.suppressed = 0;
    bucket.keys.push(alert.key);
    if (bucket.keys.length > MAX_KEYS) bucket.keys.splice(0, bucket.keys.length - MAX_KEYS);
    out.deliveries.push({ channel: id, alert });
    return true;
  }

  /** The crisis messages an alert opens with: the map's name and `communications:`, the service's name. */
  private crisis(service: string): AlertCrisis {
    const c = this.config;
    return {
      company: c.name,
      ...(c.communications ? { communications: c.communications } : {}),
      name: c.services[service]?.name ?? service,
    };
  }

  private bucket(id: string, now: number): Bucket {
    const b = this.channels[id] ?? { tokens: this.limit.burst, at: now, suppressed: 0, keys: [] };
    this.channels[id] = b;
    const refill = ((now - b.at) * this.limit.burst) / this.limit.perMs;
    if (refill > 0) b.tokens = Math.min(this.limit.burst, b.tokens + refill);
    b.at = Math.max(b.at, now);
    return b;
  }

  /** Open incidents known to the router (for tests and the daemon's status). */
  openIncidents(): number {
    return Object.keys(this.open).length;
  }

  toJSON(): AlertRouterState {
    return structuredClone({ version: 1, open: this.open, channels: this.channels });
  }

  /** Takes back a snapshot; anything not shaped like one is ignored (returns false). */
  restore(saved: unknown): boolean {
    const state = upgraded(saved);
    if (!isRouterState(state)) return false;
    const copy = structuredClone(state);
    this.open = copy.open;
    // Channels removed from the configuration are forgotten.
    this.channels = Object.fromEntries(
      Object.entries(copy.channels).filter(([id]) => id in this.config.notify),
    );
    for (const entry of Object.values(this.open)) {
      for (const id of Object.keys(entry.told)) if (!(id in this.config.notify)) delete entry.told[id];
    }
    return true;
  }
}

/** Whether a channel takes alerts about this service. */
export function wants(spec: NotifyChannelSpec, service: string, criticality: Criticality): boolean {
  if (spec.services && !spec.services.includes(service)) return false;
  if (spec.minCriticality && RANK[criticality] < RANK[spec.minCriticality]) return false;
  return true;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * A state saved before incident ids were strings (`incident: 12`): each open incident gets the id it
 * has now, the service and its opening time, so its "resolved" alert still goes out after an upgrade.
 */
function upgraded(v: unknown): unknown {
  if (!isRecord(v) || !isRecord(v.open)) return v;
  const open: Record<string, unknown> = {};
  for (const [ref, o] of Object.entries(v.open)) {
    if (isRecord(o) && isNum(o.incident) && typeof o.service === 'string' && isNum(o.openedAt)) {
      const id = incidentId(o.service, o.openedAt);
      open[`${o.service}:${id}`] = { ...o, incident: id };
    } else open[ref] = o;
  }
  return { ...v, open };
}

function isRouterState(v: unknown): v is AlertRouterState {
  if (!isRecord(v) || v.version !== 1 || !isRecord(v.open) || !isRecord(v.channels)) return false;
  for (const o of Object.values(v.open)) {
    if (!isRecord(o) || typeof o.service !== 'string' || typeof o.incident !== 'string' || !isNum(o.openedAt))
      return false;
    if (typeof o.criticality !== 'string' || !(o.criticality in RANK)) return false;
    if (typeof o.state !== 'string' || typeof o.worst !== 'string') return false;
    if (!Array.isArray(o.causes) || !o.causes.every((c) => typeof c === 'string')) return false;
    if (!isRecord(o.told)) return false;
    if (o.held !== undefined && typeof o.held !== 'string') return false;
    for (const told of Object.values(o.told))
      if (!isRecord(told) || !isNum(told.at) || !isNum(told.n)) return false;
  }
  for (const b of Object.values(v.channels)) {
    if (!isRecord(b) || !isNum(b.tokens) || !isNum(b.at) || !isNum(b.suppressed)) return false;
    if (!Array.isArray(b.keys) || !b.keys.every((k) => typeof k === 'string')) return false;
  }
  return true;
}

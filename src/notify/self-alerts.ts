/**
 * Alerts about Bascule itself: a failing store or a shortage of its own resources is said on the
 * alert channels, not only on /healthz, since a small company has nobody watching a health
 * endpoint. A problem is alerted once it has lasted `after` (a lock held for a second is not
 * news), as service `bascule`, critical, and resolved once it is over. Its incident id
 * (`bascule:<problem>@<since>`) holds a colon, which no id of the map may hold: it never collides
 * with a service's. What was alerted lives in memory: after a restart a problem still there is
 * alerted again.
 */
import { type Lang, t } from '../i18n/index.ts';
import type { Config } from '../model/schema.ts';
import type { Alert, AlertKind } from './alert.ts';
import type { Delivery } from './alert-router.ts';
import { wants } from './alert-router.ts';
import { alertKey, formatSpan, formatTime } from './render.ts';

/** A problem of the daemon itself, as daemon/health.ts reports it. */
export interface SelfProblem {
  readonly code: 'store-failing' | 'probes-local';
  readonly since: number;
  readonly detail?: string;
}

/** How long a problem lasts before it is alerted. */
export const SELF_ALERT_AFTER_MS = 30_000;

export class SelfAlerts {
  /** Problems alerted and not yet resolved: code → the alert's since and text. */
  private readonly open = new Map<string, SelfProblem>();

  constructor(
    private readonly config: Config,
    private readonly lang: Lang,
    private readonly after = SELF_ALERT_AFTER_MS,
  ) {}

  /** The deliveries due now, given the problems of the moment. */
  step(problems: readonly SelfProblem[], now: number): Delivery[] {
    const out: Delivery[] = [];
    const current = new Map(problems.map((p) => [p.code, p]));
    for (const p of problems) {
      if (this.open.has(p.code) || now - p.since < this.after) continue;
      this.open.set(p.code, p);
      out.push(...this.deliveries('opened', p, now));
    }
    for (const [code, p] of this.open) {
      if (current.has(code as SelfProblem['code'])) continue;
      this.open.delete(code);
      out.push(...this.deliveries('resolved', p, now));
    }
    return out;
  }

  private deliveries(kind: 'opened' | 'resolved', p: SelfProblem, now: number): Delivery[] {
    const out: Delivery[] = [];
    for (const [channel, spec] of Object.entries(this.config.notify)) {
      if (!wants(spec, 'bascule', 'critical')) continue;
      out.push({ channel, alert: selfAlert(kind, p, spec.lang ?? this.lang, now) });
    }
    return out;
  }
}

/** The alert for a problem of Bascule itself, opened or resolved, in `lang`. */
export function selfAlert(
  kind: Extract<AlertKind, 'opened' | 'resolved'>,
  p: SelfProblem,
  lang: Lang,
  at: number,
): Alert {
  const incident = `bascule:${p.code}@${new Date(p.since).toISOString()}`;
  const problem = t(lang, `alert.self.${p.code}`, { detail: p.detail ?? '?' });
  const since = formatTime(p.since);
  const title =
    kind === 'opened'
      ? t(lang, 'alert.self.opened.title', { problem })
      : t(lang, 'alert.self.resolved.title', { duration: formatSpan(lang, at - p.since) });
  const text =
    kind === 'opened'
      ? t(lang, 'alert.self.text.open', { since })
      : t(lang, 'alert.self.text.resolved', { since, until: formatTime(at), problem });
  return {
    kind,
    service: 'bascule',
    criticality: 'critical',
    incident,
    state: kind === 'opened' ? 'DEGRADED' : 'UP',
    since: p.since,
    at,
    causes: [problem],
    lang,
    title,
    text,
    key: alertKey(incident, kind),
  };
}

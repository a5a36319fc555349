/**
 * The story a round tells, from what the watch sees: each event as a line of the timeline, in the
 * user's language, its time counted from the kill; a switch as a short block (detection, DOWN by
 * quorum, the decision, each actuator's confirmation, the first response of the new endpoint, and
 * the record's timings) followed by the client's counts. Outside a round nothing is told.
 */
import { type Lang, t } from '../i18n/index.ts';
import { cleanText } from '../monitor/clean-text.ts';
import { FAILURE_REASONS, type State } from '../monitor/types.ts';
import type { LoadCounts } from './load.ts';
import { duration, type Narrator, type Tone } from './narrator.ts';
import type { SwitchRecord } from './operator-api.ts';
import type { DemoEvent } from './watch.ts';

const STATE_TONE: Readonly<Record<State, Tone>> = {
  UP: 'green',
  DEGRADED: 'yellow',
  DOWN: 'red',
  UNKNOWN: 'gray',
};
const SWITCH_REASONS = ['down', 'passive', 'failback', 'drain', 'pin', 'config'] as const;
const safe = (text: unknown) => cleanText(String(text ?? ''));

export interface StoryParts {
  readonly narrator: Narrator;
  /** The endpoints in order of preference (the order counts are shown in). */
  readonly endpoints: readonly string[];
  /** The failover name the DNS answers (`api.shop.example`). */
  readonly dnsName: string;
  /** The client's counts now. */
  readonly counts: () => LoadCounts;
}

export function stateText(lang: Lang, paint: Narrator['paint'], state: string): string {
  return state in STATE_TONE
    ? paint(STATE_TONE[state as State], t(lang, `state.${state as State}`))
    : safe(state);
}

export function reasonText(lang: Lang, reason: string): string {
  return (FAILURE_REASONS as readonly string[]).includes(reason)
    ? t(lang, `reason.${reason as (typeof FAILURE_REASONS)[number]}`)
    : safe(reason);
}

/** `aws 300, gcp 112`, in the order of preference. */
export function byBackend(endpoints: readonly string[], c: LoadCounts): string {
  const names = [...endpoints, ...Object.keys(c.byBackend).filter((n) => !endpoints.includes(n))];
  return names.map((n) => `${safe(n)} ${c.byBackend[n] ?? 0}`).join(', ');
}

/** The counts since `before`. */
export function since(before: LoadCounts, now: LoadCounts): LoadCounts {
  const byBackend: Record<string, number> = {};
  for (const [k, v] of Object.entries(now.byBackend)) byBackend[k] = v - (before.byBackend[k] ?? 0);
  return { requests: now.requests - before.requests, byBackend, errors: now.errors - before.errors };
}

export class Story {
  private t0: number | undefined;
  /** The client's counts when the round started, and at the kill. */
  private atRound: LoadCounts | undefined;
  private atKill: LoadCounts | undefined;

  constructor(private readonly p: StoryParts) {}

  private get lang(): Lang {
    return this.p.narrator.lang;
  }

  /** A round starts: its counts are from now. */
  round(): void {
    this.atRound = this.p.counts();
  }

  /** The kill: times are told from `t0`, the counts after a switch from now. */
  begin(t0: number): void {
    this.t0 = t0;
    this.atKill = this.p.counts();
  }

  /** The round's counts, then nothing more is told until the next begin(). */
  finish(round: number): void {
    if (this.atRound !== undefined) {
      const c = since(this.atRound, this.p.counts());
      const text = t(this.lang, 'demo.roundLoad', {
        round,
        requests: c.requests,
        byBackend: byBackend(this.p.endpoints, c),
        errors: c.errors,
      });
      this.p.narrator.line(this.p.narrator.paint(c.errors === 0 ? 'green' : 'red', text));
    }
    this.t0 = undefined;
  }

  /** A line of the timeline at `at` (epoch ms). */
  at(at: number, text: string, sub = false): void {
    if (this.t0 === undefined) return;
    this.p.narrator.at(at - this.t0, text, sub);
  }

  event(e: DemoEvent): void {
    if (this.t0 === undefined) return;
    if (e.type === 'switch') this.switched(e.record);
    else {
      const [at, text] = this.lineOf(e);
      this.at(at, text);
    }
  }

  /** When an event other than a switch happened, and its line. */
  private lineOf(e: Exclude<DemoEvent, { type: 'switch' }>): [number, string] {
    const { lang } = this;
    const paint = this.p.narrator.paint;
    switch (e.type) {
      case 'probe-failed':
        return [
          e.at,
          t(lang, 'demo.probeFailed', {
            check: safe(e.check),
            vantage: safe(e.vantage),
            reason: reasonText(lang, e.reason),
          }),
        ];
      case 'check':
        return [
          e.at,
          t(lang, 'demo.check', { check: safe(e.check), state: stateText(lang, paint, e.state) }),
        ];
      case 'incident-opened':
        return [
          e.incident.openedAt,
          t(lang, 'demo.incidentOpened', {
            service: safe(e.incident.service),
            state: stateText(lang, paint, e.incident.worst),
            id: safe(e.incident.id),
          }),
        ];
      case 'incident-resolved': {
        const closedAt = e.incident.closedAt ?? Date.now();
        return [
          closedAt,
          t(lang, 'demo.incidentResolved', {
            service: safe(e.incident.service),
            duration: duration(lang, closedAt - e.incident.openedAt),
          }),
        ];
      }
      case 'dns':
        return [
          e.at,
          t(lang, 'demo.dns', {
            name: this.p.dnsName,
            address: e.addresses.length > 0 ? e.addresses.map(safe).join(', ') : '—',
            ttl: Number.isFinite(e.ttl) ? e.ttl : 0,
          }),
        ];
    }
  }

  private switched(r: SwitchRecord): void {
    const { lang } = this;
    const paint = this.p.narrator.paint;
    const reason = (SWITCH_REASONS as readonly string[]).includes(r.reason)
      ? t(lang, `failover.reason.${r.reason as (typeof SWITCH_REASONS)[number]}`)
      : safe(r.reason);
    const from = safe(r.from);
    const to = safe(r.to);
    this.at(r.decidedAt, paint('bold', t(lang, 'demo.switch', { from, to, reason })));
    const steps: [number, string][] = [];
    if (r.firstFailureAt !== undefined)
      steps.push([
        r.firstFailureAt,
        t(lang, r.reason === 'passive' ? 'demo.switch.detectedPassive' : 'demo.switch.detectedProbe', {
          from,
        }),
      ]);
    // A DOWN from before the kill is an earlier outage's (the daemon keeps the check's last DOWN).
    if (r.downAt !== undefined && r.downAt >= (this.t0 ?? 0))
      steps.push([r.downAt, t(lang, 'demo.switch.down', { from })]);
    // Without a detection (a failback, a manual command) the heading is the decision.
    if (r.timings.detectionMs !== null)
      steps.push([
        r.decidedAt,
        t(lang, 'demo.switch.decided', { ms: duration(lang, r.timings.detectionMs) }),
      ]);
    for (const [actuator, at] of Object.entries(r.confirmed))
      steps.push([at, t(lang, 'demo.switch.confirmed', { actuator: safe(actuator) })]);
    if (r.firstServedAt !== undefined) steps.push([r.firstServedAt, t(lang, 'demo.switch.served', { to })]);
    steps.sort((a, b) => a[0] - b[0]);
    for (const [at, text] of steps) this.at(at, text, true);
    for (const actuator of ['proxy', 'dns'])
      if (r.confirmed[actuator] === undefined)
        this.p.narrator.note(paint('yellow', t(lang, 'demo.switch.unconfirmed', { actuator })));
    if (r.timings.switchMs !== null) {
      const switched = duration(lang, r.timings.switchMs);
      this.p.narrator.note(
        r.timings.detectionMs === null
          ? t(lang, 'failover.timings.switched', { switched })
          : t(lang, 'failover.timings', { detected: duration(lang, r.timings.detectionMs), switched }),
      );
    }
    this.loadLine();
  }

  /** The client's counts since the kill, in green when there was no client error. */
  private loadLine(): void {
    if (this.atKill === undefined) return;
    const c = since(this.atKill, this.p.counts());
    const paint = this.p.narrator.paint;
    const text = t(this.lang, 'demo.load', {
      requests: c.requests,
      byBackend: byBackend(this.p.endpoints, c),
      errors: c.errors,
    });
    this.p.narrator.note(paint(c.errors === 0 ? 'green' : 'red', text));
  }
}

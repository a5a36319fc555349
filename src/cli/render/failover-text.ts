/**
 * `bascule failover status` for people: a table of the groups (active endpoint, since, state, last
 * switch with its timings), and for one group its endpoints, its last switches and its audit trail.
 * Every text from the daemon is cleaned first (the daemon at --url may not be ours).
 */
import { type Lang, t } from '../../i18n/index.ts';
import { cleanText } from '../../monitor/clean-text.ts';
import type { FailoverAudit, FailoverHold, FailoverSwitch } from '../../server/deps.ts';
import { type Paint, table } from '../style.ts';

type Timings = { readonly detectionMs: number | null; readonly switchMs: number | null };
export type SwitchJson = FailoverSwitch & { readonly timings: Timings };

/** A group as GET /api/v1/failover answers it. */
export interface GroupJson {
  readonly group: string;
  readonly service: string;
  readonly active: string;
  readonly activeSince: number;
  readonly pin: FailoverHold | null;
  readonly drained: readonly FailoverHold[];
  readonly allDown: boolean;
  readonly endpoints: readonly {
    readonly name: string;
    readonly address: string;
    readonly health: string;
    readonly quorumHealthy: boolean;
    readonly active: boolean;
  }[];
  readonly last: SwitchJson | null;
}

export interface GroupDetailJson extends GroupJson {
  readonly switches: readonly SwitchJson[];
  readonly audit: readonly FailoverAudit[];
}

const safe = (text: unknown): string => cleanText(String(text ?? ''));
const at = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : '?');

/** `2.1 s` / `2,1 s`. */
function seconds(lang: Lang, ms: number): string {
  const n = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${n.format(ms / 1000)} s`;
}

const REASONS = ['down', 'passive', 'failback', 'drain', 'pin', 'config'] as const;
type Reason = (typeof REASONS)[number];
const reasonText = (lang: Lang, r: string) =>
  (REASONS as readonly string[]).includes(r) ? t(lang, `failover.reason.${r as Reason}`) : safe(r);

/** "detected in 2.1 s, switched in 2.3 s" (only what was measured). */
export function timingsText(lang: Lang, tm: Timings): string {
  if (tm.switchMs === null) return '';
  const switched = seconds(lang, tm.switchMs);
  return tm.detectionMs === null
    ? t(lang, 'failover.timings.switched', { switched })
    : t(lang, 'failover.timings', { detected: seconds(lang, tm.detectionMs), switched });
}

function switchText(lang: Lang, s: SwitchJson): string {
  const head = t(lang, 'failover.switch', {
    from: safe(s.from),
    to: safe(s.to),
    reason: reasonText(lang, s.reason),
    at: at(s.decidedAt),
  });
  const tm = timingsText(lang, s.timings);
  return tm ? `${head} — ${tm}` : head;
}

function stateText(lang: Lang, g: GroupJson): string {
  const parts: string[] = [];
  if (g.pin) parts.push(t(lang, 'failover.state.pinned', { endpoint: safe(g.pin.endpoint) }));
  if (g.drained.length > 0)
    parts.push(
      t(lang, 'failover.state.drained', { endpoints: g.drained.map((d) => safe(d.endpoint)).join(', ') }),
    );
  if (g.allDown) parts.push(t(lang, 'failover.state.allDown'));
  return parts.length > 0 ? parts.join('; ') : t(lang, 'failover.state.auto');
}

export function renderGroups(groups: readonly GroupJson[], lang: Lang, paint: Paint): string {
  if (groups.length === 0) return t(lang, 'failover.none');
  return table(
    [
      t(lang, 'failover.col.GROUP'),
      t(lang, 'failover.col.SERVICE'),
      t(lang, 'failover.col.ACTIVE'),
      t(lang, 'failover.col.SINCE'),
      t(lang, 'failover.col.STATE'),
      t(lang, 'failover.col.LAST'),
    ],
    groups.map((g) => [
      safe(g.group),
      safe(g.service),
      safe(g.active),
      at(g.activeSince),
      g.allDown ? paint('red', stateText(lang, g)) : stateText(lang, g),
      g.last ? switchText(lang, g.last) : t(lang, 'failover.noSwitch'),
    ]),
    paint,
  );
}

function auditText(lang: Lang, a: FailoverAudit): string {
  const action = ['pin', 'drain', 'release'].includes(a.action)
    ? t(lang, `failover.action.${a.action as 'pin' | 'drain' | 'release'}`)
    : safe(a.action);
  const text = t(lang, 'failover.audit.line', {
    at: at(a.at),
    who: safe(a.who),
    action,
    endpoint: safe(a.endpoint ?? ''),
    why: safe(a.why),
    from: safe(a.from),
    to: safe(a.to),
  });
  const line = a.endpoint ? text : text.replace(`${action} ,`, `${action},`);
  const notes: string[] = [];
  if (a.forced) notes.push(t(lang, 'failover.audit.forced'));
  if (a.outcome !== 'ok') notes.push(t(lang, 'failover.audit.refused', { outcome: safe(a.outcome) }));
  return notes.length > 0 ? `${line} [${notes.join(', ')}]` : line;
}

export function renderGroup(g: GroupDetailJson, lang: Lang, paint: Paint): string {
  const head = `${paint('bold', `${safe(g.group)} (${safe(g.service)})`)} — ${t(lang, 'failover.active', {
    active: safe(g.active),
    since: at(g.activeSince),
  })} — ${stateText(lang, g)}`;
  const endpoints = table(
    [
      t(lang, 'failover.col.ENDPOINT'),
      t(lang, 'failover.col.ADDRESS'),
      t(lang, 'failover.col.HEALTH'),
      t(lang, 'failover.col.QUORUM'),
    ],
    g.endpoints.map((e) => {
      const health = ['up', 'down', 'unknown'].includes(e.health)
        ? t(lang, `failover.health.${e.health as 'up' | 'down' | 'unknown'}`)
        : safe(e.health);
      return [
        e.active ? `${safe(e.name)} ${t(lang, 'failover.activeMark')}` : safe(e.name),
        safe(e.address),
        e.health === 'down' ? paint('red', health) : e.health === 'up' ? paint('green', health) : health,
        t(lang, e.quorumHealthy ? 'failover.quorum.healthy' : 'failover.quorum.stale'),
      ];
    }),
    paint,
  );
  const switches =
    g.switches.length === 0
      ? `  ${t(lang, 'failover.noSwitch')}`
      : g.switches.map((s) => `  ${switchText(lang, s)}`).join('\n');
  const audit =
    g.audit.length === 0
      ? `  ${t(lang, 'failover.audit.none')}`
      : g.audit.map((a) => `  ${auditText(lang, a)}`).join('\n');
  return [
    head,
    `${paint('bold', t(lang, 'failover.section.endpoints'))}\n${endpoints}`,
    `${paint('bold', t(lang, 'failover.section.switches'))}\n${switches}`,
    `${paint('bold', t(lang, 'failover.section.audit'))}\n${audit}`,
  ].join('\n\n');
}

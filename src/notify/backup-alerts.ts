/**
 * Alerts about backups, through the existing channels and outbox: a run that failed, a verification
 * that failed (a check error or a restore that differs from the manifest), a dataset going to RPO
 * breach (and back to ok), a run missed (the dead man's switch). Each goes to the channels that
 * want the services depending on the dataset's component (the most critical of them names the
 * alert), in the channel's language; its incident id (`backup:<dataset>:<what>@<time>`) holds a
 * colon, which no id of the map may hold. The reasons are the records' codes and secret-free
 * details: no repository address, password or key reaches an alert.
 */
import { type Lang, t } from '../i18n/index.ts';
import type { Config, Criticality } from '../model/schema.ts';
import type { Alert } from './alert.ts';
import type { Delivery } from './alert-router.ts';
import { wants } from './alert-router.ts';
import { alertKey, formatTime } from './render.ts';

/** What the backups stage has to say (the `backups` topic): alerts, and jobs starting and ending (live only). */
export type BackupNotice =
  | {
      readonly kind: 'started';
      readonly dataset: string;
      readonly job: 'run' | 'verify';
      readonly trigger: 'schedule' | 'manual';
      readonly at: number;
    }
  | {
      readonly kind: 'finished';
      readonly dataset: string;
      readonly job: 'run' | 'verify';
      readonly ok: boolean;
      readonly at: number;
    }
  | {
      readonly kind: 'run-failed';
      readonly dataset: string;
      readonly target: string;
      /** The record's reason: `code` or `code: detail` (secret-free). */
      readonly reason: string;
      readonly at: number;
    }
  | {
      readonly kind: 'verify-failed';
      readonly dataset: string;
      readonly target: string;
      readonly reason: string;
      readonly at: number;
    }
  | {
      readonly kind: 'breach';
      readonly dataset: string;
      readonly rpoSeconds: number;
      /** The targets in breach, with their snapshot's age (null: none). */
      readonly targets: readonly { readonly id: string; readonly ageSeconds: number | null }[];
      readonly at: number;
    }
  | { readonly kind: 'recovered'; readonly dataset: string; readonly at: number }
  | {
      readonly kind: 'missed';
      readonly dataset: string;
      /** When the last good run finished (null: never). */
      readonly lastGoodAt: number | null;
      /** By when a good run had to be recorded. */
      readonly deadline: number;
      readonly at: number;
    };

/** The notices that are alerts (the others only go to the live feed). */
export type BackupAlertNotice = Exclude<BackupNotice, { kind: 'started' | 'finished' }>;

export const isBackupAlert = (n: BackupNotice): n is BackupAlertNotice =>
  n.kind !== 'started' && n.kind !== 'finished';

const RANK: Readonly<Record<Criticality, number>> = { low: 0, medium: 1, high: 2, critical: 3 };

/** The services above a component, through any path (what its data serves). */
function servicesAbove(config: Config, component: string): string[] {
  const up = new Map<string, string[]>();
  for (const section of [config.services, config.components] as const)
    for (const [id, spec] of Object.entries(section))
      for (const d of spec.dependsOn) {
        const members = typeof d === 'string' ? [d] : 'anyOf' in d ? d.anyOf : d.quorum.of;
        for (const m of members) up.set(m, [...(up.get(m) ?? []), id]);
      }
  const seen = new Set([component]);
  const queue = [component];
  const out: string[] = [];
  for (let i = 0; i < queue.length; i++)
    for (const d of up.get(queue[i]!) ?? []) {
      if (seen.has(d)) continue;
      seen.add(d);
      queue.push(d);
      if (Object.hasOwn(config.services, d)) out.push(d);
    }
  return out;
}

function ageText(lang: Lang, seconds: number | null): string {
  if (seconds === null) return t(lang, 'alert.backup.noSnapshot');
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (h >= 48) return t(lang, 'alert.unit.d', { n: Math.floor(h / 24) });
  if (h > 0) return `${t(lang, 'alert.unit.h', { n: h })}${m ? ` ${t(lang, 'alert.unit.m', { n: m })}` : ''}`;
  return t(lang, 'alert.unit.m', { n: m });
}

function alertOf(n: BackupAlertNotice, service: string, criticality: Criticality, lang: Lang): Alert {
  const iso = new Date(n.at).toISOString();
  const since = formatTime(n.at);
  const base = { service, criticality, since: n.at, at: n.at, lang };
  const incident = `backup:${n.dataset}:${n.kind}@${iso}`;
  switch (n.kind) {
    case 'run-failed':
      return {
        ...base,
        kind: 'opened',
        incident,
        state: 'DOWN',
        causes: [n.reason],
        title: t(lang, 'alert.backup.run-failed.title', { dataset: n.dataset, target: n.target }),
        text: t(lang, 'alert.backup.run-failed.text', { since, reason: n.reason }),
        key: alertKey(incident, 'opened'),
      };
    case 'verify-failed':
      return {
        ...base,
        kind: 'opened',
        incident,
        state: 'DOWN',
        causes: [n.reason],
        title: t(lang, 'alert.backup.verify-failed.title', { dataset: n.dataset, target: n.target }),
        text: t(lang, 'alert.backup.verify-failed.text', { since, reason: n.reason }),
        key: alertKey(incident, 'opened'),
      };
    case 'breach': {
      const ages = n.targets.map((x) => `${x.id}: ${ageText(lang, x.ageSeconds)}`);
      return {
        ...base,
        kind: 'opened',
        incident,
        state: 'DOWN',
        causes: ages,
        title: t(lang, 'alert.backup.breach.title', { dataset: n.dataset }),
        text: t(lang, 'alert.backup.breach.text', {
          since,
          rpo: ageText(lang, n.rpoSeconds),
          targets: ages.join(', '),
        }),
        key: alertKey(incident, 'opened'),
      };
    }
    case 'recovered':
      return {
        ...base,
        kind: 'resolved',
        incident,
        state: 'UP',
        causes: [],
        title: t(lang, 'alert.backup.recovered.title', { dataset: n.dataset }),
        text: t(lang, 'alert.backup.recovered.text', { since }),
        key: alertKey(incident, 'resolved'),
      };
    case 'missed':
      return {
        ...base,
        kind: 'opened',
        incident,
        state: 'DOWN',
        causes: [],
        title: t(lang, 'alert.backup.missed.title', { dataset: n.dataset }),
        text:
          n.lastGoodAt === null
            ? t(lang, 'alert.backup.missed.never', { deadline: formatTime(n.deadline) })
            : t(lang, 'alert.backup.missed.text', {
                last: formatTime(n.lastGoodAt),
                deadline: formatTime(n.deadline),
              }),
        key: alertKey(incident, 'opened'),
      };
  }
}

/** The deliveries of `notices` to the channels that want them. */
export function backupDeliveries(config: Config, lang: Lang, notices: readonly BackupNotice[]): Delivery[] {
  const out: Delivery[] = [];
  for (const n of notices) {
    if (!isBackupAlert(n)) continue;
    const dataset = config.backups?.datasets[n.dataset];
    if (!dataset) continue;
    const services = servicesAbove(config, dataset.component);
    // Named after the most critical service its data serves; a dataset no service uses is critical
    // (nothing in the map says it may be lost).
    const sorted = services
      .map((s) => ({ s, c: config.services[s]!.criticality }))
      .sort((a, b) => RANK[b.c] - RANK[a.c]);
    for (const [channel, spec] of Object.entries(config.notify)) {
      const wanted =
        sorted.length === 0
          ? wants(spec, n.dataset, 'critical')
            ? { s: n.dataset, c: 'critical' as Criticality }
            : undefined
          : sorted.find((x) => wants(spec, x.s, x.c));
      if (!wanted) continue;
      out.push({ channel, alert: alertOf(n, wanted.s, wanted.c, spec.lang ?? lang) });
    }
  }
  return out;
}

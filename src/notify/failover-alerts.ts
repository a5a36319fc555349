/**
 * Alerts about failover groups, through the existing channels and outbox: a switch, all endpoints
 * down (and the recovery after it), an actuator that failed to apply. Each goes to the channels that
 * want the protected service's criticality, in the channel's language; its incident id
 * (`failover:<group>:<what>@<time>`) holds a colon, which no id of the map may hold.
 */
import { type Lang, t } from '../i18n/index.ts';
import type { Config, Criticality } from '../model/schema.ts';
import type { Alert } from './alert.ts';
import type { Delivery } from './alert-router.ts';
import { wants } from './alert-router.ts';
import { alertKey, formatTime } from './render.ts';

export type FailoverNotice =
  | {
      readonly kind: 'switched';
      readonly group: string;
      readonly service: string;
      readonly from: string;
      readonly to: string;
      readonly reason: string;
      readonly at: number;
    }
  | {
      readonly kind: 'all-down';
      readonly group: string;
      readonly service: string;
      readonly active: string;
      readonly at: number;
    }
  | {
      readonly kind: 'recovered';
      readonly group: string;
      readonly service: string;
      readonly endpoint: string;
      readonly at: number;
    }
  | {
      readonly kind: 'actuator-failed';
      readonly group: string;
      readonly service: string;
      readonly actuator: string;
      readonly reason: string;
      readonly endpoint: string;
      readonly at: number;
    };

function alertOf(n: FailoverNotice, criticality: Criticality, lang: Lang): Alert {
  const iso = new Date(n.at).toISOString();
  const since = formatTime(n.at);
  const base = { service: n.service, criticality, since: n.at, at: n.at, lang };
  switch (n.kind) {
    case 'switched': {
      const incident = `failover:${n.group}:switch@${iso}`;
      const reason = t(lang, `alert.failover.reason.${n.reason}` as 'alert.failover.reason.down');
      return {
        ...base,
        kind: 'opened',
        incident,
        state: 'DEGRADED',
        causes: [reason],
        title: t(lang, 'alert.failover.switched.title', { group: n.group, from: n.from, to: n.to }),
        text: t(lang, 'alert.failover.switched.text', { since, reason }),
        key: alertKey(incident, 'opened'),
      };
    }
    case 'all-down': {
      const incident = `failover:${n.group}:all-down@${iso}`;
      return {
        ...base,
        kind: 'opened',
        incident,
        state: 'DOWN',
        causes: [],
        title: t(lang, 'alert.failover.all-down.title', { group: n.group }),
        text: t(lang, 'alert.failover.all-down.text', { since, active: n.active }),
        key: alertKey(incident, 'opened'),
      };
    }
    case 'recovered': {
      const incident = `failover:${n.group}:recovered@${iso}`;
      return {
        ...base,
        kind: 'resolved',
        incident,
        state: 'UP',
        causes: [],
        title: t(lang, 'alert.failover.recovered.title', { group: n.group, endpoint: n.endpoint }),
        text: t(lang, 'alert.failover.recovered.text', { since }),
        key: alertKey(incident, 'resolved'),
      };
    }
    case 'actuator-failed': {
      const incident = `failover:${n.group}:${n.actuator}@${iso}`;
      return {
        ...base,
        kind: 'opened',
        incident,
        state: 'DEGRADED',
        causes: [n.reason],
        title: t(lang, 'alert.failover.actuator.title', { group: n.group, actuator: n.actuator }),
        text: t(lang, 'alert.failover.actuator.text', { since, reason: n.reason, endpoint: n.endpoint }),
        key: alertKey(incident, 'opened'),
      };
    }
  }
}

/** The deliveries of `notices` to the channels that want them. */
export function failoverDeliveries(
  config: Config,
  lang: Lang,
  notices: readonly FailoverNotice[],
): Delivery[] {
  const out: Delivery[] = [];
  for (const n of notices) {
    const criticality = config.services[n.service]?.criticality ?? 'critical';
    for (const [channel, spec] of Object.entries(config.notify)) {
      if (!wants(spec, n.service, criticality)) continue;
      out.push({ channel, alert: alertOf(n, criticality, spec.lang ?? lang) });
    }
  }
  return out;
}

/**
 * What an alert channel is given: one event about one service's incident, already decided and
 * rendered by the router (routing, de-duplication, rate limits and repeats happen before a channel
 * sees anything). Channels only deliver.
 */
import type { Lang } from '../i18n/index.ts';
import type { Criticality, NotifyChannelSpec } from '../model/schema.ts';
import type { State } from '../monitor/types.ts';

export type AlertKind = 'opened' | 'worsened' | 'repeat' | 'resolved' | 'test';

export interface Alert {
  readonly kind: AlertKind;
  readonly service: string;
  readonly criticality: Criticality;
  readonly incident: string;
  readonly state: State;
  /** When the incident opened, and when this event happened (epoch ms). */
  readonly since: number;
  readonly at: number;
  /** Why, per check: `api-aws: DOWN — timeout (2s) from 2/3 vantage points`. */
  readonly causes: readonly string[];
  readonly lang: Lang;
  /** Rendered for people in `lang`: a one-line title and a short text. */
  readonly title: string;
  readonly text: string;
  /** A stable key for receivers to de-duplicate: `<incident>:<kind>[:<n>]` (the incident id starts with the service). */
  readonly key: string;
}

/** Secrets already read from env or files (never logged). */
export interface ResolvedSecrets {
  readonly secret?: string;
  readonly token?: string;
  readonly password?: string;
}

export interface Channel {
  readonly type: 'webhook' | 'slack' | 'discord' | 'teams' | 'ntfy' | 'email';
  /** Delivers one alert; rejects with a clear Error (no secret in its message) when delivery fails. */
  send(alert: Alert, spec: NotifyChannelSpec, secrets: ResolvedSecrets, signal?: AbortSignal): Promise<void>;
}

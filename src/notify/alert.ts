/**
 * What an alert channel is given: one event about one service's incident, already decided and
 * rendered by the router (routing, de-duplication, rate limits and repeats happen before a channel
 * sees anything). Channels only deliver: each is a plugin of notify/registry.ts.
 */
import type { Lang } from '../i18n/index.ts';
import type { ChannelKindOf, ChannelSecretName, ChannelType } from '../model/channels/registry.ts';
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

/** Secrets already read from env or files (never logged): only those the channel's type declares. */
export type ResolvedSecrets = Readonly<Partial<Record<ChannelSecretName, string>>>;

/** The I/O half of a channel type. */
export interface Channel<P extends ChannelType = ChannelType> {
  readonly type: P;
  /** Delivers one alert; rejects with a clear Error (no secret in its message) when delivery fails. */
  send(alert: Alert, spec: NotifyChannelSpec, secrets: ResolvedSecrets, signal?: AbortSignal): Promise<void>;
}

/** One channel type whole: `{ type, key, options, secrets, address, validate?, send }`. */
export type ChannelPlugin<P extends ChannelType = ChannelType> = ChannelKindOf<P> & Channel<P>;

/** Joins a type's descriptor (model/channels/<type>.ts) and its sender into its plugin. */
export function channelPlugin<P extends ChannelType>(
  kind: ChannelKindOf<P>,
  send: Channel<P>['send'],
): ChannelPlugin<P> {
  return Object.freeze({ ...kind, send }) as ChannelPlugin<P>;
}

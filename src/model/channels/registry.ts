/**
 * The alert channel types, in one table. The `notify` schema, the option-applies rules, the messages
 * that list the types and the secrets the notifier reads are derived from CHANNEL_KINDS: a new
 * channel type is a descriptor file and a line here (and its sender in src/notify/registry.ts,
 * which the compiler asks for).
 */
import { mergeShapes } from '../schema-primitives.ts';
import type { Flat, OwnKeys, UnionToIntersection } from '../shape-types.ts';
import { discordKind } from './discord.ts';
import { emailKind } from './email.ts';
import type { ChannelKind } from './kind.ts';
import { ntfyKind } from './ntfy.ts';
import { slackKind } from './slack.ts';
import { teamsKind } from './teams.ts';
import { webhookKind } from './webhook.ts';

export const CHANNEL_KINDS = [webhookKind, slackKind, discordKind, teamsKind, ntfyKind, emailKind] as const;

type Kinds = (typeof CHANNEL_KINDS)[number];
export type ChannelType = Kinds['type'];
/** The pure descriptor of one channel type. */
export type ChannelKindOf<P extends ChannelType> = Extract<Kinds, { readonly type: P }>;
/** The names of the secrets channels read: `secret`, `token`, `password`. */
export type ChannelSecretName = { [P in ChannelType]: keyof ChannelKindOf<P>['secrets'] }[ChannelType];

/** The channel types in table order: `webhook, slack, discord, teams, ntfy, email` in messages. */
export const CHANNEL_TYPES: readonly ChannelType[] = CHANNEL_KINDS.map((k) => k.type);

/** Every channel's key (`webhook`, `slack`, …) and options (`secret`, `token`), for the notify schema. */
export type ChannelShape = Flat<UnionToIntersection<OwnKeys<Kinds> | Kinds['options']>>;

export const channelShape = {
  ...Object.fromEntries(CHANNEL_KINDS.map((k) => [k.type, k.key.optional()])),
  ...mergeShapes(
    'channel options',
    CHANNEL_KINDS.map((k) => [k.type, k.options]),
  ),
} as ChannelShape;

/** Which channel types each channel-specific option applies to: `token` → ntfy. */
export const CHANNEL_OPTIONS: ReadonlyMap<string, readonly ChannelType[]> = (() => {
  const applies = new Map<string, ChannelType[]>();
  for (const k of CHANNEL_KINDS) {
    for (const o of Object.keys(k.options)) applies.set(o, [...(applies.get(o) ?? []), k.type]);
  }
  return applies;
})();

/** The channel types whose key a `notify` entry sets (exactly one in a valid map). */
export function channelTypesOf(spec: object): ChannelType[] {
  return CHANNEL_TYPES.filter((t) => (spec as Record<string, unknown>)[t] !== undefined);
}

/** The descriptor of a `notify` entry's channel: the first whose key is set. */
export function channelKindOf(spec: object): ChannelKind | undefined {
  const type = channelTypesOf(spec)[0];
  return CHANNEL_KINDS.find((k) => k.type === type) as ChannelKind | undefined;
}

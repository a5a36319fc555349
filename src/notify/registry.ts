/**
 * The channel plugins, one per type of model/channels/registry.ts (the compiler asks for a sender for
 * each), and what is derived from them: which channel delivers a `notify` entry, where it delivers.
 */
import type { ChannelKind } from '../model/channels/kind.ts';
import type { ChannelType } from '../model/channels/registry.ts';
import type { NotifyChannelSpec } from '../model/schema.ts';
import type { ChannelPlugin } from './alert.ts';
import { discord } from './channels/discord.ts';
import { email } from './channels/email.ts';
import { ntfy } from './channels/ntfy.ts';
import { slack } from './channels/slack.ts';
import { teams } from './channels/teams.ts';
import { webhook } from './channels/webhook.ts';

export const CHANNELS: { readonly [P in ChannelType]: ChannelPlugin<P> } = Object.freeze({
  webhook,
  slack,
  discord,
  teams,
  ntfy,
  email,
});

const PLUGINS: readonly ChannelPlugin[] = Object.values(CHANNELS);

/** The channel whose key (webhook, slack, …, email) a `notify` entry sets. */
export function channelFor(spec: NotifyChannelSpec): ChannelPlugin {
  const found = PLUGINS.find((c) => spec[c.type] !== undefined);
  // The configuration check rejects a channel without exactly one of them; this is a programming error.
  if (!found) throw new Error(`alert channel without any of ${Object.keys(CHANNELS).join(', ')}`);
  return found;
}

/** The type of a channel spec: `slack` for `{slack: URL}`. */
export function channelType(spec: NotifyChannelSpec): ChannelType {
  return channelFor(spec).type;
}

/** The URL or address a channel delivers to (kept secret: for scrubbing, never for logs). */
export function channelTarget(spec: NotifyChannelSpec): string | undefined {
  const channel: ChannelKind = channelFor(spec);
  // channelFor picked it because its key is set, so the spec is that channel's input.
  return channel.address(spec as Parameters<ChannelKind['address']>[0]);
}

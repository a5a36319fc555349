/** Which channel delivers a channel spec: the one whose key (webhook, slack, …, email) is set. */
import type { NotifyChannelSpec } from '../model/schema.ts';
import type { Channel } from './alert.ts';
import { discord } from './channels/discord.ts';
import { email } from './channels/email.ts';
import { ntfy } from './channels/ntfy.ts';
import { slack } from './channels/slack.ts';
import { teams } from './channels/teams.ts';
import { webhook } from './channels/webhook.ts';

export const CHANNELS: readonly Channel[] = [webhook, slack, discord, teams, ntfy, email];

export function channelFor(spec: NotifyChannelSpec): Channel {
  const found = CHANNELS.find((c) => spec[c.type] !== undefined);
  // The configuration check rejects a channel without exactly one of them; this is a programming error.
  if (!found) throw new Error('alert channel without webhook, slack, discord, teams, ntfy or email');
  return found;
}

/** The type of a channel spec: `slack` for `{slack: URL}`. */
export function channelType(spec: NotifyChannelSpec): Channel['type'] {
  return channelFor(spec).type;
}

/** The URL or address a channel delivers to (kept secret: for scrubbing, never for logs). */
export function channelTarget(spec: NotifyChannelSpec): string | undefined {
  return spec.webhook ?? spec.slack ?? spec.discord ?? spec.teams ?? spec.ntfy;
}

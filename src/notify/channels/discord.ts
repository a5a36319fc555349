/** Discord webhook: `{content, embeds: [{title, description, color}]}`, coloured by state; no pings. */

import { discordKind } from '../../model/channels/discord.ts';
import { type Alert, type ChannelPlugin, channelPlugin } from '../alert.ts';
import { post } from './post.ts';

export const DISCORD_COLORS = {
  DOWN: 0xd73a49,
  DEGRADED: 0xe3a008,
  UP: 0x2ea043,
  UNKNOWN: 0x8b949e,
  test: 0x3b82f6,
};

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function discordBody(alert: Alert): string {
  return JSON.stringify({
    content: clip(alert.title, 2000),
    embeds: [
      {
        title: clip(alert.title, 256),
        description: clip(alert.text, 4096),
        color: alert.kind === 'test' ? DISCORD_COLORS.test : DISCORD_COLORS[alert.state],
        timestamp: new Date(alert.at).toISOString(),
        footer: { text: clip(`Bascule · ${alert.key}`, 2048) },
      },
    ],
    // Service names and causes come from outside: never let them mention @everyone or roles.
    allowed_mentions: { parse: [] },
  });
}

export const discord: ChannelPlugin<'discord'> = channelPlugin(
  discordKind,
  async function send(alert, spec, _secrets, signal) {
    await post({
      type: 'discord',
      url: spec.discord ?? '',
      body: discordBody(alert),
      headers: { 'content-type': 'application/json', 'user-agent': 'bascule' },
      ...(signal ? { signal } : {}),
    });
  },
);

/** The discord alert channel, pure half. Discord webhook: the URL is the secret, no other option. Sender: src/notify/channels/discord.ts. */
import { text } from '../schema-primitives.ts';
import { defineChannel, urlDiagnostics } from './kind.ts';

export const discordKind = defineChannel({
  type: 'discord',
  key: text.meta({ description: 'A Discord webhook URL.' }),
  options: {},
  secrets: {},
  address: (spec) => spec.discord,
  validate: (spec, path) => urlDiagnostics(spec.discord, [...path, 'discord']),
});

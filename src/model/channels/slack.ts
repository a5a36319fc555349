/** The slack alert channel, pure half. Slack (also Mattermost, Rocket.Chat) incoming webhook: the URL is the secret, no other option. Sender: src/notify/channels/slack.ts. */
import { text } from '../schema-primitives.ts';
import { defineChannel, urlDiagnostics } from './kind.ts';

export const slackKind = defineChannel({
  type: 'slack',
  key: text.meta({ description: 'A Slack (or Mattermost, Rocket.Chat) incoming webhook URL.' }),
  options: {},
  secrets: {},
  address: (spec) => spec.slack,
  validate: (spec, path) => urlDiagnostics(spec.slack, [...path, 'slack']),
});

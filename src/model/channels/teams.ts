/** The teams alert channel, pure half. Microsoft Teams Workflows webhook: the URL is the secret, no other option. Sender: src/notify/channels/teams.ts. */
import { text } from '../schema-primitives.ts';
import { defineChannel, urlDiagnostics } from './kind.ts';

export const teamsKind = defineChannel({
  type: 'teams',
  key: text.meta({ description: 'A Microsoft Teams incoming webhook (workflow) URL.' }),
  options: {},
  secrets: {},
  address: (spec) => spec.teams,
  validate: (spec, path) => urlDiagnostics(spec.teams, [...path, 'teams']),
});

/** The ntfy alert channel, pure half. ntfy topic: the URL, and an access `token` when the topic is protected. Sender: src/notify/channels/ntfy.ts. */
import { secret, text } from '../schema-primitives.ts';
import { defineChannel, urlDiagnostics } from './kind.ts';

export const ntfyKind = defineChannel({
  type: 'ntfy',
  key: text.meta({ description: 'An ntfy topic URL: https://ntfy.sh/my-topic.' }),
  options: { token: secret.optional().meta({ description: 'ntfy: an access token.' }) },
  secrets: { token: ['token'] },
  address: (spec) => spec.ntfy,
  validate: (spec, path) => urlDiagnostics(spec.ntfy, [...path, 'ntfy']),
});

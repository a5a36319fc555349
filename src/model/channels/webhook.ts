/** The webhook alert channel, pure half. Generic webhook: a JSON POST of the alert, HMAC-signed with `secret` when set. Sender: src/notify/channels/webhook.ts. */
import { secret, text } from '../schema-primitives.ts';
import { defineChannel, urlDiagnostics } from './kind.ts';

export const webhookKind = defineChannel({
  type: 'webhook',
  key: text.meta({ description: 'A URL that receives a JSON POST, signed with `secret`.' }),
  options: {
    secret: secret
      .optional()
      .meta({ description: 'webhook: the HMAC-SHA256 key of the X-Bascule-Signature header.' }),
  },
  secrets: { secret: ['secret'] },
  address: (spec) => spec.webhook,
  validate: (spec, path) => urlDiagnostics(spec.webhook, [...path, 'webhook']),
});

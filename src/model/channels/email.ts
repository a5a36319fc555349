/** The email alert channel, pure half: SMTP settings under `email:`, its `password` a secret. Sender: src/notify/channels/email.ts. */
import { z } from 'zod';
import { secret, text } from '../schema-primitives.ts';
import { defineChannel } from './kind.ts';

export const emailSettings = z.strictObject({
  host: text,
  port: z.number().int().min(1).max(65535).default(587),
  secure: z
    .boolean()
    .optional()
    .meta({ description: 'TLS from the start (port 465); otherwise STARTTLS when offered.' }),
  user: text.optional(),
  password: secret.optional(),
  from: text,
  to: z.array(text).min(1),
});

export const emailKind = defineChannel({
  type: 'email',
  key: emailSettings,
  options: {},
  secrets: { password: ['email', 'password'] },
  // Not a URL: nothing of it is a secret but the password, already hidden.
  address: () => undefined,
});

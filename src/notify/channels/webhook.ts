/**
 * Generic webhook: a JSON POST of the alert's fields plus `version: 1` and `source: "bascule"`.
 *
 * Headers: `Idempotency-Key: <alert.key>` (receivers de-duplicate on it), `X-Bascule-Timestamp:
 * <unix seconds>` and, when the channel has a `secret`, `X-Bascule-Signature: sha256=<hex>` where
 * hex is HMAC-SHA256(secret, `${timestamp}.${rawBody}`). Receivers recompute it over the raw body
 * exactly as received, compare in constant time, and reject timestamps more than a few minutes old
 * (replays). The signing is platform/signature.ts, shared with the failover webhook.
 */
import { webhookKind } from '../../model/channels/webhook.ts';
import { signatureHeaders } from '../../platform/signature.ts';
import { type Alert, type ChannelPlugin, channelPlugin } from '../alert.ts';
import { post } from './post.ts';

export function webhookBody(alert: Alert): string {
  return JSON.stringify({ version: 1, source: 'bascule', ...alert });
}

export const webhook: ChannelPlugin<'webhook'> = channelPlugin(
  webhookKind,
  async function send(alert, spec, secrets, signal) {
    const body = webhookBody(alert);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'bascule',
      'idempotency-key': alert.key,
      ...signatureHeaders(body, Date.now(), secrets.secret),
    };
    await post({ type: 'webhook', url: spec.webhook ?? '', body, headers, ...(signal ? { signal } : {}) });
  },
);

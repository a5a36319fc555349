/**
 * The map as the API shows it (GET /api/v1/map): the validated configuration, with every secret a
 * reference as written ({env: NAME}, {file: PATH}; the loader never reads their values), and what
 * the file holds in plain text that is a secret in practice shown without it: the URL of an alert
 * channel (a Slack, Discord or Teams webhook URL is its own secret) as its origin, the store URL's
 * password, a password in any URL, and the values of a check's HTTP headers (an Authorization).
 */
import type { Config } from '../model/schema.ts';
import { channelFor, channelTarget } from '../notify/registry.ts';
import { publicOrigin } from '../platform/shown-url.ts';
import { redactUrl } from '../store/open.ts';

/** What a hidden value is shown as. */
export const HIDDEN = '[redacted]';

/** A URL's password replaced by `***`, in any string that is an absolute URL with one. */
function withoutPasswords(value: unknown): unknown {
  if (typeof value === 'string')
    return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(value) ? redactUrl(value) : value;
  if (Array.isArray(value)) return value.map(withoutPasswords);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutPasswords(v)]));
  return value;
}

export function mapJson(config: Config): Record<string, unknown> {
  const out = withoutPasswords(structuredClone(config)) as Record<
    string,
    Record<string, Record<string, unknown>>
  >;
  for (const [id, spec] of Object.entries(config.notify)) {
    const target = channelTarget(spec);
    const entry = out.notify?.[id];
    if (target !== undefined && entry) entry[channelFor(spec).type] = `${publicOrigin(target)}/${HIDDEN}`;
  }
  for (const check of Object.values(out.checks ?? {})) {
    const headers = check.headers as Record<string, string> | undefined;
    if (headers) check.headers = Object.fromEntries(Object.keys(headers).map((k) => [k, HIDDEN]));
  }
  return out;
}

/**
 * What of a webhook URL and of a failed request may be shown in errors, logs and results. Webhook
 * URLs often carry their secret in the userinfo, path or query (Slack, Discord, Teams), so only
 * scheme://host[:port] is shown, and a fetch failure by its code, never by its message (which may
 * hold the URL).
 */

/** `https://hooks.slack.com`: what may be shown of a URL; `an invalid URL` when it is not one. */
export function publicOrigin(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'an invalid URL';
  }
}

/** `ECONNREFUSED`, `ENOTFOUND`…: the code of a fetch failure, never its message. */
export function networkCause(err: unknown): string {
  const cause = err instanceof Error ? (err as Error & { cause?: unknown }).cause : undefined;
  if (cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string')
    return cause.code;
  return 'request failed';
}

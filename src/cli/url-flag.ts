/**
 * The daemon's URL given on the command line (`status --url`, `agent --server`). Credentials in it
 * (`http://user:pass@host`) are refused: Bascule authenticates with a bearer token, which takes the
 * Authorization header a user name and password would need, and fetch refuses such a URL anyway. A
 * refused URL is echoed without them.
 */
import { fail } from '../errors.ts';

/** The URL with any user name and password replaced by `…` (also when it does not parse). */
export function redactUrl(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1…@');
}

/** Refuses a URL that carries credentials (BASCULE_E_USAGE_URL_CREDENTIALS), naming the flag. */
export function refuseCredentials(flag: string, url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return; // not a URL: the caller's own check says so
  }
  if (parsed.username !== '' || parsed.password !== '' || redactUrl(url) !== url) {
    throw fail('BASCULE_E_USAGE_URL_CREDENTIALS', { flag, url: redactUrl(url) });
  }
}

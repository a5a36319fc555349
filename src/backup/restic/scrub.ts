/**
 * What of restic's words may be shown: its error lines with every secret of the repository (the
 * password, the values of its environment, a URL's userinfo) replaced, so a message, a log or a
 * record never carries them.
 */
import type { ResticRepo } from './types.ts';

const REDACTED = '[redacted]';

/** Variables whose values are secrets (a user name or a region is not: replacing it would garble what restic says). */
const SECRET_NAME = /PASS|SECRET|KEY|TOKEN|CREDENTIAL|SAS|AUTH/i;

/** The secrets a repository carries: its password and the secret values of its environment (the short ones too). */
export function secretsOf(...repos: readonly ResticRepo[]): string[] {
  const out = new Set<string>();
  for (const r of repos) {
    if (r.password !== '') out.add(r.password);
    for (const [k, v] of Object.entries(r.env)) if (v !== '' && SECRET_NAME.test(k)) out.add(v);
    const info = /^[a-z0-9]+:[a-z]+:\/\/([^@/]+)@/i.exec(r.repository)?.[1];
    if (info) out.add(info);
  }
  // Longest first, so a secret that contains another is replaced whole.
  return [...out].sort((a, b) => b.length - a.length);
}

/** The text with every secret replaced, and any `user:password@` of a URL. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join(REDACTED);
  return out.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^@\s/]+@/gi, `$1${REDACTED}@`);
}

/** The repository as it may be shown: without the userinfo of its URL. */
export function shownRepository(repo: ResticRepo): string {
  return scrub(repo.repository, secretsOf(repo));
}

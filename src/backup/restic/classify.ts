/**
 * What a failed restic process means, as a code of the registry. restic 0.17 and later say it by
 * exit code (10: no repository, 11: locked, 12: wrong password); restic 0.14 (Debian 12) exits 1
 * for all of them, so its error line decides. The detail is restic's own line, scrubbed.
 */
import type { ResticResult } from './run-restic.ts';
import type { ResticFailure } from './types.ts';

const DETAIL_LIMIT = 500;

/** restic's line that says why: its `Fatal:` line, else its last line. */
export function reasonLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const fatal = lines.find((l) => l.startsWith('Fatal:'));
  const line = (fatal ?? lines.at(-1) ?? '').replace(/^Fatal:\s*/, '');
  return line.length > DETAIL_LIMIT ? `${line.slice(0, DETAIL_LIMIT)}…` : line;
}

const DENIED =
  /401 Unauthorized|403 Forbidden|AccessDenied|InvalidAccessKeyId|SignatureDoesNotMatch|Permission denied \(publickey|Access Denied/i;
const UNREACHABLE =
  /connection refused|no route to host|network is unreachable|i\/o timeout|no such host|dial tcp|unable to start the sftp session|ssh: |connection (reset|closed)|handshake|x509|certificate|tls:|deadline exceeded|unexpected EOF while|ssh_exchange_identification/i;

/** The failure of a restic process that did not exit 0 (exit 3 is the caller's: it means files were skipped). */
export function failureOf(r: ResticResult): ResticFailure {
  const detail = reasonLine(r.stderr);
  if (r.spawnError !== undefined) return { code: 'BASCULE_E_RESTIC_NOT_INSTALLED', detail: r.spawnError };
  if (r.timedOut) return { code: 'BASCULE_E_RESTIC_TIMEOUT', detail: detail || 'deadline passed' };
  if (r.aborted) return { code: 'BASCULE_E_RESTIC_KILLED', detail: 'stopped by Bascule' };
  if (r.signal !== null) return { code: 'BASCULE_E_RESTIC_KILLED', detail: `signal ${r.signal}` };
  const text = r.stderr;
  if (r.exit === 12 || /wrong password or no key found/i.test(text))
    return { code: 'BASCULE_E_RESTIC_WRONG_PASSWORD', detail };
  if (r.exit === 11 || /repository is already locked|unable to create lock/i.test(text))
    return { code: 'BASCULE_E_RESTIC_LOCKED', detail: lockDetail(text) || detail };
  if (DENIED.test(text)) return { code: 'BASCULE_E_RESTIC_ACCESS_DENIED', detail };
  const missing = r.exit === 10 || /Is there a repository at the following location\?/i.test(text);
  if (UNREACHABLE.test(text) && !/no such file or directory/i.test(detail))
    return { code: 'BASCULE_E_RESTIC_UNREACHABLE', detail };
  if (missing) return { code: 'BASCULE_E_RESTIC_REPO_MISSING', detail };
  return { code: 'BASCULE_E_RESTIC_FAILED', detail: detail || `exit ${r.exit}` };
}

/** `repository is already locked by PID 4242 on nas by root`: who holds the lock. */
function lockDetail(text: string): string {
  const m = /locked (exclusively )?by PID (\d+) on (\S+)/i.exec(text);
  return m ? `PID ${m[2]} on ${m[3]}` : '';
}

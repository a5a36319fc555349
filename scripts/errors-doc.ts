// Writes docs/errors.md from the error registry (a test checks the page is up to date).
import { ERRORS, type ErrorCode } from '../src/errors.ts';
import { template } from '../src/i18n/index.ts';

/** What each exit code means, and why 3 is apart from 2: a script retries on 3, a person fixes on 2. */
export const EXIT_CODES: readonly (readonly [number, string])[] = [
  [0, 'ok.'],
  [
    1,
    'the command worked and its answer is "no": findings at or above `--fail-on`, a service DOWN for `bascule status`, a test alert the receiver refused.',
  ],
  [2, 'bad input or usage: fix the command line, the map or a file it names, and run again.'],
  [
    3,
    'unavailable: the input is fine, but something Bascule needs outside it is not there or does not answer (the daemon, the store, a free address, a writable data directory); the same command may work later, unchanged.',
  ],
  [70, 'an internal error (a bug in Bascule; please report it).'],
];

export function errorsDoc(): string {
  const rows = Object.entries(ERRORS).map(
    ([code, e]) =>
      `| \`${code}\` | ${e.exit} | ${'http' in e ? e.http : ''} | ${e.doc} | ${template('en', code as ErrorCode).replace(/\|/g, '\\|')} |`,
  );
  return [
    '# Error codes',
    '',
    'Every error Bascule reports has a stable code (tests and scripts rely on codes, not wording),',
    'an exit code and a message in English and French. Errors in files are located at `FILE:LINE:COL: path:`.',
    'For scripts, `BASCULE_ERRORS=json` in the environment prints each error on stderr as one JSON object',
    'a line: `{"code", "params", "exit", "message"}`, with `file`, `line`, `col` and `path` when it is located.',
    'Parameters named `reason` carry a code (`EADDRINUSE`, `ECONNREFUSED`, a SQLSTATE such as `28P01`), never a sentence.',
    '',
    'Exit codes:',
    '',
    ...EXIT_CODES.map(([code, meaning]) => `- **${code}** ${meaning}`),
    '',
    'The HTTP column gives the status the API answers with, for the errors it can return (as',
    '`{"error": {"code", "message"}}`, the message in French when the request asks for it).',
    '',
    '| code | exit | HTTP | when | message (en) |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  process.stdout.write(errorsDoc());
}

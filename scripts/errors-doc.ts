// Writes docs/errors.md from the error registry (a test checks the page is up to date).
import { ERRORS } from '../src/errors.ts';
import { en } from '../src/i18n/en.ts';

export function errorsDoc(): string {
  const rows = Object.entries(ERRORS).map(
    ([code, e]) =>
      `| \`${code}\` | ${e.exit} | ${e.doc} | ${en[code as keyof typeof en].replace(/\|/g, '\\|')} |`,
  );
  return [
    '# Error codes',
    '',
    'Every error Bascule reports has a stable code (tests and scripts rely on codes, not wording),',
    'an exit code and a message in English and French. Errors in files are located at `FILE:LINE:COL: path:`.',
    'Exit codes: 0 ok, 1 findings at or above `--fail-on`, 2 bad input or usage, 70 an internal error (a bug).',
    '',
    '| code | exit | when | message (en) |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  process.stdout.write(errorsDoc());
}

/** The `bascule` command line: parses flags, dispatches to a command, prints errors, returns the exit code. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BasculeError, ERRORS, fail } from '../errors.ts';
import { detectLang, formatDiagnostic, type Lang, mapLangOf, render, t } from '../i18n/index.ts';
import { suggest } from '../model/suggest.ts';
import type { Command } from './command.ts';
import { agent } from './commands/agent.ts';
import { analyze } from './commands/analyze.ts';
import { backup } from './commands/backup.ts';
import { demo } from './commands/demo.ts';
import { failover } from './commands/failover.ts';
import { incident } from './commands/incident.ts';
import { init } from './commands/init.ts';
import { maintenance } from './commands/maintenance.ts';
import { notify } from './commands/notify.ts';
import { plan } from './commands/plan.ts';
import { run } from './commands/run.ts';
import { scenarios } from './commands/scenarios.ts';
import { schema } from './commands/schema.ts';
import { simulate } from './commands/simulate.ts';
import { status } from './commands/status.ts';
import { statusPage } from './commands/status-page.ts';
import { validate } from './commands/validate.ts';
import { type Io, processIo } from './io.ts';

/** Every command. Adding one is adding a file and a line here. */
export const COMMANDS: readonly Command[] = [
  demo,
  init,
  validate,
  analyze,
  simulate,
  scenarios,
  schema,
  run,
  status,
  statusPage,
  backup,
  plan,
  failover,
  incident,
  maintenance,
  agent,
  notify,
];

export const VERSION = '0.1.0';

function help(lang: Lang, command?: Command): string {
  if (command) {
    const flags = Object.entries(command.options)
      .map(
        ([name, o]) =>
          `  ${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ' VALUE' : ''}`,
      )
      .join('\n');
    return `${t(lang, command.summary)}\n\n${t(lang, 'cli.help.usage')} ${command.usage}\n\n${flags}\n      --lang fr|en\n  -h, --help\n`;
  }
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${t(lang, c.summary)}`);
  return `${t(lang, 'cli.help.intro')}\n\n${t(lang, 'cli.help.usage')} bascule <command> [options]\n\n${lines.join('\n')}\n\n${t(lang, 'cli.help.more')}\n`;
}

/** Turns node:util's parse errors into a usage error with its own code; anything else is a bug. */
function parseError(e: unknown, command: Command): BasculeError {
  const err = e as NodeJS.ErrnoException;
  const message = err.message ?? '';
  const flag = /'(-{1,2}[^'\s]+)/.exec(message)?.[1] ?? '';
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const known = [...Object.keys(command.options), 'lang', 'help'].map((k) => `--${k}`);
    const hint = suggest(flag, known);
    return fail('BASCULE_E_USAGE_UNKNOWN_FLAG', {
      flag,
      command: command.name,
      ...(hint ? { suggestion: hint } : {}),
    });
  }
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // The same node code for `--format` with no value and `--yes=1` on an on/off option.
    const long = /--([a-z][\w-]*)/.exec(message)?.[1] ?? flag.replace(/^-+/, '');
    const isBoolean = long === 'help' || command.options[long]?.type === 'boolean';
    return fail(isBoolean ? 'BASCULE_E_USAGE_UNEXPECTED_VALUE' : 'BASCULE_E_USAGE_MISSING_VALUE', {
      flag: `--${long}`,
    });
  }
  if (err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const arg = /'([^']*)'/.exec(message)?.[1] ?? '';
    return fail('BASCULE_E_USAGE_UNEXPECTED_ARGUMENT', { arg, command: command.name });
  }
  if (err.code?.startsWith('ERR_PARSE_ARGS_'))
    return fail('BASCULE_E_USAGE_ARGUMENTS', { reason: err.code, command: command.name });
  throw e;
}

function langFlag(argv: readonly string[]): string | undefined {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (i < 0) return undefined;
  return argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
}

/** The `lang:` of the map the command names (-c, else bascule.yaml), if it has one and can be read. */
function mapLang(argv: readonly string[], cwd: string): Lang | undefined {
  const i = argv.findIndex((a) => a === '-c' || a === '--config' || a.startsWith('--config='));
  const file = i < 0 ? 'bascule.yaml' : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  if (!file) return undefined;
  try {
    return mapLangOf(readFileSync(resolve(cwd, file), 'utf8').slice(0, 64 * 1024));
  } catch {
    return undefined; // no map (yet): the command says so in its own words
  }
}

/** Each diagnostic on stderr: a located line, or with BASCULE_ERRORS=json one JSON object a line, for scripts. */
function reportErrors(e: BasculeError, lang: Lang, io: Io): void {
  if (io.env.BASCULE_ERRORS === 'json') {
    for (const d of e.diagnostics) {
      const message = render(lang, d.code, d.params);
      io.stderr(`${JSON.stringify({ ...d, exit: ERRORS[d.code].exit, message })}\n`);
    }
    return;
  }
  for (const d of e.diagnostics) io.stderr(`${formatDiagnostic(lang, d)}\n`);
  if (e.diagnostics.length > 1) io.stderr(`${t(lang, 'cli.errorCount', { count: e.diagnostics.length })}\n`);
}

export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const rawLang = langFlag(argv);
  const lang = detectLang(rawLang, io.env, rawLang === undefined ? mapLang(argv, io.cwd) : undefined);
  try {
    if (rawLang !== undefined && rawLang !== 'fr' && rawLang !== 'en') {
      throw fail('BASCULE_E_USAGE_FLAG_VALUE', { flag: '--lang', value: rawLang, allowed: 'en, fr' });
    }
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.stdout(help(lang));
      return name === undefined ? 2 : 0;
    }
    if (name === '--version' || name === '-V') {
      io.stdout(`bascule ${VERSION}\n`);
      return 0;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) {
      const hint = suggest(
        name,
        COMMANDS.map((c) => c.name),
      );
      throw fail('BASCULE_E_USAGE_UNKNOWN_COMMAND', { command: name, ...(hint ? { suggestion: hint } : {}) });
    }
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: [...rest],
        options: { ...command.options, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
        allowPositionals: (command.positionals ?? 0) > 0,
        strict: true,
      });
    } catch (e) {
      throw parseError(e, command);
    }
    if (parsed.values.help === true) {
      io.stdout(help(lang, command));
      return 0;
    }
    return await command.run({ io, lang, values: parsed.values, positionals: parsed.positionals });
  } catch (e) {
    if (!(e instanceof BasculeError)) throw e;
    reportErrors(e, lang, io);
    return Math.max(...e.diagnostics.map((d) => ERRORS[d.code].exit));
  }
}

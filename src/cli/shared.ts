/** Helpers the commands share: loading the map, checking flag values, writing output. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BasculeError, type Diagnostic, fail } from '../errors.ts';
import { formatDiagnostic, render, t } from '../i18n/index.ts';
import type { Catalogue } from '../model/catalogue.ts';
import { normalisePredicate, type PredicatePlace } from '../model/catalogue-normalise.ts';
import { loadConfig } from '../model/load.ts';
import type { Config } from '../model/schema.ts';
import { suggest } from '../model/suggest.ts';
import { loadScenarios } from '../scenarios/library.ts';
import { loadCatalogue } from '../scenarios/providers.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import type { CommandContext } from './command.ts';
import { readText, writeText } from './io.ts';

/** A flag whose value must be one of a list. */
export function choice<T extends string>(ctx: CommandContext, flag: string, allowed: readonly T[]): T {
  const value = String(ctx.values[flag]);
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const hint = suggest(value, allowed);
  throw fail('BASCULE_E_USAGE_FLAG_VALUE', {
    flag: `--${flag}`,
    value,
    allowed: allowed.join(', '),
    ...(hint ? { suggestion: hint } : {}),
  });
}

export function configPath(ctx: CommandContext): string {
  return String(ctx.values.config);
}

/** Reads and validates the map named by -c; throws the located diagnostics. */
export function readConfig(ctx: CommandContext): Config {
  return readMap(ctx).config;
}

/**
 * The map and the provider catalogue it was read with (the built-in one, and a providers/ folder
 * next to the map); its notices and warnings go to stderr, located, without changing the exit code.
 */
export function readMap(ctx: CommandContext): { config: Config; catalogue: Catalogue } {
  const file = configPath(ctx);
  const path = resolve(ctx.io.cwd, file);
  if (!existsSync(path)) throw new BasculeError([{ code: 'BASCULE_E_CONFIG_MISSING', params: { file } }]);
  const beside = join(dirname(path), 'providers');
  const catalogue = loadCatalogue(existsSync(beside) ? [beside] : []);
  const result = loadConfig(readText(path, file), file, catalogue);
  if (!result.ok) throw new BasculeError(result.diagnostics);
  reportWarnings(ctx, result.warnings);
  return { config: result.config, catalogue };
}

/** Warnings shown to people at most; beyond, their count (BASCULE_ERRORS=json gives them all). */
export const MAX_WARNINGS_SHOWN = 20;

/** Notices and warnings on stderr: located lines (the first MAX_WARNINGS_SHOWN), or JSON lines with BASCULE_ERRORS=json. */
export function reportWarnings(ctx: CommandContext, warnings: readonly Diagnostic[]): void {
  const json = ctx.io.env.BASCULE_ERRORS === 'json';
  for (const d of json ? warnings : warnings.slice(0, MAX_WARNINGS_SHOWN)) {
    if (json)
      ctx.io.stderr(`${JSON.stringify({ ...d, exit: 0, message: render(ctx.lang, d.code, d.params) })}\n`);
    else ctx.io.stderr(`${formatDiagnostic(ctx.lang, d)}\n`);
  }
  if (!json && warnings.length > MAX_WARNINGS_SHOWN)
    ctx.io.stderr(`${t(ctx.lang, 'cli.moreWarnings', { count: warnings.length - MAX_WARNINGS_SHOWN })}\n`);
}

/** Built-in scenarios, then a scenarios/ folder next to the map, then each --scenarios DIR. */
export function readScenarios(ctx: CommandContext, withConfig: boolean, catalogue?: Catalogue): Scenario[] {
  const dirs: string[] = [];
  if (withConfig) {
    const beside = join(dirname(resolve(ctx.io.cwd, configPath(ctx))), 'scenarios');
    if (existsSync(beside)) dirs.push(beside);
  }
  for (const d of (ctx.values.scenarios as string[] | undefined) ?? []) dirs.push(resolve(ctx.io.cwd, d));
  const library = loadScenarios(dirs);
  if (!catalogue || dirs.length === 0) return library;
  // A user's scenario may name providers and regions as people write them: read through the catalogue.
  const warnings: Diagnostic[] = [];
  const read = library.map((s) => {
    let changed = false;
    const failList = s.fail.map((p, i) => {
      const r = readPredicate(p, catalogue, `${s.id}: fail[${i}]`);
      warnings.push(...r.warnings);
      if (r.predicate !== p) changed = true;
      return r.predicate;
    });
    return changed ? { ...s, fail: failList } : s;
  });
  reportWarnings(ctx, warnings);
  return read;
}

/** A failure predicate read through the catalogue, with its notices located at `where` (a flag, a scenario). */
export function readPredicate<T extends PredicatePlace>(
  predicate: T,
  catalogue: Catalogue,
  where: string,
): { predicate: T; warnings: Diagnostic[] } {
  const r = normalisePredicate(predicate, catalogue, where);
  return {
    predicate: r.predicate,
    warnings: r.warnings.map((w) => ({ code: w.code, path: where, params: w.params })),
  };
}

/** Writes to --out when given (and says so on stderr), else to stdout. */
export function emit(ctx: CommandContext, text: string): void {
  const out = ctx.values.out;
  if (typeof out === 'string') {
    writeText(resolve(ctx.io.cwd, out), text, true, out);
    ctx.io.stderr(`${t(ctx.lang, 'cli.wrote', { file: out })}\n`);
  } else ctx.io.stdout(text.endsWith('\n') ? text : `${text}\n`);
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

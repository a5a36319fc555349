/**
 * Loads outage scenarios: the built-in library (the scenarios/ folder of the package) and the user's
 * own folder. Each file is validated like bascule.yaml, with located errors.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BasculeError, type Diagnostic, errorCode, fail } from '../errors.ts';
import { loadDocument } from '../model/load.ts';
import { type Scenario, scenarioSchema } from './scenario.ts';

/** The built-in library, next to src/ and dist/ in the package. */
export const BUILTIN_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

export function loadScenarioDir(dir: string): Scenario[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  } catch (e) {
    const reason = errorCode(e);
    if (reason === 'ENOENT') throw fail('BASCULE_E_FILE_NOT_FOUND', { file: dir });
    throw fail('BASCULE_E_FILE_READ', { file: dir, reason });
  }
  const scenarios: Scenario[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const f of files.sort()) {
    const file = join(dir, f);
    const result = loadDocument(readFileSync(file, 'utf8'), file, scenarioSchema);
    if (result.ok) scenarios.push(result.value);
    else diagnostics.push(...result.diagnostics);
  }
  if (diagnostics.length > 0) throw new BasculeError(diagnostics);
  return scenarios;
}

/** The built-in scenarios, then the user's (a user scenario replaces a built-in one with the same id). */
export function loadScenarios(extraDirs: readonly string[] = []): Scenario[] {
  const byId = new Map<string, Scenario>();
  for (const dir of [BUILTIN_DIR, ...extraDirs]) for (const s of loadScenarioDir(dir)) byId.set(s.id, s);
  return [...byId.values()].sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
}

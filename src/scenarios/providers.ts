/**
 * Loads the provider catalogue: the built-in providers/ folder of the package, then the user's own
 * folders (a file with the same id replaces the built-in one). Each file is validated like
 * bascule.yaml, with located errors.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BasculeError, type Diagnostic, errorCode, fail } from '../errors.ts';
import { buildCatalogue, type Catalogue, type ProviderEntry, providerSchema } from '../model/catalogue.ts';
import { loadDocument } from '../model/load.ts';

/** The built-in catalogue, next to src/ and dist/ in the package. */
export const BUILTIN_PROVIDERS_DIR = fileURLToPath(new URL('../../providers/', import.meta.url));

/** At most this many files a folder: a catalogue is small, a folder of thousands is a mistake. */
const MAX_FILES = 1000;

function readDir(dir: string): { file: string; entry: ProviderEntry }[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  } catch (e) {
    const reason = errorCode(e);
    if (reason === 'ENOENT') throw fail('BASCULE_E_FILE_NOT_FOUND', { file: dir });
    throw fail('BASCULE_E_FILE_READ', { file: dir, reason });
  }
  const out: { file: string; entry: ProviderEntry }[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const f of files.sort().slice(0, MAX_FILES)) {
    const file = join(dir, f);
    const result = loadDocument(readFileSync(file, 'utf8'), file, providerSchema);
    if (result.ok) out.push({ file, entry: result.value });
    else diagnostics.push(...result.diagnostics);
  }
  if (diagnostics.length > 0) throw new BasculeError(diagnostics);
  return out;
}

/** The built-in providers, then each of `extraDirs` in order. */
export function loadCatalogue(extraDirs: readonly string[] = []): Catalogue {
  const files = [BUILTIN_PROVIDERS_DIR, ...extraDirs].flatMap(readDir);
  const built = buildCatalogue(files);
  if (!built.ok) throw new BasculeError(built.diagnostics);
  return built.catalogue;
}

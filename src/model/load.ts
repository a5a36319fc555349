/**
 * Parses and validates bascule.yaml text. Collects every problem, each located at FILE:LINE:COL,
 * before failing; a valid configuration comes back frozen. No file I/O here: callers pass the text.
 *
 * Two YAML parsers, on purpose: js-yaml 4 reads the document (about 7× faster on a 100k-component map;
 * its 4.x line, still maintained, parses a cold 5k map in half the time of 5.x)
 * and `yaml` re-reads it with source positions only when there is something to report.
 */
import { CORE_SCHEMA, load as fastLoad } from 'js-yaml';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { Diagnostic } from '../errors.ts';
import { backupWarnings } from './backups-check.ts';
import type { Catalogue } from './catalogue.ts';
import { normaliseConfig } from './catalogue-normalise.ts';
import { formatPath, locate } from './locate.ts';
import { checkReferences } from './references.ts';
import { salvageConfig } from './salvage.ts';
import { type Config, configSchema } from './schema.ts';
import { fromZodIssues, type RawDiagnostic } from './schema-issues.ts';
import { yamlDiagnostics } from './yaml-errors.ts';

export type LoadResult =
  | { readonly ok: true; readonly config: Config; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    // Without Object.values: a big map has tens of thousands of objects, each would get an array.
    if (Array.isArray(value)) for (const v of value) deepFreeze(v);
    else for (const key in value) if (Object.hasOwn(value, key)) deepFreeze(value[key]);
  }
  return value;
}

/** Parses YAML text with positions; syntax errors come back as located diagnostics. */
export function parseYaml(text: string, file: string, uniqueKeys = true) {
  const lines = new LineCounter();
  // uniqueKeys costs O(n²) on large mappings: asked for only when duplicates are suspected.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys, prettyErrors: false });
  const diagnostics = yamlDiagnostics(doc.errors, text, file, (offset) => lines.linePos(offset));
  return { doc, lines, diagnostics };
}

/** Validates any YAML document against a zod schema, locating the problems. */
export function locateAll(raw: readonly RawDiagnostic[], file: string, parsed: Parsed): Diagnostic[] {
  return raw.map((r) => {
    const pos = locate(parsed.doc, parsed.lines, r.path, r.atKey);
    return { code: r.code, file, line: pos.line, col: pos.col, path: formatPath(r.path), params: r.params };
  });
}

type Parsed = ReturnType<typeof parseYaml>;

/** The document's data, or located syntax diagnostics. */
function readData(
  text: string,
  file: string,
): { ok: true; data: unknown } | { ok: false; diagnostics: Diagnostic[] } {
  try {
    return { ok: true, data: fastLoad(text, { schema: CORE_SCHEMA, filename: file }) };
  } catch (e) {
    const parsed = parseYaml(text, file);
    if (parsed.diagnostics.length > 0) return { ok: false, diagnostics: parsed.diagnostics };
    if (parsed.doc.contents === null) return { ok: true, data: null };
    // What only js-yaml refuses (an alias no anchor defines): its reason is English, so it is worded here.
    const mark = (e as { mark?: { line: number; column: number } }).mark;
    const reason = (e as { reason?: string }).reason ?? '';
    const problem = /alias/.test(reason) ? 'alias' : 'other';
    const line = mark?.line ?? 0;
    let col = mark?.column ?? 0;
    // js-yaml 4 marks the end of an unknown alias: point at its `*`, as people read it.
    if (problem === 'alias') {
      const star = (text.split('\n', line + 1)[line] ?? '').lastIndexOf('*', col);
      if (star >= 0) col = star;
    }
    return {
      ok: false,
      diagnostics: [
        {
          code: 'BASCULE_E_YAML_SYNTAX',
          file,
          line: line + 1,
          col: col + 1,
          params: { problem },
        },
      ],
    };
  }
}

/**
 * Parses and validates any YAML document against a schema (used for scenario files too).
 * `locate` re-parses with positions, for callers that find more problems afterwards.
 */
export function loadDocument<T extends z.ZodType>(
  text: string,
  file: string,
  schema: T,
):
  | { ok: true; value: z.output<T>; locate: () => Parsed }
  | { ok: false; diagnostics: Diagnostic[]; data?: unknown; locate?: () => Parsed } {
  const read = readData(text, file);
  if (!read.ok) return read;
  const data = read.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return {
      ok: false,
      diagnostics: [{ code: 'BASCULE_E_CONFIG_EMPTY', file, line: 1, col: 1, params: {} }],
    };
  }
  const locate = () => parseYaml(text, file, false);
  const result = schema.safeParse(data, { reportInput: true });
  if (!result.success) {
    const raw = fromZodIssues(schema, data, result.error.issues);
    return { ok: false, diagnostics: sortDiagnostics(locateAll(raw, file, locate())), data, locate };
  }
  return { ok: true, value: result.data, locate };
}

/**
 * bascule.yaml: structure, then references, groups and cycles. When the structure has errors, the
 * references of the parts that are valid are checked too, so every error comes out in one run.
 * With a provider catalogue, names are then read through it (aliases, regions): `warnings`.
 */
export function loadConfig(text: string, file: string, catalogue?: Catalogue): LoadResult {
  const loaded = loadDocument(text, file, configSchema);
  if (!loaded.ok) {
    const salvaged = loaded.locate ? salvageConfig(loaded.data) : undefined;
    if (!salvaged || !loaded.locate) return { ok: false, diagnostics: loaded.diagnostics };
    const seen = new Set(loaded.diagnostics.map((d) => `${d.code} ${d.path}`));
    const raw = checkReferences(salvaged.config).map((r) => ({ ...r, path: salvaged.original(r.path) }));
    const more = locateAll(raw, file, loaded.locate()).filter((d) => !seen.has(`${d.code} ${d.path}`));
    return { ok: false, diagnostics: sortDiagnostics([...loaded.diagnostics, ...more]) };
  }
  const semantic = checkReferences(loaded.value);
  if (semantic.length > 0)
    return { ok: false, diagnostics: sortDiagnostics(locateAll(semantic, file, loaded.locate())) };
  const read = catalogue ? normaliseConfig(loaded.value, catalogue) : { config: loaded.value, warnings: [] };
  const raw = [...read.warnings, ...backupWarnings(read.config)];
  const warnings = raw.length > 0 ? sortDiagnostics(locateAll(raw, file, loaded.locate())) : [];
  return { ok: true, config: deepFreeze(read.config), warnings };
}

function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}

/** Turns zod's validation issues into Bascule diagnostics (codes, paths, did-you-mean hints). */
import type { z } from 'zod';
import type { ErrorCode, Params, ValueFormat } from '../errors.ts';
import type { PathSegment } from './locate.ts';
import { EXTERNAL_KEYS, GROUP_KEYS } from './schema-failover.ts';
import { isSecretAt, knownKeysAt } from './schema-keys.ts';
import { suggest } from './suggest.ts';

/** A diagnostic before it is located in the file. */
export interface RawDiagnostic {
  readonly code: ErrorCode;
  readonly path: readonly PathSegment[];
  /** Point at the key rather than the value (unknown keys, bad ids). */
  readonly atKey?: boolean;
  readonly params: Params;
}

type Issue = z.core.$ZodIssue;

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isInteger(value)) return 'integer';
  return typeof value === 'object' ? 'object' : typeof value;
}

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value));
}

/** The value at a path of the parsed (unvalidated) data. */
function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let v = data;
  for (const seg of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[seg as string];
  }
  return v;
}

/** Which branch of a dependency union the user meant: by the shape of what they wrote. */
function unionBranch(input: unknown): number | undefined {
  if (typeof input === 'string') return 0;
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    if ('anyOf' in input) return 1;
    if ('quorum' in input) return 2;
  }
  return undefined;
}

/** The path of a component's runsOn entry (or below it): `components.<id>.runsOn.<i>…`. */
function inRunsOn(path: readonly PathSegment[]): boolean {
  return path[0] === 'components' && path[2] === 'runsOn' && path.length >= 4;
}

/** Which branch of a runsOn union the user meant: a group by its key, else a place. */
function runsOnBranch(input: unknown): number | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  if ('anyOf' in input) return 1;
  if ('quorum' in input) return 2;
  return 0;
}

/** `failover.<id>`: run by something else (0) or by Bascule (1), by the keys written; both is its own error. */
function failoverBranch(input: unknown): { branch?: number; mixed?: [string, string] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return {};
  const run = EXTERNAL_KEYS.find((k) => k in input);
  const bascule = GROUP_KEYS.find((k) => k in input);
  if (run && bascule) return { mixed: [run, bascule] };
  return { branch: bascule ? 1 : 0 };
}

/**
 * Outside dependsOn and runsOn, the union branch the user most likely meant: one where the value has the right
 * type (no type error on the value itself), with the fewest problems.
 */
function closestBranch(branches: readonly (readonly Issue[])[]): number | undefined {
  let best: number | undefined;
  branches.forEach((issues, i) => {
    if (issues.some((x) => x.path.length === 0 && x.code === 'invalid_type')) return;
    if (best === undefined || issues.length < branches[best]!.length) best = i;
  });
  return best;
}

export function fromZodIssues(
  schema: z.ZodType,
  data: unknown,
  issues: readonly Issue[],
  base: readonly PathSegment[] = [],
): RawDiagnostic[] {
  const out: RawDiagnostic[] = [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path as PathSegment[])];
    const input = valueAt(data, path);
    const last = path[path.length - 1];
    // A secret written as a value (`password: hunter2`): said without the value, which is the secret.
    if (
      input !== undefined &&
      (typeof input !== 'object' || input === null || Array.isArray(input)) &&
      isSecretAt(schema, path)
    ) {
      out.push({ code: 'BASCULE_E_CONFIG_SECRET_VALUE', path, params: { key: String(last) } });
      continue;
    }
    switch (issue.code) {
      case 'unrecognized_keys': {
        const mixed = path.length === 2 && path[0] === 'failover' ? failoverBranch(input).mixed : undefined;
        if (mixed) {
          const params = { run: mixed[0], bascule: mixed[1] };
          out.push({ code: 'BASCULE_E_CONFIG_FAILOVER_SHAPE', path, atKey: true, params });
          break;
        }
        for (const key of issue.keys) {
          if (key === 'kind' && inRunsOn(path)) {
            out.push({ code: 'BASCULE_E_CONFIG_PLACE_KIND', path: [...path, key], atKey: true, params: {} });
            continue;
          }
          const suggestion = suggest(key, knownKeysAt(schema, path));
          out.push({
            code: 'BASCULE_E_CONFIG_UNKNOWN_KEY',
            path: [...path, key],
            atKey: true,
            params: suggestion ? { key, suggestion } : { key },
          });
        }
        break;
      }
      case 'invalid_type':
        if (input === undefined) {
          out.push({ code: 'BASCULE_E_CONFIG_REQUIRED', path, params: { key: String(last) } });
        } else if (path.length === 1 && last === 'version') {
          out.push({ code: 'BASCULE_E_CONFIG_VERSION', path, params: { value: show(input) } });
        } else {
          const expected = issue.expected === 'int' ? 'integer' : issue.expected;
          out.push({ code: 'BASCULE_E_CONFIG_TYPE', path, params: { expected, received: typeName(input) } });
        }
        break;
      case 'invalid_value': {
        if (path.length === 1 && last === 'version') {
          out.push({ code: 'BASCULE_E_CONFIG_VERSION', path, params: { value: show(input) } });
          break;
        }
        const values = issue.values.map(String);
        const suggestion = typeof input === 'string' ? suggest(input, values) : undefined;
        const params = { value: show(input), values: values.join(', ') };
        out.push({
          code: 'BASCULE_E_CONFIG_VALUE',
          path,
          params: suggestion ? { ...params, suggestion } : params,
        });
        break;
      }
      case 'invalid_format': {
        if (['hostPort', 'statusRange', 'date', 'phone', 'email'].includes(issue.message)) {
          out.push({
            code: 'BASCULE_E_CONFIG_FORMAT',
            path,
            params: { value: show(input), format: issue.message as ValueFormat },
          });
          break;
        }
        const code = issue.message === 'duration' ? 'BASCULE_E_CONFIG_DURATION' : 'BASCULE_E_CONFIG_ID';
        const value = code === 'BASCULE_E_CONFIG_ID' ? String(input) : show(input);
        out.push({ code, path, params: { value } });
        break;
      }
      case 'invalid_key': {
        const long = issue.issues.find((i) => i.code === 'too_big');
        if (long && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(String(last))) {
          const value = String(last);
          const params = { value: `${value.slice(0, 40)}…`, length: value.length, max: Number(long.maximum) };
          out.push({ code: 'BASCULE_E_CONFIG_ID_LENGTH', path, atKey: true, params });
        } else {
          out.push({ code: 'BASCULE_E_CONFIG_ID', path, atKey: true, params: { value: String(last) } });
        }
        break;
      }
      case 'too_small':
        if (issue.origin === 'array') {
          out.push({ code: 'BASCULE_E_CONFIG_TOO_FEW', path, params: { min: Number(issue.minimum) } });
        } else if (issue.origin === 'string') {
          out.push({ code: 'BASCULE_E_CONFIG_INVALID', path, params: { value: '""' } });
        } else {
          out.push({
            code: 'BASCULE_E_CONFIG_MIN',
            path,
            params: { value: show(input), min: Number(issue.minimum) },
          });
        }
        break;
      case 'too_big':
        out.push({
          code: 'BASCULE_E_CONFIG_MAX',
          path,
          params: { value: show(input), max: Number(issue.maximum) },
        });
        break;
      case 'invalid_union': {
        if (path.length === 2 && path[0] === 'failover') {
          const { branch, mixed } = failoverBranch(input);
          if (mixed) {
            const params = { run: mixed[0], bascule: mixed[1] };
            out.push({ code: 'BASCULE_E_CONFIG_FAILOVER_SHAPE', path, atKey: true, params });
            break;
          }
          const chosen = branch === undefined ? undefined : issue.errors[branch];
          if (chosen && chosen.length > 0) {
            out.push(...fromZodIssues(schema, data, chosen, path));
            break;
          }
        }
        const inDependsOn = path.includes('dependsOn');
        const runsOn = !inDependsOn && inRunsOn(path);
        const branch = inDependsOn
          ? unionBranch(input)
          : runsOn
            ? runsOnBranch(input)
            : closestBranch(issue.errors);
        const chosen = branch === undefined ? undefined : issue.errors[branch];
        if (chosen && chosen.length > 0) out.push(...fromZodIssues(schema, data, chosen, path));
        else if (runsOn) out.push({ code: 'BASCULE_E_CONFIG_RUNS_ON', path, params: {} });
        else if (inDependsOn) out.push({ code: 'BASCULE_E_CONFIG_DEPENDENCY', path, params: {} });
        else out.push({ code: 'BASCULE_E_CONFIG_INVALID', path, params: { value: show(input) } });
        break;
      }
      default:
        out.push({ code: 'BASCULE_E_CONFIG_INVALID', path, params: { value: show(input) } });
    }
  }
  return out;
}

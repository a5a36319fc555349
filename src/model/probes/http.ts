/**
 * The http probe type, pure half: `http: URL` with method, headers, body, redirects, verifyTls and
 * the status, body, JSON and certificate expectations. The runner is src/probes/http.ts.
 */
import { z } from 'zod';
import type { HeaderProblem } from '../../errors.ts';
import { parseDuration } from '../duration.ts';
import type { RawDiagnostic } from '../schema-issues.ts';
import { isHttpUrl, text } from '../schema-primitives.ts';
import { defineProbe } from './kind.ts';
import { certValidFor, verifyTls } from './options.ts';
import { compilePattern, targetPattern } from './pattern.ts';

/** An HTTP status rule: one status, or an inclusive range. */
export interface StatusRange {
  readonly min: number;
  readonly max: number;
}

export interface HttpTarget {
  readonly type: 'http';
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly redirects: number;
  readonly verifyTls: boolean;
  /** Default 200–399. */
  readonly status: readonly StatusRange[];
  readonly bodyContains?: string;
  readonly bodyRegex?: string;
  readonly json?: { readonly path: string; readonly equals: string | number | boolean | null };
  readonly certValidForMs: number;
}

const statusRange = z
  .string()
  .regex(/^[1-5]\d\d-[1-5]\d\d$/, { message: 'statusRange' })
  .meta({ description: 'A range of HTTP statuses: "200-299".' });
const status = z.number().int().min(100).max(599);

/** RFC 9110 field names (tokens) and values (no control characters but tab). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\uffff]*$/;
/**
 * Set by the probe itself: a fresh connection per probe, the body's own length. (`Host` may be set:
 * it probes one virtual host of a server reached by address.)
 */
const PROBE_HEADERS = new Set(['connection', 'content-length', 'transfer-encoding']);

function statusRanges(raw: number | string | readonly (number | string)[] | undefined): StatusRange[] {
  if (raw === undefined) return [{ min: 200, max: 399 }];
  return (Array.isArray(raw) ? raw : [raw]).map((s: number | string) => {
    if (typeof s === 'number') return { min: s, max: s };
    const [min, max] = s.split('-').map(Number) as [number, number];
    return { min, max };
  });
}

export const httpKind = defineProbe({
  type: 'http',
  key: text.meta({ description: 'An http:// or https:// URL to request.' }),
  options: {
    method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.string().optional().meta({ description: 'http: the request body.' }),
    redirects: z
      .number()
      .int()
      .min(0)
      .max(10)
      .optional()
      .meta({ description: 'http: how many redirects to follow (default 0: a redirect is the answer).' }),
    verifyTls,
  },
  expect: {
    status: z
      .union([status, statusRange, z.array(z.union([status, statusRange])).min(1)])
      .optional()
      .meta({ description: 'http: the expected status, a list, or a range "200-299" (default 200-399).' }),
    bodyContains: text.optional().meta({ description: 'http: the body must contain this text.' }),
    bodyRegex: text.optional().meta({
      description:
        'http: the body must match this regular expression, in RE2 syntax (no backreferences, no lookaround).',
    }),
    json: z
      .strictObject({ path: text, equals: z.union([z.string(), z.number(), z.boolean(), z.null()]) })
      .optional()
      .meta({
        description: 'http: a JSON body whose value at `path` (dots: `checks.db.status`) equals this.',
      }),
    certValidFor,
  },
  validate(spec, path) {
    const out: RawDiagnostic[] = [];
    if (!isHttpUrl(spec.http)) {
      out.push({ code: 'BASCULE_E_CONFIG_URL', path: [...path, 'http'], params: { value: spec.http } });
    }
    for (const [name, value] of Object.entries(spec.headers ?? {})) {
      const problem: HeaderProblem | undefined = !HEADER_NAME.test(name)
        ? 'name'
        : !HEADER_VALUE.test(value)
          ? 'value'
          : PROBE_HEADERS.has(name.toLowerCase())
            ? 'reserved'
            : undefined;
      if (problem) {
        out.push({
          code: 'BASCULE_E_CONFIG_HEADER',
          path: [...path, 'headers', name],
          atKey: problem !== 'value',
          params: { name, problem },
        });
      }
    }
    if (spec.expect?.bodyRegex !== undefined) {
      const pattern = compilePattern(spec.expect.bodyRegex);
      if ('problem' in pattern) {
        out.push({
          code: 'BASCULE_E_CONFIG_REGEX',
          path: [...path, 'expect', 'bodyRegex'],
          params: { problem: pattern.problem, fragment: pattern.fragment },
        });
      }
    }
    return out;
  },
  compile(spec, defaults): HttpTarget {
    const e = spec.expect;
    const target: HttpTarget = {
      type: 'http',
      url: spec.http,
      method: spec.method ?? 'GET',
      headers: spec.headers ?? {},
      ...(spec.body !== undefined ? { body: spec.body } : {}),
      redirects: spec.redirects ?? 0,
      verifyTls: spec.verifyTls ?? true,
      status: statusRanges(e?.status),
      ...(e?.bodyContains !== undefined ? { bodyContains: e.bodyContains } : {}),
      ...(e?.bodyRegex !== undefined ? { bodyRegex: e.bodyRegex } : {}),
      ...(e?.json !== undefined ? { json: e.json } : {}),
      certValidForMs: parseDuration(e?.certValidFor ?? '') ?? defaults.certValidForMs,
    };
    // Compiled once, here; the target stays plain data (agents get it as JSON and compile it once).
    if (target.bodyRegex !== undefined) targetPattern(target, target.bodyRegex);
    return target;
  },
});

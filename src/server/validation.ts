/**
 * A request that fails its schema answers 400 naming the first field at fault, with what is wrong
 * in the caller's language: `services.1: unknown field`, `end: doit être après start`. The zod
 * issue is read by its code and parameters, never by its (English) message.
 */
import type { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type Lang, type MessageKey, render } from '../i18n/index.ts';
import { ApiError, requestLang } from './http-error.ts';

type Issue = z.core.$ZodIssue;

/** What a refinement of ours says: `{params: {detail: 'http.detail.endAfterStart'}}`. */
export const detailKey = (key: MessageKey) => ({ params: { detail: key } });

const TYPES: Readonly<Record<string, MessageKey>> = {
  string: 'http.type.string',
  number: 'http.type.number',
  int: 'http.type.integer',
  boolean: 'http.type.boolean',
  object: 'http.type.object',
  array: 'http.type.array',
};

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const k of path) v = typeof v === 'object' && v !== null ? Reflect.get(v, k) : undefined;
  return v;
}

/** The first issue as `{field, detail}`, the detail in `lang`. */
export function issueDetail(lang: Lang, issue: Issue, data: unknown): { field: string; detail: string } {
  const path = issue.path.map(String);
  const field = (keys: readonly string[] = []) => [...path, ...keys].join('.') || 'body';
  switch (issue.code) {
    case 'invalid_type': {
      if (valueAt(data, issue.path) === undefined)
        return { field: field(), detail: render(lang, 'http.detail.required', {}) };
      const type = TYPES[issue.expected];
      const expected = type ? render(lang, type, {}) : issue.expected;
      return { field: field(), detail: render(lang, 'http.detail.type', { expected }) };
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = Number(small ? issue.minimum : issue.maximum);
      const unit = issue.origin === 'string' ? 'chars' : issue.origin === 'array' ? 'items' : 'number';
      if (small && limit === 1 && unit !== 'number')
        return { field: field(), detail: render(lang, 'http.detail.empty', {}) };
      const key = `http.detail.${small ? 'min' : 'max'}.${unit}` as MessageKey;
      return { field: field(), detail: render(lang, key, { limit }) };
    }
    case 'invalid_value':
      return {
        field: field(),
        detail: render(lang, 'http.detail.oneOf', { values: issue.values.map(String).join(', ') }),
      };
    case 'unrecognized_keys':
      return { field: field([issue.keys[0] ?? '']), detail: render(lang, 'http.detail.unknownField', {}) };
    case 'invalid_format':
      return {
        field: field(),
        detail: render(lang, issue.format === 'datetime' ? 'http.detail.datetime' : 'http.detail.format', {}),
      };
    case 'custom': {
      const key = (issue.params as { detail?: MessageKey } | undefined)?.detail;
      if (key) return { field: field(), detail: render(lang, key, {}) };
      break;
    }
  }
  return { field: field(), detail: render(lang, 'http.detail.invalid', {}) };
}

/** The defaultHook of every route group: the first issue, as BASCULE_E_HTTP_BAD_REQUEST. */
export function validationHook(
  result: { success: boolean; error?: z.ZodError; data?: unknown },
  c: Context,
): void {
  if (result.success || !result.error) return;
  const first = result.error.issues[0];
  if (!first) throw new ApiError('BASCULE_E_HTTP_BAD_REQUEST', { field: 'body', detail: 'invalid' });
  throw new ApiError('BASCULE_E_HTTP_BAD_REQUEST', issueDetail(requestLang(c), first, result.data));
}

/**
 * Text from outside (a probed target's status line or body, a DNS answer, an agent's post) made
 * safe to show: no control characters (C0, DEL, C1), no bidirectional overrides or isolates, no
 * line breaks (each run becomes one space), so it can neither drive a terminal (`ESC[2J`) nor
 * forge a line in an alert. Pure.
 */
import { MAX_DETAIL } from './limits.ts';

/** Line breaks and tabs: a run of them becomes one space. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
/** C0, DEL, C1, the Arabic letter mark, the directional marks, embeddings, overrides and isolates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]/;

/**
 * `text` without control characters and line breaks, cut to `max` UTF-16 units (the last one an
 * ellipsis, a surrogate pair never split) when it is longer.
 */
export function cleanText(text: string, max = Number.POSITIVE_INFINITY): string {
  const clean = UNSAFE.test(text) ? text.replace(BREAKS, ' ').replace(CONTROLS, '') : text;
  if (clean.length <= max) return clean;
  let cut = Math.max(0, max - 1);
  const last = clean.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return `${clean.slice(0, cut)}…`;
}

/** A result's detail as it is kept: clean, and at most MAX_DETAIL long. */
export function cleanDetail(detail: string): string {
  return cleanText(detail, MAX_DETAIL);
}

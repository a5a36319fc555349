/** Terminal text: ANSI colours when allowed, and aligned tables that measure what the eye sees. */

const CODES = {
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  gray: 90,
  bold: 1,
  dim: 2,
} as const;
export type Color = keyof typeof CODES;

export type Paint = (color: Color, text: string) => string;

export function painter(enabled: boolean): Paint {
  return enabled ? (color, text) => `\u001b[${CODES[color]}m${text}\u001b[0m` : (_, text) => text;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point.
const ANSI = /\u001b\[[0-9;]*m/g;

/** Visible width: without colour codes. */
export function width(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

/** Left-aligned columns separated by two spaces; the last column is not padded. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], paint: Paint): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - width(c))))
      .join('  ')
      .trimEnd();
  return [paint('bold', line(header)), ...rows.map(line)].join('\n');
}

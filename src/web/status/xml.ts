/**
 * Escaping for the page, the feed and the badges (HTML and XML alike): every value that comes from
 * the map or an operator goes through `xml`, which also drops the characters XML 1.0 forbids (a
 * control character written in the map would otherwise make the feed unreadable).
 */
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// C0 controls but tab and line breaks, lone surrogates, U+FFFE and U+FFFF.
const FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xml(value: unknown): string {
  return String(value)
    .replace(FORBIDDEN, '')
    .replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

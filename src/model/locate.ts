/** Maps a path in the parsed document (`components.web.dependsOn[1]`) back to a line and column. */
import { type Document, isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

export type PathSegment = string | number;

export interface Position {
  readonly line: number;
  readonly col: number;
}

/** `['components', 'web', 'dependsOn', 1]` → `components.web.dependsOn[1]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/**
 * The position of the node at `path`, or of its deepest existing ancestor when the path does not exist
 * (a missing key is reported where its mapping is). With `atKey`, points at the key rather than the value.
 */
export function locate(
  doc: Document,
  lines: LineCounter,
  path: readonly PathSegment[],
  atKey = false,
): Position {
  let node: unknown = doc.contents;
  let found: Node | undefined = isNodeWithRange(node) ? node : undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      if (last && atKey && isNodeWithRange(pair.key)) {
        found = pair.key;
        break;
      }
      node = pair.value;
      if (isNodeWithRange(node)) found = node;
      else if (isNodeWithRange(pair.key)) found = pair.key;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      if (!isNodeWithRange(node)) break;
      found = node;
    } else break;
  }
  const offset = found?.range?.[0] ?? 0;
  const pos = lines.linePos(offset);
  return { line: pos.line, col: pos.col };
}

function isNodeWithRange(n: unknown): n is Node {
  return (
    typeof n === 'object' && n !== null && 'range' in n && Array.isArray((n as { range: unknown }).range)
  );
}

/**
 * Domain names as the DNS server handles them: a name is a list of labels (raw bytes, as a query
 * may carry any byte); its key is the lowercase text form with `.` and `\` inside a label escaped,
 * so two names are the same name exactly when their keys are equal (RFC 4343: case-insensitive,
 * ASCII only). Zone data is text (`www.example.com`, no trailing dot), turned into labels here.
 */

export type Labels = readonly Buffer[];

const MAX_NAME_BYTES = 255;

function keyOfLabel(label: Buffer): string {
  let s = '';
  for (const b of label) {
    if (b === 0x2e || b === 0x5c || b < 0x21 || b > 0x7e) s += `\\${b.toString().padStart(3, '0')}`;
    else s += String.fromCharCode(b >= 0x41 && b <= 0x5a ? b + 32 : b);
  }
  return s;
}

/** The name's key: lowercase, labels joined by `.`, the root is ``. */
export function keyOf(labels: Labels): string {
  return labels.map(keyOfLabel).join('.');
}

/** `www.Example.com.` → `www.example.com`; the root (`.` or ``) → ``. */
export function canonical(name: string): string {
  return name.replace(/\.$/, '').toLowerCase();
}

/** The labels of a text name (`www.example.com`), for writing. */
export function labelsOf(name: string): Labels {
  const n = name.replace(/\.$/, '');
  return n === '' ? [] : n.split('.').map((l) => Buffer.from(l, 'latin1'));
}

/** Whether `name` (a key or canonical name) is `zone` or below it. */
export function inZone(name: string, zone: string): boolean {
  return zone === '' || name === zone || name.endsWith(`.${zone}`);
}

/** Why a text name cannot be a DNS name (empty labels, a label over 63 bytes, over 255 in all), or undefined. */
export function nameProblem(name: string): string | undefined {
  const n = name.replace(/\.$/, '');
  if (n === '') return undefined;
  const labels = n.split('.');
  if (labels.some((l) => l.length === 0)) return 'an empty label';
  if (labels.some((l) => Buffer.byteLength(l) > 63)) return 'a label longer than 63 bytes';
  if (labels.some((l) => !/^[A-Za-z0-9_-]+$/.test(l)))
    return 'a character other than letters, digits, - and _';
  if (labels.reduce((n, l) => n + l.length + 1, 1) > MAX_NAME_BYTES) return 'more than 255 bytes';
  return undefined;
}

/** The name in uncompressed wire form, lowercase (RFC 8945's canonical form, for TSIG). */
export function canonicalWire(name: string): Buffer {
  const parts = labelsOf(canonical(name)).map((l) => Buffer.concat([Buffer.from([l.length]), l]));
  return Buffer.concat([...parts, Buffer.from([0])]);
}

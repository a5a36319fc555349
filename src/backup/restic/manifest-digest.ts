/** The digest of a manifest's entries: sha256 over `path\0hash\n`, paths sorted. */
import { createHash } from 'node:crypto';

import type { Entries } from './manifest-walk.ts';

export function digestOf(entries: Readonly<Entries>): string {
  const h = createHash('sha256');
  for (const p of Object.keys(entries).sort()) h.update(`${p}\0${entries[p]}\n`);
  return h.digest('hex');
}

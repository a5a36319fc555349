/**
 * What a backup holds, to compare a restore with: the sha256 of every file under the paths (a
 * symbolic link by its target), or of the one file a command or dump became, and a digest of them
 * all; for PostgreSQL, rows per table (postgres.ts). `compareFiles` reads a restored directory the
 * same way: restic restores `/srv/data/a` to `DIR/srv/data/a`, and a `--stdin` file to `DIR/name`.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';

import type { Manifest } from './types.ts';

type Entries = Record<string, string>;

/** The digest of a manifest's entries: sha256 over `path\0hash\n`, paths sorted. */
export function digestOf(entries: Readonly<Entries>): string {
  const h = createHash('sha256');
  for (const p of Object.keys(entries).sort()) h.update(`${p}\0${entries[p]}\n`);
  return h.digest('hex');
}

export function filesManifest(entries: Entries): Manifest {
  return { files: { count: Object.keys(entries).length, digest: digestOf(entries), entries } };
}

export function hashFile(path: string): Promise<string> {
  return new Promise((ok, ko) => {
    const h = createHash('sha256');
    createReadStream(path, { highWaterMark: 1 << 20 })
      .on('data', (c) => h.update(c))
      .on('end', () => ok(h.digest('hex')))
      .on('error', ko);
  });
}

/** Every regular file and symbolic link under `path` (a file or a folder), by its path with `as` for `root`. */
async function walk(path: string, out: Entries, shown: (p: string) => string): Promise<void> {
  const st = await lstat(path);
  if (st.isSymbolicLink()) out[shown(path)] = `link:${await readlink(path)}`;
  else if (st.isFile()) out[shown(path)] = await hashFile(path);
  else if (st.isDirectory()) {
    const names = (await readdir(path)).sort();
    for (const n of names) await walk(join(path, n), out, shown);
  }
}

/** The manifest of files and folders (absolute paths, as restic records them). */
export async function manifestOfPaths(paths: readonly string[]): Promise<Manifest> {
  const entries: Entries = {};
  for (const p of paths) await walk(resolve(p), entries, (x) => x);
  return filesManifest(entries);
}

export interface Comparison {
  readonly ok: boolean;
  readonly compared: {
    readonly files?: { count: number; digest: string };
    readonly tables?: Record<string, number>;
  };
  /** What differed: `3 files differ (/srv/a, /srv/b…)`, `42 files, expected 43`. */
  readonly mismatch?: string;
}

const few = (list: readonly string[]) => `${list.slice(0, 3).join(', ')}${list.length > 3 ? '…' : ''}`;

/** Compares a restored directory with the files of a manifest. */
export async function compareFiles(manifest: Manifest, dir: string): Promise<Comparison> {
  const root = resolve(dir);
  const restored: Entries = {};
  await walk(root, restored, (p) => (p === root ? sep : p.slice(root.length)));
  const compared = { files: { count: Object.keys(restored).length, digest: digestOf(restored) } };
  const expected = manifest.files;
  if (!expected) return { ok: false, compared, mismatch: 'the manifest records no files' };
  if (compared.files.digest === expected.digest) return { ok: true, compared };
  const missing = Object.keys(expected.entries).filter((p) => !(p in restored));
  const extra = Object.keys(restored).filter((p) => !(p in expected.entries));
  const differ = Object.keys(expected.entries).filter(
    (p) => p in restored && restored[p] !== expected.entries[p],
  );
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`${missing.length} missing (${few(missing)})`);
  if (differ.length > 0) parts.push(`${differ.length} differ (${few(differ)})`);
  if (extra.length > 0) parts.push(`${extra.length} not in the backup (${few(extra)})`);
  if (parts.length === 0) parts.push(`${compared.files.count} files, expected ${expected.count}`);
  return { ok: false, compared, mismatch: parts.join('; ') };
}

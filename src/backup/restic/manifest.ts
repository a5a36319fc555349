/**
 * What a backup holds, to compare a restore with: the sha256 of every file under the paths (a
 * symbolic link by its target), or of the one file a command or dump became, and a digest of them
 * all; for PostgreSQL, rows per table (postgres.ts). `compareFiles` reads a restored directory the
 * same way: restic restores `/srv/data/a` to `DIR/srv/data/a`, and a `--stdin` file to `DIR/name`.
 */
import { resolve } from 'node:path';

import { digestOf } from './manifest-digest.ts';
import { walkInThread } from './manifest-thread.ts';
import type { Entries, Stats } from './manifest-walk.ts';
import type { Manifest } from './types.ts';

/** A manifest of files; `digest` when it is known already (made beside the walk, in its thread). */
export function filesManifest(entries: Entries, stats?: Stats, digest?: string): Manifest {
  const count = Object.keys(entries).length;
  return {
    files: {
      count,
      digest: digest ?? digestOf(entries),
      entries,
      ...(stats && Object.keys(stats).length > 0 ? { stats } : {}),
    },
  };
}

/**
 * The manifest of files and folders (absolute paths, as restic records them). Given the previous
 * manifest of the same dataset and repository, a file whose stat key is unchanged keeps its hash
 * unread (manifest-walk.ts): only what changed is hashed. `walked` says how many of each.
 */
export async function manifestOfPaths(
  paths: readonly string[],
  previous?: Manifest,
): Promise<Manifest & { readonly walked: { readonly hashed: number; readonly reused: number } }> {
  const before = previous?.files?.stats
    ? { entries: previous.files.entries, stats: previous.files.stats }
    : undefined;
  const w = await walkInThread({
    paths: paths.map((p) => resolve(p)),
    ...(before ? { previous: before } : {}),
  });
  return { ...filesManifest(w.entries, w.stats, w.digest), walked: { hashed: w.hashed, reused: w.reused } };
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
  const walked = await walkInThread({ paths: [], root });
  const restored = walked.entries;
  const compared = { files: { count: Object.keys(restored).length, digest: walked.digest } };
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

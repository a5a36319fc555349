/**
 * Writes the static site into a folder so that a reader (a web server, `aws s3 sync`, `rclone`)
 * never sees a half-written file: each file is written beside its place under a temporary name,
 * flushed, then renamed over the old one (rename is atomic within a file system). Files whose
 * content is unchanged are not touched (sync tools upload less); badges of services no longer
 * shown are removed. Index pages go last, so a page never links to a feed or badge not yet there.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { errorCode, fail } from '../../errors.ts';
import type { SiteFile } from './site.ts';

function same(path: string, body: string): boolean {
  try {
    return readFileSync(path, 'utf8') === body;
  } catch {
    return false;
  }
}

function writeAtomically(path: string, body: string): void {
  const tmp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', 0o644);
  try {
    writeSync(fd, body);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Writes `files` under `dir`; returns how many were written (the others were already so). */
export function writeSite(dir: string, files: readonly SiteFile[]): number {
  let written = 0;
  let current = dir;
  try {
    mkdirSync(dir, { recursive: true });
    for (const f of files) {
      current = join(dir, ...f.path.split('/'));
      mkdirSync(dirname(current), { recursive: true });
      if (same(current, f.body)) continue;
      writeAtomically(current, f.body);
      written++;
    }
    const badges = new Set(files.filter((f) => f.path.startsWith('badge/')).map((f) => f.path.slice(6)));
    current = join(dir, 'badge');
    for (const name of existsSync(current) ? readdirSync(current) : []) {
      if (name.endsWith('.svg') && !badges.has(name)) rmSync(join(current, name), { force: true });
    }
  } catch (e) {
    throw fail('BASCULE_E_FILE_WRITE', { file: current, reason: errorCode(e) });
  }
  return written;
}

/** Helpers of the restic tests: reading a repository behind the runner's back, as a fault would touch it. */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ResticRepo } from '../../src/backup/restic/index.ts';

/** A pack that holds file contents (data blobs), not trees: what a check that reads no data does not open. */
export function dataPack(repo: ResticRepo): string {
  const env = { ...process.env, RESTIC_REPOSITORY: repo.repository, RESTIC_PASSWORD: repo.password };
  const run = (...args: string[]) =>
    execFileSync('restic', [...args, '--no-lock'], { env, encoding: 'utf8' });
  for (const id of run('list', 'index')
    .split('\n')
    .filter((l) => l !== '')) {
    const index = JSON.parse(run('cat', 'index', id)) as {
      packs: { id: string; blobs: { type: string }[] }[];
    };
    const pack = index.packs.find((p) => p.blobs.every((b) => b.type === 'data'));
    if (pack) return pack.id;
  }
  throw new Error('no data pack');
}

/** Flips 40 bytes inside a data pack of a local repository: its blobs no longer match their hashes. */
export function corruptDataPack(repo: ResticRepo): void {
  const id = dataPack(repo);
  const pack = join(repo.repository, 'data', id.slice(0, 2), id);
  const bytes = readFileSync(pack);
  for (let i = 100; i < 140; i++) bytes[i] = bytes[i]! ^ 0xff;
  writeFileSync(pack, bytes);
}

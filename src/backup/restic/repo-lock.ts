/**
 * One operation per repository at a time, in this process: restic's own locks let a backup and a
 * check of the same repository overlap (a shared and an exclusive lock then fail each other), so
 * Bascule queues them. Keyed by the repository as restic reads it; an operation on two
 * repositories (a copy) takes both, in the same order whoever asks, so two copies cannot deadlock.
 */
import { resolve } from 'node:path';

const tails = new Map<string, Promise<void>>();

/** The key of a repository: a local path resolved, anything else as written. */
export function repoKey(repository: string): string {
  return /^[a-z0-9]+:/i.test(repository) && !/^[a-z]:[\\/]/i.test(repository)
    ? repository
    : resolve(repository);
}

async function acquire(key: string): Promise<() => void> {
  const before = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => {
    release = r;
  });
  const tail = before.then(() => mine);
  tails.set(key, tail);
  await before;
  return () => {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  };
}

/** Runs `work` once no other operation of this process holds any of these repositories. */
export async function exclusive<T>(repositories: readonly string[], work: () => Promise<T>): Promise<T> {
  const keys = [...new Set(repositories.map(repoKey))].sort();
  const releases: (() => void)[] = [];
  try {
    for (const k of keys) releases.push(await acquire(k));
    return await work();
  } finally {
    for (const r of releases.reverse()) r();
  }
}

/** Whether an operation of this process holds or waits for the repository (for tests and status). */
export function busy(repository: string): boolean {
  return tails.has(repoKey(repository));
}

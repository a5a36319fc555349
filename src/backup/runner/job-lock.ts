/**
 * One job per repository at a time, in this process: a dataset's run (backup, copies, forgets) or
 * verification holds every repository it touches from start to end, so two datasets that share a
 * target take turns, and a verification never checks a repository between a backup and its copy.
 * Built on the library's lock (repo-lock.ts), on keys of their own (`job:` + the repository's key),
 * so the operations inside a job still take their per-operation locks without waiting on the job.
 */
import { exclusive } from '../restic/index.ts';
import { repoKey } from '../restic/repo-lock.ts';

export function jobExclusive<T>(repositories: readonly string[], work: () => Promise<T>): Promise<T> {
  return exclusive(
    repositories.map((r) => `job:${repoKey(r)}`),
    work,
  );
}

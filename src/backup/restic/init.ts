/** `restic init`, idempotent: a repository that already exists is left as it is and said so. */
import { failureOf } from './classify.ts';
import { exclusive } from './repo-lock.ts';
import { runRestic } from './run-restic.ts';
import type { ResticFailure, ResticRepo } from './types.ts';

export interface InitOutcome {
  readonly ok: boolean;
  /** False when the repository was there already. */
  readonly created: boolean;
  readonly error?: ResticFailure;
}

/** restic 0.14: "config file already exists"; later: "repository master key and config already initialized". */
const EXISTS = /config file already exists|already initialized|already exists/i;

export function init(repo: ResticRepo, timeoutMs = 120_000): Promise<InitOutcome> {
  return exclusive([repo.repository], async () => {
    const r = await runRestic({ repo, args: ['init'], timeoutMs });
    if (r.exit === 0) return { ok: true, created: true };
    if (EXISTS.test(r.stderr)) return { ok: true, created: false };
    return { ok: false, created: false, error: failureOf(r) };
  });
}

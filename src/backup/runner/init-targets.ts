/**
 * `backup init`: the repositories of the targets asked (every target by default) that do not exist
 * yet are created; one that exists is left as it is and said so; one that cannot be reached or
 * opened is a failure with its reason. Each repository is created once, however many ask.
 */
import { init, type ResticFailure } from '../restic/index.ts';
import type { Runner, RunnerOptions } from './context.ts';
import { jobExclusive } from './job-lock.ts';
import { failureOfThrown } from './records.ts';
import { knownTarget, targetIds } from './targets.ts';

export interface TargetInit {
  readonly target: string;
  readonly ok: boolean;
  /** True when this call created it; false when it was there already (or failed). */
  readonly created: boolean;
  readonly error?: ResticFailure;
}

export async function initTargets(
  r: Runner,
  ids?: readonly string[],
  opts: RunnerOptions = {},
): Promise<TargetInit[]> {
  const wanted = ids && ids.length > 0 ? [...new Set(ids)] : targetIds(r.config);
  for (const id of wanted) knownTarget(r.config, id);
  const out: TargetInit[] = [];
  for (const target of wanted) {
    opts.onStep?.({ step: 'init', target, phase: 'start' });
    let result: TargetInit;
    try {
      const repo = r.repo(target);
      const made = await jobExclusive([repo.repository], () => init(repo));
      result = {
        target,
        ok: made.ok,
        created: made.created,
        ...(made.error ? { error: made.error } : {}),
      };
    } catch (e) {
      result = { target, ok: false, created: false, error: failureOfThrown(e) };
    }
    opts.onStep?.({ step: 'init', target, phase: 'end', ok: result.ok });
    r.log?.[result.ok ? 'info' : 'warn'](
      { target, ok: result.ok, created: result.created, error: result.error?.code },
      'backup repository init',
    );
    out.push(result);
  }
  return out;
}

/**
 * Assumptions a finding rests on: the components among its subjects and along its path that mark
 * some of their fields as `assumed` (what `bascule init` guessed, not what the user said), so the
 * reports can say so. Pure.
 */
import type { AssumableField, Config } from '../model/schema.ts';
import type { Finding } from './finding.ts';

export interface Assumption {
  readonly component: string;
  readonly fields: readonly AssumableField[];
}

/** The separator of the `path` parameter of findings (`checkout ← web ← db`). */
const PATH_SEPARATOR = ' ← ';

/** The assumptions behind one finding, in the order its subjects and path name the components. */
export function assumptionsOf(config: Config, finding: Finding): Assumption[] {
  const path = finding.params.path;
  const ids = [...finding.subjects, ...(typeof path === 'string' ? path.split(PATH_SEPARATOR) : [])];
  const out: Assumption[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const fields = Object.hasOwn(config.components, id) ? config.components[id]!.assumed : undefined;
    if (fields && fields.length > 0) out.push({ component: id, fields: [...new Set(fields)] });
  }
  return out;
}

/** The findings, each with the assumptions it rests on (`assumed`) when there are any. */
export function withAssumptions(config: Config, findings: readonly Finding[]): Finding[] {
  if (!Object.values(config.components).some((c) => c.assumed !== undefined && c.assumed.length > 0))
    return [...findings];
  return findings.map((f) => {
    const assumed = assumptionsOf(config, f);
    return assumed.length > 0 ? { ...f, assumed } : f;
  });
}

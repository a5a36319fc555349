/** The root causes under a cause tree, as people read them: `db [provider=aws,region=us-east-1, own]`. */
import type { Cause } from '../analysis/explain.ts';
import { type Lang, t } from '../i18n/index.ts';

export function rootCauses(cause: Cause, lang: Lang, out = new Set<string>()): Set<string> {
  if (cause.reason === 'matched') {
    out.add(t(lang, 'cli.simulate.matched', { id: cause.id, predicate: cause.predicate, via: cause.via }));
  } else if (cause.reason === 'dependency') rootCauses(cause.dependency, lang, out);
  else if (cause.reason === 'group') for (const f of cause.failed) rootCauses(f, lang, out);
  return out;
}

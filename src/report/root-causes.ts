/** The root causes under a cause tree, as people read them: `db [provider=aws,region=us-east-1, own]`. */
import type { Cause } from '../analysis/explain.ts';
import { type Lang, t } from '../i18n/index.ts';

/** How the failure reached the component, in words: its own placement, its name, or where it runs. */
function via(how: string, lang: Lang): string {
  if (how === 'own') return t(lang, 'cli.simulate.via.own');
  if (how === 'component') return t(lang, 'cli.simulate.via.component');
  return t(lang, 'cli.simulate.via.runsOn', { entry: how });
}

export function rootCauses(cause: Cause, lang: Lang, out = new Set<string>()): Set<string> {
  if (cause.reason === 'matched') {
    out.add(
      t(lang, 'cli.simulate.matched', {
        id: cause.id,
        predicate: cause.predicate,
        via: via(cause.via, lang),
      }),
    );
  } else if (cause.reason === 'dependency') rootCauses(cause.dependency, lang, out);
  else if (cause.reason === 'group') for (const f of cause.failed) rootCauses(f, lang, out);
  return out;
}

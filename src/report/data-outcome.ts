/** What a failure does to a dataset, in a sentence: "erp-db: lost, its only copy (sbg-storage) goes down with it". */
import type { DataOutcome } from '../analysis/data-outcomes.ts';
import { type Lang, t } from '../i18n/index.ts';

export function dataSentence(o: DataOutcome, lang: Lang): string {
  const targets = o.targets.join(', ');
  if (o.outcome === 'lost')
    return t(lang, 'data.lost', { dataset: o.dataset, targets, count: o.targets.length });
  const params = { dataset: o.dataset, targets, every: o.every, rpo: o.rpo };
  return t(lang, o.outcome === 'stale' ? 'data.stale' : 'data.restorable', params);
}

/** With its sentence, as the JSON reports give it. */
export function dataJson(list: readonly DataOutcome[], lang: Lang) {
  return list.map((o) => ({ ...o, text: dataSentence(o, lang) }));
}

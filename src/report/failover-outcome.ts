/** What a failover would do, in a sentence: "api switches to gcp", "api : plus aucun point d’accès sain". */
import type { FailoverOutcome } from '../analysis/failover-outcomes.ts';
import { type Lang, t } from '../i18n/index.ts';

export function failoverSentence(o: FailoverOutcome, lang: Lang): string {
  if (o.outcome === 'none-left') return t(lang, 'failover.noneLeft', { subject: o.subject });
  if (o.outcome === 'stuck') return t(lang, 'failover.stuck', { subject: o.subject, to: o.to!, via: o.via! });
  return t(lang, 'failover.switches', { subject: o.subject, to: o.to! });
}

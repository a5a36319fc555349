/** The manual procedures of a service in the plan: numbered steps, who does each, how long, their total against the RTO. */
import type { ContactView, NextTest, RunbookView } from '../i18n/documents/plan.ts';
import { type Lang, t } from '../i18n/index.ts';
import { parseDuration } from '../model/duration.ts';
import type { Config } from '../model/schema.ts';
import { against, humanDuration, planText } from './words.ts';

export function serviceRunbooks(
  config: Config,
  id: string,
  lang: Lang,
  contact: (id: string) => ContactView,
  nextTests: NextTest[],
): RunbookView[] {
  const spec = config.services[id]!;
  return Object.entries(config.runbooks)
    .filter(([, r]) => r.service === id)
    .map(([rid, r]) => {
      const totalMs = r.steps.reduce((sum, s) => sum + parseDuration(s.takes)!, 0);
      const total = humanDuration(totalMs, lang);
      nextTests.push({ kind: 'runbook', subject: planText(r.title, lang), service: id });
      return {
        id: rid,
        title: planText(r.title, lang),
        ...(r.when ? { when: planText(r.when, lang) } : {}),
        steps: r.steps.map((s) => ({
          do: planText(s.do, lang),
          who: contact(s.who),
          takes: humanDuration(s.takes, lang),
        })),
        total,
        verdict: against(lang, spec.rto, 'RTO', totalMs, t(lang, 'plan.planned', { time: total })),
      };
    });
}

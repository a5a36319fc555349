/** `bascule simulate` for people: what goes down, the chain that explains each service, what degrades. */
import { formatPredicate } from '../../analysis/predicate.ts';
import type { Simulation } from '../../analysis/simulate.ts';
import { type Lang, t } from '../../i18n/index.ts';
import { dataSentence } from '../../report/data-outcome.ts';
import { failoverSentence } from '../../report/failover-outcome.ts';
import { rootCauses } from '../../report/root-causes.ts';
import type { Scenario } from '../../scenarios/scenario.ts';
import { type Paint, table } from '../style.ts';
import { SEVERITY_COLOR } from './analysis-text.ts';

function scenarioLine(s: Simulation, lang: Lang, paint: Paint, replay?: Scenario): string {
  if (!replay)
    return t(lang, 'cli.simulate.scenario', { fail: s.predicates.map(formatPredicate).join(' | ') });
  const lines = [
    paint('bold', `${replay.date}  ${replay.title[lang]}`),
    replay.summary[lang],
    t(lang, 'cli.simulate.sources', { sources: replay.sources.map((x) => x.url).join(', ') }),
  ];
  if (replay.simplifications)
    lines.push(paint('dim', t(lang, 'cli.simulate.simplifies', { text: replay.simplifications[lang] })));
  return lines.join('\n');
}

export function simulationText(s: Simulation, lang: Lang, paint: Paint, replay?: Scenario): string {
  const parts = [scenarioLine(s, lang, paint, replay)];
  if (s.matched.length === 0 && s.degraded.length === 0)
    parts.push(paint('yellow', t(lang, 'cli.simulate.nothingMatched')));
  if (s.servicesDown.length === 0) {
    parts.push(paint('green', t(lang, 'cli.simulate.allUp')));
  } else {
    const rows = s.explanations.map((e) => [
      paint('red', e.service),
      paint(
        SEVERITY_COLOR[e.criticality as 'critical'] ?? 'bold',
        t(lang, `alert.criticality.${e.criticality as 'critical'}`),
      ),
      e.chain.join(' ← '),
      [...rootCauses(e.cause, lang)].join('; '),
    ]);
    parts.push(
      paint('bold', t(lang, 'cli.simulate.down', { count: s.servicesDown.length })),
      table(
        (['SERVICE', 'CRITICALITY', 'CHAIN', 'CAUSE'] as const).map((c) => t(lang, `cli.col.${c}`)),
        rows,
        paint,
      ),
    );
  }
  if (s.componentsDown.length > 0) {
    parts.push(
      `${paint('bold', t(lang, 'cli.simulate.componentsDown', { count: s.componentsDown.length }))}\n${s.componentsDown.join(', ')}`,
    );
  }
  if (s.degraded.length > 0) {
    const list = s.degraded.map((d) => `${d.label} (${d.failed}/${d.members})`).join(', ');
    parts.push(`${paint('bold', t(lang, 'cli.simulate.degraded'))}\n${paint('yellow', list)}`);
  }
  if (s.failovers.length > 0) {
    const lines = s.failovers.map((f) =>
      paint(f.outcome === 'switches' ? 'green' : 'red', failoverSentence(f, lang)),
    );
    parts.push(`${paint('bold', t(lang, 'cli.simulate.failover'))}\n${lines.join('\n')}`);
  }
  if (s.data.length > 0) {
    const lines = s.data.map((d) =>
      paint(d.outcome === 'lost' ? 'red' : d.outcome === 'stale' ? 'yellow' : 'green', dataSentence(d, lang)),
    );
    parts.push(`${paint('bold', t(lang, 'cli.simulate.data'))}\n${lines.join('\n')}`);
  }
  return parts.join('\n\n');
}

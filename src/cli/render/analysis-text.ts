/** `bascule analyze` for people: score, per-service table, findings, outage replays, blast radius. */
import type { Analysis } from '../../analysis/analyze.ts';
import type { Severity } from '../../analysis/finding.ts';
import { type Lang, t } from '../../i18n/index.ts';
import { renderAction } from '../../report/actions.ts';
import { dataSentence } from '../../report/data-outcome.ts';
import { failoverSentence } from '../../report/failover-outcome.ts';
import { alsoLines, findingGroups, rootCount } from '../../report/finding-groups.ts';
import { assumedMark, renderFinding } from '../../report/findings.ts';
import { type Color, type Paint, table } from '../style.ts';

export const SEVERITY_COLOR: Readonly<Record<Severity, Color>> = {
  critical: 'red',
  high: 'magenta',
  medium: 'yellow',
  low: 'cyan',
  info: 'gray',
};

const GRADE_COLOR: Readonly<Record<string, Color>> = {
  A: 'green',
  B: 'green',
  C: 'yellow',
  D: 'red',
  E: 'red',
};
/** Root causes listed (each with its related findings); the rest are counted. */
const MAX_FINDINGS = 100;
const MAX_BLAST = 10;

function header(a: Analysis, lang: Lang, paint: Paint): string {
  const { summary, score } = a;
  const survived = score.services.reduce((n, s) => n + s.outagesSurvived, 0);
  const total = score.services.reduce((n, s) => n + s.outagesTotal, 0);
  return [
    paint('bold', t(lang, 'cli.analyze.title', { name: a.name })),
    t(lang, 'cli.analyze.counts', {
      services: summary.services,
      components: summary.components,
      providers: summary.providers.join(', ') || '-',
    }),
    '',
    `${t(lang, 'cli.analyze.score')} ${paint(GRADE_COLOR[score.grade] ?? 'bold', paint('bold', `${score.overall}/100 (${score.grade})`))}  ${t(
      lang,
      'cli.analyze.scoreDetail',
      { spofs: score.singlePointsOfFailure, survived, total },
    )}`,
  ].join('\n');
}

/** The top actions, numbered, with the score each would bring; and why fewer were tried, if so. */
export function actions(a: Analysis, lang: Lang, paint: Paint): string {
  const top = a.actions;
  if (!top) return '';
  const lines = top.actions.map((x, i) => {
    const r = renderAction(lang, x);
    return `${i + 1}. ${t(lang, 'actions.line', {
      title: paint('bold', r.title),
      before: r.scoreBefore,
      after: paint('green', String(r.scoreAfter)),
      services: r.services.join(', ') || '-',
    })}`;
  });
  if (top.evaluated === 0 && top.candidates > 0)
    lines.push(paint('dim', t(lang, 'actions.skipped', { nodes: nodes(a) })));
  else if (top.evaluated < top.candidates)
    lines.push(
      paint(
        'dim',
        t(lang, 'actions.capped', { evaluated: top.evaluated, candidates: top.candidates, nodes: nodes(a) }),
      ),
    );
  if (top.actions.length === 0 && top.evaluated > 0) lines.push(t(lang, 'actions.none'));
  return lines.join('\n');
}

const nodes = (a: Analysis) => a.actions?.nodes ?? 0;

function services(a: Analysis, lang: Lang, paint: Paint): string {
  const cols = ['SERVICE', 'CRITICALITY', 'SCORE', 'OUTAGES', 'SPOFS'] as const;
  const rows = a.score.services.map((s) => [
    s.name ? `${s.name} (${s.service})` : s.service,
    paint(SEVERITY_COLOR[s.criticality], t(lang, `alert.criticality.${s.criticality}`)),
    String(s.score),
    `${s.outagesSurvived}/${s.outagesTotal}`,
    String(s.singlePointsOfFailure),
  ]);
  return table(
    cols.map((c) => t(lang, `cli.col.${c}`)),
    rows,
    paint,
  );
}

/** One root cause at a time (at most MAX_FINDINGS), its related findings as short lines under it. */
function findings(a: Analysis, lang: Lang, paint: Paint): string {
  if (a.findings.length === 0) return t(lang, 'cli.analyze.noFindings');
  const lines: string[] = [];
  const groups = findingGroups(a.findings);
  for (const g of groups.slice(0, MAX_FINDINGS)) {
    const f = g.root;
    const r = renderFinding(lang, f);
    // The stable kind is for JSON; people read its title, in their language.
    const severity = t(lang, `severity.${f.severity}`).padEnd(8);
    lines.push(
      `${paint(SEVERITY_COLOR[f.severity], severity)}  ${paint('bold', t(lang, `finding.title.${f.kind}`))}`,
    );
    lines.push(`          ${r.message}`);
    lines.push(`          ${paint('dim', `→ ${r.recommendation}`)}`);
    const assumed = assumedMark(lang, f);
    if (assumed) lines.push(`          ${paint('yellow', assumed)}`);
    for (const also of alsoLines(lang, g)) lines.push(`            ${also}`);
  }
  const hidden = groups.slice(MAX_FINDINGS).reduce((n, g) => n + 1 + g.related.length, 0);
  if (hidden > 0) lines.push(t(lang, 'cli.analyze.more', { count: hidden }));
  return lines.join('\n');
}

function outages(a: Analysis, lang: Lang, paint: Paint): string {
  if (a.outages.length === 0) return t(lang, 'cli.analyze.noOutages');
  const rows = a.outages.map((o) => [
    o.date,
    o.title[lang],
    o.hits === 0
      ? paint('dim', t(lang, 'cli.analyze.untouched'))
      : o.servicesDown.length === 0
        ? paint('green', t(lang, 'cli.analyze.survives'))
        : paint('red', o.servicesDown.join(', ')),
  ]);
  // A column for what the failovers do, when some outage makes one act.
  if (a.outages.some((o) => o.failovers.length > 0)) {
    a.outages.forEach((o, i) => {
      rows[i]!.push(o.failovers.map((f) => failoverSentence(f, lang)).join('; '));
    });
  }
  const columns: ('DATE' | 'OUTAGE' | 'DOWN' | 'FAILOVER' | 'DATA')[] = ['DATE', 'OUTAGE', 'DOWN'];
  if (a.outages.some((o) => o.failovers.length > 0)) columns.push('FAILOVER');
  // And one for the data each outage loses, when some outage reaches a dataset.
  if (a.outages.some((o) => o.data.length > 0)) {
    columns.push('DATA');
    a.outages.forEach((o, i) => {
      rows[i]!.push(o.data.map((d) => dataSentence(d, lang)).join('; '));
    });
  }
  return table(
    columns.map((c) => t(lang, `cli.col.${c}`)),
    rows,
    paint,
  );
}

/** One line per outage some components could not be checked against, under the replays. */
function notEvaluated(a: Analysis, lang: Lang, paint: Paint): string {
  return a.notEvaluated
    .map((n) =>
      paint(
        'yellow',
        t(lang, 'cli.analyze.notEvaluated', {
          scenario: n.scenario,
          components: n.components.join(', '),
          why: n.why,
        }),
      ),
    )
    .map((l) => `\n${l}`)
    .join('');
}

function blast(a: Analysis, lang: Lang, paint: Paint): string {
  const top = a.blastRadius.slice(0, MAX_BLAST);
  if (top.length === 0) return t(lang, 'cli.analyze.noBlast');
  const rows = top.map((b) => [
    b.component,
    String(b.componentsDown),
    (b.servicesDown.join(', ') || '-') +
      (b.truncated
        ? ` (${t(lang, 'list.of', { shown: b.servicesDown.length, total: b.servicesDownTotal })})`
        : ''),
  ]);
  const out = table(
    (['COMPONENT', 'COMPONENTS', 'DOWN'] as const).map((c) => t(lang, `cli.col.${c}`)),
    rows,
    paint,
  );
  if (a.blastRadius.length <= MAX_BLAST) return out;
  return `${out}\n${paint('dim', t(lang, 'list.showing', { shown: MAX_BLAST, total: a.blastRadius.length }))}`;
}

export function analysisText(a: Analysis, lang: Lang, paint: Paint): string {
  const section = (title: string, body: string) => `${paint('bold', title.toUpperCase())}\n${body}`;
  return [
    header(a, lang, paint),
    ...(a.actions && (a.actions.candidates > 0 || a.actions.actions.length > 0)
      ? [section(t(lang, 'actions.section'), actions(a, lang, paint))]
      : []),
    section(t(lang, 'cli.analyze.services'), services(a, lang, paint)),
    section(
      t(lang, 'cli.analyze.findings', { count: a.findings.length, roots: rootCount(a.findings) }),
      findings(a, lang, paint),
    ),
    section(t(lang, 'cli.analyze.outages'), outages(a, lang, paint) + notEvaluated(a, lang, paint)),
    section(t(lang, 'cli.analyze.blast'), blast(a, lang, paint)),
    paint('dim', t(lang, 'cli.analyze.method')),
  ].join('\n\n');
}

/** The report page around the diagram: header, score, tables, styles. One self-contained HTML file. */
import type { Analysis } from '../../analysis/analyze.ts';
import type { DataOutcome } from '../../analysis/data-outcomes.ts';
import type { FailoverOutcome } from '../../analysis/failover-outcomes.ts';
import type { Severity } from '../../analysis/finding.ts';
import { formatPredicate } from '../../analysis/predicate.ts';
import type { GroupedFinding } from '../../analysis/root-cause-groups.ts';
import type { Simulation } from '../../analysis/simulate.ts';
import { type Lang, type PlainKey, t } from '../../i18n/index.ts';
import type { Scenario } from '../../scenarios/scenario.ts';
import { renderAction } from '../actions.ts';
import { dataSentence } from '../data-outcome.ts';
import { failoverSentence } from '../failover-outcome.ts';
import { alsoLines, findingGroups, rootCount } from '../finding-groups.ts';
import { assumedMark, renderFinding } from '../findings.ts';
import { rootCauses } from '../root-causes.ts';
import { esc } from './escape.ts';
import { COLORS } from './svg.ts';

/** Root causes listed; related findings listed under one root; blast radii listed. */
const MAX_ROWS = 500;
const MAX_RELATED = 100;
const MAX_BLAST = 15;

const SEVERITY_COLOR: Readonly<Record<Severity, string>> = {
  critical: '#b91c1c',
  high: '#c2410c',
  medium: '#a16207',
  low: '#0e7490',
  info: '#64748b',
};
const GRADE_COLOR: Readonly<Record<string, string>> = {
  A: '#15803d',
  B: '#4d7c0f',
  C: '#a16207',
  D: '#c2410c',
  E: '#b91c1c',
};

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;color:#0f172a;background:#f8fafc}
main{max-width:1280px;margin:0 auto;padding:24px 28px 48px}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:32px 0 10px;padding-bottom:4px;border-bottom:1px solid #e2e8f0}
.sub{color:#475569;margin:0 0 16px}
.cards{display:flex;gap:14px;flex-wrap:wrap}
.card{background:#fff;border:1px solid #e2e8f0;border-radius:10px;padding:12px 18px;min-width:170px}
.card b{display:block;font-size:30px;line-height:1.2}
.card span{color:#475569;font-size:13px}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #e2e8f0;border-radius:8px;overflow:hidden}
th{text-align:left;font-size:11px;letter-spacing:.04em;text-transform:uppercase;color:#475569;background:#f1f5f9;padding:7px 10px}
td{padding:7px 10px;border-top:1px solid #eef2f7;vertical-align:top}
.sev{display:inline-block;color:#fff;border-radius:10px;padding:0 8px;font-size:11px;font-weight:700;text-transform:uppercase}
.kind{font-weight:600}
.muted{color:#64748b}
.assumed{color:#b45309;font-size:.9em;margin-top:2px}
.down{color:${COLORS.down};font-weight:600}
.ok{color:#15803d;font-weight:600}
.stale{color:#b45309;font-weight:600}
.figure svg{max-width:100%;height:auto;display:block;margin:0 auto}
.figure{background:#fff;border:1px solid #e2e8f0;border-radius:10px;padding:10px;overflow:auto;max-height:1400px}
.legend{display:flex;gap:18px;flex-wrap:wrap;font-size:12px;color:#475569;margin:8px 0}
.legend i{display:inline-block;width:14px;height:10px;border-radius:3px;margin-right:5px;vertical-align:middle}
.also{margin:4px 0 0;padding-left:18px;color:#334155;font-size:13px}
.related{margin-top:4px;font-size:13px}
.related summary{cursor:pointer;color:#475569}
.related ul{margin:4px 0;padding-left:18px}
.related li{margin:3px 0}
.not-evaluated{background:#fffbeb;border-left:4px solid #d97706;padding:6px 16px;border-radius:6px;margin-top:12px}
.not-evaluated h3{font-size:14px;margin:4px 0}
.not-evaluated ul{margin:4px 0;padding-left:18px}
.scenario{background:#fff;border-left:4px solid ${COLORS.down};padding:10px 16px;border-radius:6px}
code{font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-size:12.5px;background:#f1f5f9;padding:1px 4px;border-radius:4px}
footer{margin-top:36px;color:#64748b;font-size:12px}
@media print{.figure{max-height:none;overflow:visible}body{background:#fff}}
`;

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = `<tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n${head}\n${body}\n</table>`;
}

const col = (lang: Lang, c: PlainKey): string => t(lang, c);
/** A severity (or a criticality: the same four words) as a badge, worded in the reader's language. */
const sev = (s: Severity, lang: Lang): string =>
  `<span class="sev" style="background:${SEVERITY_COLOR[s]}">${esc(t(lang, `severity.${s}`))}</span>`;
const card = (value: string, label: string, color = '#0f172a'): string =>
  `<div class="card"><b style="color:${color}">${value}</b><span>${esc(label)}</span></div>`;

/** Only http(s) links from scenario files become links. */
function link(url: string, text: string): string {
  return /^https?:\/\//i.test(url) ? `<a href="${esc(url)}">${esc(text)}</a>` : esc(text);
}

export function legend(lang: Lang, simulation: boolean): string {
  const item = (style: string, key: PlainKey): string =>
    `<span><i style="${style}"></i>${esc(t(lang, key))}</span>`;
  const items = [
    item(`background:${COLORS.service};border:1px solid ${COLORS.serviceStroke}`, 'html.legend.service'),
    item('background:#fff;border:1px solid #475569', 'html.legend.component'),
    item('background:#fff;border:1px dashed #475569;border-radius:6px', 'html.legend.group'),
    item(`background:#fff;border:3px solid ${COLORS.down}`, 'html.legend.spof'),
  ];
  if (simulation) {
    items.push(
      item(`background:${COLORS.downFill};border:2px solid ${COLORS.down}`, 'html.legend.down'),
      item(`background:${COLORS.hit}`, 'html.legend.hit'),
      item(`background:${COLORS.degradedFill};border:2px solid ${COLORS.degraded}`, 'html.legend.degraded'),
    );
  }
  return `<div class="legend">${items.join('')}</div>`;
}

/** The top actions, first on the page: what to change, and the score it would bring. */
function actionsSection(a: Analysis, lang: Lang): string[] {
  const top = a.actions;
  if (!top || (top.candidates === 0 && top.actions.length === 0)) return [];
  const out = [`<section class="actions"><h2>${esc(t(lang, 'actions.section'))}</h2>`];
  if (top.actions.length > 0)
    out.push(
      table(
        [t(lang, 'actions.col.action'), t(lang, 'actions.col.score'), t(lang, 'actions.col.services')],
        top.actions.map((x) => {
          const r = renderAction(lang, x);
          return [
            `<b>${esc(r.title)}</b>`,
            `${r.scoreBefore} → <span class="ok">${r.scoreAfter}</span>`,
            esc(r.services.join(', ')),
          ];
        }),
      ),
    );
  if (top.evaluated === 0)
    out.push(`<p class="muted">${esc(t(lang, 'actions.skipped', { nodes: top.nodes }))}</p>`);
  else if (top.evaluated < top.candidates)
    out.push(
      `<p class="muted">${esc(t(lang, 'actions.capped', { evaluated: top.evaluated, candidates: top.candidates, nodes: top.nodes }))}</p>`,
    );
  else if (top.actions.length === 0) out.push(`<p>${esc(t(lang, 'actions.none'))}</p>`);
  out.push('</section>');
  return out;
}

/** "showing 20 of 312" under a list cut short; nothing when it is whole. */
function shown(lang: Lang, limit: number, total: number): string[] {
  return total > limit
    ? [`<p class="muted shown">${esc(t(lang, 'list.showing', { shown: limit, total }))}</p>`]
    : [];
}

/** One row per root cause; its related findings as short lines, and whole in a folded <details>. */
function findingsSection(a: Analysis, lang: Lang): string[] {
  const heading = t(lang, 'cli.analyze.findings', { count: a.findings.length, roots: rootCount(a.findings) });
  const out = [`<h2>${esc(heading)}</h2>`];
  if (a.findings.length === 0) return [...out, `<p>${esc(t(lang, 'cli.analyze.noFindings'))}</p>`];
  const groups = findingGroups(a.findings);
  const title = (f: GroupedFinding, tag: 'div' | 'span') =>
    `<${tag} class="kind" data-kind="${esc(f.kind)}">${esc(t(lang, `finding.title.${f.kind}`))}</${tag}>`;
  const rows = groups.slice(0, MAX_ROWS).map((g) => {
    const r = renderFinding(lang, g.root);
    const assumed = assumedMark(lang, g.root);
    let cell = `<div class="finding" data-id="${esc(g.root.id)}">${title(g.root, 'div')}${esc(r.message)}`;
    if (assumed) cell += `<div class="assumed">${esc(assumed)}</div>`;
    const also = alsoLines(lang, g);
    if (also.length > 0) cell += `<ul class="also">${also.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`;
    if (g.related.length > 0) {
      const items = g.related.slice(0, MAX_RELATED).map((f) => {
        const x = renderFinding(lang, f);
        const mark = assumedMark(lang, f);
        return `<li data-id="${esc(f.id)}">${sev(f.severity, lang)} ${title(f, 'span')} ${esc(x.message)} <span class="muted">→ ${esc(x.recommendation)}</span>${mark ? ` <span class="assumed">${esc(mark)}</span>` : ''}</li>`;
      });
      cell += `<details class="related"><summary>${esc(t(lang, 'html.related', { count: g.related.length }))}</summary><ul>${items.join('')}</ul>${shown(lang, MAX_RELATED, g.related.length).join('')}</details>`;
    }
    return [sev(g.root.severity, lang), `${cell}</div>`, esc(r.recommendation)];
  });
  out.push(
    table(
      [t(lang, 'html.col.severity'), t(lang, 'html.col.finding'), t(lang, 'html.col.recommendation')],
      rows,
    ),
    ...shown(lang, MAX_ROWS, groups.length),
  );
  return out;
}

/** The outages some components could not be checked against (no region, or one the catalogue does not know). */
function notEvaluatedSection(a: Analysis, lang: Lang): string[] {
  if (a.notEvaluated.length === 0) return [];
  const items = a.notEvaluated.map(
    (n) =>
      `<li>${esc(t(lang, 'html.notEvaluated', { scenario: n.scenario, components: n.components.join(', '), why: n.why }))}</li>`,
  );
  return [
    `<div class="not-evaluated"><h3>${esc(t(lang, 'html.section.notEvaluated'))}</h3><ul>${items.join('')}</ul></div>`,
  ];
}

export function analysisSections(a: Analysis, lang: Lang, figure: string): string {
  const { score } = a;
  const survived = score.services.reduce((n, s) => n + s.outagesSurvived, 0);
  const total = score.services.reduce((n, s) => n + s.outagesTotal, 0);
  const out: string[] = [...actionsSection(a, lang)];
  out.push(
    `<div class="cards">${card(`${score.overall}/100 · ${score.grade}`, t(lang, 'cli.analyze.score'), GRADE_COLOR[score.grade])}${card(String(score.singlePointsOfFailure), t(lang, 'html.spofs'), score.singlePointsOfFailure ? COLORS.down : '#15803d')}${card(`${survived}/${total}`, t(lang, 'html.outagesSurvived'))}</div>`,
  );
  out.push(`<h2>${esc(t(lang, 'html.section.services'))}</h2>`);
  out.push(
    table(
      [
        col(lang, 'cli.col.SERVICE'),
        col(lang, 'cli.col.CRITICALITY'),
        col(lang, 'cli.col.SCORE'),
        col(lang, 'cli.col.OUTAGES'),
        col(lang, 'cli.col.SPOFS'),
        t(lang, 'html.col.outagesDown'),
      ],
      score.services.map((s) => [
        s.name
          ? `<b>${esc(s.name)}</b> <span class="muted">${esc(s.service)}</span>`
          : `<b>${esc(s.service)}</b>`,
        sev(s.criticality, lang),
        String(s.score),
        `${s.outagesSurvived}/${s.outagesTotal}`,
        s.singlePointsOfFailure ? `<span class="down">${s.singlePointsOfFailure}</span>` : '0',
        s.outagesDown.length ? `<span class="muted">${esc(s.outagesDown.join(', '))}</span>` : '',
      ]),
    ),
  );
  out.push(`<h2>${esc(t(lang, 'html.section.map'))}</h2>`, figure);
  out.push(...findingsSection(a, lang));
  out.push(`<h2>${esc(t(lang, 'html.section.outages'))}</h2>`);
  if (a.outages.length === 0) out.push(`<p>${esc(t(lang, 'cli.analyze.noOutages'))}</p>`);
  else {
    // A column for what the failovers do, when some outage makes one act (as in the text report).
    const acts = a.outages.some((o) => o.failovers.length > 0);
    const data = a.outages.some((o) => o.data.length > 0);
    out.push(
      table(
        [
          col(lang, 'cli.col.DATE'),
          col(lang, 'cli.col.OUTAGE'),
          col(lang, 'cli.col.DOWN'),
          ...(acts ? [col(lang, 'cli.col.FAILOVER')] : []),
          ...(data ? [col(lang, 'cli.col.DATA')] : []),
        ],
        a.outages.map((o) => [
          esc(o.date),
          `${esc(o.title[lang])} <span class="muted">(${esc(o.id)})</span>`,
          o.hits === 0
            ? `<span class="muted">${esc(t(lang, 'cli.analyze.untouched'))}</span>`
            : o.servicesDown.length
              ? `<span class="down">${esc(o.servicesDown.join(', '))}</span>`
              : `<span class="ok">${esc(t(lang, 'html.survived'))}</span>`,
          ...(acts ? [failoverCell(o.failovers, lang)] : []),
          ...(data ? [dataCell(o.data, lang)] : []),
        ]),
      ),
    );
  }
  out.push(...notEvaluatedSection(a, lang));
  out.push(`<h2>${esc(t(lang, 'html.section.blast'))}</h2>`);
  if (a.blastRadius.length === 0) out.push(`<p>${esc(t(lang, 'cli.analyze.noBlast'))}</p>`);
  else {
    out.push(
      table(
        [col(lang, 'cli.col.COMPONENT'), col(lang, 'cli.col.COMPONENTS'), col(lang, 'cli.col.DOWN')],
        a.blastRadius
          .slice(0, MAX_BLAST)
          .map((b) => [
            `<b>${esc(b.component)}</b>`,
            String(b.componentsDown),
            (b.servicesDown.length ? `<span class="down">${esc(b.servicesDown.join(', '))}</span>` : '') +
              (b.truncated
                ? ` <span class="muted shown">(${esc(t(lang, 'list.of', { shown: b.servicesDown.length, total: b.servicesDownTotal }))})</span>`
                : ''),
          ]),
      ),
    );
    out.push(...shown(lang, MAX_BLAST, a.blastRadius.length));
  }
  return out.join('\n');
}

/** What each failover would do, one sentence each: green when it switches, red when it cannot. */
function failoverCell(list: readonly FailoverOutcome[], lang: Lang): string {
  return list
    .map(
      (f) =>
        `<span class="${f.outcome === 'switches' ? 'ok' : 'down'}">${esc(failoverSentence(f, lang))}</span>`,
    )
    .join('<br>');
}

/** What happens to each dataset: red when lost, amber when only a copy older than its RPO is left. */
function dataCell(list: readonly DataOutcome[], lang: Lang): string {
  const cls = { lost: 'down', stale: 'stale', restorable: 'ok' } as const;
  return list
    .map(
      (d) =>
        `<span class="${cls[d.outcome]}" data-dataset="${esc(d.dataset)}">${esc(dataSentence(d, lang))}</span>`,
    )
    .join('<br>');
}

function scenarioBox(s: Simulation, lang: Lang, replay: Scenario | undefined): string {
  const fail = s.predicates.map((p) => `<code>${esc(formatPredicate(p))}</code>`).join(' ∨ ');
  if (!replay) return `<div class="scenario"><p>${esc(t(lang, 'html.section.scenario'))}: ${fail}</p></div>`;
  const sources = replay.sources.map((x) => link(x.url, x.title)).join(' · ');
  const lines = [
    `<p><b>${esc(replay.date)} — ${esc(replay.title[lang])}</b></p>`,
    `<p>${esc(replay.summary[lang])}</p>`,
    replay.simplifications
      ? `<p class="muted">${esc(t(lang, 'cli.simulate.simplifies', { text: replay.simplifications[lang] }))}</p>`
      : '',
    `<p>${esc(t(lang, 'cli.simulate.sources', { sources: '' }))}${sources}</p>`,
    `<p class="muted">${fail}</p>`,
  ];
  return `<div class="scenario">${lines.join('')}</div>`;
}

export function simulationSections(
  s: Simulation,
  lang: Lang,
  figure: string,
  replay: Scenario | undefined,
): string {
  const out: string[] = [scenarioBox(s, lang, replay)];
  out.push(
    `<div class="cards" style="margin-top:14px">${card(String(s.servicesDown.length), t(lang, 'html.servicesDown'), s.servicesDown.length ? COLORS.down : '#15803d')}${card(String(s.componentsDown.length), t(lang, 'html.componentsDown'))}</div>`,
  );
  if (s.matched.length === 0) out.push(`<p class="down">${esc(t(lang, 'cli.simulate.nothingMatched'))}</p>`);
  out.push(`<h2>${esc(t(lang, 'html.section.map'))}</h2>`, figure);
  out.push(`<h2>${esc(t(lang, 'html.section.down'))}</h2>`);
  if (s.explanations.length === 0) out.push(`<p class="ok">${esc(t(lang, 'cli.simulate.allUp'))}</p>`);
  else {
    out.push(
      table(
        [
          col(lang, 'cli.col.SERVICE'),
          col(lang, 'cli.col.CRITICALITY'),
          col(lang, 'cli.col.CHAIN'),
          col(lang, 'cli.col.CAUSE'),
        ],
        s.explanations.map((e) => [
          `<span class="down">${esc(e.service)}</span>`,
          sev(e.criticality as Severity, lang),
          esc(e.chain.join(' ← ')),
          esc([...rootCauses(e.cause, lang)].join('; ')),
        ]),
      ),
    );
  }
  out.push(`<h2>${esc(t(lang, 'html.section.componentsDown'))}</h2>`);
  out.push(
    `<p>${s.componentsDown.length ? esc(s.componentsDown.join(', ')) : esc(t(lang, 'html.none'))}</p>`,
  );
  if (s.failovers.length > 0) {
    out.push(
      `<h2>${esc(t(lang, 'cli.simulate.failover'))}</h2>`,
      `<p>${failoverCell(s.failovers, lang)}</p>`,
    );
  }
  if (s.data.length > 0)
    out.push(
      `<h2>${esc(t(lang, 'cli.simulate.data'))}</h2>`,
      `<p class="data">${dataCell(s.data, lang)}</p>`,
    );
  if (s.degraded.length > 0) {
    out.push(`<h2>${esc(t(lang, 'html.section.degraded'))}</h2>`);
    out.push(`<p>${esc(s.degraded.map((d) => `${d.label} (${d.failed}/${d.members})`).join(', '))}</p>`);
  }
  return out.join('\n');
}

export function page(lang: Lang, title: string, subtitle: string, body: string, footer: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Bascule">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${esc(title)}</h1>
<p class="sub">${esc(subtitle)}</p>
${body}
<footer>${footer}</footer>
</main>
</body>
</html>
`;
}

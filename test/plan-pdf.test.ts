/**
 * The plan's PDF as printed, read back with poppler (pdftotext per page, pdftohtml's outline): the
 * table of contents gives the page each section starts on, the headings are bookmarks to their
 * pages, no row of a long table and no picture is cut across pages, table headers repeat on each
 * page. Pages are turned into PNG files under test-results/ (plan-pdf-*.png) to look at.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { analyze } from '../src/analysis/analyze.ts';
import { buildGraph } from '../src/analysis/graph.ts';
import type { Lang } from '../src/i18n/index.ts';
import { loadConfig } from '../src/model/load.ts';
import { renderPlanPdf } from '../src/plan/render.ts';
import { loadScenarios } from '../src/scenarios/library.ts';
import { loadCatalogue } from '../src/scenarios/providers.ts';
import { launchChromium, resultsDir } from './helpers/chromium.ts';
import { tempDir } from './helpers/cli.ts';

const EXAMPLES = join(import.meta.dirname, '..', 'examples');

/** A map of `n` services, each on an app and a database, so that its tables run over several pages. */
function longMap(n: number): string {
  const out = ['version: 1', 'name: Long Ltd', 'services:'];
  for (let i = 0; i < n; i++)
    out.push(
      `  s${i}: {criticality: ${i % 10 === 0 ? 'critical' : 'medium'}, rto: 15m, rpo: 1h, mtpd: 1d, dependsOn: [app${i}, db${i}, dns, idp]}`,
    );
  out.push('components:', '  dns: {provider: cloudflare, kind: dns}', '  idp: {provider: okta, kind: auth}');
  for (let i = 0; i < n; i++)
    out.push(
      `  app${i}: {provider: aws, region: eu-west-3, kind: compute}`,
      `  db${i}: {provider: aws, region: eu-west-3, kind: database}`,
    );
  return `${out.join('\n')}\n`;
}

/** A service over a chain of `depth` components, one under the other: a picture taller than a page. */
function deepMap(depth: number): string {
  const out = [
    'version: 1',
    'name: Deep Ltd',
    'services:',
    '  tower: {criticality: critical, dependsOn: [c1]}',
  ];
  out.push('components:');
  for (let i = 1; i <= depth; i++)
    out.push(`  c${i}: {provider: aws, kind: layer${i}${i < depth ? `, dependsOn: [c${i + 1}]` : ''}}`);
  return `${out.join('\n')}\n`;
}

async function print(yaml: string, lang: Lang, browser: Browser, file: string): Promise<string> {
  const catalogue = loadCatalogue([]);
  const r = loadConfig(yaml, 'map.yaml', catalogue);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.diagnostics));
  const scenarios = loadScenarios([]);
  const graph = buildGraph(r.config);
  const analysis = analyze(r.config, scenarios, graph);
  const input = { config: r.config, graph, analysis, scenarios, lang, file: 'map.yaml' };
  const pdf = await renderPlanPdf(
    { ...input, now: Date.UTC(2026, 11, 1), switches: undefined, storeWhere: 'none' },
    '/usr/bin/chromium',
    browser,
  );
  writeFileSync(file, pdf);
  return file;
}

/** The text of each page, in layout (pdftotext splits pages with a form feed). */
function pages(pdf: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1);
}

/** The table of contents' entries: title and page number, as printed. */
function tocEntries(page: string): { title: string; page: number }[] {
  const out: { title: string; page: number }[] = [];
  for (const line of page.split('\n')) {
    const m = /^\s*(\d+\.\s.*?)\s+\.[.\s]*?(\d+)\s*$/.exec(line);
    if (m) out.push({ title: m[1]!, page: Number(m[2]) });
  }
  return out;
}

/** The bookmarks: title and page (pdftohtml's XML outline). */
function outline(pdf: string): { title: string; page: number }[] {
  const xml = execFileSync('pdftohtml', ['-xml', '-stdout', '-i', '-q', '-f', '1', '-l', '1', pdf], {
    encoding: 'utf8',
  });
  return [...xml.matchAll(/<item page="(\d+)">([^<]*)<\/item>/g)].map((m) => ({
    title: m[2]!
      .replace(/&amp;/g, '&')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"'),
    page: Number(m[1]),
  }));
}

/** The first page (1-based) after the ToC whose text has `title` at the start of a line. */
function headingPage(all: readonly string[], title: string, after: number): number | undefined {
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^\\s*${escaped}\\s*$`, 'm');
  for (let p = after; p < all.length; p++) if (re.test(all[p]!)) return p + 1;
  return undefined;
}

describe('the plan as PDF, read back', () => {
  let browser: Browser;
  const dir = tempDir();
  const out = resultsDir();
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  for (const [map, lang] of [
    ['boutique-strasbourg.yaml', 'fr'],
    ['startup-aws.yaml', 'en'],
  ] as const) {
    it(`${map} in ${lang}: the contents give each section's page, and the bookmarks go there`, async () => {
      const pdf = await print(
        readFileSync(join(EXAMPLES, map), 'utf8'),
        lang,
        browser,
        join(dir, `${map}-${lang}.pdf`),
      );
      const all = pages(pdf);
      const toc = tocEntries(all[0]!).concat(tocEntries(all[1] ?? ''));
      // The eight sections and their subsections, each with its number.
      assert.ok(toc.length >= 8, `ToC entries: ${JSON.stringify(toc)}`);
      const last = Math.max(...toc.map((e) => e.page));
      assert.ok(last <= all.length && last > 2, `last entry on page ${last} of ${all.length}`);
      const tocPages = all.findIndex((p) => /^\s*1\.\s/m.test(p) && tocEntries(p).length === 0);
      for (const e of toc) {
        // A subsection's entry is numbered by the list, its heading is not.
        const found =
          headingPage(all, e.title, Math.max(1, tocPages)) ??
          headingPage(all, e.title.replace(/^\d+\.\s+/, ''), Math.max(1, tocPages));
        assert.equal(found, e.page, `"${e.title}": contents say page ${e.page}, it is on ${found}`);
      }
      // Every entry is a bookmark to the page its heading is on.
      const marks = outline(pdf);
      for (const e of toc) {
        const bare = e.title.replace(/^\d+\.\s+/, '');
        const mark = marks.find((m) => m.title === e.title) ?? marks.find((m) => m.title === bare);
        assert.ok(mark, `no bookmark "${e.title}" in ${JSON.stringify(marks.slice(0, 12))}`);
        assert.equal(mark.page, e.page, `bookmark "${e.title}"`);
      }
      // The whole map, wide, on a landscape page of its own with the appendix's headings.
      const caption = lang === 'fr' ? 'Cartographie des dépendances de' : 'Dependency map of';
      const p = all.findIndex((t) => t.includes(caption));
      assert.ok(p >= 0, 'no map in the appendix');
      assert.match(all[p]!, lang === 'fr' ? /^\s*8\. Annexes\s*$/m : /^\s*8\. Appendix\s*$/m);
      const info = execFileSync('pdfinfo', ['-f', String(p + 1), '-l', String(p + 1), pdf], {
        encoding: 'utf8',
      });
      const size = /size:\s+([\d.]+) x ([\d.]+)/.exec(info)!;
      assert.ok(Number(size[1]) > Number(size[2]), `the map's page is ${size[1]} × ${size[2]}`);
      execFileSync('pdftoppm', [
        '-r',
        '60',
        '-png',
        '-f',
        String(p + 1),
        '-l',
        String(p + 1),
        pdf,
        join(out, `plan-pdf-${lang}-map`),
      ]);
      execFileSync('pdftoppm', [
        '-r',
        '60',
        '-png',
        '-f',
        '1',
        '-l',
        '3',
        pdf,
        join(out, `plan-pdf-${lang}`),
      ]);
    });
  }

  it('a table of 120 services runs over pages: no row cut, its header on each page; no picture cut', async () => {
    const n = 120;
    const pdf = await print(longMap(n), 'en', browser, join(dir, 'long.pdf'));
    const all = pages(pdf);
    // The services table: each row is two lines ("s0 … RTO 15 min — never" / "min … measured").
    const tablePages = all
      .map((text, i) => ({ text, i }))
      .filter(({ text }) => /^\s+s\d+\s+(critical|medium)\s.*1 day.*never\s*$/m.test(text));
    assert.ok(tablePages.length >= 3, `the table is on ${tablePages.length} pages`);
    const rows = new Set<string>();
    for (const { text, i } of tablePages) {
      assert.match(text, /Service\s+Criticality\s+RTO\s+RPO/, `no table header on page ${i + 1}`);
      const lines = text.split('\n').filter((l) => l.trim());
      for (const [k, line] of lines.entries()) {
        const row = /^\s+(s\d+)\s+(critical|medium)\s.*1 day.*never\s*$/.exec(line);
        if (!row) continue;
        rows.add(row[1]!);
        assert.match(lines[k + 1] ?? '', /measured/, `row ${row[1]} cut at the foot of page ${i + 1}`);
      }
    }
    assert.equal(rows.size, n, 'every service has its row');
    // Each critical service's page: heading, facts, picture and caption on one page.
    for (let i = 0; i < n; i += 10) {
      const p = all.findIndex((t) => t.includes(`What s${i} depends on`));
      assert.ok(p >= 0, `no picture of s${i}`);
      assert.match(all[p]!, new RegExp(`^\\s*s${i}\\s*$`, 'm'), `s${i}'s heading not on its picture's page`);
      for (const box of [`app${i}`, `db${i}`, 'eu-west-3'])
        assert.ok(all[p]!.includes(box), `s${i}'s picture cut: ${box} not on page ${p + 1}`);
    }
    execFileSync('pdftoppm', [
      '-r',
      '60',
      '-png',
      '-f',
      String(tablePages[0]!.i + 1),
      '-l',
      String(tablePages[0]!.i + 2),
      pdf,
      join(out, 'plan-pdf-long'),
    ]);
  });

  it('a picture taller than a page is drawn smaller, whole on one page with its heading and caption', async () => {
    const depth = 30;
    const pdf = await print(deepMap(depth), 'en', browser, join(dir, 'deep.pdf'));
    const all = pages(pdf);
    const p = all.findIndex((t) => t.includes('What tower depends on'));
    assert.ok(p >= 0, 'no picture of tower');
    assert.match(all[p]!, /^\s*tower\s*$/m, "tower's heading not on its picture's page");
    for (let i = 1; i <= depth; i++)
      assert.match(all[p]!, new RegExp(`\\bc${i}\\b`), `the picture is cut: c${i} not on page ${p + 1}`);
    execFileSync('pdftoppm', [
      '-r',
      '60',
      '-png',
      '-f',
      String(p + 1),
      '-l',
      String(p + 1),
      pdf,
      join(out, 'plan-pdf-deep'),
    ]);
  });
});

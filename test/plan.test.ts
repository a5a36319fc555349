/**
 * `bascule plan`: every example map in both languages and all three formats, checked on content
 * (every service, every critical service's picture, every finding); RTO verdicts from real switch
 * records written by the test in a real SQLite store ("met", "NOT met"), "never measured" without
 * one; the PDF printed by Chromium, its footer's page numbers read back with pdftotext and its pages
 * turned into PNG files (pdftoppm) under test-results/ for people to look at.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { analyze } from '../src/analysis/analyze.ts';
import { buildGraph } from '../src/analysis/graph.ts';
import type { Lang } from '../src/i18n/index.ts';
import { loadConfig } from '../src/model/load.ts';
import { mdText } from '../src/plan/markdown.ts';
import { renderFinding } from '../src/report/findings.ts';
import { esc } from '../src/report/html/escape.ts';
import { loadScenarios } from '../src/scenarios/library.ts';
import { loadCatalogue } from '../src/scenarios/providers.ts';
import type { SwitchRecord } from '../src/store/failover-records.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { resultsDir } from './helpers/chromium.ts';
import { runCli, tempDir } from './helpers/cli.ts';

const EXAMPLES = join(import.meta.dirname, '..', 'examples');
const MAPS = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));
const LANGS: readonly Lang[] = ['fr', 'en'];

/** The plan of a map through the CLI, with a data directory of its own (empty: nothing measured). */
async function plan(file: string, lang: Lang, format: string, dataDir: string, out?: string) {
  const r = await runCli(
    [
      'plan',
      '-c',
      file,
      '--lang',
      lang,
      '--format',
      format,
      '--data-dir',
      dataDir,
      ...(out ? ['--out', out] : []),
    ],
    { env: { LANG: 'C.UTF-8' } },
  );
  assert.equal(r.code, 0, r.stderr);
  return r;
}

/** What the analysis of a map finds, worded as the plan words it. */
function findingsOf(file: string, lang: Lang): string[] {
  const catalogue = loadCatalogue([]);
  const r = loadConfig(readFileSync(file, 'utf8'), file, catalogue);
  assert.ok(r.ok);
  const a = analyze(r.config, loadScenarios([]), buildGraph(r.config));
  return a.findings.map((f) => renderFinding(lang, f).message);
}

describe('bascule plan on every example map', () => {
  const empty = tempDir();
  for (const map of MAPS) {
    const file = join(EXAMPLES, map);
    const config = loadConfig(readFileSync(file, 'utf8'), file, loadCatalogue([]));
    assert.ok(config.ok);
    const services = Object.entries(config.config.services);
    const runbooks = new Set(Object.values(config.config.runbooks).map((r) => r.service));
    for (const lang of LANGS) {
      it(`${map} in ${lang}: Markdown and HTML name every service and every finding; nothing measured`, async () => {
        const md = (await plan(file, lang, 'md', empty)).stdout;
        const html = (await plan(file, lang, 'html', empty)).stdout;
        for (const [id, s] of services) {
          // Its own continuity section, or a row among the services with nothing declared.
          const own = s.criticality === 'critical' || s.criticality === 'high' || runbooks.has(id);
          if (own) {
            assert.ok(md.includes(`<a id="continuity-${id}">`), `${id} has no continuity section`);
            assert.ok(html.includes(`id="continuity-${id}"`), `${id} missing from the HTML`);
          } else {
            assert.match(md, new RegExp(`<a id="continuity-others">[^]*\\| ${id} \\|`), `${id} not listed`);
            assert.match(html, new RegExp(`id="continuity-others"[^]*<td>${id}</td>`), `${id} not listed`);
          }
          // Every critical service has its own page with its dependency picture.
          if (s.criticality === 'critical') {
            assert.match(html, new RegExp(`id="service-${id}"[^]*?<figure><svg`), `${id} has no picture`);
          }
        }
        for (const message of findingsOf(file, lang)) {
          assert.ok(md.includes(mdText(message)), `finding missing from the Markdown: ${message}`);
          assert.ok(html.includes(esc(message)), `finding missing from the HTML: ${message}`);
        }
        const never = lang === 'fr' ? 'jamais mesuré' : 'never measured';
        if (services.some(([, s]) => s.rto)) assert.ok(md.includes(never), 'no "never measured" verdict');
        for (const section of [
          'scope',
          'services',
          'risks',
          'continuity',
          'crisis',
          'communication',
          'exercises',
          'appendix',
        ])
          assert.ok(html.includes(`href="#${section}"`), `the table of contents misses ${section}`);
        assert.doesNotMatch(
          html,
          /<script|https?:\/\/(?!help\.ovhcloud|support\.|admin\.microsoft|console\.aws|dash\.cloudflare|www\.w3\.org)/,
        );
      });
    }
  }
});

const STORE_MAP = `version: 1
name: Acme
services:
  checkout: {criticality: critical, rto: 15m, rpo: 5m, dependsOn: [api-tier]}
  search: {criticality: high, rto: 10s, dependsOn: [search-tier]}
  reports: {criticality: high, rto: 1h, dependsOn: [reports-tier]}
components:
  api-tier: {dependsOn: [api-aws, api-gcp]}
  api-aws: {provider: aws, region: us-east-1}
  api-gcp: {provider: gcp, region: europe-west1}
  search-tier: {dependsOn: [search-aws, search-gcp]}
  search-aws: {provider: aws, region: us-east-1}
  search-gcp: {provider: gcp, region: europe-west1}
  reports-tier: {dependsOn: [reports-aws, reports-gcp]}
  reports-aws: {provider: aws, region: us-east-1}
  reports-gcp: {provider: gcp, region: europe-west1}
checks:
  api-aws: {component: api-aws, tcp: 127.0.0.2:9001, interval: 5s, failAfter: 2}
  api-gcp: {component: api-gcp, tcp: 127.0.0.3:9002}
  search-aws: {component: search-aws, tcp: 127.0.0.2:9003}
  search-gcp: {component: search-gcp, tcp: 127.0.0.3:9004}
  reports-aws: {component: reports-aws, tcp: 127.0.0.2:9005}
  reports-gcp: {component: reports-gcp, tcp: 127.0.0.3:9006}
failover:
  api:
    service: checkout
    endpoints:
      - {name: aws, address: 127.0.0.2:9001, check: api-aws}
      - {name: gcp, address: 127.0.0.3:9002, check: api-gcp}
  search:
    service: search
    endpoints:
      - {name: aws, address: 127.0.0.2:9003, check: search-aws}
      - {name: gcp, address: 127.0.0.3:9004, check: search-gcp}
  reports:
    service: reports
    endpoints:
      - {name: aws, address: 127.0.0.2:9005, check: reports-aws}
      - {name: gcp, address: 127.0.0.3:9006, check: reports-gcp}
`;

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);
const record = (group: string, at: number, firstFailure: number, served: number): SwitchRecord => ({
  id: `${group}@${at}`,
  group,
  from: 'aws',
  to: 'gcp',
  reason: 'down',
  fence: 1,
  firstFailureAt: at - firstFailure,
  decidedAt: at,
  confirmed: { proxy: at + 5 },
  firstServedAt: at + served,
});

describe('bascule plan against the switch records of a real store', () => {
  const dir = tempDir();
  const dataDir = join(dir, 'data');
  const file = join(dir, 'bascule.yaml');
  before(async () => {
    writeFileSync(file, STORE_MAP);
    execFileSync('mkdir', ['-p', dataDir]);
    const store = new SqliteStore(join(dataDir, 'bascule.db'));
    await store.migrate();
    // checkout: 2.1 s to notice and 200 ms to switch, under its 15 min; search: 12 s, over its 10 s.
    await store.saveSwitch(record('api', T0 - 86_400_000, 10_000, 300));
    await store.saveSwitch(record('api', T0, 2_100, 200));
    await store.saveSwitch(record('search', T0, 11_500, 500));
    await store.close();
  });

  it('says "met" for a switch within the RTO, "NOT met" over it, "never measured" for a group never switched', async () => {
    const md = (await plan(file, 'en', 'md', dataDir)).stdout;
    assert.ok(md.includes('RTO 15 min — last measured switch 2.3 s: met'), md);
    assert.ok(md.includes('**RTO 10 s — last measured switch 12 s: NOT met**'));
    assert.ok(md.includes('**RTO 1 h — never measured**'));
    assert.match(
      md,
      /Bascule runs failover group api: traffic goes to aws and gcp.*api-aws \(every 5 s, down after 2 failures\)/,
    );
    assert.match(md, /switch and backup records read from .*bascule\.db/);
    // The exercises list the switches, newest first, and what to test next.
    assert.match(md, /\| 20 November 2026 \| api \| checkout \| aws → gcp \| down \| 2\.3 s \|/);
    assert.match(md, /Fix, then re-test, search \(search\)/);
    assert.match(md, /Run a failover test of reports \(reports\)/);
    const fr = (await plan(file, 'fr', 'md', dataDir)).stdout;
    assert.ok(fr.includes('RTO 15 min — dernière bascule mesurée : 2,3 s : respecté'), fr);
    assert.ok(fr.includes('**RTO 10 s — dernière bascule mesurée : 12 s : NON respecté**'));
    assert.ok(fr.includes('**RTO 1 h — jamais mesuré**'));
  });

  it('without the store, every switch is "never measured" and the plan says no store was found', async () => {
    const md = (await plan(file, 'en', 'md', join(dir, 'nowhere'))).stdout;
    assert.ok(md.includes('**RTO 15 min — never measured**'));
    assert.ok(md.includes('**RTO 10 s — never measured**'));
    assert.match(md, /none: no store found at .*nowhere/);
    assert.doesNotMatch(md, /: met|NOT met/);
  });
});

describe('bascule plan as PDF', () => {
  const out = resultsDir();
  const dir = tempDir();
  for (const map of MAPS) {
    for (const lang of LANGS) {
      it(`${map} in ${lang}: printed by Chromium, with page numbers in the footer`, async () => {
        const pdf = join(dir, `${basename(map, '.yaml')}-${lang}.pdf`);
        const r = await plan(join(EXAMPLES, map), lang, 'pdf', dir, pdf);
        assert.match(r.stderr, /plan|écrit|wrote/);
        const bytes = readFileSync(pdf);
        assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
        const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
        const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
        assert.ok(count >= 5, `${count} pages`);
        // The footer of every page: "N / total".
        for (let p = 1; p <= count; p++)
          assert.ok(text.includes(`${p} / ${count}`), `no footer on page ${p}`);
        assert.ok(text.includes(lang === 'fr' ? 'Glossaire' : 'Glossary'));
        assert.ok(text.includes(lang === 'fr' ? 'Sommaire' : 'Contents'));
        if (map === 'boutique-strasbourg.yaml' || map === 'startup-aws.yaml')
          execFileSync('pdftoppm', [
            '-r',
            '70',
            '-png',
            pdf,
            join(out, `plan-${basename(map, '.yaml')}-${lang}`),
          ]);
      });
    }
  }

  it('refuses a PDF on stdout, and names Chromium when it cannot be started', async () => {
    const file = join(EXAMPLES, 'watch.yaml');
    const noOut = await runCli(['plan', '-c', file, '--format', 'pdf'], { env: { LANG: 'C.UTF-8' } });
    assert.equal(noOut.code, 2);
    assert.match(noOut.stderr, /BASCULE_E_USAGE_PLAN_OUT|--out FILE/);
    const missing = await runCli(
      ['plan', '-c', file, '--format', 'pdf', '--out', join(dir, 'x.pdf'), '--data-dir', dir],
      { env: { LANG: 'C.UTF-8', BASCULE_CHROMIUM: join(dir, 'no-chromium'), BASCULE_ERRORS: 'json' } },
    );
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /BASCULE_E_PLAN_PDF.*no-chromium: ENOENT/);
  });
});

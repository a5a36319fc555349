/**
 * The HTML report: drawn by ELK, marks where they belong, escaped, bilingual — and looked at in a
 * real Chromium (layout checked in the browser, screenshot written for people to look at).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, chromium } from 'playwright-core';
import { analyze } from '../src/analysis/analyze.ts';
import { buildGraph } from '../src/analysis/graph.ts';
import { parsePredicate } from '../src/analysis/predicate.ts';
import { simulate } from '../src/analysis/simulate.ts';
import { CHROMIUM_ARGS } from '../src/platform/chromium.ts';
import { MAX_DRAWN_NODES, renderHtml } from '../src/report/html/index.ts';
import { loadScenarios } from '../src/scenarios/library.ts';
import { runCli, tempDir } from './helpers/cli.ts';
import { map } from './helpers/map.ts';

const SHOP = map({
  name: 'Shop <script>alert(1)</script>',
  services: {
    checkout: { criticality: 'critical', dependsOn: ['web', 'payments'] },
    blog: { criticality: 'low', dependsOn: ['cms'] },
  },
  components: {
    web: {
      provider: 'aws',
      region: 'eu-west-3',
      service: 'ec2',
      dependsOn: ['db', { anyOf: ['cache-a', 'cache-b'] }],
    },
    'cache-a': { provider: 'aws', region: 'eu-west-3', zone: 'eu-west-3a' },
    'cache-b': { provider: 'gcp', region: 'europe-west9' },
    db: { provider: 'aws', region: 'eu-west-3', service: 'rds', kind: 'database' },
    payments: { provider: 'stripe', kind: 'payment', runsOn: [{ provider: 'aws', region: 'us-east-1' }] },
    cms: { provider: 'ovh', region: 'gra' },
  },
});

interface Rect {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}
interface Geometry {
  readonly nodes: Rect[];
  readonly clusters: Rect[];
  readonly svg: { w: number; h: number };
}

/** Measures, in the browser, every node and provider box of the drawn map. */
const GEOMETRY_SCRIPT = `(() => {
  const box = (g) => {
    const r = g.querySelector(':scope > rect').getBBox();
    return { id: g.getAttribute('data-id'), x: r.x, y: r.y, w: r.width, h: r.height };
  };
  const svg = document.querySelector('svg.map').getBoundingClientRect();
  return {
    nodes: [...document.querySelectorAll('g.node')].map(box),
    clusters: [...document.querySelectorAll('g.cluster.provider')].map(box),
    svg: { w: svg.width, h: svg.height },
  };
})()`;

async function analysisHtml(lang: 'en' | 'fr' = 'en'): Promise<string> {
  const graph = buildGraph(SHOP);
  return renderHtml({ config: SHOP, graph, lang, analysis: analyze(SHOP, loadScenarios([]), graph) });
}

describe('HTML report', () => {
  it('draws every service, component and group, providers as clusters, SPOFs marked', async () => {
    const html = await analysisHtml();
    assert.match(html, /^<!doctype html>/);
    assert.ok(html.includes('<svg'), 'the map is drawn');
    for (const p of ['aws', 'gcp', 'stripe', 'ovh'])
      assert.ok(html.includes(`class="cluster provider" data-id="${p}"`), p);
    const nodes = [...html.matchAll(/<g class="node ([^"]*)" data-id="([^"]+)"/g)].map((m) => ({
      classes: m[1]!.split(' '),
      id: m[2]!,
    }));
    assert.equal(nodes.length, 2 + 6 + 1, 'two services, six components, one group');
    const spofs = nodes
      .filter((n) => n.classes.includes('spof'))
      .map((n) => n.id)
      .sort();
    assert.deepEqual(spofs, ['cms', 'db', 'payments', 'web']);
    assert.ok(html.includes('single-point-of-failure'));
    assert.ok(html.includes('aws-2025-10-20'), 'outage replays are listed');
  });

  it('escapes everything that comes from the map', async () => {
    const html = await analysisHtml();
    assert.ok(!html.includes('<script>'), 'no markup injected from the map name');
    assert.ok(html.includes('Shop &lt;script&gt;alert(1)&lt;/script&gt;'));
  });

  it('speaks French', async () => {
    const html = await analysisHtml('fr');
    assert.match(html, /<html lang="fr">/);
    assert.ok(html.includes('rapport de résilience'));
    assert.ok(html.includes('Carte des dépendances'));
    // Badges and finding titles in French; the stable kind only as data.
    assert.match(html, /<span class="sev"[^>]*>critique<\/span>/);
    assert.doesNotMatch(html, /<span class="sev"[^>]*>(critical|high|medium|low)<\/span>/);
    assert.match(
      html,
      /<div class="kind" data-kind="[a-z-]+">[^<]*(point unique de défaillance|dépendance partagée|concentration)/,
    );
  });

  it('marks what a simulation takes down and what it hit directly', async () => {
    const graph = buildGraph(SHOP);
    const simulation = simulate(graph, [parsePredicate('provider=aws,region=eu-west-3')]);
    const html = await renderHtml({ config: SHOP, graph, lang: 'en', simulation });
    const down = [...html.matchAll(/<g class="node [^"]*\bdown\b[^"]*" data-id="([^"]+)"/g)]
      .map((m) => m[1])
      .sort();
    assert.deepEqual(down, ['cache-a', 'checkout', 'db', 'web']);
    const hit = [...html.matchAll(/<g class="node [^"]*\bhit\b[^"]*" data-id="([^"]+)"/g)]
      .map((m) => m[1])
      .sort();
    assert.deepEqual(hit, ['cache-a', 'db', 'web']);
    assert.ok(html.includes('checkout ← web ← db') || html.includes('checkout ← web'), 'the chain is shown');
  });

  it('gives up the drawing, not the tables, beyond the node limit', async () => {
    const components: Record<string, unknown> = {};
    for (let i = 0; i < MAX_DRAWN_NODES; i++) components[`c${i}`] = { provider: 'aws', region: 'eu-west-3' };
    const big = map({ services: { s: { dependsOn: ['c0'] } }, components });
    const graph = buildGraph(big);
    const html = await renderHtml({ config: big, graph, lang: 'en', analysis: analyze(big, [], graph) });
    assert.ok(!html.includes('<svg'));
    assert.match(html, /too many to draw legibly/);
    assert.match(html, /single-point-of-failure/);
  });

  it('is written by the CLI with --format html --out', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'bascule.yaml'),
      'version: 1\nname: Tiny\nservices:\n  site: {dependsOn: [vm]}\ncomponents:\n  vm: {provider: hetzner, region: fsn1}\n',
    );
    const r = await runCli(['analyze', '--format', 'html', '--out', 'report.html'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    assert.ok(html.includes('data-id="hetzner"'));
    const s = await runCli(['simulate', '--replay', 'ovh-sbg-2021-03-10', '--format', 'html'], { cwd: dir });
    assert.equal(s.code, 0, s.stderr);
    assert.match(s.stdout, /OVHcloud Strasbourg/);
  });
});

describe('HTML report in Chromium', () => {
  let browser: Browser;
  before(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
  });

  it('lays out without overlaps, inside provider boxes, and screenshots', async () => {
    const dir = tempDir();
    const file = join(dir, 'report.html');
    writeFileSync(file, await analysisHtml());
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`file://${file}`);
    // A string, not a function: tsx would add helpers to a function that do not exist in the page.
    const geometry: Geometry = await page.evaluate(GEOMETRY_SCRIPT);
    assert.deepEqual(errors, []);
    assert.equal(geometry.nodes.length, 9);
    assert.ok(geometry.svg.w > 200 && geometry.svg.h > 100, 'the map is visible');
    const overlap = (a: Rect, b: Rect) =>
      a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    for (const [i, a] of geometry.nodes.entries())
      for (const b of geometry.nodes.slice(i + 1)) assert.ok(!overlap(a, b), `${a.id} overlaps ${b.id}`);
    const inside = (n: Rect, c: Rect) =>
      n.x >= c.x && n.y >= c.y && n.x + n.w <= c.x + c.w && n.y + n.h <= c.y + c.h;
    const provider: Record<string, string> = {
      db: 'aws',
      web: 'aws',
      'cache-a': 'aws',
      'cache-b': 'gcp',
      payments: 'stripe',
      cms: 'ovh',
    };
    for (const n of geometry.nodes) {
      const p = provider[n.id];
      if (!p) continue;
      const c = geometry.clusters.find((x) => x.id === p)!;
      assert.ok(inside(n, c), `${n.id} is drawn inside ${p}`);
    }
    const shot = join(dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    assert.ok(existsSync(shot) && statSync(shot).size > 20_000, 'a real screenshot');
    process.stdout.write(`# screenshot: ${shot}\n`);
    await page.close();
  });
});

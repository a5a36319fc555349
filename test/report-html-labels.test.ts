/**
 * The HTML report's header names every provider of the map (those its suppliers run on included),
 * and no label is cut: measured in a real Chromium, every text of the drawing inside its box, the
 * header inside the page. Issue 10, item 12.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { parse } from 'yaml';
import { analyze } from '../src/analysis/analyze.ts';
import { buildGraph } from '../src/analysis/graph.ts';
import { renderHtml } from '../src/report/html/index.ts';
import { loadScenarios } from '../src/scenarios/library.ts';
import { runCli, tempDir } from './helpers/cli.ts';
import { map } from './helpers/map.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES = ['pme-ovh.yaml', 'startup-aws.yaml', 'multicloud.yaml'];

/** Every `provider:` value anywhere in the components of a map file, runsOn places included. */
function providersIn(file: string): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (k === 'provider' && typeof x === 'string') out.add(x);
        else walk(x);
      }
  };
  walk((parse(readFileSync(file, 'utf8')) as { components: unknown }).components);
  return [...out].sort();
}

/** Long labels: several places a supplier runs on, long ids, a long supplier with a short region. */
const LONG = map({
  name: 'Long labels',
  services: {
    'customer-facing-storefront': { criticality: 'critical', dependsOn: ['payments-gateway', 'erp'] },
  },
  components: {
    'payments-gateway': {
      provider: 'stripe',
      kind: 'payment',
      runsOn: [
        { provider: 'aws', region: 'eu-west-3' },
        { provider: 'aws', region: 'eu-west-1' },
        { provider: 'aws', region: 'us-east-1' },
        { provider: 'gcp', region: 'europe-west9' },
      ],
    },
    erp: {
      provider: 'a-regional-hosting-cooperative-of-alsace',
      region: 'sbg',
      service: 'dedicated-server',
      zone: 'sbg-rack-12-room-3',
    },
  },
});

/** In the page: each text of the drawing that spills out of its box, and the header's overflow. */
const CUT_SCRIPT = `(() => {
  const cut = [];
  const within = (t, r, what) => {
    const b = t.getBBox();
    const x = r.x.baseVal.value, w = r.width.baseVal.value;
    if (b.x < x - 0.5 || b.x + b.width > x + w + 0.5) cut.push(what + ': ' + t.textContent + ' (text ' + [b.x, b.width].join('+') + ', box ' + [x, w].join('+') + ')');
  };
  for (const g of document.querySelectorAll('svg.map g.node')) {
    const r = g.querySelector(':scope > rect');
    for (const t of g.querySelectorAll(':scope > text')) within(t, r, 'node ' + g.dataset.id);
    for (const b of g.querySelectorAll(':scope > g.badge')) within(b.querySelector('text'), b.querySelector('rect'), 'badge');
  }
  for (const g of document.querySelectorAll('svg.map g.cluster'))
    within(g.querySelector('text'), g.querySelector('rect'), 'cluster');
  const sub = document.querySelector('p.sub');
  const main = document.querySelector('main');
  return {
    cut,
    header: sub.textContent,
    overflow: sub.scrollWidth > sub.clientWidth || main.scrollWidth > main.clientWidth || document.documentElement.scrollWidth > document.documentElement.clientWidth,
  };
})()`;

interface Cut {
  readonly cut: string[];
  readonly header: string;
  readonly overflow: boolean;
}

describe('HTML report: every provider in the header, no label cut (Chromium)', () => {
  let browser: Browser;
  before(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
      ],
    });
  });
  after(async () => {
    await browser?.close();
  });

  async function measure(file: string, shot?: string): Promise<Cut> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`file://${file}`);
      const m: Cut = await page.evaluate(CUT_SCRIPT);
      if (shot) {
        await page.screenshot({ path: shot, fullPage: true });
        process.stdout.write(`# screenshot: ${shot}\n`);
      }
      return m;
    } finally {
      await page.close();
    }
  }

  for (const example of EXAMPLES)
    for (const lang of ['en', 'fr'] as const)
      it(`examples/${example} (${lang})`, async () => {
        const dir = tempDir();
        const out = join(dir, 'report.html');
        const r = await runCli(
          [
            'analyze',
            '-c',
            join(ROOT, 'examples', example),
            '--format',
            'html',
            '--out',
            out,
            '--lang',
            lang,
          ],
          { cwd: dir },
        );
        assert.equal(r.code, 0, r.stderr);
        const m = await measure(out, join(dir, 'report.png'));
        const providers = providersIn(join(ROOT, 'examples', example));
        assert.ok(providers.length >= 3, `${example} names its providers`);
        for (const p of providers) assert.match(m.header, new RegExp(`\\b${p}\\b`), `${p} in the header`);
        assert.deepEqual(m.cut, []);
        assert.equal(m.overflow, false, 'the page does not overflow sideways');
      });

  for (const lang of ['en', 'fr'] as const)
    it(`long labels are drawn whole (${lang})`, async () => {
      const dir = tempDir();
      const file = join(dir, 'report.html');
      const graph = buildGraph(LONG);
      const html = await renderHtml({
        config: LONG,
        graph,
        lang,
        analysis: analyze(LONG, loadScenarios([]), graph),
      });
      assert.ok(!html.includes('…'), 'nothing shortened');
      writeFileSync(file, html);
      const m = await measure(file, join(dir, 'report.png'));
      for (const p of ['stripe', 'aws', 'gcp', 'a-regional-hosting-cooperative-of-alsace'])
        assert.ok(m.header.includes(p), `${p} in the header`);
      assert.deepEqual(m.cut, []);
      for (const place of ['aws/eu-west-3', 'aws/eu-west-1', 'aws/us-east-1', 'gcp/europe-west9'])
        assert.ok(html.includes(place), `${place} is written whole`);
      assert.equal(m.overflow, false);
    });
});

/**
 * The status page in a real Chromium, served by the real API: at desktop and phone widths in both
 * languages (screenshots in test-results/), with no serious or critical axe-core violation, no
 * horizontal scrolling on a phone, the same essentials with JavaScript off, and the Atom feed and
 * the badges read by the browser's own XML parser.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createApi } from '../src/server/api.ts';
import { type Listening, listen } from '../src/server/listen.ts';
import { statusPageSource } from '../src/web/status/load.ts';
import { staticSite } from '../src/web/status/site.ts';
import { pageLang, statusView } from '../src/web/status/view.ts';
import { Fake } from './helpers/api.ts';
import { DESKTOP, launchChromium, PHONE, resultsDir } from './helpers/chromium.ts';
import { leakyMap, SHOWN, storeFor } from './helpers/status-page.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/** axe-core in the page (the page's CSP forbids scripts: the context bypasses it for the test). */
async function axe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE });
  const result: { violations: AxeViolation[] } = await page.evaluate(
    'axe.run(document, { resultTypes: ["violations"] })',
  );
  return result.violations;
}

/** Parses XML with the browser's parser: the parse error, or what the checks asked for. */
const XML_SCRIPT = (text: string, type: string, checks: string) => `(() => {
  const doc = new DOMParser().parseFromString(${JSON.stringify(text)}, ${JSON.stringify(type)});
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) return { error: error.textContent };
  const root = doc.documentElement;
  return ${checks};
})()`;

interface FeedCheck {
  readonly error?: string;
  readonly ns: string;
  readonly name: string;
  readonly lang: string;
  readonly feed: string[];
  readonly self: string;
  readonly entries: { missing: string[]; id: string; updated: string; title: string; content: string }[];
}

const ATOM_CHECKS = `{
  ns: root.namespaceURI,
  name: root.localName,
  lang: root.getAttribute('xml:lang'),
  feed: ['id', 'title', 'updated', 'author'].filter((n) => !root.querySelector(':scope > ' + n)),
  self: root.querySelector(':scope > link[rel=self]')?.getAttribute('href'),
  entries: [...root.querySelectorAll(':scope > entry')].map((e) => ({
    missing: ['id', 'title', 'updated'].filter((n) => !e.querySelector(':scope > ' + n)),
    id: e.querySelector(':scope > id').textContent,
    updated: e.querySelector(':scope > updated').textContent,
    title: e.querySelector(':scope > title').textContent,
    content: e.querySelector(':scope > content')?.textContent ?? '',
  })),
}`;

describe('the status page in Chromium', () => {
  let browser: Browser;
  let server: Listening;
  const fake = new Fake();
  const config = leakyMap();
  const page = config.statusPage!;
  const states = new Map([
    ['checkout', 'DOWN' as const],
    ['api', 'UP' as const],
  ]);
  let source: ReturnType<typeof statusPageSource>;

  before(async () => {
    const store = await storeFor(fake.clock.now());
    source = statusPageSource({
      page,
      lang: pageLang(page, config.lang),
      store,
      now: () => fake.clock.now(),
      liveStates: () => states,
    });
    server = await listen(createApi({ ...fake.deps(), statusPage: source }), '127.0.0.1', 0);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const lang of ['en', 'fr'] as const) {
    for (const [width, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      it(`reads well in ${lang} at ${width} width, with no serious accessibility problem`, async () => {
        const context = await browser.newContext({
          viewport,
          bypassCSP: true,
          ...(width === 'phone' ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
        });
        const p = await context.newPage();
        const errors: string[] = [];
        p.on('pageerror', (e) => errors.push(e.message));
        p.on('console', (m) => {
          if (m.type() === 'error') errors.push(m.text());
        });
        const res = await p.goto(`${server.url}/status?lang=${lang}`);
        assert.equal(res?.status(), 200);
        assert.deepEqual(errors, []);
        const layout: { scroll: number; inner: number; bars: number; labelled: string[] } =
          await p.evaluate(`({
          scroll: document.documentElement.scrollWidth,
          inner: document.documentElement.clientWidth,
          bars: document.querySelectorAll('svg.bars rect').length,
          labelled: [...document.querySelectorAll('svg.bars')].map((s) => document.getElementById(s.getAttribute('aria-labelledby'))?.textContent ?? ''),
        })`);
        assert.ok(layout.scroll <= layout.inner, `no horizontal scroll (${layout.scroll} > ${layout.inner})`);
        assert.equal(layout.bars, SHOWN.length * 90);
        for (const label of layout.labelled)
          assert.match(label, lang === 'en' ? /^Last 90 days: / : /^90 derniers jours : /);
        const shot = join(resultsDir(), `status-page-${lang}-${width}.png`);
        await p.screenshot({ path: shot, fullPage: true });
        assert.ok(statSync(shot).size > 10_000, 'a real screenshot');
        process.stdout.write(`# screenshot: ${shot}\n`);
        const violations = (await axe(p)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.deepEqual(
          violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
          [],
        );
        await context.close();
      });
    }
  }

  it('shows the essentials without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
    const p = await context.newPage();
    await p.goto(`${server.url}/status?lang=fr`);
    const text = (await p.locator('main').textContent()) ?? '';
    assert.match(text, /Certains services sont en panne/);
    assert.match(text, /Paiement en ligne\s*✕\s*En panne/);
    assert.match(text, /Public API\s*✓\s*Opérationnel/);
    assert.match(text, /Incidents en cours/);
    await p.getByRole('link', { name: 'English' }).click();
    assert.match((await p.locator('main').textContent()) ?? '', /Some services are down/);
    await context.close();
  });

  it('serves an Atom feed the browser’s XML parser reads, with every element Atom requires', async () => {
    const p = await browser.newPage();
    await p.goto(`${server.url}/status?lang=en`);
    for (const lang of ['en', 'fr'] as const) {
      const text = await (await fetch(`${server.url}/status/feed.atom?lang=${lang}`)).text();
      const feed: FeedCheck = await p.evaluate(XML_SCRIPT(text, 'application/xml', ATOM_CHECKS));
      assert.equal(feed.error, undefined, String(feed.error));
      assert.equal(feed.ns, 'http://www.w3.org/2005/Atom');
      assert.equal(feed.name, 'feed');
      assert.equal(feed.lang, lang);
      assert.deepEqual(feed.feed, []);
      assert.equal(feed.self, `/status/feed.atom?lang=${lang}`);
      // The two shown incidents and the planned maintenance.
      assert.equal(feed.entries.length, 3);
      for (const e of feed.entries) {
        assert.deepEqual(e.missing, []);
        assert.match(e.id, /^urn:bascule:status:(incident|maintenance):/);
        assert.ok(!Number.isNaN(Date.parse(e.updated)));
      }
      const incident = feed.entries.find((e) => e.id.includes(':incident:'))!;
      assert.match(
        incident.title,
        lang === 'en' ? /^Online payment: outage$/ : /^Paiement en ligne : panne$/,
      );
      assert.match(incident.content, /<strong>/, 'the updates, as escaped HTML');
      const planned = feed.entries.find((e) => e.id.includes(':maintenance:'))!;
      assert.match(planned.title, lang === 'en' ? /Planned API upgrade/ : /Mise à jour prévue de l’API/);
    }
    // The exported feeds too, and a text with a control character still makes well-formed XML.
    const view = statusView({ ...page, title: 'Acme \u0007 <status> & "co"' }, 'en', await source.read());
    for (const f of staticSite(view).filter((x) => x.path.endsWith('.atom'))) {
      const feed: FeedCheck = await p.evaluate(XML_SCRIPT(f.body, 'application/xml', ATOM_CHECKS));
      assert.equal(feed.error, undefined, `${f.path}: ${feed.error}`);
    }
    await p.close();
  });

  it('draws each badge as valid SVG with an accessible title', async () => {
    const p = await browser.newPage();
    await p.goto(`${server.url}/status`);
    for (const id of SHOWN) {
      for (const lang of ['en', 'fr']) {
        const text = await (await fetch(`${server.url}/status/badge/${id}.svg?lang=${lang}`)).text();
        const svg: { error?: string; title: string; role: string; label: string; width: number } =
          await p.evaluate(
            XML_SCRIPT(
              text,
              'image/svg+xml',
              `({ title: root.querySelector('title')?.textContent, role: root.getAttribute('role'), label: root.getAttribute('aria-label'), width: Number(root.getAttribute('width')) })`,
            ),
          );
        assert.equal(svg.error, undefined, String(svg.error));
        assert.equal(svg.role, 'img');
        assert.equal(svg.title, svg.label);
        assert.ok(svg.width > 60);
      }
    }
    const badge = await browser.newPage({ viewport: { width: 400, height: 80 } });
    await badge.setContent(
      `<body style="margin:8px">${SHOWN.map((id) => `<img src="${server.url}/status/badge/${id}.svg?lang=fr" alt="">`).join(' ')}</body>`,
    );
    await badge.waitForFunction('[...document.images].every((i) => i.complete && i.naturalWidth > 0)');
    await badge.screenshot({ path: join(resultsDir(), 'status-page-badges.png') });
    await badge.close();
    await p.close();
  });
});

/**
 * The HTML report opens with the top actions (issue 10, item 7): measured in a real Chromium, the
 * actions section is the first heading of the page and sits above the score cards, in both languages.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, chromium } from 'playwright-core';
import { runCli, tempDir } from './helpers/cli.ts';

const ROOT = new URL('..', import.meta.url).pathname;

interface Seen {
  readonly firstHeading: string;
  readonly sectionTop: number;
  readonly cardsTop: number;
  readonly visible: boolean;
  readonly rows: string[][];
}

/** In the page: the first heading, where the actions and the score cards are, the actions' cells. */
const SEEN_SCRIPT = `(() => {
  const h2 = document.querySelector('main h2');
  const section = document.querySelector('section.actions');
  const cards = document.querySelector('.cards');
  const rows = [...(section ? section.querySelectorAll('tr') : [])].slice(1);
  return {
    firstHeading: h2 ? h2.textContent : '',
    sectionTop: section ? section.getBoundingClientRect().top : -1,
    cardsTop: cards ? cards.getBoundingClientRect().top : -1,
    visible: section ? section.getBoundingClientRect().top < window.innerHeight : false,
    rows: rows.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
  };
})()`;

describe('HTML report: the top actions come first (Chromium)', () => {
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

  for (const [lang, heading, first] of [
    ['en', 'Top actions', 'Keep a second supplier ready for each of auth0, stripe'],
    ['fr', 'Actions prioritaires', 'Gardez un second fournisseur prêt pour auth0, stripe'],
  ] as const) {
    it(`shows them at the top, in ${lang}`, async () => {
      const out = join(tempDir(), 'report.html');
      const r = await runCli(
        ['analyze', '-c', 'examples/startup-aws.yaml', '--format', 'html', '--out', out, '--lang', lang],
        { cwd: ROOT },
      );
      assert.equal(r.code, 0, r.stderr);
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      try {
        await page.goto(`file://${out}`);
        const seen = (await page.evaluate(SEEN_SCRIPT)) as Seen;
        assert.equal(seen.firstHeading, heading);
        assert.ok(seen.sectionTop >= 0 && seen.sectionTop < seen.cardsTop, JSON.stringify(seen));
        assert.ok(seen.visible, 'the actions are on the first screen');
        assert.equal(seen.rows.length, 5);
        assert.ok(seen.rows[0]![0]!.startsWith(first), seen.rows[0]![0]);
        assert.deepEqual(seen.rows[0]!.slice(1), ['33 → 55', 'checkout, back-office']);
      } finally {
        await page.close();
      }
    });
  }
});

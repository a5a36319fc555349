/**
 * Regenerates docs/report-example.png: the HTML report of examples/startup-aws.yaml in Debian's
 * Chromium, as the README shows it. `node --import tsx scripts/report-screenshot.ts [lang]`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../src/platform/chromium.ts';

const root = new URL('..', import.meta.url).pathname;
const lang = process.argv[2] ?? 'en';
const dir = mkdtempSync(join(tmpdir(), 'bascule-shot-'));
const html = join(dir, 'report.html');
execFileSync(
  process.execPath,
  [
    join(root, 'bin/bascule.js'),
    'analyze',
    '-c',
    'examples/startup-aws.yaml',
    '--format',
    'html',
    '--out',
    html,
    '--lang',
    lang,
  ],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  await page.goto(`file://${html}`);
  await page.screenshot({ path: join(root, 'docs/report-example.png') });
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}

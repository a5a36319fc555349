/**
 * Debian's Chromium driven by playwright-core for the browser tests: the flags that keep it from
 * reaching anything but loopback, axe-core run in a page (serious and critical violations only),
 * and screenshots under test-results/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

import { CHROMIUM_ARGS } from '../../src/platform/chromium.ts';

export { CHROMIUM_ARGS };

export const DESKTOP = { width: 1366, height: 768 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export const RESULTS = fileURLToPath(new URL('../../test-results/', import.meta.url));

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 30_000 });
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly nodes: readonly string[];
}

/**
 * axe-core's serious and critical violations on the page as it is now. Evaluated as strings
 * (through the DevTools protocol, which the page's CSP does not govern): tsx would add helpers to
 * a function that do not exist in the page.
 */
export async function axeViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE);
  const all: Violation[] = await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
       id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
     })))`,
  );
  return all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Saves a full-page screenshot as test-results/NAME.png; its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Where the tests leave their screenshots for people to look at (test-results/, not committed). */
export function resultsDir(): string {
  mkdirSync(RESULTS, { recursive: true });
  return RESULTS;
}

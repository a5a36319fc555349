/**
 * The plan as PDF: its HTML printed by Chromium (Debian's, driven by playwright-core; nothing is
 * downloaded), A4, with the plan's title and the page number in each page's footer. The page may
 * fetch nothing: every request but the page itself is refused.
 */
import type { Browser } from 'playwright-core';
import { fail } from '../errors.ts';
import { CHROMIUM_ARGS } from '../platform/chromium.ts';

/** How long Chromium may take to start, and to lay out and print the plan. */
const LAUNCH_TIMEOUT_MS = 30_000;
const PRINT_TIMEOUT_MS = 120_000;

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Prints the page; in a browser of its own, or in `shared` (tests print many plans with one). */
export async function planPdf(
  html: string,
  footer: string,
  executablePath: string,
  shared?: Browser,
): Promise<Uint8Array> {
  let browser: Browser;
  if (shared) browser = shared;
  else {
    const { chromium } = await import('playwright-core');
    try {
      browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: LAUNCH_TIMEOUT_MS });
    } catch (e) {
      throw fail('BASCULE_E_PLAN_PDF', { reason: reasonOf(e, executablePath) });
    }
  }
  let context: Awaited<ReturnType<Browser['newContext']>> | undefined;
  try {
    context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(PRINT_TIMEOUT_MS);
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font-size:8px;width:100%;padding:0 14mm;color:#475569;display:flex;justify-content:space-between;font-family:'DejaVu Sans',sans-serif"><span>${escapeHtml(footer)}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
      outline: true,
      tagged: true,
    });
  } catch (e) {
    throw fail('BASCULE_E_PLAN_PDF', { reason: reasonOf(e, executablePath) });
  } finally {
    await context?.close().catch(() => undefined);
    if (!shared) await browser.close().catch(() => undefined);
  }
}

/** The first line of Playwright's message (it adds logs and a call log below), without the stack. */
function reasonOf(e: unknown, executablePath: string): string {
  const message = e instanceof Error ? e.message : String(e);
  if (/ENOENT|doesn't exist|no such file/i.test(message)) return `${executablePath}: ENOENT`;
  return message.split('\n')[0]!.slice(0, 200);
}

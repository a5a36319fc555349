/**
 * The plan as PDF: its HTML printed by Chromium (Debian's, driven by playwright-core; nothing is
 * downloaded), A4, with the plan's title and the page number in each page's footer; then the table
 * of contents given its page numbers and the headings made bookmarks (pdf-finish.ts). The page may
 * fetch nothing: every request but the page itself is refused.
 *
 * Printed once, untagged: Chromium's tagged PDF (which its own outline needs) made the 1,000-service
 * plan 14 MB, 12 of them the structure tree, and took 6 s more to print.
 */
import type { Browser } from 'playwright-core';
import { fail } from '../errors.ts';
import { CHROMIUM_ARGS } from '../platform/chromium.ts';
import { PAGE_MARGIN_RIGHT_MM } from './html.ts';
import { finishPdf, type Heading, type TocMarks } from './pdf-finish.ts';

/** How long Chromium may take to start, and to lay out and print the plan. */
const LAUNCH_TIMEOUT_MS = 30_000;
const PRINT_TIMEOUT_MS = 120_000;

const TOC: TocMarks = { start: 'bascule-toc-start', end: 'bascule-toc-end' };

/**
 * Run in the page before printing: lists the headings, and makes Chromium write a named destination
 * for each of them and for two marks at the start and end of the table of contents (it writes one for
 * every element a link points to), with links of no size that change nothing on the page. A string:
 * tsx would add helpers to a function that do not exist in the page.
 */
const PREPARE = `(() => {
  const heads = [...document.querySelectorAll('main h2[id], main h3[id]')].map((h) => ({
    id: h.id, level: Number(h.tagName[1]), text: h.textContent.replace(/\\s+/g, ' ').trim(),
  }));
  const targets = heads.map((h) => h.id);
  const nav = document.querySelector('nav.toc');
  if (nav) {
    for (const [id, where] of [[${JSON.stringify(TOC.start)}, 'prepend'], [${JSON.stringify(TOC.end)}, 'append']]) {
      const mark = document.createElement('div');
      mark.id = id;
      mark.style.cssText = 'height:0;margin:0;padding:0;border:0';
      nav[where](mark);
      targets.push(id);
    }
  }
  const links = document.createElement('div');
  links.style.cssText = 'position:absolute;top:0;left:0;width:0;height:0;overflow:hidden';
  for (const id of targets) {
    const a = document.createElement('a');
    a.setAttribute('href', '#' + id);
    links.append(a);
  }
  document.body.append(links);
  return heads;
})()`;

const MM = 72 / 25.4;

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The steps of a print, timed (for the benchmark): launch, page (set the content), print, finish. */
export type PdfStep = 'launch' | 'page' | 'print' | 'finish';

/**
 * Prints the page; in a browser of its own, or in `shared` (tests print many plans with one).
 * `onStep` is told how long each step took, in ms.
 */
export async function planPdf(
  html: string,
  footer: string,
  executablePath: string,
  shared?: Browser,
  onStep?: (step: PdfStep, ms: number) => void,
): Promise<Uint8Array> {
  let t = performance.now();
  const step = (name: PdfStep) => {
    const now = performance.now();
    onStep?.(name, now - t);
    t = now;
  };
  let browser: Browser;
  if (shared) browser = shared;
  else {
    const { chromium } = await import('playwright-core');
    try {
      browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: LAUNCH_TIMEOUT_MS });
    } catch (e) {
      throw fail('BASCULE_E_PLAN_PDF', { reason: reasonOf(e, executablePath) });
    }
    step('launch');
  }
  let context: Awaited<ReturnType<Browser['newContext']>> | undefined;
  try {
    context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(PRINT_TIMEOUT_MS);
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    const headings: Heading[] = await page.evaluate(PREPARE);
    step('page');
    const printed = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font-size:8px;width:100%;padding:0 14mm;color:#475569;display:flex;justify-content:space-between;font-family:'DejaVu Sans',sans-serif"><span>${escapeHtml(footer)}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
    });
    step('print');
    const finished = await finishPdf(printed, headings, TOC, PAGE_MARGIN_RIGHT_MM * MM);
    step('finish');
    return finished;
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

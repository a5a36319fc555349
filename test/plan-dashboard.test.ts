/**
 * The plan served by a real daemon (GET /api/v1/plan) and shown in the dashboard: behind the
 * operator token or the session; Markdown, HTML under its own CSP (framed by the dashboard only),
 * PDF printed by Chromium, 503 BASCULE_E_HTTP_PLAN_PDF without it; written by a worker thread
 * (the daemon's event loop, in this process, never waits long), kept until a record changes
 * (ETag, 304), written again when a backup run is recorded. Then the dashboard's "Plan" / « PCA »
 * view in a real Chromium, in both languages and at 390 px: the plan in its frame, the download
 * links; screenshots in test-results/plan-dashboard-*.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { buildDashboard } from '../scripts/build-web.ts';
import { Daemon } from '../src/daemon/daemon.ts';
import { createLogger } from '../src/platform/log.ts';
import { DESKTOP, launchChromium, PHONE, screenshot } from './helpers/chromium.ts';
import { tempDir } from './helpers/cli.ts';
import { map } from './helpers/map.ts';

const TOKEN = 'operator-token-for-the-plan';
const bearer = { authorization: `Bearer ${TOKEN}` };
const closers: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const c of closers.reverse()) await c().catch(() => undefined);
});

const CONFIG = map({
  name: 'Acme',
  services: {
    shop: { name: 'Boutique', criticality: 'critical', rto: '15m', rpo: '1h', dependsOn: ['web', 'db'] },
  },
  components: {
    web: { provider: 'ovh', region: 'sbg', kind: 'compute' },
    db: { provider: 'ovh', region: 'sbg', kind: 'database' },
    's3-scw': { provider: 'scaleway', region: 'fr-par', kind: 'storage' },
  },
  checks: { web: { component: 'web', tcp: '127.0.0.1:9', interval: '1m' } },
  backups: {
    targets: {
      offsite: {
        repository: 's3:https://s3.fr-par.scw.cloud/acme',
        password: { env: 'PW' },
        component: 's3-scw',
      },
    },
    datasets: { 'shop-db': { component: 'db', paths: ['/srv/db'], to: ['offsite'], every: '30m' } },
  },
});

async function get(d: Daemon, path: string, headers: Record<string, string> = bearer) {
  const res = await fetch(`${d.url}${path}`, { headers, signal: AbortSignal.timeout(120_000) });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

describe('the plan served by the daemon', { timeout: 240_000 }, () => {
  let d: Daemon;
  before(async () => {
    await buildDashboard();
    d = await Daemon.start({
      config: CONFIG,
      baseDir: tempDir(),
      listen: '127.0.0.1:0',
      store: 'sqlite',
      lang: 'en',
      log: createLogger('silent'),
      env: { BASCULE_TOKEN: TOKEN },
    });
    closers.push(() => d.stop());
  });

  it('refuses a request without the token, and a format it does not know', async () => {
    assert.equal((await get(d, '/api/v1/plan', {})).res.status, 401);
    const bad = await get(d, '/api/v1/plan?format=docx');
    assert.equal(bad.res.status, 400);
  });

  it('writes the HTML in a worker: the event loop never waits long, then it is kept (ETag, 304)', async () => {
    // The daemon runs in this process: a timer that fires late measures how long its loop was held.
    let worst = 0;
    let last = performance.now();
    const probe = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last - 10);
      last = now;
    }, 10);
    const t0 = performance.now();
    const first = await get(d, '/api/v1/plan?lang=en&format=html');
    const firstMs = performance.now() - t0;
    clearInterval(probe);
    assert.equal(first.res.status, 200);
    assert.equal(first.res.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(
      first.res.headers.get('content-security-policy') ?? '',
      /default-src 'none'.*frame-ancestors 'self'/,
    );
    const html = first.body.toString('utf8');
    assert.ok(html.includes('Business continuity plan — Acme'));
    assert.ok(html.includes('RPO 1 h — no good copy recorded: NOT met'), 'the backup records were read');
    assert.ok(
      worst < 150,
      `the event loop waited ${Math.round(worst)} ms (plan written in ${Math.round(firstMs)} ms)`,
    );
    console.log(
      `# plan HTML written in ${Math.round(firstMs)} ms; the event loop waited at most ${Math.round(worst)} ms`,
    );
    const etag = first.res.headers.get('etag')!;
    const t1 = performance.now();
    const again = await get(d, '/api/v1/plan?lang=en&format=html', { ...bearer, 'if-none-match': etag });
    assert.equal(again.res.status, 304);
    assert.ok(performance.now() - t1 < 500, 'served from what was kept');
  });

  it('writes it again once a backup run is recorded', async () => {
    const before = await get(d, '/api/v1/plan?lang=fr&format=md');
    assert.equal(before.res.status, 200);
    assert.equal(before.res.headers.get('content-type'), 'text/markdown; charset=utf-8');
    assert.match(before.body.toString('utf8'), /RPO 1 h — aucune copie valide enregistrée : NON respecté/);
    const now = Date.now();
    await d.store.saveBackupRun({
      id: `shop-db@offsite@backup@${now}`,
      dataset: 'shop-db',
      target: 'offsite',
      kind: 'backup',
      startedAt: now - 60_000,
      finishedAt: now - 10 * 60_000 + 60_000,
      ok: true,
      snapshot: 'abc123',
    });
    const after = await get(d, '/api/v1/plan?lang=fr&format=md');
    assert.notEqual(after.res.headers.get('etag'), before.res.headers.get('etag'));
    assert.match(
      after.body.toString('utf8'),
      /RPO 1 h — dernière copie hors site valide vieille de 9 min : respecté/,
    );
  });

  it('prints the PDF with Chromium', async () => {
    const pdf = await get(d, '/api/v1/plan?lang=en&format=pdf');
    assert.equal(pdf.res.status, 200, pdf.body.toString('utf8'));
    assert.equal(pdf.res.headers.get('content-type'), 'application/pdf');
    assert.equal(pdf.body.subarray(0, 5).toString('latin1'), '%PDF-');
  });

  it('shows the plan in the dashboard, with its download links, in both languages and at 390 px', async () => {
    const browser: Browser = await launchChromium();
    closers.push(() => browser.close());
    for (const [lang, locale, viewport, name] of [
      ['en', 'en-GB', DESKTOP, 'plan-dashboard-en'],
      ['fr', 'fr-FR', DESKTOP, 'plan-dashboard-fr'],
      ['fr', 'fr-FR', PHONE, 'plan-dashboard-fr-phone'],
    ] as const) {
      const context = await browser.newContext({ viewport, locale });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${d.url}/`);
      await page.locator('#token').fill(TOKEN);
      await page.locator('form button[type=submit]').click();
      await page.locator('nav').waitFor();
      await page.getByRole('link', { name: lang === 'fr' ? 'PCA' : 'Plan', exact: true }).click();
      await page.locator('#plan-title').waitFor();
      assert.equal(
        await page.locator('#plan-title').textContent(),
        lang === 'fr' ? 'Plan de continuité d’activité' : 'Business continuity plan',
      );
      const frame = page.frameLocator('iframe.plan-frame');
      const title =
        lang === 'fr' ? 'Plan de continuité d’activité — Acme' : 'Business continuity plan — Acme';
      await frame.locator('h1', { hasText: title }).waitFor({ timeout: 60_000 });
      // The plan's own page fits its frame: a wide table scrolls inside itself, the page never sideways.
      const fits = await frame
        .locator('html')
        .evaluate((e) => [e.scrollWidth, e.clientWidth, e.lastElementChild?.scrollWidth ?? 0]);
      assert.ok(
        fits[0]! <= fits[1]! + 1 && fits[2]! <= fits[1]! + 1,
        `the plan is ${Math.max(fits[0]!, fits[2]!)} px wide in a ${fits[1]} px frame`,
      );
      for (const f of ['md', 'html', 'pdf'])
        assert.equal(
          await page.locator(`a[data-format="${f}"]`).getAttribute('href'),
          `/api/v1/plan?lang=${lang}&format=${f}`,
        );
      const download = page.waitForEvent('download');
      await page.locator('a[data-format="md"]').click();
      const md = await (await download).createReadStream();
      let text = '';
      for await (const chunk of md) text += chunk;
      assert.ok(text.startsWith(`# ${title}`), text.slice(0, 80));
      await screenshot(page, name);
      assert.deepEqual(errors, []);
      await context.close();
    }
  });
});

describe('the plan as PDF without Chromium', () => {
  it('answers 503 with its code, in the caller’s language', async () => {
    const d = await Daemon.start({
      config: CONFIG,
      baseDir: tempDir(),
      listen: '127.0.0.1:0',
      store: 'memory',
      lang: 'en',
      log: createLogger('silent'),
      env: { BASCULE_TOKEN: TOKEN, BASCULE_CHROMIUM: '/nonexistent/chromium' },
    });
    try {
      const r = await get(d, '/api/v1/plan?format=pdf', { ...bearer, 'accept-language': 'fr' });
      assert.equal(r.res.status, 503);
      const body = JSON.parse(r.body.toString('utf8')) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'BASCULE_E_HTTP_PLAN_PDF');
      assert.match(
        body.error.message,
        /impossible d’imprimer le plan en PDF ici \(\/nonexistent\/chromium: not found\)/,
      );
    } finally {
      await d.stop();
    }
  });
});

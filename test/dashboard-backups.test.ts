/**
 * The dashboard's Backups view in a real Chromium against a real daemon (SQLite store seeded with
 * Bascule's records, a BackupJobs written here that waits for the test to let a run end): each
 * dataset's state, a bar per target drawn against the RPO and twice the RPO, the 3-2-1-1-0 verdict
 * with its reasons, "Run now" confirmed first, the job shown as running and then its end over the
 * live feed; English and French; no sideways scroll at 390 px; screenshots in
 * test-results/dashboard-backups-*.png.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildDashboard } from '../scripts/build-web.ts';
import type { BackupJobs, DatasetRunOutcome, DatasetVerifyOutcome } from '../src/backup/jobs.ts';
import { Daemon } from '../src/daemon/daemon.ts';
import { createLogger } from '../src/platform/log.ts';
import type { BackupRun } from '../src/store/backup-records.ts';
import { openStore } from '../src/store/open.ts';
import type { Store } from '../src/store/store.ts';
import { axeViolations, DESKTOP, launchChromium, PHONE, screenshot } from './helpers/chromium.ts';
import { tempDir } from './helpers/cli.ts';
import { map } from './helpers/map.ts';

const TOKEN = 'operator-token-for-the-backups-view';
const M = 60_000;
const log = createLogger('silent');

const closers: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const c of closers.reverse()) await c().catch(() => undefined);
});

const config = map({
  services: { shop: { criticality: 'critical', rpo: '1h', dependsOn: ['db', 'files'] } },
  components: {
    db: { provider: 'ovh', region: 'sbg', kind: 'database' },
    files: { provider: 'ovh', region: 'sbg', kind: 'storage' },
    nas: { provider: 'onprem', region: 'paris', kind: 'storage' },
    s3: { provider: 'scaleway', region: 'fr-par', kind: 'storage' },
  },
  backups: {
    targets: {
      nas: { repository: '/srv/nas/bascule', password: { env: 'PW' }, component: 'nas' },
      s3: { repository: 's3:https://s3.fr-par.scw.cloud/acme', password: { env: 'PW' }, component: 's3' },
    },
    datasets: {
      'shop-db': {
        component: 'db',
        paths: ['/var/lib/db'],
        to: ['nas', 's3'],
        every: '1h',
        verify: { every: '1d', restore: true },
      },
      files: { component: 'files', paths: ['/srv/files'], to: ['nas'], every: '1d', rpo: '1h' },
    },
  },
});

const run = (
  dataset: string,
  target: string,
  kind: BackupRun['kind'],
  agoMs: number,
  ok = true,
): BackupRun => {
  const at = Date.now() - agoMs;
  return {
    id: `${dataset}@${target}@${kind}@${at}`,
    dataset,
    target,
    kind,
    startedAt: at - M,
    finishedAt: at,
    ok,
    ...(ok ? { snapshot: `${target}${String(at).slice(-6)}` } : {}),
  };
};

/** Runs wait for `release()`; then they record a good backup and copy. */
class GatedJobs implements BackupJobs {
  private gate: (() => void) | undefined;
  constructor(private readonly store: Store) {}
  release(): void {
    this.gate?.();
  }
  async run(dataset: string): Promise<DatasetRunOutcome> {
    const startedAt = Date.now();
    await new Promise<void>((resolve) => {
      this.gate = resolve;
    });
    const runs = [run(dataset, 'nas', 'backup', 0), run(dataset, 's3', 'copy', 0)];
    for (const r of runs) await this.store.saveBackupRun(r);
    return { dataset, ok: true, startedAt, finishedAt: Date.now(), runs };
  }
  async verify(dataset: string): Promise<DatasetVerifyOutcome> {
    const now = Date.now();
    return { dataset, ok: true, startedAt: now, finishedAt: now, checks: [], restores: [] };
  }
}

async function login(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.locator('#token').fill(TOKEN);
  await page.locator('form button[type=submit]').click();
  await page.locator('nav a[href="#backups"]').waitFor({ timeout: 10_000 });
}

describe('the Backups view in Chromium', { timeout: 120_000 }, () => {
  let browser: Browser;
  let d: Daemon;
  let jobs: GatedJobs;
  before(async () => {
    await buildDashboard();
    browser = await launchChromium();
    closers.push(() => browser.close());
    const dir = tempDir();
    const dataDir = join(dir, '.bascule');
    const store = await openStore('sqlite', dataDir);
    await store.migrate();
    // shop-db: on the NAS 20 min ago (ok), on S3 80 min ago (warn: between 1 and 2 RPOs), verified
    // with a restore test that differed; files: 3 h ago on the NAS (breach), not due for a day.
    await store.saveBackupRun(run('shop-db', 'nas', 'backup', 20 * M));
    await store.saveBackupRun(run('shop-db', 's3', 'copy', 80 * M));
    await store.saveBackupRun(run('files', 'nas', 'backup', 180 * M));
    for (const target of ['nas', 's3'])
      await store.recordBackupEvent({
        type: 'check',
        target,
        at: Date.now() - 2 * M,
        ok: true,
        readData: '5%',
      });
    await store.recordBackupEvent({
      type: 'restore',
      dataset: 'shop-db',
      target: 'nas',
      snapshot: 'nas000001',
      at: Date.now() - 2 * M,
      ok: false,
      mismatch: 'orders: 1200 rows, expected 1210',
    });
    jobs = new GatedJobs(store);
    d = await Daemon.start({
      config,
      baseDir: dir,
      dataDir,
      store,
      listen: '127.0.0.1:0',
      lang: 'en',
      log,
      env: { BASCULE_TOKEN: TOKEN, PW: 'restic-secret-pw' },
      backupJobs: jobs,
      backupTiming: { tickMs: 200 },
    });
    closers.push(async () => {
      jobs.release();
      await d.stop();
    });
  });

  it('shows each dataset against its RPO, runs one on confirmation, follows its end over the live feed', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
    closers.push(() => context.close());
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, d.url);
    await page.locator('nav a[href="#backups"]').click();
    const shop = page.locator('article.bk-dataset[data-dataset="shop-db"]');
    await shop.waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('nav a[href="#backups"]').textContent(), 'Backups');
    assert.equal(await shop.getAttribute('data-state'), 'warn');
    assert.equal(await page.locator('article[data-dataset="files"]').getAttribute('data-state'), 'breach');
    // The bars: the NAS copy a ninth of the way (20 min of 3 h), S3's between the two marks.
    const share = async (target: string) =>
      Number(await shop.locator(`li[data-target="${target}"] rect.bk-age`).getAttribute('data-share'));
    assert.ok(Math.abs((await share('nas')) - 20 / 180) < 0.02, `nas ${await share('nas')}`);
    const s3 = await share('s3');
    assert.ok(s3 > 1 / 3 && s3 < 2 / 3, `s3 ${s3}`);
    assert.equal(await shop.locator('li[data-target="s3"]').getAttribute('data-state'), 'warn');
    assert.equal(await shop.locator('li[data-target="nas"] line.bk-mark').count(), 2);
    assert.equal(await shop.locator('[data-rule]').getAttribute('data-rule'), 'no');
    assert.match(
      (await shop.locator('[data-reason="verify-restore"]').textContent()) ?? '',
      /restore test failed/,
    );
    assert.match((await shop.textContent()) ?? '', /orders: 1200 rows, expected 1210/);
    await screenshot(page, 'dashboard-backups-desktop-en');

    // A script in the page with the session cookie but without the CSRF token is refused, and starts nothing.
    const fromPage = await page.evaluate(
      "fetch('api/v1/backups/files/run', { method: 'POST' }).then((r) => r.status)",
    );
    assert.equal(fromPage, 403);
    // Run now: asked first; cancel starts nothing.
    await shop.locator('button[data-action="run"]').click();
    assert.match((await shop.locator('.bk-confirm p').textContent()) ?? '', /^Back up shop-db now/);
    await shop.locator('button[data-confirm="no"]').click();
    assert.equal(await shop.locator('.bk-running').count(), 0);
    await shop.locator('button[data-action="run"]').click();
    await shop.locator('button[data-confirm="yes"]').click();
    await shop.locator('.bk-running').waitFor({ timeout: 5_000 });
    assert.match((await shop.locator('.bk-running').textContent()) ?? '', /^Backing up since/);
    assert.ok(await shop.locator('button[data-action="verify"]').isDisabled(), 'one job per dataset');
    // The run ends: the live feed tells, the view reads again: both copies fresh, the dataset ok.
    jobs.release();
    await page
      .locator('article.bk-dataset[data-dataset="shop-db"][data-state="ok"]')
      .waitFor({ timeout: 5_000 });
    assert.equal(await shop.locator('.bk-running').count(), 0);
    assert.equal(await shop.locator('li[data-target="s3"]').getAttribute('data-state'), 'ok');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
  });

  it('reads in French, and fits a 390 px screen without sideways scroll', async () => {
    for (const [lang, locale] of [
      ['fr', 'fr-FR'],
      ['en', 'en-GB'],
    ] as const) {
      const context = await browser.newContext({ viewport: PHONE, locale });
      closers.push(() => context.close());
      const page = await context.newPage();
      await login(page, d.url);
      await page.goto(`${d.url}/#backups`);
      const files = page.locator('article.bk-dataset[data-dataset="files"]');
      await files.waitFor({ timeout: 10_000 });
      if (lang === 'fr') {
        assert.equal(await page.locator('nav a[href="#backups"]').textContent(), 'Sauvegardes');
        assert.match((await files.locator('.tag.bk-breach').first().textContent()) ?? '', /hors RPO/);
        assert.equal(
          await files.locator('button[data-action="run"]').textContent(),
          'Sauvegarder maintenant',
        );
        assert.match((await files.textContent()) ?? '', /RPO 1 h(?! 0)/);
      }
      const [scrollWidth, innerWidth] = (await page.evaluate(
        '[Math.max(document.documentElement.scrollWidth, document.body.scrollWidth), window.innerWidth]',
      )) as [number, number];
      assert.ok(scrollWidth <= innerWidth, `${lang}: ${scrollWidth} px wide on a ${innerWidth} px screen`);
      await screenshot(page, `dashboard-backups-phone-${lang}`);
    }
  });
});

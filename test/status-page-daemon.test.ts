/**
 * The status page end to end: `bascule run` (in process) probing a real backend process, the page
 * served at /status and exported on every change (statusPage.export.onChange); the backend is
 * SIGKILLed and, within seconds, the page in Chromium shows the service down with an incident, and
 * so do the exported files. Then `bascule status-page export` writes the same page from the data
 * directory the daemon left, and says clearly what is wrong when it cannot.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { stringify } from 'yaml';
import { Daemon } from '../src/daemon/daemon.ts';
import { loadConfig } from '../src/model/load.ts';
import { createLogger } from '../src/platform/log.ts';
import { MemoryStore } from '../src/store/memory.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import type { WatchRecord } from '../src/web/status/input.ts';
import { readStatusResults } from '../src/web/status/load.ts';
import { parseWatched, WATCHED_EVERY_MS, WATCHED_KEY, watchedDoc } from '../src/web/status/watched.ts';
import { type Backend, startBackend } from './helpers/backends.ts';
import { DESKTOP, launchChromium, PHONE, resultsDir } from './helpers/chromium.ts';
import { runCli, tempDir } from './helpers/cli.ts';
import { waitFor } from './helpers/daemon.ts';

const OPERATOR = 'operator-token-5c2e91';

interface PageJson {
  services: { id: string; name: string; state: string; maintenance: boolean; uptime: number | null }[];
  incidents: { service: string; status: string; closedAt: string | null }[];
}

function writeMap(dir: string, backend: string, extra: Record<string, unknown> = {}): string {
  const text = stringify({
    version: 1,
    name: 'Shop internals',
    services: { checkout: { dependsOn: ['web-vm-a1'] }, backoffice: { dependsOn: ['web-vm-a1'] } },
    components: { 'web-vm-a1': { provider: 'hetzner', region: 'fsn1' } },
    checks: {
      'web-http': {
        component: 'web-vm-a1',
        http: `http://${backend}/`,
        interval: '1s',
        timeout: '500ms',
        failAfter: 2,
        recoverAfter: 1,
      },
    },
    runtime: { listen: '127.0.0.1:0', dataDir: 'data' },
    statusPage: {
      title: { en: 'Shop status', fr: 'État de la boutique' },
      show: { checkout: { name: { en: 'Checkout', fr: 'Paiement' } } },
      export: { dir: 'public', onChange: true },
    },
    ...extra,
  });
  writeFileSync(join(dir, 'bascule.yaml'), text);
  return text;
}

describe('the status page of a running daemon', () => {
  const dir = tempDir();
  let backend: Backend;
  let daemon: Daemon;
  let browser: Browser;
  let startedAt = 0;
  const exported = (file: string) => join(dir, 'public', file);
  const readExport = (): PageJson | undefined =>
    existsSync(exported('status.json'))
      ? (JSON.parse(readFileSync(exported('status.json'), 'utf8')) as PageJson)
      : undefined;

  before(async () => {
    backend = await startBackend('shop', '127.0.0.2');
    startedAt = Date.now();
    const r = loadConfig(writeMap(dir, backend.address), 'bascule.yaml');
    assert.ok(r.ok);
    daemon = await Daemon.start({
      config: r.config,
      baseDir: dir,
      lang: 'en',
      log: createLogger('silent'),
      env: { BASCULE_TOKEN: OPERATOR },
      flushMs: 50,
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await daemon?.stop();
    await backend?.kill();
  });

  it('shows the service down and its incident within seconds of the backend dying, served and exported', async () => {
    const json = async () => (await (await fetch(`${daemon.url}/status/status.json`)).json()) as PageJson;
    await waitFor('checkout UP on the page', async () => (await json()).services[0]?.state === 'UP');
    await waitFor('the export written, UP', () => readExport()?.services[0]?.state === 'UP');
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${daemon.url}/status`);
    assert.match((await page.locator('main').textContent()) ?? '', /All services are operational/);

    const killedAt = Date.now();
    await backend.kill();
    await waitFor(
      'the page to show checkout down with an incident',
      async () => {
        await page.reload();
        const text = (await page.locator('main').textContent()) ?? '';
        return (
          /Some services are down/.test(text) &&
          /Current incidents/.test(text) &&
          /Checkout: outage/.test(text)
        );
      },
      15_000,
    );
    const seconds = (Date.now() - killedAt) / 1000;
    process.stdout.write(`# the page showed the outage ${seconds.toFixed(1)} s after the kill\n`);
    assert.ok(seconds < 10, `within seconds (${seconds} s)`);
    await page.screenshot({ path: join(resultsDir(), 'status-page-daemon-down.png'), fullPage: true });
    const live = await json();
    assert.deepEqual(live.services, [
      {
        id: 'checkout',
        name: 'Checkout',
        state: 'DOWN',
        maintenance: false,
        uptime: live.services[0]!.uptime,
      },
    ]);
    assert.deepEqual(
      live.incidents.map((i) => [i.service, i.status, i.closedAt]),
      [['checkout', 'investigating', null]],
    );

    await waitFor('the export to follow', () => readExport()?.services[0]?.state === 'DOWN', 10_000);
    const files = readExport()!;
    assert.deepEqual(
      files.incidents.map((i) => [i.service, i.status]),
      [['checkout', 'investigating']],
    );
    const html = readFileSync(exported('index.html'), 'utf8');
    assert.match(html, /Checkout: outage/);
    for (const f of ['index.fr.html', 'feed.atom', 'feed.fr.atom', 'badge/checkout.svg'])
      assert.ok(existsSync(exported(f)), f);
    assert.ok(!existsSync(exported('badge/backoffice.svg')), 'a hidden service has no badge');
    const phone = await browser.newPage({ viewport: PHONE });
    await phone.goto(`file://${exported('index.fr.html')}`);
    assert.match((await phone.locator('main').textContent()) ?? '', /Paiement : panne/);
    await phone.screenshot({ path: join(resultsDir(), 'status-page-export-phone.png'), fullPage: true });
    await phone.close();
    await page.close();
  });

  it('is written again from the data directory by `bascule status-page export`', async () => {
    const stoppedAt = Date.now();
    await daemon.stop();
    // The daemon left the record of its run: from its start to its stop.
    const db = new SqliteStore(join(dir, 'data', 'bascule.db'));
    const record = parseWatched(await db.loadState(WATCHED_KEY));
    await db.close();
    assert.equal(record?.runs.length, 1);
    assert.ok(record!.runs[0]!.from < startedAt + 5_000 && record!.runs[0]!.from >= startedAt - 5_000);
    assert.ok(Math.abs(record!.runs[0]!.to - stoppedAt) < 5_000, 'extended at stop');
    const out = join(dir, 'elsewhere');
    const r = await runCli(['status-page', 'export', out], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /wrote the status page to .*elsewhere \(8 files\)/);
    const page = JSON.parse(readFileSync(join(out, 'status.json'), 'utf8')) as PageJson;
    assert.equal(page.services[0]?.state, 'DOWN', 'the daemon has just stopped: its last state');
    assert.deepEqual(
      page.incidents.map((i) => i.service),
      ['checkout'],
    );
    const fr = await runCli(['status-page', 'export', '--lang', 'fr'], { cwd: dir });
    assert.equal(fr.code, 0, fr.stderr);
    assert.match(fr.stderr, /page d’état écrite dans .*public \(8 fichiers\)/);
  });
});

describe('bascule status-page export, refused', () => {
  const json = { BASCULE_ERRORS: 'json', LANG: 'C' };
  const codes = (stderr: string) =>
    stderr
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { code: string }).code);

  it('needs `export`, a folder (or statusPage.export.dir), a statusPage and data', async () => {
    const dir = tempDir();
    writeMap(dir, '127.0.0.2:9', { statusPage: { title: 'T', show: { checkout: { name: 'C' } } } });
    const usage = await runCli(['status-page', 'publish'], { cwd: dir, env: json });
    assert.deepEqual([usage.code, codes(usage.stderr)], [2, ['BASCULE_E_USAGE_STATUS_PAGE']]);
    const noDir = await runCli(['status-page', 'export'], { cwd: dir, env: json });
    assert.deepEqual([noDir.code, codes(noDir.stderr)], [2, ['BASCULE_E_USAGE_STATUS_PAGE']]);
    const noData = await runCli(['status-page', 'export', 'out'], { cwd: dir, env: json });
    assert.deepEqual([noData.code, codes(noData.stderr)], [2, ['BASCULE_E_STATUS_PAGE_NO_DATA']]);
    assert.ok(!existsSync(join(dir, 'data', 'bascule.db')), 'no empty store created');
    const plain = await runCli(['status-page', 'export', 'out'], { cwd: dir });
    assert.match(plain.stderr, /no monitoring data in .*data: run "bascule run" with this map first/);
    assert.doesNotMatch(plain.stderr, /\bat .*\.ts:\d+/, 'no stack trace');
    const none = tempDir();
    writeMap(none, '127.0.0.2:9', { statusPage: undefined });
    const r = await runCli(['status-page', 'export', 'out'], { cwd: none, env: json });
    assert.deepEqual([r.code, codes(r.stderr)], [2, ['BASCULE_E_STATUS_PAGE_NONE']]);
  });
});

describe('the states of an export read from the store alone', () => {
  it('are the last stored while the daemon watches, and UNKNOWN once it has stopped', async () => {
    const store = new MemoryStore();
    const now = Date.UTC(2026, 11, 1, 12);
    await store.appendTransitions([
      { at: now - 3_600_000, type: 'service', id: 'checkout', from: 'UNKNOWN', to: 'UP' },
    ]);
    const record: WatchRecord = { since: now - 3_600_000, runs: [{ from: now - 3_600_000, to: now }] };
    await store.saveState(WATCHED_KEY, watchedDoc(record));
    const page = { title: 'T', history: '14d', timezone: 'UTC', show: { checkout: { name: 'C' } } };
    const watching = await readStatusResults(store, page, now + WATCHED_EVERY_MS);
    assert.equal(watching.states.get('checkout'), 'UP');
    const stopped = await readStatusResults(store, page, now + 3 * WATCHED_EVERY_MS);
    assert.equal(stopped.states.get('checkout'), 'UNKNOWN');
    const live = await readStatusResults(store, page, now + 3 * WATCHED_EVERY_MS, {
      states: new Map([['checkout', 'DOWN']]),
    });
    assert.equal(live.states.get('checkout'), 'DOWN', 'the daemon’s own states win');
  });
});

/**
 * The operators' dashboard in a real Chromium against a real daemon: two backends standing for two
 * providers (child processes on 127.0.0.2 and 127.0.0.3) behind a failover group, HTTP and TCP
 * checks on them, the daemon in this process serving the built dashboard. Login refused with a
 * wrong token; the map in the colours of the live states; pin, drain and release from the buttons
 * (a reason required), refused without a session and with the cookie but no CSRF token; a killed
 * backend turning its box red within seconds, over the live feed; an incident update posted from
 * the form; the simulator; French when the browser asks for it; screenshots at desktop and phone
 * widths (test-results/dashboard-*.png) and axe-core with no serious or critical violation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { buildDashboard } from '../scripts/build-web.ts';
import { Daemon } from '../src/daemon/daemon.ts';
import { createLogger } from '../src/platform/log.ts';
import type { Listening } from '../src/server/listen.ts';
import { subscribe } from './helpers/api.ts';
import { type Backend, startBackend } from './helpers/backends.ts';
import { axeViolations, DESKTOP, launchChromium, PHONE, screenshot } from './helpers/chromium.ts';
import { tempDir } from './helpers/cli.ts';
import { waitFor } from './helpers/daemon.ts';
import { map } from './helpers/map.ts';

const TOKEN = 'operator-token-for-the-dashboard';
/** The fills of the map's boxes by state (src/web/dashboard/health.ts), written out: a change must be seen. */
const FILL = { UP: '#d5efe4', DEGRADED: '#fbe7c2', DOWN: '#f9c9b8', UNKNOWN: '#e8eaed' } as const;
/** A failing check is DOWN after interval × failAfter; the box follows over the live feed. */
const RED_WITHIN_MS = 8_000;

const closers: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const c of closers.reverse()) await c().catch(() => undefined);
});

function dashboardMap(aws: Backend, gcp: Backend) {
  const http = (b: Backend, component: string) => ({
    component,
    http: `http://${b.address}/`,
    interval: '1s',
    timeout: '400ms',
    failAfter: 2,
    recoverAfter: 1,
  });
  return map({
    name: 'Acme Shop',
    services: {
      api: { criticality: 'critical', rto: '30s', dependsOn: ['aws-web', 'gcp-web'] },
      shop: { criticality: 'high', dependsOn: ['api', 'db'] },
    },
    components: {
      'aws-web': { provider: 'aws', region: 'eu-west-3', kind: 'compute' },
      'gcp-web': { provider: 'gcp', region: 'europe-west1', kind: 'compute' },
      db: { provider: 'aws', region: 'eu-west-3', service: 'rds' },
    },
    checks: {
      'api-aws': http(aws, 'aws-web'),
      'api-gcp': http(gcp, 'gcp-web'),
      'db-tcp': { component: 'db', tcp: aws.address, interval: '1s', timeout: '400ms', failAfter: 2 },
    },
    failover: {
      api: {
        service: 'api',
        endpoints: [
          { name: 'aws', address: aws.address, check: 'api-aws' },
          { name: 'gcp', address: gcp.address, check: 'api-gcp' },
        ],
        policy: { failback: 'manual', minHold: '1s' },
        proxy: { listen: '127.0.0.1:0' },
      },
    },
  });
}

/** The box of a map id: its state and the fill it is drawn with. */
async function box(page: Page, id: string): Promise<{ state: string | null; fill: string | null }> {
  const node = page.locator(`svg.map .node[data-id="${id}"]`).first();
  return {
    state: await node.getAttribute('data-state'),
    fill: await node.locator('rect.box').getAttribute('fill'),
  };
}

/** What a locator's element holds as text ('' when none). */
const text = async (l: Locator): Promise<string> => (await l.textContent()) ?? '';

async function login(page: Page, url: string, token = TOKEN): Promise<void> {
  await page.goto(`${url}/`);
  await page.locator('#token').fill(token);
  await page.locator('form button[type=submit]').click();
}

describe('the dashboard in Chromium, against a daemon and real backends', { timeout: 180_000 }, () => {
  let aws: Backend;
  let gcp: Backend;
  let d: Daemon;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const api = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${d.url}${path}`, { ...init, signal: AbortSignal.timeout(5000) });
    const body = await res.text();
    return { status: res.status, json: body ? (JSON.parse(body) as Record<string, unknown>) : {} };
  };
  const bearer = { authorization: `Bearer ${TOKEN}` };
  const group = async () =>
    (await api('/api/v1/failover/api', { headers: bearer })).json as {
      active: string;
      pin: { endpoint: string } | null;
      audit: { action: string; endpoint: string | null; why: string; who: string }[];
    };

  before(async () => {
    await buildDashboard();
    aws = await startBackend('aws', '127.0.0.2');
    closers.push(() => aws.kill());
    gcp = await startBackend('gcp', '127.0.0.3');
    closers.push(() => gcp.kill());
    d = await Daemon.start({
      config: dashboardMap(aws, gcp),
      baseDir: tempDir(),
      listen: '127.0.0.1:0',
      store: 'sqlite',
      lang: 'en',
      log: createLogger('silent'),
      env: { BASCULE_TOKEN: TOKEN },
      flushMs: 50,
      failoverTiming: { tickMs: 100, reconcileMs: 500 },
    });
    closers.push(() => d.stop());
    browser = await launchChromium();
    closers.push(() => browser.close());
    context = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await waitFor(
      'every check up',
      async () => {
        const s = (await api('/api/v1/status', { headers: bearer })).json as { checks: { state: string }[] };
        return s.checks.length === 3 && s.checks.every((c) => c.state === 'UP');
      },
      15_000,
    );
  });

  it('refuses a wrong token and shows the login only', async () => {
    await login(page, d.url, 'not-the-token');
    await page.getByRole('alert').waitFor();
    assert.match(await text(page.getByRole('alert')), /wrong operator token/);
    assert.equal(await page.locator('nav').count(), 0);
    assert.equal(await page.locator('svg.map').count(), 0);
    assert.deepEqual(await context.cookies(), []);
  });

  it('logs in and draws the map in the colours of the live states, with where the failover sends traffic', async () => {
    await login(page, d.url);
    await page.locator('svg.map .node').first().waitFor();
    const ids = await page
      .locator('svg.map .node')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    assert.deepEqual([...ids].sort(), ['api', 'failover[api]', 'aws-web', 'db', 'gcp-web', 'shop'].sort());
    for (const id of ['aws-web', 'gcp-web', 'db', 'api', 'shop']) {
      await waitFor(`${id} drawn UP`, async () => (await box(page, id)).state === 'UP', 5_000);
      assert.deepEqual(await box(page, id), { state: 'UP', fill: FILL.UP }, id);
    }
    // The group the failover makes of its endpoints holds with both up.
    assert.equal((await box(page, 'failover[api]')).state, 'UP');
    assert.match(await text(page.locator('svg.map .node[data-id="api"] .pill-text')), /traffic: aws/);
    assert.match(await text(page.locator('svg.map .node[data-id="aws-web"] .pill-text')), /active/);
    assert.match(await text(page.locator('svg.map .node[data-id="gcp-web"] .pill-text')), /standby/);
    // A box opens its panel: its checks, their latency, its history, what depends on it and what
    // its failure would take down (the failover keeps api up when aws-web fails).
    await page.locator('svg.map .node[data-id="db"]').click();
    const panel = page.locator('aside.panel');
    await panel.locator('#panel-title').filter({ hasText: /^db/ }).waitFor();
    assert.match(await text(panel), /db-tcp/);
    await panel.locator('.chart canvas').first().waitFor({ timeout: 5_000 });
    await panel.locator('figure.uptime li.bar').first().waitFor({ timeout: 5_000 });
    const takesDown = panel.locator('[data-testid="takes-down"]');
    await takesDown.waitFor({ timeout: 5_000 });
    assert.deepEqual(await takesDown.locator('button.link').allTextContents(), ['shop']);
    await page.locator('svg.map .node[data-id="aws-web"]').click();
    await panel
      .locator('#panel-title')
      .filter({ hasText: /^aws-web/ })
      .waitFor();
    await panel.getByText('Nothing else.').waitFor({ timeout: 5_000 });
  });

  it('pins, releases and drains from the buttons, with a reason; without one nothing is sent', async () => {
    await page.goto(`${d.url}/#failover`);
    const card = page.locator('article.failover-group[data-group="api"]');
    await card.waitFor();
    await card.locator('tr[data-endpoint="aws"] button[data-action="drain"]').click();
    assert.match(await text(card.getByRole('alert')), /Give a reason first/);
    assert.deepEqual((await group()).audit, []);

    const command = async (reason: string, button: string, expected: RegExp) => {
      await card.locator('input[name="reason"]').fill(reason);
      await card.locator(button).click();
      await card.getByRole('status').filter({ hasText: expected }).waitFor({ timeout: 5_000 });
    };
    await command(
      'aws maintenance, ticket 4121',
      'tr[data-endpoint="gcp"] button[data-action="pin"]',
      /Pinned to gcp/,
    );
    assert.equal((await group()).active, 'gcp');
    assert.equal((await group()).pin?.endpoint, 'gcp');
    await card.locator('[data-testid="active"][data-endpoint="gcp"]').waitFor({ timeout: 5_000 });
    await command('maintenance over', 'button[data-action="release"]', /Released/);
    assert.equal((await group()).pin, null);
    await command('gcp to be patched', 'tr[data-endpoint="gcp"] button[data-action="drain"]', /gcp drained/);
    assert.equal((await group()).active, 'aws');
    await command('patched', 'button[data-action="release"]', /Released/);
    const audit = (await group()).audit;
    assert.deepEqual(
      audit.map((a) => [a.action, a.endpoint, a.why]),
      [
        ['release', null, 'patched'],
        ['drain', 'gcp', 'gcp to be patched'],
        ['release', null, 'maintenance over'],
        ['pin', 'gcp', 'aws maintenance, ticket 4121'],
      ],
    );
    assert.ok(audit.every((a) => a.who === 'operator@127.0.0.1'));
    // The audit trail is shown, newest first.
    await card.locator('table.audit tbody tr').nth(3).waitFor({ timeout: 6_000 });
    assert.match(await text(card.locator('table.audit tbody tr').first()), /release/);
  });

  it('refuses a command without a session, and with the session cookie but no CSRF token', async () => {
    const body = JSON.stringify({ endpoint: 'gcp', reason: 'forged' });
    const post = (headers: Record<string, string>) =>
      api('/api/v1/failover/api/pin', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', ...headers },
      });
    const none = await post({});
    assert.equal(none.status, 401);
    const cookie = (await context.cookies()).find((c) => c.name === 'bascule_session');
    assert.ok(cookie, 'logged in');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    const noCsrf = await post({ cookie: `${cookie.name}=${cookie.value}` });
    assert.equal(noCsrf.status, 403);
    assert.equal((noCsrf.json.error as { code: string }).code, 'BASCULE_E_HTTP_CSRF');
    // A script in the page without the token (the cookie goes with it) is refused too.
    const fromPage = await page.evaluate(
      `fetch('api/v1/failover/api/pin', { method: 'POST', headers: { 'content-type': 'application/json' }, body: ${JSON.stringify(body)} }).then((r) => r.status)`,
    );
    assert.equal(fromPage, 403);
    const g = await group();
    assert.equal(g.pin, null);
    assert.equal(g.audit.length, 4);
  });

  it('turns a killed backend’s boxes red within seconds, live, and shows the switch', async () => {
    await page.goto(`${d.url}/#map`);
    await page.locator('svg.map .node[data-id="aws-web"][data-state="UP"]').waitFor();
    await page.locator('[data-live="open"]').waitFor({ timeout: 5_000 });
    const feed = await subscribe({ url: d.url } as Listening, '', bearer);
    closers.push(async () => feed.close());
    const killed = Date.now();
    await aws.kill();
    await page
      .locator('svg.map .node[data-id="aws-web"][data-state="DOWN"]')
      .waitFor({ timeout: RED_WITHIN_MS });
    const red = Date.now() - killed;
    assert.ok(red < RED_WITHIN_MS, `${red} ms`);
    assert.deepEqual(await box(page, 'aws-web'), { state: 'DOWN', fill: FILL.DOWN });
    // The hatch over DOWN boxes: the state is not told by colour alone.
    assert.equal(await page.locator('svg.map .node[data-id="aws-web"] rect[fill="url(#hatch)"]').count(), 1);
    await page.locator('svg.map .node[data-id="db"][data-state="DOWN"]').waitFor({ timeout: RED_WITHIN_MS });
    await page
      .locator('svg.map .node[data-id="shop"][data-state="DOWN"]')
      .waitFor({ timeout: RED_WITHIN_MS });
    assert.equal((await box(page, 'gcp-web')).fill, FILL.UP);
    assert.equal((await box(page, 'failover[api]')).state, 'DEGRADED');
    assert.equal((await box(page, 'failover[api]')).fill, FILL.DEGRADED);
    await page
      .locator('svg.map .node[data-id="api"] .pill-text')
      .filter({ hasText: /traffic: gcp/ })
      .waitFor({ timeout: 8_000 });
    process.stdout.write(`# aws-web drawn DOWN ${red} ms after the kill\n`);

    // The live feed carried the switch record, with its timings, under an id a client resumes from.
    const SWITCH = /event: switch\ndata: (.+)\nid: (\d+)\n/;
    const [, data, id] = SWITCH.exec(await feed.until(SWITCH))!;
    const record = JSON.parse(data!) as {
      id: string;
      group: string;
      from: string;
      to: string;
      reason: string;
      decidedAt: number;
      timings: { detectionMs: number | null; switchMs: number | null };
    };
    assert.deepEqual([record.group, record.from, record.to, record.reason], ['api', 'aws', 'gcp', 'down']);
    assert.equal(typeof record.timings.detectionMs, 'number', JSON.stringify(record));
    assert.ok(record.timings.detectionMs! < RED_WITHIN_MS, JSON.stringify(record));
    const resumed = await subscribe({ url: d.url } as Listening, '', {
      ...bearer,
      'last-event-id': String(Number(id) - 1),
    });
    closers.push(async () => resumed.close());
    const replayed = SWITCH.exec(await resumed.until(SWITCH))!;
    assert.deepEqual([replayed[2], JSON.parse(replayed[1]!).id], [id, record.id]);
    // And the failover view shows it, with its times against the service's RTO (30 s).
    await page.goto(`${d.url}/#failover`);
    const row = page
      .locator('article.failover-group[data-group="api"] tbody tr')
      .filter({ hasText: 'aws → gcp' })
      .filter({ hasText: 'down' });
    await row.first().waitFor({ timeout: 5_000 });
    assert.match(await text(row.first()), /within the RTO/);
  });

  it('shows the incident and posts an update from the form', async () => {
    await page.goto(`${d.url}/#incidents`);
    const row = page.locator('tbody tr').filter({ hasText: 'shop' }).first();
    await row.waitFor({ timeout: 8_000 });
    await row.getByRole('button', { name: 'shop' }).click();
    await page.locator('.incident ol.timeline').waitFor();
    const form = page.locator('form').filter({ hasText: /Post an update/ });
    await form.locator('select[name="status"]').selectOption('identified');
    await form.locator('textarea[name="fr"]').fill('La base de paiement ne répond plus ; nous basculons.');
    await form
      .locator('textarea[name="en"]')
      .fill('The payment database is not answering; we are failing over.');
    await form.locator('button[type="submit"]').click();
    await form
      .getByRole('status')
      .filter({ hasText: /Posted/ })
      .waitFor({ timeout: 5_000 });
    const incidents = (await api('/api/v1/incidents?open=true', { headers: bearer })).json as {
      incidents: { service: string; status: string; updates: { message: { fr: string; en: string } }[] }[];
    };
    const shop = incidents.incidents.find((i) => i.service === 'shop');
    assert.equal(shop?.status, 'identified');
    assert.equal(shop?.updates[0]?.message.fr, 'La base de paiement ne répond plus ; nous basculons.');
    await page
      .locator('.timeline .entry.update')
      .filter({ hasText: /we are failing over/ })
      .waitFor({ timeout: 5_000 });
  });

  it('simulates a provider’s outage: the blast radius on the map, the chains, what the failover would do', async () => {
    await page.goto(`${d.url}/#simulate`);
    await page.locator('select[name="by"]').selectOption('provider');
    await page.locator('select[name="which"]').selectOption('provider=gcp');
    await page.getByRole('button', { name: 'Simulate' }).click();
    const result = page.locator('[data-testid="simulation"]');
    await result.waitFor();
    // In the simulation only gcp fails: gcp-web is DOWN there, aws-web UP (whatever it is live).
    assert.equal(await result.locator('.node[data-id="gcp-web"]').getAttribute('data-state'), 'DOWN');
    assert.equal(await result.locator('.node[data-id="aws-web"]').getAttribute('data-state'), 'UP');
    assert.match(await text(result.locator('.node[data-id="gcp-web"] .pill-text')), /hit/);
    assert.match(await text(result), /0 services down/);
    await page.locator('select[name="which"]').selectOption('provider=aws');
    await page.getByRole('button', { name: 'Simulate' }).click();
    await result.locator('.chains li').filter({ hasText: 'shop' }).waitFor();
    assert.match(await text(result.locator('.chains')), /shop .*: shop → db/);
    assert.match(await text(result), /api switches to gcp/);
  });

  it('draws a check’s latency and its uptime bars', async () => {
    await page.goto(`${d.url}/#checks`);
    await page.getByRole('button', { name: 'api-gcp' }).click();
    await page.locator('.chart canvas').waitFor({ timeout: 5_000 });
    const uptimes = page.locator('figure.uptime');
    await uptimes.nth(2).waitFor();
    assert.equal(await uptimes.count(), 3);
    assert.equal(await uptimes.nth(0).locator('li.bar').count(), 24);
    assert.equal(await uptimes.nth(2).locator('li.bar').count(), 90);
    assert.match(await text(uptimes.nth(0).locator('figcaption')), /100% up/);
  });

  it('plans a maintenance window from the form', async () => {
    await page.goto(`${d.url}/#maintenance`);
    const form = page.locator('form').filter({ hasText: /Plan a window/ });
    await form.locator('input[name="title-en"]').fill('Payment database migration');
    await form.locator('input[name="services"][value="shop"]').check();
    const end = new Date(Date.now() + 2 * 3_600_000);
    const local = new Date(end.getTime() - end.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await form.locator('input[name="end"]').fill(local);
    await form.locator('button[type="submit"]').click();
    await form
      .getByRole('status')
      .filter({ hasText: /Planned/ })
      .waitFor({ timeout: 5_000 });
    await page
      .locator('tbody tr')
      .filter({ hasText: 'Payment database migration' })
      .waitFor({ timeout: 5_000 });
  });

  it('speaks French when the browser asks for it, and switches language', async () => {
    const fr = await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR' });
    closers.push(() => fr.close());
    const p = await fr.newPage();
    await p.goto(`${d.url}/`);
    await p.getByLabel('Jeton d’opérateur').waitFor();
    assert.equal(await p.locator('html').getAttribute('lang'), 'fr');
    await p.getByLabel('Jeton d’opérateur').fill('faux');
    await p.getByRole('button', { name: 'Se connecter' }).click();
    assert.match(await text(p.getByRole('alert')), /jeton d’opérateur erroné/);
    await login(p, d.url);
    await p.getByRole('link', { name: 'Carte' }).waitFor();
    const aws = p.locator('svg.map .node[data-id="aws-web"]');
    await aws.waitFor();
    assert.match(
      (await aws.getAttribute('aria-label')) ?? '',
      /^aws-web compute .*\(composant : en panne\)$/,
    );
    await p.goto(`${d.url}/#failover`);
    await p.getByRole('heading', { name: 'Groupes de bascule' }).waitFor();
    await screenshot(p, 'dashboard-desktop-failover-fr');
    await p.goto(`${d.url}/#map`);
    await p.getByRole('button', { name: 'English' }).click();
    await p.getByRole('link', { name: 'Map' }).waitFor();
    assert.equal(await p.locator('html').getAttribute('lang'), 'en');
    assert.match((await aws.getAttribute('aria-label')) ?? '', /^aws-web compute .*\(component: down\)$/);
  });

  it('is screenshotted at desktop and phone widths, with no serious or critical axe-core violation', async () => {
    const views = ['map', 'simulate', 'failover', 'checks', 'incidents', 'maintenance', 'analysis'];
    const found: string[] = [];
    for (const [width, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const ctx = await browser.newContext({ viewport, locale: 'en-GB' });
      closers.push(() => ctx.close());
      const p = await ctx.newPage();
      p.on('pageerror', (e) => pageErrors.push(e.message));
      await p.goto(`${d.url}/`);
      await p.locator('#token').waitFor();
      await screenshot(p, `dashboard-${width}-login`);
      for (const v of await axeViolations(p))
        found.push(`${width} login: ${v.id} (${v.impact}) ${v.nodes.join(', ')}`);
      await login(p, d.url);
      await p.locator('svg.map .node').first().waitFor();
      for (const view of views) {
        await p.goto(`${d.url}/#${view}`);
        await p.locator('main h1').first().waitFor();
        await p.waitForLoadState('networkidle').catch(() => undefined);
        await p
          .locator('[role="status"]', { hasText: /Loading/ })
          .waitFor({ state: 'detached', timeout: 5_000 })
          .catch(() => undefined);
        if (view === 'map') {
          await p.locator('svg.map .node[data-id="db"]').click();
          await p.locator('aside.panel .chart canvas').first().waitFor({ timeout: 5_000 });
        }
        if (view === 'checks') await p.getByRole('button', { name: 'api-aws' }).click();
        if (view === 'incidents' && (await p.locator('tbody tr button.link').count()) > 0)
          await p.locator('tbody tr button.link').first().click();
        if (view === 'simulate') {
          await p.locator('select[name="which"]').selectOption('provider=aws');
          await p.getByRole('button', { name: 'Simulate' }).click();
          await p.locator('[data-testid="simulation"]').waitFor();
        }
        await p.waitForTimeout(300);
        const file = await screenshot(p, `dashboard-${width}-${view}`);
        for (const v of await axeViolations(p))
          found.push(`${width} ${view}: ${v.id} (${v.impact}) ${v.nodes.join(', ')}`);
        // Nothing wider than the screen: the page never scrolls sideways; what is wider (the map,
        // wide tables) scrolls inside its own box.
        const [scrollWidth, innerWidth] = (await p.evaluate(
          '[Math.max(document.documentElement.scrollWidth, document.body.scrollWidth), window.innerWidth]',
        )) as [number, number];
        assert.ok(
          scrollWidth <= innerWidth,
          `${file}: the page is ${scrollWidth} px wide on a ${innerWidth} px ${width} screen`,
        );
        if (view === 'failover' && width === 'phone') {
          // The switches and the audit trail are cards on a phone: nothing to scroll sideways.
          const wide = (await p.evaluate(
            "[...document.querySelectorAll('table.audit, table.switches')].filter((t) => t.scrollWidth > t.parentElement.clientWidth + 1).map((t) => t.className + ' ' + t.scrollWidth + '>' + t.parentElement.clientWidth)",
          )) as string[];
          assert.deepEqual(wide, []);
          assert.ok((await p.locator('table.audit tbody tr').count()) > 0, 'the audit trail is there to see');
        }
        if (view === 'map' && width === 'phone') {
          const box = (await p.evaluate(
            "(() => { const b = document.querySelector('.map-scroll'); return [b.scrollWidth, b.clientWidth, getComputedStyle(b).overflowX]; })()",
          )) as [number, number, string];
          assert.ok(
            box[0] > box[1] && box[2] === 'auto',
            `the map pans inside its box: ${JSON.stringify(box)}`,
          );
        }
      }
    }
    assert.deepEqual(found, []);
    assert.deepEqual(pageErrors, []);
  });
});

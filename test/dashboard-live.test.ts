/**
 * The dashboard's live feed in Chromium, against a listening API with fake daemon pieces (its live
 * feed is the real one): a state event recolours its box; when the daemon ends the stream the
 * browser comes back with Last-Event-ID (the last event it saw), and a stream refused for being
 * one too many is opened again by the page once there is room.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildDashboard } from '../scripts/build-web.ts';
import { createApi } from '../src/server/api.ts';
import type { FailoverApi, FailoverGroupView } from '../src/server/deps.ts';
import { type Listening, listen } from '../src/server/listen.ts';
import type { LiveFeed } from '../src/server/live.ts';
import { Fake, OPERATOR, subscribe } from './helpers/api.ts';
import { DESKTOP, launchChromium } from './helpers/chromium.ts';
import { waitFor } from './helpers/daemon.ts';

const closers: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const c of closers.reverse()) await c().catch(() => undefined);
});

/** Records the id each subscriber of the feed asks to resume after (the feed itself is untouched). */
function resumes(live: LiveFeed): (number | undefined)[] {
  const seen: (number | undefined)[] = [];
  const subscribe = live.subscribe.bind(live);
  live.subscribe = (afterId, listener) => {
    seen.push(afterId);
    return subscribe(afterId, listener);
  };
  return seen;
}

const checkout = (page: Page) => page.locator('svg.map .node[data-id="checkout"]');
const stateEvent = (from: string, to: string) => ({
  at: Date.now(),
  type: 'service',
  id: 'checkout',
  from,
  to,
});

/** One failover group whose API never has a switch: what the page shows of one came from the feed. */
function quietFailover(): FailoverApi {
  const view: FailoverGroupView = {
    group: 'pay',
    service: 'checkout',
    active: 'aws',
    activeSince: Date.UTC(2026, 10, 29, 15),
    lastSwitch: null,
    pin: null,
    drained: [],
    allDown: false,
    endpoints: [
      {
        name: 'aws',
        address: '127.0.0.2:443',
        check: 'db-tcp',
        health: 'down',
        quorumHealthy: false,
        healthySince: null,
        drained: false,
        active: true,
      },
      {
        name: 'gcp',
        address: '127.0.0.3:443',
        check: 'db-tcp',
        health: 'up',
        quorumHealthy: true,
        healthySince: 1,
        drained: false,
        active: false,
      },
    ],
    switches: [],
  };
  return {
    groups: () => ['pay'],
    view: (g) => (g === 'pay' ? view : undefined),
    switches: async () => [],
    audit: async () => [],
    command: async () => ({ ok: false, refused: 'not-leader' }),
  };
}

async function open(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
  closers.push(() => context.close());
  const page = await context.newPage();
  await page.goto(`${url}/`);
  await page.locator('#token').fill(OPERATOR);
  await page.locator('form button[type=submit]').click();
  await checkout(page).waitFor();
  return page;
}

describe('the dashboard’s live feed', { timeout: 90_000 }, () => {
  let browser: Browser;
  before(async () => {
    await buildDashboard();
    browser = await launchChromium();
    closers.push(() => browser.close());
  });

  it('recolours a box on a state event, and resumes after the last event when the stream ends', async () => {
    const fake = new Fake();
    const app = createApi(fake.deps());
    const server: Listening = await listen(app, '127.0.0.1', 0);
    closers.push(() => server.stop());
    const seen = resumes(fake.live);
    const page = await open(browser, server.url);
    await page.locator('[data-live="open"]').waitFor({ timeout: 5_000 });
    assert.equal(await checkout(page).getAttribute('data-state'), 'DOWN');

    fake.serviceState = 'UP';
    const up = fake.live.publish('state', stateEvent('DOWN', 'UP'));
    await page.locator('svg.map .node[data-id="checkout"][data-state="UP"]').waitFor({ timeout: 3_000 });

    // The daemon ends every stream (as on a restart of its API); one event is published meanwhile.
    app.close();
    fake.serviceState = 'DOWN';
    const down = fake.live.publish('state', stateEvent('UP', 'DOWN'));
    await waitFor('the browser to come back after the last event it saw', () => seen.includes(up.id), 10_000);
    assert.ok(!seen.slice(1).includes(undefined), `resumed from ${JSON.stringify(seen)}`);
    await page.locator('svg.map .node[data-id="checkout"][data-state="DOWN"]').waitFor({ timeout: 5_000 });
    await page.locator('[data-live="open"]').waitFor({ timeout: 5_000 });
    assert.ok(down.id > up.id);
  });

  it('shows a switch as the feed tells it, and its timings as they are measured, in the failover view', async () => {
    const fake = new Fake();
    const server: Listening = await listen(
      createApi({ ...fake.deps(), failover: quietFailover() }),
      '127.0.0.1',
      0,
    );
    closers.push(() => server.stop());
    const page = await open(browser, server.url);
    await page.goto(`${server.url}/#failover`);
    const card = page.locator('article.failover-group[data-group="pay"]');
    await card.getByText('No switch yet.').waitFor({ timeout: 5_000 });
    await page.locator('[data-live="open"]').waitFor({ timeout: 5_000 });
    const decidedAt = Date.now();
    const record = {
      id: `pay@${decidedAt}`,
      group: 'pay',
      from: 'aws',
      to: 'gcp',
      reason: 'down',
      fence: 7,
      downAt: decidedAt - 2_100,
      decidedAt,
      confirmed: {},
    };
    fake.live.publish('switch', { ...record, timings: { detectionMs: 2_100, switchMs: null } });
    const row = card.locator('tbody tr').filter({ hasText: 'aws → gcp' });
    await row.waitFor({ timeout: 3_000 });
    assert.match((await row.textContent()) ?? '', /down.*2\.1 s.*–/);
    // Saved again once the proxy served its first request through gcp: the same row, now timed.
    fake.live.publish('switch', {
      ...record,
      confirmed: { proxy: decidedAt + 30 },
      firstServedAt: decidedAt + 45,
      timings: { detectionMs: 2_100, switchMs: 45 },
    });
    await row.filter({ hasText: '45 ms' }).waitFor({ timeout: 3_000 });
    assert.equal(await card.locator('tbody tr').filter({ hasText: 'aws → gcp' }).count(), 1);
    assert.match((await row.textContent()) ?? '', /2\.1 s.*45 ms.*2\.1 s/);
  });

  it('opens the stream again once a refused one (503, one too many) has room, from the last event seen', async () => {
    const fake = new Fake();
    const app = createApi({ ...fake.deps(), maxStreams: 1 });
    const server: Listening = await listen(app, '127.0.0.1', 0);
    closers.push(() => server.stop());
    const seen = resumes(fake.live);
    const page = await open(browser, server.url);
    await page.locator('[data-live="open"]').waitFor({ timeout: 5_000 });
    fake.serviceState = 'UP';
    const up = fake.live.publish('state', stateEvent('DOWN', 'UP'));
    await page.locator('svg.map .node[data-id="checkout"][data-state="UP"]').waitFor({ timeout: 3_000 });

    // The stream ends and another client takes the only place: the browser's own retry is refused
    // (503), and the page opens the stream again itself, after a pause, until there is room.
    app.close();
    const taken = await subscribe(server);
    await page.locator('[data-live="closed"]').waitFor({ timeout: 8_000 });
    fake.serviceState = 'DOWN';
    fake.live.publish('state', stateEvent('UP', 'DOWN'));
    taken.close();
    await page.locator('[data-live="open"]').waitFor({ timeout: 10_000 });
    assert.equal(seen.at(-1), up.id, `resumed from ${JSON.stringify(seen)}`);
    await page.locator('svg.map .node[data-id="checkout"][data-state="DOWN"]').waitFor({ timeout: 3_000 });
  });
});

/** Alerts: rendering, routing (dedupe, repeats, resolve, rate limit), and every channel against real local receivers. */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { BasculeError } from '../src/errors.ts';
import { CHANNEL_KINDS, CHANNEL_TYPES } from '../src/model/channels/registry.ts';
import { type Config, configSchema, type NotifyChannelSpec } from '../src/model/schema.ts';
import { type IncidentEvent, incidentId } from '../src/monitor/incidents.ts';
import type { Incident } from '../src/monitor/types.ts';
import type { Alert } from '../src/notify/alert.ts';
import { AlertRouter, type Delivery } from '../src/notify/alert-router.ts';
import { post } from '../src/notify/channels/post.ts';
import { Notifier, type SendFn } from '../src/notify/notifier.ts';
import { CHANNELS, channelFor } from '../src/notify/registry.ts';
import { formatSpan, inputFromIncident, renderAlert } from '../src/notify/render.ts';
import { createLogger } from '../src/platform/log.ts';
import { type Mail, receiver, smtpReceiver } from './helpers/receivers.ts';

const T0 = Date.UTC(2026, 10, 24, 14, 0, 0);
const MIN = 60_000;

function config(notify: Record<string, unknown>): Config {
  return configSchema.parse({
    version: 1,
    name: 'Test',
    services: {
      checkout: { criticality: 'critical' },
      search: { criticality: 'medium' },
      blog: { criticality: 'low' },
    },
    notify,
  });
}

function incident(over: Partial<Incident> = {}): Incident {
  return {
    id: 'checkout@12',
    service: 'checkout',
    openedAt: T0,
    worst: 'DOWN',
    state: 'DOWN',
    timeline: [],
    ...over,
  };
}
const opened = (i: Incident = incident()): IncidentEvent => ({ type: 'incident-opened', incident: i });
const resolved = (i: Incident = incident()): IncidentEvent => ({
  type: 'incident-resolved',
  incident: { ...i, state: 'UP', closedAt: i.openedAt + 12 * MIN },
});
const causes = (service: string) => [`${service}-api: DOWN — timeout (2s) from 2/3 vantage points`];
const to = (ds: readonly Delivery[]) => ds.map((d) => `${d.channel} ${d.alert.key}`);

describe('render', () => {
  it('titles and texts in English', () => {
    const input = inputFromIncident('opened', incident(), 'critical', causes('checkout'), T0);
    const a = renderAlert(input, 'en');
    assert.equal(a.title, 'checkout is DOWN');
    assert.equal(a.key, 'checkout@12:opened');
    assert.match(a.text, /Criticality: critical · since 2026-11-24 14:00 UTC/);
    assert.match(a.text, /• checkout-api: DOWN — timeout/);
    assert.match(a.text, /Incident checkout@12/);
    const r = renderAlert(
      inputFromIncident('resolved', { ...incident(), closedAt: T0 + 12 * MIN }, 'critical', [], T0),
      'en',
    );
    assert.equal(r.title, 'checkout is back UP after 12m');
    assert.equal(r.state, 'UP');
  });

  it('titles and texts in French', () => {
    const repeat = renderAlert(
      {
        ...inputFromIncident('opened', incident(), 'high', [], T0 + 35 * MIN),
        kind: 'repeat',
        n: 1,
      },
      'fr',
    );
    assert.equal(repeat.title, 'Rappel : checkout est toujours DOWN depuis 35 min');
    assert.equal(repeat.key, 'checkout@12:repeat:1');
    assert.match(repeat.text, /Criticité : haute/);
    assert.match(repeat.text, /Cause encore inconnue/);
    assert.equal(formatSpan('fr', 65 * MIN), '1 h 5 min');
    assert.equal(formatSpan('en', 50 * 3_600_000), '2d 2h');
  });
});

describe('router', () => {
  const cfg = config({
    all: { webhook: 'http://127.0.0.1:1/a' },
    critical: { webhook: 'http://127.0.0.1:1/b', minCriticality: 'high' },
    searchOnly: { webhook: 'http://127.0.0.1:1/c', services: ['search'] },
    pager: { webhook: 'http://127.0.0.1:1/d', repeat: '15m', minCriticality: 'critical' },
  });

  it('routes by services and minCriticality', () => {
    const r = new AlertRouter(cfg, 'en');
    const out = r.route([opened(), opened(incident({ id: 'blog@13', service: 'blog' }))], causes, T0);
    assert.deepEqual(to(out.deliveries).sort(), [
      'all blog@13:opened',
      'all checkout@12:opened',
      'critical checkout@12:opened',
      'pager checkout@12:opened',
    ]);
    const s = r.route([opened(incident({ id: 'search@14', service: 'search' }))], causes, T0);
    assert.deepEqual(to(s.deliveries).sort(), ['all search@14:opened', 'searchOnly search@14:opened']);
  });

  it('never sends the same key twice to a channel', () => {
    const r = new AlertRouter(cfg, 'en');
    assert.equal(r.route([opened()], causes, T0).deliveries.length, 3);
    assert.equal(r.route([opened()], causes, T0 + 1000).deliveries.length, 0);
  });

  it('repeats every `repeat` while open, then stops once resolved', () => {
    const r = new AlertRouter(cfg, 'en');
    r.route([opened()], causes, T0);
    assert.deepEqual(to(r.due(T0 + 14 * MIN).deliveries), []);
    const first = r.due(T0 + 15 * MIN).deliveries;
    assert.deepEqual(to(first), ['pager checkout@12:repeat:1']);
    assert.equal(first[0]?.alert.title, 'Reminder: checkout is still DOWN after 15m');
    assert.deepEqual(to(r.due(T0 + 16 * MIN).deliveries), []);
    assert.deepEqual(to(r.due(T0 + 30 * MIN).deliveries), ['pager checkout@12:repeat:2']);
    // After a long pause: one reminder, numbered by the time elapsed.
    assert.deepEqual(to(r.due(T0 + 76 * MIN).deliveries), ['pager checkout@12:repeat:5']);
    r.route([resolved()], causes, T0 + 80 * MIN);
    assert.deepEqual(to(r.due(T0 + 200 * MIN).deliveries), []);
  });

  it('sends resolved only to channels that got the incident', () => {
    const r = new AlertRouter(cfg, 'en');
    assert.deepEqual(to(r.route([resolved()], causes, T0).deliveries), []);
    r.route([opened()], causes, T0);
    const out = r.route([resolved()], causes, T0 + 12 * MIN);
    assert.deepEqual(to(out.deliveries).sort(), [
      'all checkout@12:resolved',
      'critical checkout@12:resolved',
      'pager checkout@12:resolved',
    ]);
    assert.equal(out.deliveries[0]?.alert.title, 'checkout is back UP after 12m');
  });

  it('rate-limits each channel and mentions the suppressed count', () => {
    const r = new AlertRouter(config({ all: { webhook: 'http://127.0.0.1:1/a' } }), 'en', {
      burst: 3,
      perMs: 3 * MIN,
    });
    const events = [1, 2, 3, 4, 5].map((id) => opened(incident({ id: `checkout@${id}` })));
    const out = r.route(events, causes, T0);
    assert.equal(out.deliveries.length, 3);
    assert.deepEqual(
      out.suppressed.map((s) => s.key),
      ['checkout@4:opened', 'checkout@5:opened'],
    );
    const later = r.route([opened(incident({ id: 'checkout@6' }))], causes, T0 + MIN);
    assert.equal(later.deliveries.length, 1);
    assert.match(later.deliveries[0]?.alert.text ?? '', /2 earlier alerts were dropped/);
    const next = r.route([opened(incident({ id: 'checkout@7' }))], causes, T0 + 2 * MIN);
    assert.doesNotMatch(next.deliveries[0]?.alert.text ?? '', /dropped/);
  });

  it('snapshots and restores its state as plain JSON', () => {
    const r = new AlertRouter(cfg, 'en');
    r.route([opened()], causes, T0);
    const json = JSON.parse(JSON.stringify(r.toJSON())) as unknown;
    const back = new AlertRouter(cfg, 'en');
    assert.equal(back.restore(json), true);
    assert.equal(back.restore({ version: 2 }), false);
    assert.deepEqual(to(back.route([opened()], causes, T0).deliveries), []);
    assert.deepEqual(to(back.due(T0 + 15 * MIN).deliveries), ['pager checkout@12:repeat:1']);
    assert.equal(back.route([resolved()], causes, T0 + 20 * MIN).deliveries.length, 3);
  });

  it('takes back a state saved with numeric incident ids, so an open incident still resolves', () => {
    const id = incidentId('checkout', T0);
    const r = new AlertRouter(cfg, 'en');
    r.route([opened(incident({ id }))], causes, T0);
    const saved = r.toJSON() as unknown as { open: Record<string, { incident: unknown }> };
    // As the previous version saved it: `checkout:12`, incident 12.
    const old = { ...saved, open: { 'checkout:12': { ...saved.open[`checkout:${id}`]!, incident: 12 } } };
    const back = new AlertRouter(cfg, 'en');
    assert.equal(back.restore(JSON.parse(JSON.stringify(old))), true);
    assert.equal(back.openIncidents(), 1);
    const after = back.route([resolved(incident({ id, closedAt: T0 + MIN }))], causes, T0 + MIN);
    assert.deepEqual(to(after.deliveries).sort(), [
      `all ${id}:resolved`,
      `critical ${id}:resolved`,
      `pager ${id}:resolved`,
    ]);
  });
});

function logCapture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { lines, log: createLogger('info', stream) };
}

describe('HTTP channels', () => {
  let rx: Awaited<ReturnType<typeof receiver>>;
  before(async () => {
    rx = await receiver((path) => (path.startsWith('/fail') ? 500 : 200));
  });
  after(() => rx.close());

  const env = { HOOK_SECRET: 'hmac-key-123', NTFY_TOKEN: 'tk_secret_token' };

  it('webhook: signed JSON with an idempotency key', async () => {
    const cfg = config({ hook: { webhook: `${rx.url}/hook`, secret: { env: 'HOOK_SECRET' } } });
    const n = new Notifier({ config: cfg, lang: 'en', baseDir: '.', env, now: () => T0 });
    await n.handle([opened()], causes);
    const req = rx.requests.find((r) => r.path === '/hook');
    assert.ok(req);
    assert.equal(req.method, 'POST');
    assert.equal(req.headers['idempotency-key'], 'checkout@12:opened');
    assert.equal(req.headers['content-type'], 'application/json');
    const ts = String(req.headers['x-bascule-timestamp']);
    assert.match(ts, /^\d+$/);
    const expected = createHmac('sha256', 'hmac-key-123').update(`${ts}.${req.body}`).digest('hex');
    assert.equal(req.headers['x-bascule-signature'], `sha256=${expected}`);
    const body = JSON.parse(req.body) as Alert & { version: number; source: string };
    assert.equal(body.version, 1);
    assert.equal(body.source, 'bascule');
    assert.equal(body.title, 'checkout is DOWN');
    assert.equal(body.key, 'checkout@12:opened');
    assert.deepEqual(body.causes, causes('checkout'));
    assert.deepEqual(n.stats.hook, { sent: 1, failed: 0, suppressed: 0 });
  });

  it('slack, discord and teams bodies', async () => {
    const cfg = config({
      s: { slack: `${rx.url}/slack/T000/B000/XXXX` },
      d: { discord: `${rx.url}/discord/123/abc` },
      t: { teams: `${rx.url}/teams/wf?sig=abc`, lang: 'fr' },
    });
    const n = new Notifier({ config: cfg, lang: 'en', baseDir: '.', env: {}, now: () => T0 });
    await n.handle([opened(incident({ id: 'checkout@20' }))], causes);
    const slack = JSON.parse(rx.requests.find((r) => r.path.startsWith('/slack'))?.body ?? '{}');
    assert.match(slack.text, /^\*checkout is DOWN\*\n/);
    assert.equal(slack.blocks[0].text.type, 'mrkdwn');
    const discord = JSON.parse(rx.requests.find((r) => r.path.startsWith('/discord'))?.body ?? '{}');
    assert.equal(discord.content, 'checkout is DOWN');
    assert.equal(discord.embeds[0].title, 'checkout is DOWN');
    assert.equal(discord.embeds[0].color, 0xd73a49);
    assert.deepEqual(discord.allowed_mentions, { parse: [] });
    const teams = JSON.parse(rx.requests.find((r) => r.path.startsWith('/teams'))?.body ?? '{}');
    assert.equal(teams.type, 'message');
    assert.equal(teams.attachments[0].contentType, 'application/vnd.microsoft.card.adaptive');
    assert.equal(teams.attachments[0].content.version, '1.4');
    assert.equal(teams.attachments[0].content.body[0].text, 'checkout est DOWN');
  });

  it('ntfy: text body, Title, Priority, Tags and bearer token', async () => {
    const cfg = config({ push: { ntfy: `${rx.url}/ntfy-topic`, token: { env: 'NTFY_TOKEN' }, lang: 'fr' } });
    let now = T0;
    const n = new Notifier({ config: cfg, lang: 'en', baseDir: '.', env, now: () => now });
    await n.handle([opened(incident({ id: 'checkout@30' }))], causes);
    now = T0 + 12 * MIN;
    await n.handle([resolved(incident({ id: 'checkout@30' }))], causes);
    const got = rx.requests.filter((r) => r.path === '/ntfy-topic');
    assert.equal(got.length, 2);
    assert.equal(got[0]?.headers.title, 'checkout est DOWN');
    assert.equal(got[0]?.headers.priority, '5');
    assert.equal(got[0]?.headers.tags, 'rotating_light,bascule');
    assert.equal(got[0]?.headers.authorization, 'Bearer tk_secret_token');
    assert.match(got[0]?.body ?? '', /Criticité : critique/);
    // "après" is not ASCII: RFC 2047-encoded.
    const title = String(got[1]?.headers.title);
    const m = /^=\?UTF-8\?B\?(.+)\?=$/.exec(title);
    assert.ok(m?.[1]);
    assert.equal(Buffer.from(m[1], 'base64').toString('utf8'), 'checkout est de nouveau UP après 12 min');
    assert.equal(got[1]?.headers.priority, '2');
  });

  it('HTTP 500: retried, logged without the path or query, never thrown', async () => {
    const cfg = config({ broken: { slack: `${rx.url}/fail/T1/B1/SECRETPART?token=qq` } });
    const { lines, log } = logCapture();
    const waits: number[] = [];
    const n = new Notifier({
      config: cfg,
      lang: 'en',
      baseDir: '.',
      env: {},
      log,
      now: () => T0,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await n.handle([opened(incident({ id: 'checkout@40' }))], causes);
    assert.equal(rx.requests.filter((r) => r.path.startsWith('/fail/T1')).length, 3);
    assert.deepEqual(waits, [1000, 4000]);
    assert.deepEqual(n.stats.broken, { sent: 0, failed: 1, suppressed: 0 });
    const all = lines.join('');
    assert.match(all, new RegExp(`slack: HTTP 500 from ${rx.url}"`));
    assert.doesNotMatch(all, /SECRETPART|token=qq|\/fail/);
    await assert.rejects(n.test('broken'), (err: Error) => {
      assert.equal(err.message, `slack: HTTP 500 from ${rx.url}`);
      return true;
    });
  });

  it('network failures name the host only', async () => {
    const closed = await receiver();
    closed.close();
    const cfg = config({ gone: { discord: `${closed.url}/api/webhooks/1/secret-token` } });
    const n = new Notifier({ config: cfg, lang: 'en', baseDir: '.', env: {}, retryDelays: [] });
    await assert.rejects(n.test('gone'), (err: Error) => {
      assert.equal(err.message, `discord: ECONNREFUSED from ${closed.url}`);
      return true;
    });
  });

  it('a receiver that never answers times out, naming the host only', async () => {
    const hang = createServer(() => {});
    hang.listen(0, '127.0.0.1');
    await once(hang, 'listening');
    const base = `http://127.0.0.1:${(hang.address() as AddressInfo).port}`;
    try {
      await assert.rejects(
        post({ type: 'teams', url: `${base}/wf/secret?sig=s3cr3t`, body: '{}', headers: {}, timeoutMs: 150 }),
        (err: Error) => {
          assert.equal(err.message, `teams: no answer within 0.15s from ${base}`);
          return true;
        },
      );
    } finally {
      hang.closeAllConnections();
      hang.close();
    }
  });

  it('webhook secret read from a file; no secret in the logs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bascule-notify-'));
    writeFileSync(join(dir, 'hook.key'), 'file-key-456\n');
    const cfg = config({ fh: { webhook: `${rx.url}/path-filehook`, secret: { file: 'hook.key' } } });
    const { lines, log } = logCapture();
    const n = new Notifier({ config: cfg, lang: 'en', baseDir: dir, env: {}, log, now: () => T0 });
    await n.handle([opened(incident({ id: 'checkout@60' }))], causes);
    const req = rx.requests.find((r) => r.path === '/path-filehook');
    assert.ok(req);
    const ts = String(req.headers['x-bascule-timestamp']);
    const expected = createHmac('sha256', 'file-key-456').update(`${ts}.${req.body}`).digest('hex');
    assert.equal(req.headers['x-bascule-signature'], `sha256=${expected}`);
    assert.match(lines.join(''), /alert sent/);
    assert.doesNotMatch(lines.join(''), /file-key-456|filehook/);
  });

  it('Notifier.test sends a test alert to one channel', async () => {
    const cfg = config({ hook: { webhook: `${rx.url}/test-hook` }, other: { webhook: `${rx.url}/other` } });
    const n = new Notifier({ config: cfg, lang: 'fr', baseDir: '.', env: {} });
    await n.test('hook');
    const req = rx.requests.find((r) => r.path === '/test-hook');
    const body = JSON.parse(req?.body ?? '{}') as Alert;
    assert.equal(body.kind, 'test');
    assert.equal(body.title, 'Alerte de test Bascule pour le canal hook');
    assert.equal(req?.headers['x-bascule-signature'], undefined);
    assert.equal(rx.requests.filter((r) => r.path === '/other').length, 0);
    await assert.rejects(n.test('nope'), /unknown alert channel "nope"/);
  });
});

describe('email', () => {
  let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
  let mails: Mail[] = [];
  let port = 0;
  before(async () => {
    smtp = await smtpReceiver('alerts', 'smtp-pass-xyz');
    mails = smtp.mails;
    port = smtp.port;
  });
  after(() => smtp.close());

  const emailConfig = () =>
    config({
      mail: {
        email: {
          host: '127.0.0.1',
          port,
          secure: false,
          user: 'alerts',
          password: { env: 'SMTP_PASSWORD' },
          from: 'Bascule <bascule@example.com>',
          to: ['oncall@example.com'],
        },
      },
    });

  it('sends threaded mails with AUTH', async () => {
    let now = T0;
    const n = new Notifier({
      config: emailConfig(),
      lang: 'en',
      baseDir: '.',
      env: { SMTP_PASSWORD: 'smtp-pass-xyz' },
      now: () => now,
    });
    await n.handle([opened(incident({ id: 'checkout@50' }))], causes);
    now = T0 + 12 * MIN;
    await n.handle([resolved(incident({ id: 'checkout@50' }))], causes);
    assert.equal(mails.length, 2);
    const [first, second] = mails;
    assert.equal(first?.user, 'alerts');
    assert.equal(first?.from, 'bascule@example.com');
    assert.deepEqual(first?.to, ['oncall@example.com']);
    assert.match(first?.raw ?? '', /^Subject: checkout is DOWN$/m);
    assert.match(first?.raw ?? '', /^Message-ID: <bascule\.checkout-50@example\.com>$/im);
    assert.match(first?.raw ?? '', /Content-Type: text\/html/);
    assert.match(first?.raw ?? '', /checkout-api: DOWN/);
    assert.match(second?.raw ?? '', /^Subject: checkout is back UP after 12m$/m);
    assert.match(second?.raw ?? '', /^References: <bascule\.checkout-50@example\.com>$/m);
    assert.match(second?.raw ?? '', /^In-Reply-To: <bascule\.checkout-50@example\.com>$/m);
  });

  it('a wrong password is a clear error without the password', async () => {
    const n = new Notifier({
      config: emailConfig(),
      lang: 'en',
      baseDir: '.',
      env: { SMTP_PASSWORD: 'wrong-password-777' },
    });
    await assert.rejects(n.test('mail'), (err: Error) => {
      assert.match(err.message, /^email: .* from smtp:\/\/127\.0\.0\.1:\d+$/);
      assert.doesNotMatch(err.message, /wrong-password-777/);
      return true;
    });
  });
});

describe('notifier', () => {
  it('a missing secret fails at construction', () => {
    const cfg = config({
      hook: { webhook: 'http://127.0.0.1:1/x', secret: { env: 'NOT_SET_ANYWHERE' } },
      other: { ntfy: 'http://127.0.0.1:1/t' },
    });
    assert.throws(
      () => new Notifier({ config: cfg, lang: 'en', baseDir: '.', env: {} }),
      (err: unknown) =>
        err instanceof BasculeError &&
        err.diagnostics[0]?.code === 'BASCULE_E_SECRET_MISSING' &&
        err.diagnostics[0]?.params?.where === 'notify.hook.secret',
    );
    // Restricted to other channels, the missing secret does not matter.
    const n = new Notifier({ config: cfg, lang: 'en', baseDir: '.', env: {}, channels: ['other'] });
    assert.deepEqual(Object.keys(n.stats), ['other']);
  });

  it('keeps order per channel, runs channels in parallel, sends due repeats on tick', async () => {
    const cfg = config({
      slow: { webhook: 'http://127.0.0.1:1/a', repeat: '10m' },
      fast: { webhook: 'http://127.0.0.1:1/b' },
    });
    const log: string[] = [];
    const send: SendFn = async (id, alert) => {
      log.push(`start ${id} ${alert.key}`);
      await new Promise((r) => setTimeout(r, id === 'slow' ? 30 : 1));
      log.push(`end ${id} ${alert.key}`);
    };
    let now = T0;
    const n = new Notifier({ config: cfg, lang: 'en', baseDir: '.', env: {}, now: () => now, send });
    const a = n.handle([opened(incident({ id: 'checkout@1' }))], causes);
    const b = n.handle([opened(incident({ id: 'checkout@2' }))], causes);
    await Promise.all([a, b]);
    const slow = log.filter((l) => l.includes('slow'));
    assert.deepEqual(slow, [
      'start slow checkout@1:opened',
      'end slow checkout@1:opened',
      'start slow checkout@2:opened',
      'end slow checkout@2:opened',
    ]);
    // fast finished both before slow finished its first
    assert.ok(log.indexOf('end fast checkout@2:opened') < log.indexOf('end slow checkout@1:opened'));
    log.length = 0;
    now = T0 + 10 * MIN;
    await n.tick();
    assert.deepEqual(log.filter((l) => l.startsWith('end')).sort(), [
      'end slow checkout@1:repeat:1',
      'end slow checkout@2:repeat:1',
    ]);
    const snap = JSON.parse(JSON.stringify(n.snapshot())) as unknown;
    const n2 = new Notifier({ config: cfg, lang: 'en', baseDir: '.', env: {}, now: () => now, send });
    n2.restore(snap);
    log.length = 0;
    await n2.tick();
    assert.deepEqual(log, []);
    assert.deepEqual(n.stats.slow, { sent: 4, failed: 0, suppressed: 0 });
  });

  it('counts alerts dropped by the rate limit; reminders carry fresh causes', async () => {
    const cfg = config({ c: { webhook: 'http://127.0.0.1:1/a', repeat: '5m' } });
    const sent: Alert[] = [];
    let now = T0;
    const n = new Notifier({
      config: cfg,
      lang: 'en',
      baseDir: '.',
      env: {},
      now: () => now,
      send: async (_id, alert) => {
        sent.push(alert);
      },
      rateLimit: { burst: 2, perMs: 10 * MIN },
    });
    await n.handle(
      [1, 2, 3].map((id) => opened(incident({ id: `checkout@${id}` }))),
      causes,
    );
    assert.deepEqual(n.stats.c, { sent: 2, failed: 0, suppressed: 1 });
    now = T0 + 5 * MIN;
    await n.tick(() => ['db: DOWN — connection refused']);
    assert.equal(sent.length, 3);
    assert.equal(sent[2]?.kind, 'repeat');
    assert.deepEqual(sent[2]?.causes, ['db: DOWN — connection refused']);
    assert.match(sent[2]?.text ?? '', /1 earlier alert was dropped/);
  });

  it('a send that keeps failing is retried with the injected delays, then given up', async () => {
    const cfg = config({ c: { webhook: 'http://127.0.0.1:1/a' } });
    let calls = 0;
    const waits: number[] = [];
    const n = new Notifier({
      config: cfg,
      lang: 'en',
      baseDir: '.',
      env: {},
      retryDelays: [5, 10, 20],
      sleep: async (ms) => {
        waits.push(ms);
      },
      send: async () => {
        calls++;
        throw new Error('webhook: HTTP 503 from http://127.0.0.1:1');
      },
    });
    await n.handle([opened()], causes);
    assert.equal(calls, 4);
    assert.deepEqual(waits, [5, 10, 20]);
    assert.deepEqual(n.stats.c, { sent: 0, failed: 1, suppressed: 0 });
  });

  it('every channel type has an implementation', () => {
    assert.deepEqual(Object.keys(CHANNELS), [...CHANNEL_TYPES]);
    for (const kind of CHANNEL_KINDS) {
      const plugin = CHANNELS[kind.type];
      assert.equal(plugin.type, kind.type);
      assert.equal(plugin.key, kind.key);
      assert.equal(plugin.secrets, kind.secrets);
      assert.equal(typeof plugin.send, 'function');
      const spec = { [kind.type]: 'set' } as unknown as NotifyChannelSpec;
      assert.equal(channelFor(spec).type, kind.type);
    }
  });
});

/**
 * Untrusted text (issue 9, defect 10): an agent's detail and a hostile target's answer never carry
 * control characters or line breaks into the store, `bascule status` or an alert.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { renderStatus } from '../src/cli/render/status-text.ts';
import { Daemon } from '../src/daemon/daemon.ts';
import { loadConfig } from '../src/model/load.ts';
import { cleanText } from '../src/monitor/clean-text.ts';
import { MAX_CHECK_ID } from '../src/monitor/limits.ts';
import { renderAlert } from '../src/notify/render.ts';
import { createLogger } from '../src/platform/log.ts';
import type { StatusJson } from '../src/server/status-json.ts';
import { tempDir } from './helpers/cli.ts';
import { getJson, waitFor } from './helpers/daemon.ts';
import { map } from './helpers/map.ts';

const TOKEN = 'office-token-e5c4a1';
const OPERATOR = 'operator-token-77d0b3';
const HOSTILE = '\u001b[2J\u001b[31m\r\n• web: UP\u0085\u009b1m\u202egnp.\u2028\u007f';
/** What may never appear in a text shown to people. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
/** The same in a rendering of several lines: only its own line breaks. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
const UNSAFE_IN_LINES = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
const closers: (() => Promise<unknown> | unknown)[] = [];
after(async () => {
  for (const close of closers.reverse()) await close();
});

describe('untrusted text', () => {
  it('cleanText drops C0, C1, DEL and bidi controls, turns line breaks into one space, cuts without splitting a pair', () => {
    assert.equal(cleanText(HOSTILE), '[2J[31m • web: UP 1mgnp. ');
    assert.equal(cleanText('a\tb\n\nc'), 'a b c');
    assert.equal(cleanText('plain text, é ü 日本'), 'plain text, é ü 日本');
    assert.equal(cleanText('abcdef', 4), 'abc…');
    assert.equal(cleanText('ab😀cd', 4), 'ab…', 'the pair is not split');
  });

  it('refuses a check id longer than the API takes, with a located error', () => {
    const body = (id: string) =>
      `version: 1\nname: T\ncomponents: {web: {provider: aws}}\nchecks:\n  ${id}: {component: web, tcp: "127.0.0.1:80"}\n`;
    assert.ok(loadConfig(body('a'.repeat(MAX_CHECK_ID)), 't.yaml').ok);
    const r = loadConfig(body('a'.repeat(MAX_CHECK_ID + 1)), 't.yaml');
    assert.ok(!r.ok);
    assert.equal(r.diagnostics[0]?.code, 'BASCULE_E_CONFIG_ID_LENGTH');
    assert.equal(r.diagnostics[0]?.line, 5);
    assert.equal(r.diagnostics[0]?.params.length, MAX_CHECK_ID + 1);
  });

  it('cleans an agent’s detail and a hostile backend’s answer before they are stored, shown or alerted', async () => {
    // A hostile target: its JSON value carries a bidi override and a line separator into the detail.
    const backend: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: HOSTILE }));
    });
    await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise((r) => backend.close(r)));
    const port = (backend.address() as AddressInfo).port;
    const config = map({
      services: { shop: { criticality: 'critical', dependsOn: ['web', 'api'] } },
      components: { web: { provider: 'aws' }, api: { provider: 'aws' } },
      vantages: { office: { provider: 'ovh', token: { env: 'OFFICE_TOKEN' } } },
      checks: {
        'web-office': {
          component: 'web',
          http: 'http://127.0.0.1:9/',
          interval: '1s',
          timeout: '500ms',
          failAfter: 2,
          from: ['office'],
        },
        'api-local': {
          component: 'api',
          http: `http://127.0.0.1:${port}/health`,
          interval: '1s',
          timeout: '500ms',
          failAfter: 2,
          from: ['local'],
          expect: { json: { path: 'status', equals: 'up' } },
        },
      },
    });
    const d = await Daemon.start({
      config,
      baseDir: tempDir(),
      dataDir: tempDir(),
      listen: '127.0.0.1:0',
      lang: 'en',
      log: createLogger('silent'),
      env: { OFFICE_TOKEN: TOKEN, BASCULE_TOKEN: OPERATOR },
      flushMs: 50,
      onIncidents: () => {},
    });
    closers.push(() => d.stop());
    for (let i = 0; i < 3; i++) {
      const r = await getJson(`${d.url}/api/v1/agent/observations?vantage=office`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          sentAt: Date.now(),
          observations: [
            {
              check: 'web-office',
              at: Date.now(),
              ok: false,
              reason: 'status',
              detail: HOSTILE,
              latencyMs: 2,
            },
          ],
        }),
      });
      assert.equal(r.status, 202);
    }
    await waitFor('both checks stored', async () => (await d.store.observations('api-local', 0)).length > 0);
    for (const id of ['web-office', 'api-local']) {
      const stored = await d.store.observations(id, 0);
      assert.ok(
        stored.length > 0 && stored.every((o) => o.detail && !UNSAFE.test(o.detail)),
        JSON.stringify(stored[0]),
      );
      assert.ok(
        stored.every((o) => o.detail?.includes('• web: UP')),
        'the text stays, harmless, on one line',
      );
    }
    // What `bascule status` prints and what an alert says: one line per row and per cause.
    const status = (
      await getJson<StatusJson>(`${d.url}/api/v1/status`, {
        headers: { authorization: `Bearer ${OPERATOR}` },
      })
    ).body;
    const text = renderStatus(status, 'en', (_c, s) => s);
    assert.doesNotMatch(text, UNSAFE_IN_LINES);
    assert.equal(text.split('\n').filter((l) => l.includes('web: UP')).length, 1);
    const alert = renderAlert(
      {
        kind: 'opened',
        service: 'shop',
        criticality: 'critical',
        incident: 'shop@2026-11-30T12:00:00.000Z',
        state: 'DOWN',
        worst: 'DOWN',
        openedAt: 0,
        at: 0,
        causes: [`web-office: DOWN — status (${HOSTILE})`],
      },
      'en',
    ).text;
    assert.doesNotMatch(alert, UNSAFE_IN_LINES);
    assert.ok(!alert.split('\n').some((l) => l.startsWith('• web: UP')), 'no forged line');
  });

  it('renders a hostile daemon’s status without letting it drive the terminal', () => {
    const status = {
      name: `Acme${HOSTILE}`,
      at: '2026-11-30T12:00:00.000Z',
      checks: [
        {
          id: 'web',
          state: 'DOWN',
          reason: 'status',
          detail: HOSTILE,
          target: { component: 'web' },
          vantages: [{ id: `office${HOSTILE}`, state: 'DOWN', lastAt: null, reason: 'status', latencyMs: 1 }],
        },
      ],
      components: [],
      services: [{ id: 'shop', state: 'DOWN', cause: HOSTILE }],
      incidents: [],
    } as unknown as StatusJson;
    const text = renderStatus(status, 'fr', (_c, s) => s);
    assert.doesNotMatch(text, UNSAFE_IN_LINES);
    assert.ok(!text.split('\n').some((l) => l.startsWith('• web: UP')));
  });
});

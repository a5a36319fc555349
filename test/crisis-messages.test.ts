/**
 * One source for the crisis messages: the plan's Communication section, the status page's automatic
 * entries and the alerts word the same event with the same sentence — the catalogue's by default,
 * the map's `communications:` when it gives one — in both languages. The status page is exported by
 * `bascule status-page export` from incidents written by the test into a real SQLite store; the
 * alerts come from the daemon's router. Also: a message the status page or the alerts post when an
 * incident starts or ends may not promise {next}.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Lang } from '../src/i18n/index.ts';
import { loadConfig } from '../src/model/load.ts';
import type { Config } from '../src/model/schema.ts';
import type { Incident } from '../src/monitor/types.ts';
import { AlertRouter } from '../src/notify/alert-router.ts';
import { formatTime as alertTime } from '../src/notify/render.ts';
import { mdText } from '../src/plan/markdown.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { formatTime as pageTime } from '../src/web/status/format.ts';
import { xml } from '../src/web/status/xml.ts';
import { runCli, tempDir } from './helpers/cli.ts';

const MAP = `version: 1
name: Acme
services:
  shop: {name: Boutique, criticality: critical, dependsOn: [web]}
components:
  web: {provider: ovh, region: sbg}
checks:
  web: {component: web, tcp: 127.0.0.1:9}
notify:
  team: {webhook: "http://127.0.0.1:9/hook"}
statusPage:
  title: Acme
  show:
    shop: {name: Boutique}
`;
const OWN = `communications:
  statusPage:
    resolved: {body: {en: "{services} works again since {end}: sorry for the wait.", fr: "{services} remarche depuis {end} : pardon pour l’attente."}}
  internal:
    started: {body: "Alerte {company} : {services} est tombé à {start}."}
`;

const T0 = Date.now() - 3_600_000;
const opened: Incident = {
  id: `shop@${new Date(T0).toISOString()}`,
  service: 'shop',
  openedAt: T0,
  worst: 'DOWN',
  state: 'DOWN',
  timeline: [{ at: T0, type: 'service', id: 'shop', from: 'UP', to: 'DOWN' }],
};
const closed: Incident = { ...opened, closedAt: T0 + 600_000, state: 'UP' };

function config(text: string): Config {
  const r = loadConfig(text, 'bascule.yaml');
  assert.ok(r.ok, JSON.stringify(!r.ok && r.diagnostics));
  return r.config;
}

/** The plan's message of a channel and event, in Markdown (its quoted lines). */
function planMessage(md: string, title: string): string {
  const at = md.indexOf(`**${mdText(title)}`);
  assert.ok(at >= 0, `no message "${title}"`);
  const lines = md.slice(at).split('\n').slice(1);
  return lines
    .filter((l, i) => l.startsWith('>') && lines.slice(0, i).every((x) => x === '' || x.startsWith('>')))
    .map((l) => l.replace(/^> ?/, ''))
    .filter((l) => l && !l.startsWith('**'))
    .join('\n');
}

/** The plan's text with its blanks filled as the live channels fill them. */
const filled = (text: string, start: string, end: string, lang: Lang) =>
  text
    .replace(/\\([\\`*_[\]<>|#])/g, '$1')
    .replace(lang === 'fr' ? '[heure de début]' : '[time it started]', start)
    .replace(lang === 'fr' ? '[heure de fin]' : '[time it ended]', end);

const TITLES = {
  en: {
    pageStarted: 'Status page — Incident started',
    pageResolved: 'Status page — Resolved',
    internalStarted: 'Internal message — Incident started',
    internalResolved: 'Internal message — Resolved',
  },
  fr: {
    pageStarted: 'Page d’état — Début d’incident',
    pageResolved: 'Page d’état — Fin d’incident',
    internalStarted: 'Message interne — Début d’incident',
    internalResolved: 'Message interne — Fin d’incident',
  },
} as const;

for (const [label, text] of [
  ['the catalogue’s', MAP],
  ['the map’s own', MAP + OWN],
] as const) {
  describe(`crisis messages, ${label} wording: the plan, the status page and the alerts say the same`, () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const file = join(dir, 'bascule.yaml');
    before(async () => {
      writeFileSync(file, text);
      mkdirSync(dataDir);
      const store = new SqliteStore(join(dataDir, 'bascule.db'));
      await store.migrate();
      await store.saveIncidents([
        closed,
        {
          ...opened,
          id: 'shop@later',
          openedAt: T0 + 1_800_000,
          timeline: [{ ...opened.timeline[0]!, at: T0 + 1_800_000 }],
        },
      ]);
      await store.close();
    });

    for (const lang of ['en', 'fr'] as const) {
      it(`in ${lang}`, async () => {
        const r = await runCli(['plan', '-c', file, '--lang', lang, '--data-dir', dataDir], {
          env: { LANG: 'C.UTF-8' },
        });
        assert.equal(r.code, 0, r.stderr);
        const md = r.stdout;
        const titles = TITLES[lang];
        const own = label !== 'the catalogue’s';
        // The status page: the entries that open and close the incidents.
        const out = join(dir, `site-${lang}`);
        const e = await runCli(['status-page', 'export', out, '-c', file, '--data-dir', dataDir], {
          env: { LANG: 'C.UTF-8' },
        });
        assert.equal(e.code, 0, e.stderr);
        const html = readFileSync(join(out, `index.${lang}.html`), 'utf8');
        const started = filled(planMessage(md, titles.pageStarted), pageTime(lang, T0 + 1_800_000), '', lang);
        const resolved = filled(
          planMessage(
            md,
            titles.pageResolved + (own ? (lang === 'fr' ? ' (votre rédaction)' : ' (your wording)') : ''),
          ),
          '',
          pageTime(lang, closed.closedAt!),
          lang,
        );
        assert.ok(html.includes(xml(started)), `status page misses: ${started}`);
        assert.ok(html.includes(xml(resolved)), `status page misses: ${resolved}`);
        if (own)
          assert.match(resolved, lang === 'fr' ? /Boutique remarche depuis/ : /Boutique works again since/);
        // The alerts: the router's opened and resolved alerts start with the internal messages.
        const router = new AlertRouter(config(text), lang);
        const a = router.route([{ type: 'incident-opened', incident: opened }], () => [], T0).deliveries[0]!
          .alert;
        const b = router.route([{ type: 'incident-resolved', incident: closed }], () => [], T0 + 600_000)
          .deliveries[0]!.alert;
        const internalStarted =
          titles.internalStarted + (own ? (lang === 'fr' ? ' (votre rédaction)' : ' (your wording)') : '');
        assert.equal(
          a.text.split('\n')[0],
          filled(planMessage(md, internalStarted), alertTime(T0), '', lang),
        );
        assert.equal(
          b.text.split('\n')[0],
          filled(planMessage(md, titles.internalResolved), '', alertTime(closed.closedAt!), lang),
        );
        if (own) assert.equal(a.text.split('\n')[0], `Alerte Acme : Boutique est tombé à ${alertTime(T0)}.`);
      });
    }
  });
}

describe('crisis messages the status page and the alerts post themselves', () => {
  it('may not use {next}, nor {end} when the incident starts', () => {
    const r = loadConfig(
      `${MAP}communications:\n  statusPage:\n    started: {body: "Back by {next}"}\n  internal:\n    started: {body: "Down until {end}"}\n  email:\n    started: {body: "Next word by {next}"}\n`,
      'bascule.yaml',
    );
    assert.ok(!r.ok);
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.code} ${d.path}`),
      [
        'BASCULE_E_CONFIG_PLAN_PLACEHOLDER communications.statusPage.started.body',
        'BASCULE_E_CONFIG_PLAN_PLACEHOLDER communications.internal.started.body',
      ],
    );
    assert.equal(r.diagnostics[0]!.params.allowed, '{company}, {services}, {start}');
  });
});

/**
 * Top actions (issue 10, item 7): the changes that raise the score most, each found by re-analysing
 * a modified copy of the map. The three examples, their actions and titles in both languages; the
 * JSON shape; the bounds (candidates, work budget); the time of each re-analysis.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { candidates, MAX_CANDIDATES, topActions, WORK_BUDGET } from '../src/analysis/actions.ts';
import { analyze } from '../src/analysis/analyze.ts';
import { buildGraph } from '../src/analysis/graph.ts';
import { loadConfig } from '../src/model/load.ts';
import type { Config } from '../src/model/schema.ts';
import { loadScenarios } from '../src/scenarios/library.ts';
import { runCli } from './helpers/cli.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const SCENARIOS = loadScenarios();

function example(name: string): Config {
  const loaded = loadConfig(readFileSync(`${ROOT}examples/${name}.yaml`, 'utf8'), `examples/${name}.yaml`);
  assert.ok(loaded.ok);
  return loaded.config;
}

interface Expected {
  /** `id before→after services`, in order. */
  readonly actions: readonly string[];
  readonly en: readonly string[];
  readonly fr: readonly string[];
}

const EXPECTED: Readonly<Record<string, Expected>> = {
  'startup-aws': {
    actions: [
      'split-region:checkout:aws/us-east-1 33→55 checkout,back-office',
      'split-provider:checkout:cloudflare 33→51 storefront,checkout,api',
      'replica:cf-cdn 33→48 storefront,checkout',
      'split-region:checkout:aws/eu-west-3 33→36 checkout,api,back-office',
      'replica:auth0 33→36 checkout,back-office',
    ],
    en: [
      // Where Stripe and Auth0 run is not the user's to change: a second supplier for each.
      'Keep a second supplier ready for each of auth0, stripe, so that checkout survives the loss of region aws/us-east-1, where they run',
      'Give cf-cdn, cf-dns a standby at another provider, so that checkout survives an outage at cloudflare',
      'Give cf-cdn a redundant copy at another provider',
      'Run api-a, api-b, db, sessions in a second region too, so that checkout survives the loss of region aws/eu-west-3',
      'Set up a fallback sign-in alongside auth0, at another provider',
    ],
    fr: [
      'Gardez un second fournisseur prêt pour auth0, stripe (un pour chacun), pour que checkout résiste à la perte de la région aws/us-east-1, où ils tournent',
      'Donnez à cf-cdn, cf-dns une réserve chez un autre fournisseur, pour que checkout résiste à une panne chez cloudflare',
      'Donnez à cf-cdn une copie redondante chez un autre fournisseur',
      'Faites aussi tourner api-a, api-b, db, sessions dans une seconde région, pour que checkout résiste à la perte de la région aws/eu-west-3',
      'Prévoyez une connexion de secours à côté d’auth0, chez un autre fournisseur',
    ],
  },
  'pme-ovh': {
    actions: [
      'split-region:erp:ovh/sbg 52→68 erp,erp-restore',
      'split-provider:fichiers:azure 52→59 messagerie,teams,fichiers',
      'split-provider:messagerie:azure 52→59 messagerie,teams,fichiers',
      'replica:erp-db 52→58 erp,erp-restore',
      'split-region:erp-restore:ovh/sbg 52→58 erp,erp-restore',
    ],
    en: [
      'Run erp-app, erp-db in a second region too, so that erp survives the loss of region ovh/sbg',
      'Give entra-id, m365-sharepoint a standby at another provider, so that fichiers survives an outage at azure',
      'Give entra-id, m365-exchange a standby at another provider, so that messagerie survives an outage at azure',
      'Give the database erp-db a replica at another provider',
      'Run erp-backup, erp-db in a second region too, so that erp-restore survives the loss of region ovh/sbg',
    ],
    fr: [
      'Faites aussi tourner erp-app, erp-db dans une seconde région, pour qu’erp résiste à la perte de la région ovh/sbg',
      'Donnez à entra-id, m365-sharepoint une réserve chez un autre fournisseur, pour que fichiers résiste à une panne chez azure',
      'Donnez à entra-id, m365-exchange une réserve chez un autre fournisseur, pour que messagerie résiste à une panne chez azure',
      'Donnez à la base de données erp-db une réplique chez un autre fournisseur',
      'Faites aussi tourner erp-backup, erp-db dans une seconde région, pour qu’erp-restore résiste à la perte de la région ovh/sbg',
    ],
  },
  'boutique-strasbourg': {
    actions: [
      'split-region:boutique:ovh/sbg 67→74 boutique',
      'split-provider:messagerie:azure 67→71 messagerie,documents',
      'replica:logiciel-paie 67→70 paie',
      'split-provider:documents:azure 67→69 messagerie,documents',
      'replica:dns 67→68 boutique,messagerie',
    ],
    en: [
      'Run base, site in a second region too, so that boutique survives the loss of region ovh/sbg',
      'Give entra-id, exchange a standby at another provider, so that messagerie survives an outage at azure',
      // A payroll SaaS: the user cannot run it elsewhere, only plan to work without it.
      'Plan how to work without logiciel-paie: regular exports and a fallback procedure',
      'Give entra-id, sharepoint a standby at another provider, so that documents survives an outage at azure',
      'Add a secondary DNS to dns, at another provider',
    ],
    fr: [
      'Faites aussi tourner base, site dans une seconde région, pour que boutique résiste à la perte de la région ovh/sbg',
      'Donnez à entra-id, exchange une réserve chez un autre fournisseur, pour que messagerie résiste à une panne chez azure',
      'Prévoyez de quoi travailler sans logiciel-paie : des exports réguliers et une procédure de secours',
      'Donnez à entra-id, sharepoint une réserve chez un autre fournisseur, pour que documents résiste à une panne chez azure',
      'Ajoutez à dns un DNS secondaire, chez un autre fournisseur',
    ],
  },
  multicloud: {
    actions: [
      'split-provider:api:aws 69→78 api',
      'replica:api-edge 69→78 api',
      'replica:exports 69→77 reporting',
      'split-region:app:aws/eu-west-1 69→73 app',
      'decouple:web-tier.dependsOn[0]:sessions 69→73 app',
    ],
    en: [
      'Give api-aws, api-edge, crdb-aws a standby at another provider, so that api survives an outage at aws',
      'Add a secondary DNS to api-edge, at another provider',
      'Give exports a redundant copy at another provider',
      'Run crdb-aws, sessions, web-aws in a second region too, so that app survives the loss of region aws/eu-west-1',
      'Give web-gcp its own copy of sessions, so that web-aws, web-gcp no longer fail together',
    ],
    fr: [
      'Donnez à api-aws, api-edge, crdb-aws une réserve chez un autre fournisseur, pour qu’api résiste à une panne chez aws',
      'Ajoutez à api-edge un DNS secondaire, chez un autre fournisseur',
      'Donnez à exports une copie redondante chez un autre fournisseur',
      'Faites aussi tourner crdb-aws, sessions, web-aws dans une seconde région, pour qu’app résiste à la perte de la région aws/eu-west-1',
      'Donnez à web-gcp sa propre copie de sessions, pour que web-aws, web-gcp ne tombent plus ensemble',
    ],
  },
};

interface JsonAction {
  id: string;
  change: string;
  finding: string;
  title: string;
  subjects: string[];
  scoreBefore: number;
  scoreAfter: number;
  services: string[];
}

async function jsonActions(name: string, lang: 'en' | 'fr') {
  const r = await runCli(['analyze', '-c', `examples/${name}.yaml`, '--format', 'json', '--lang', lang], {
    cwd: ROOT,
  });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as {
    score: { overall: number };
    actions: JsonAction[];
    actionsTried: { candidates: number; evaluated: number };
  };
}

for (const [name, x] of Object.entries(EXPECTED)) {
  describe(`top actions of examples/${name}.yaml`, () => {
    it('are the expected changes, with their scores before and after and the services they protect', async () => {
      const j = await jsonActions(name, 'en');
      assert.deepEqual(
        j.actions.map((a) => `${a.id} ${a.scoreBefore}→${a.scoreAfter} ${a.services.join(',')}`),
        x.actions,
      );
      for (const a of j.actions) assert.equal(a.scoreBefore, j.score.overall);
      assert.equal(j.actionsTried.evaluated, j.actionsTried.candidates);
    });

    it('are titled as a person would say it, in English and in French', async () => {
      assert.deepEqual(
        (await jsonActions(name, 'en')).actions.map((a) => a.title),
        x.en,
      );
      assert.deepEqual(
        (await jsonActions(name, 'fr')).actions.map((a) => a.title),
        x.fr,
      );
    });

    it('come true: the map changed as said scores what the action says', () => {
      const config = example(name);
      const graph = buildGraph(config);
      const base = analyze(config, SCENARIOS, graph);
      for (const c of candidates(graph, base.findings)) {
        const t0 = performance.now();
        const changed = c.apply(config);
        const after = analyze(changed, SCENARIOS, buildGraph(changed)).score.overall;
        const ms = performance.now() - t0;
        // Each re-analysis of an example is quick (a few ms here; 200 ms leaves room on a busy machine).
        assert.ok(ms < 200, `${c.id}: ${ms.toFixed(0)} ms`);
        const action = analyze(config, SCENARIOS, graph, { actions: true }).actions!.actions.find(
          (a) => a.id === c.id,
        );
        if (action) assert.equal(action.scoreAfter, after, c.id);
      }
    });
  });
}

describe('top actions, the JSON shape', () => {
  it('gives title, subjects, scoreBefore, scoreAfter and services for each action', async () => {
    const j = await jsonActions('startup-aws', 'en');
    for (const a of j.actions) {
      assert.deepEqual(Object.keys(a).sort(), [
        'change',
        'finding',
        'id',
        'scoreAfter',
        'scoreBefore',
        'services',
        'subjects',
        'title',
      ]);
      assert.ok(a.scoreAfter > a.scoreBefore, a.id);
      assert.ok(a.subjects.length > 0 && a.services.length > 0, a.id);
    }
    assert.ok(j.actions.length >= 3 && j.actions.length <= 5);
  });

  it('comes first in the text output, before the services table', async () => {
    for (const lang of ['en', 'fr'] as const) {
      const r = await runCli(['analyze', '-c', 'examples/pme-ovh.yaml', '--lang', lang], { cwd: ROOT });
      const lines = r.stdout.split('\n');
      const top = lines.findIndex((l) => l === (lang === 'en' ? 'TOP ACTIONS' : 'ACTIONS PRIORITAIRES'));
      const services = lines.indexOf('SERVICES');
      assert.ok(top > 0 && top < services, r.stdout);
      assert.match(
        lines[top + 1]!,
        lang === 'en'
          ? /^1\. Run erp-app, erp-db .*: score 52 → 68, for erp, erp-restore$/
          : /^1\. Faites aussi tourner erp-app, erp-db .* : score 52 → 68, pour erp, erp-restore$/,
      );
    }
  });
});

describe('top actions, bounded', () => {
  /** A map of `n` services, each on its own single component: n single points of failure. */
  function chain(n: number): Config {
    const yaml = [
      'version: 1',
      'name: Many',
      'services:',
      ...Array.from({ length: n }, (_, i) => `  s${i}: {criticality: high, dependsOn: [c${i}]}`),
      'components:',
      ...Array.from({ length: n }, (_, i) => `  c${i}: {provider: aws, region: eu-west-3, kind: compute}`),
    ].join('\n');
    const loaded = loadConfig(yaml, 'many.yaml');
    assert.ok(loaded.ok);
    return loaded.config;
  }

  it(`tries at most ${MAX_CANDIDATES} candidates, the most severe findings first`, () => {
    const config = chain(40);
    const graph = buildGraph(config);
    const a = analyze(config, [], graph, { actions: true });
    assert.equal(a.actions!.candidates, MAX_CANDIDATES);
    assert.equal(a.actions!.evaluated, MAX_CANDIDATES);
    assert.equal(a.actions!.actions.length, 5);
  });

  it('tries fewer on a big map (the work budget), and none when one re-analysis is the whole budget', () => {
    const config = chain(40);
    const graph = buildGraph(config);
    const base = analyze(config, [], graph);
    const small = topActions({ ...graph, count: WORK_BUDGET / 10 }, [], base, (c, s, g) => analyze(c, s, g));
    assert.equal(small.evaluated, 10);
    const huge = topActions({ ...graph, count: WORK_BUDGET + 1 }, [], base, () => assert.fail('re-analysed'));
    assert.equal(huge.evaluated, 0);
    assert.equal(huge.actions.length, 0);
    assert.equal(huge.candidates, MAX_CANDIDATES);
  });
});

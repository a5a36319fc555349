/** Failure predicates against own placements and runsOn places, and runsOn redundancy groups. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../src/analysis/analyze.ts';
import { buildGraph } from '../src/analysis/graph.ts';
import { matchComponent, parsePredicate } from '../src/analysis/predicate.ts';
import { simulate } from '../src/analysis/simulate.ts';
import type { ErrorCode } from '../src/errors.ts';
import { formatDiagnostic } from '../src/i18n/index.ts';
import { loadConfig } from '../src/model/load.ts';
import type { Config } from '../src/model/schema.ts';
import { loadScenarios } from '../src/scenarios/library.ts';
import { runCli } from './helpers/cli.ts';
import { map } from './helpers/map.ts';

const down = (config: Config, ...fail: string[]) => simulate(buildGraph(config), fail.map(parsePredicate));

describe('predicates on own placements and runsOn places', () => {
  // Each component is one placement; the table says which predicates match it, and how.
  const places = map({
    components: {
      // Own placement: every key the predicate names must be there and equal.
      'own-dynamo': { provider: 'aws', region: 'us-east-1', service: 'dynamodb', kind: 'database' },
      'own-bare': { provider: 'aws', region: 'us-east-1' },
      // Suppliers: their own provider, their kind, and where they run.
      'pay-aws': { provider: 'stripe', kind: 'payment', runsOn: [{ provider: 'aws', region: 'us-east-1' }] },
      'mail-gcp': {
        provider: 'mailjet',
        kind: 'email',
        runsOn: [{ provider: 'gcp', region: 'europe-west1' }],
      },
      'auth-aws': { provider: 'auth0', kind: 'auth', runsOn: [{ provider: 'aws' }] },
      'cdn-afd': { provider: 'acme', kind: 'cdn', runsOn: [{ provider: 'azure', service: 'front-door' }] },
      'logical-auth': { kind: 'auth' },
    },
  });
  const rows: [predicate: string, component: string, via: string | undefined][] = [
    // kind is the component's own property, never assumed of a runsOn place.
    ['kind=auth', 'auth-aws', 'own'],
    ['kind=auth', 'pay-aws', undefined],
    ['kind=auth', 'mail-gcp', undefined],
    ['kind=auth', 'logical-auth', undefined],
    ['provider=aws,kind=auth', 'auth-aws', 'runsOn[0]'],
    ['provider=aws,kind=auth', 'pay-aws', undefined],
    ['provider=aws,kind=payment', 'pay-aws', 'runsOn[0]'],
    ['provider=azure,kind=cdn', 'cdn-afd', 'runsOn[0]'],
    ['provider=azure,kind=saas', 'cdn-afd', undefined],
    ['kind=database', 'own-dynamo', 'own'],
    ['kind=database', 'own-bare', undefined],
    // A missing service in a runsOn place matches only a predicate naming that provider.
    ['service=route53', 'mail-gcp', undefined],
    ['service=route53', 'pay-aws', undefined],
    ['service=route53', 'auth-aws', undefined],
    ['provider=aws,service=route53', 'pay-aws', 'runsOn[0]'],
    ['provider=aws,service=route53', 'auth-aws', 'runsOn[0]'],
    ['provider=aws,service=route53', 'mail-gcp', undefined],
    ['provider=aws,region=us-east-1,service=dynamodb', 'pay-aws', 'runsOn[0]'],
    ['provider=gcp,service=iam', 'mail-gcp', 'runsOn[0]'],
    // A service given in a runsOn place must be the one named.
    ['provider=azure,service=front-door', 'cdn-afd', 'runsOn[0]'],
    ['provider=azure,service=portal', 'cdn-afd', undefined],
    ['service=front-door', 'cdn-afd', 'runsOn[0]'],
    // A missing region or zone in a runsOn place is unknown: no single region or zone matches it.
    ['provider=aws,region=us-east-1', 'auth-aws', undefined],
    ['provider=aws,region=us-east-1', 'pay-aws', 'runsOn[0]'],
    ['provider=aws,region=us-east-1,zone=use1-az1', 'pay-aws', undefined],
    ['region=europe-west1', 'mail-gcp', 'runsOn[0]'],
    ['provider=aws', 'auth-aws', 'runsOn[0]'],
    ['provider=auth0', 'auth-aws', 'own'],
    // Own placement: a missing service does not match (the component says what it is).
    ['provider=aws,service=dynamodb', 'own-dynamo', 'own'],
    ['provider=aws,service=dynamodb', 'own-bare', undefined],
    ['service=route53', 'own-bare', undefined],
    ['provider=aws,region=us-east-1', 'own-bare', 'own'],
    // Named components.
    ['component=pay-aws', 'pay-aws', 'component'],
    ['component=pay-aws,provider=aws', 'pay-aws', 'runsOn[0]'],
    ['component=pay-aws,provider=aws', 'auth-aws', undefined],
  ];
  for (const [predicate, id, via] of rows) {
    it(`${predicate} × ${id} → ${via ?? 'no match'}`, () => {
      const m = matchComponent(id, places.components[id]!, [parsePredicate(predicate)]);
      const got = m === undefined ? undefined : typeof m.via === 'number' ? `runsOn[${m.via}]` : m.via;
      assert.equal(got, via);
    });
  }

  it('does not take payment and e-mail suppliers down with kind=auth, nor a GCP one with service=route53', () => {
    const shop = map({
      services: {
        checkout: { criticality: 'critical', dependsOn: ['stripe', 'auth0'] },
        newsletter: { dependsOn: ['brevo'] },
        orders: { dependsOn: ['stripe'] },
      },
      components: {
        stripe: { provider: 'stripe', kind: 'payment', runsOn: [{ provider: 'aws', region: 'us-east-1' }] },
        brevo: { provider: 'brevo', kind: 'email', runsOn: [{ provider: 'gcp', region: 'europe-west1' }] },
        auth0: { provider: 'auth0', kind: 'auth', runsOn: [{ provider: 'aws' }] },
      },
    });
    assert.deepEqual(down(shop, 'kind=auth').matched, ['auth0']);
    assert.deepEqual(down(shop, 'kind=auth').servicesDown, ['checkout']);
    assert.deepEqual(down(shop, 'service=route53').matched, []);
    assert.deepEqual(down(shop, 'provider=aws,service=route53').matched, ['auth0', 'stripe']);
  });
});

describe('runsOn redundancy groups', () => {
  const stripe = (runsOn: unknown[]) =>
    map({
      services: { checkout: { criticality: 'critical', dependsOn: ['stripe'] } },
      components: { stripe: { provider: 'stripe', kind: 'payment', runsOn } },
    });
  const east = { provider: 'aws', region: 'us-east-1' };
  const west = { provider: 'aws', region: 'us-west-2' };
  const eu = { provider: 'aws', region: 'eu-west-1' };
  const scenarios = loadScenarios();
  const replay = (config: Config, id: string) => {
    const o = analyze(config, scenarios).outages.find((x) => x.id === id)!;
    return { hits: o.hits, down: o.servicesDown };
  };

  it('survives the us-east-1 replay on two AWS regions, not on one', () => {
    assert.deepEqual(replay(stripe([east]), 'aws-2025-10-20'), { hits: 1, down: ['checkout'] });
    // The outage meets the map (it hits Stripe's us-east-1) and the redundancy holds: survived, counted.
    assert.deepEqual(replay(stripe([{ anyOf: [east, west] }]), 'aws-2025-10-20'), { hits: 1, down: [] });
    assert.deepEqual(replay(stripe([{ anyOf: [east, west] }]), 'aws-2021-12-07'), { hits: 1, down: [] });
    const survived = (c: Config) =>
      analyze(c, scenarios).score.services.map((s) => `${s.service} ${s.outagesSurvived}/${s.outagesTotal}`);
    assert.deepEqual(survived(stripe([east])), ['checkout 0/2']);
    assert.deepEqual(survived(stripe([{ anyOf: [east, west] }])), ['checkout 2/2']);
    // Declared as two plain entries, it fails with either (runsOn is "fails if any fails").
    assert.deepEqual(replay(stripe([east, west]), 'aws-2025-10-20'), { hits: 1, down: ['checkout'] });
  });

  it('says in simulate that the outage met the map and the redundancy held', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bascule-runs-on-'));
    writeFileSync(
      join(dir, 'bascule.yaml'),
      'version: 1\nname: Shop\nservices:\n  checkout: {dependsOn: [stripe]}\ncomponents:\n  stripe:\n    provider: stripe\n    runsOn: [{anyOf: [{provider: aws, region: us-east-1}, {provider: aws, region: us-west-2}]}]\n',
    );
    for (const [lang, held, none] of [
      ['en_US.UTF-8', 'Redundancy lost but still up', 'No component'],
      ['fr_FR.UTF-8', 'Redondance perdue mais toujours disponible', 'Aucun composant'],
    ] as const) {
      const r = await runCli(['simulate', '--replay', 'aws-2025-10-20'], { cwd: dir, env: { LANG: lang } });
      assert.equal(r.code, 0, r.stderr);
      assert.match(
        r.stdout,
        new RegExp(`${held}\\n.*stripe: anyOf\\[aws/us-east-1, aws/us-west-2\\] \\(1/2\\)`),
      );
      assert.doesNotMatch(r.stdout, new RegExp(none));
    }
  });

  it('fails a group with the provider that holds all its places, and with predicates that cover them', () => {
    const c = stripe([{ anyOf: [east, west] }]);
    assert.deepEqual(down(c, 'provider=aws').servicesDown, ['checkout']);
    assert.deepEqual(down(c, 'provider=aws,region=us-east-1', 'provider=aws,region=us-west-2').servicesDown, [
      'checkout',
    ]);
    const cause = down(c, 'provider=aws').explanations[0]!.cause;
    assert.equal(
      cause.reason === 'dependency' && cause.dependency.reason === 'matched' && cause.dependency.via,
      'runsOn[0]',
    );
  });

  it('reports a group that lost a place but holds as degraded', () => {
    const s = down(stripe([{ anyOf: [east, west] }]), 'provider=aws,region=us-east-1');
    assert.deepEqual(s.servicesDown, []);
    assert.deepEqual(
      s.degraded.map((d) => [d.group, d.label, d.failed, d.members]),
      [['stripe.runsOn[0]', 'stripe: anyOf[aws/us-east-1, aws/us-west-2]', 1, 2]],
    );
  });

  it('fails a quorum of places only when fewer than need remain', () => {
    const c = stripe([{ quorum: { need: 2, of: [east, west, eu] } }]);
    assert.deepEqual(down(c, 'provider=aws,region=us-east-1').servicesDown, []);
    assert.deepEqual(down(c, 'provider=aws,region=us-east-1', 'region=eu-west-1').servicesDown, ['checkout']);
  });

  it('plays region failures through the group: no region concentration, the provider still', () => {
    const kinds = (c: Config) =>
      analyze(c, [])
        .findings.filter((f) => f.kind.endsWith('-concentration'))
        .map((f) => `${f.kind} ${f.subjects.join(' ')}`);
    assert.deepEqual(kinds(stripe([east])), ['region-concentration checkout aws/us-east-1']);
    assert.deepEqual(kinds(stripe([{ anyOf: [east, west] }])), ['provider-concentration checkout aws']);
    assert.deepEqual(analyze(stripe([{ anyOf: [east, west] }]), []).summary.regions, [
      'aws/us-east-1',
      'aws/us-west-2',
    ]);
  });
});

describe('runsOn validation', () => {
  const HEAD = 'version: 1\nname: Test\ncomponents:\n';
  const errors = (body: string) => {
    const r = loadConfig(HEAD + body, 'bascule.yaml');
    assert.equal(r.ok, false, 'expected the config to be rejected');
    return r.ok ? [] : r.diagnostics;
  };
  const cases: { name: string; body: string; code: ErrorCode; at: string; en: RegExp; fr: RegExp }[] = [
    {
      name: 'an empty group of places',
      body: '  s: {provider: stripe, runsOn: [{anyOf: []}]}\n',
      code: 'BASCULE_E_CONFIG_GROUP_EMPTY',
      at: '4:42',
      en: /components\.s\.runsOn\[0\]\.anyOf: empty redundancy group/,
      fr: /groupe de redondance vide/,
    },
    {
      name: 'a place listed twice',
      body: '  s: {provider: stripe, runsOn: [{anyOf: [{provider: aws, region: a}, {provider: aws, region: a}]}]}\n',
      code: 'BASCULE_E_CONFIG_GROUP_DUPLICATE',
      at: '4:71',
      en: /runsOn\[0\]\.anyOf\[1\]: "aws\/a" is listed twice in this group/,
      fr: /« aws\/a » figure deux fois dans ce groupe/,
    },
    {
      name: 'a quorum of places needing more than it has',
      body: '  s: {provider: stripe, runsOn: [{quorum: {need: 3, of: [{provider: aws}, {provider: gcp}]}}]}\n',
      code: 'BASCULE_E_CONFIG_GROUP_NEED',
      at: '4:50',
      en: /runsOn\[0\]\.quorum\.need: need must be between 1 and 2/,
      fr: /need doit être compris entre 1 et 2/,
    },
    {
      name: 'a kind in a runsOn place',
      body: '  s: {provider: stripe, runsOn: [{provider: aws, kind: compute}]}\n',
      code: 'BASCULE_E_CONFIG_PLACE_KIND',
      at: '4:50',
      en: /runsOn\[0\]\.kind: a place has no kind/,
      fr: /un lieu n’a pas de kind/,
    },
    {
      name: 'a kind in a place of a group',
      body: '  s: {provider: stripe, runsOn: [{anyOf: [{provider: aws, kind: compute}]}]}\n',
      code: 'BASCULE_E_CONFIG_PLACE_KIND',
      at: '4:59',
      en: /runsOn\[0\]\.anyOf\[0\]\.kind: a place has no kind/,
      fr: /indiquez-le donc sur le composant/,
    },
    {
      name: 'a runsOn entry that is not a place',
      body: '  s: {provider: stripe, runsOn: [aws]}\n',
      code: 'BASCULE_E_CONFIG_RUNS_ON',
      at: '4:34',
      en: /runsOn\[0\]: expected a place \{provider: aws, region: us-east-1\}, \{anyOf/,
      fr: /un lieu \{provider: aws, region: us-east-1\}.* est attendu/,
    },
    {
      name: 'a misspelt key in a place of a group, with a did-you-mean',
      body: '  s: {provider: stripe, runsOn: [{anyOf: [{provider: aws, regoin: a}]}]}\n',
      code: 'BASCULE_E_CONFIG_UNKNOWN_KEY',
      at: '4:59',
      en: /runsOn\[0\]\.anyOf\[0\]\.regoin: unknown key "regoin" — did you mean "region"\?/,
      fr: /clé inconnue « regoin »/,
    },
    {
      name: 'a group place without a provider',
      body: '  s: {provider: stripe, runsOn: [{anyOf: [{region: us-east-1}]}]}\n',
      code: 'BASCULE_E_CONFIG_REQUIRED',
      at: '4:43',
      en: /runsOn\[0\]\.anyOf\[0\]\.provider: missing required key "provider"/,
      fr: /clé obligatoire « provider » manquante/,
    },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.code}, located, in English and French`, () => {
      const d = errors(c.body);
      assert.deepEqual(
        d.map((x) => x.code),
        [c.code],
      );
      assert.equal(`${d[0]!.line}:${d[0]!.col}`, c.at);
      assert.match(formatDiagnostic('en', d[0]!), c.en);
      assert.match(formatDiagnostic('fr', d[0]!), c.fr);
    });
  }

  it('accepts anyOf and quorum groups of places, with a name', () => {
    const r = loadConfig(
      `${HEAD}  s:\n    provider: stripe\n    runsOn:\n      - anyOf: [{provider: aws, region: us-east-1}, {provider: aws, region: us-west-2}]\n        name: stripe-regions\n      - quorum: {need: 1, of: [{provider: gcp}]}\n`,
      'bascule.yaml',
    );
    assert.equal(r.ok, true, r.ok ? '' : JSON.stringify(r.diagnostics));
  });
});

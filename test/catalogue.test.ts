/**
 * The provider catalogue: its files, aliases read as canonical ids (with notices), unknown or
 * missing regions warned (with a did-you-mean), and the outages the analysis could not evaluate.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../src/analysis/analyze.ts';
import { providerSchema } from '../src/model/catalogue.ts';
import { unplacedComponents } from '../src/model/catalogue-normalise.ts';
import { loadConfig, loadDocument } from '../src/model/load.ts';
import { loadScenarios } from '../src/scenarios/library.ts';
import { BUILTIN_PROVIDERS_DIR, loadCatalogue } from '../src/scenarios/providers.ts';
import { runCli, tempDir } from './helpers/cli.ts';

const EXAMPLE = readFileSync(new URL('../examples/pme-ovh.yaml', import.meta.url), 'utf8');
const catalogue = loadCatalogue();
const scenarios = loadScenarios();

function load(text: string) {
  const r = loadConfig(text, 'bascule.yaml', catalogue);
  if (!r.ok) assert.fail(JSON.stringify(r.diagnostics));
  return r;
}

function replay(text: string, id: string) {
  const { config } = load(text);
  const a = analyze(config, scenarios, undefined, { unplaced: unplacedComponents(config, catalogue) });
  const o = a.outages.find((x) => x.id === id);
  assert.ok(o, id);
  return { outage: o, analysis: a };
}

describe('the catalogue files', () => {
  it('every file of providers/ validates and is named after its id', () => {
    const files = readdirSync(BUILTIN_PROVIDERS_DIR).filter((f) => f.endsWith('.yaml'));
    assert.ok(files.length >= 8);
    for (const f of files) {
      const file = join(BUILTIN_PROVIDERS_DIR, f);
      const r = loadDocument(readFileSync(file, 'utf8'), file, providerSchema);
      assert.ok(r.ok, `${f}: ${r.ok ? '' : JSON.stringify(r.diagnostics)}`);
      assert.equal(`${r.value.id}.yaml`, f);
    }
    // Together: no name is claimed by two providers.
    assert.ok(catalogue.providers().length === files.length);
  });

  it('lists providers and their regions (for bascule init)', () => {
    const ovh = catalogue.providers().find((p) => p.id === 'ovh');
    assert.equal(ovh?.name, 'OVHcloud');
    assert.deepEqual(ovh?.regions.find((r) => r.id === 'sbg')?.zones, ['sbg1', 'sbg2', 'sbg3', 'sbg4']);
    assert.deepEqual(catalogue.provider('microsoft')?.hostedOn, ['azure']);
  });
});

describe('aliases', () => {
  const table: readonly (readonly [string, string, string, string])[] = [
    ['OVHcloud', 'strasbourg', 'ovh', 'sbg'],
    ['ovh', 'Strasbourg', 'ovh', 'sbg'],
    ['Amazon Web Services', 'Paris', 'aws', 'eu-west-3'],
    ['Azure', 'Paris', 'azure', 'francecentral'],
    ['Google Cloud', 'paris', 'gcp', 'europe-west9'],
    ['GCP', 'europe-west9', 'gcp', 'europe-west9'],
    ['OVH', 'gravelines', 'ovh', 'gra'],
    ['ovhcloud', 'Roubaix', 'ovh', 'rbx'],
    ['Microsoft 365', 'global', 'microsoft', 'global'],
    ['m365', 'global', 'microsoft', 'global'],
    ['acme-hosting', 'somewhere', 'acme-hosting', 'somewhere'],
  ];
  for (const [provider, region, canonical, canonicalRegion] of table) {
    it(`${provider} / ${region} is read as ${canonical} / ${canonicalRegion}`, () => {
      const r = load(
        `version: 1\nname: t\ncomponents:\n  c: {provider: "${provider}", region: "${region}", kind: compute}\n`,
      );
      assert.equal(r.config.components.c?.provider, canonical);
      assert.equal(r.config.components.c?.region, canonicalRegion);
      const notices = r.warnings.map((w) => `${w.line}:${w.col} ${w.path} ${w.code}`);
      const expected = [
        ...(provider !== canonical ? [`4:17 components.c.provider BASCULE_W_CATALOGUE_ALIAS`] : []),
        ...(region !== canonicalRegion
          ? [`4:${17 + provider.length + 12} components.c.region BASCULE_W_CATALOGUE_ALIAS`]
          : []),
        // Microsoft 365 runs on Azure, as the catalogue says.
        ...(canonical === 'microsoft' ? [`4:17 components.c.provider BASCULE_W_CATALOGUE_HOSTED_ON`] : []),
      ];
      assert.deepEqual(notices, expected);
    });
  }

  it('the OVH example written "OVHcloud" / "strasbourg" is hit by the fire exactly as with ovh / sbg', () => {
    const written = EXAMPLE.replace(/provider: ovh,/g, 'provider: OVHcloud,').replace(
      /region: sbg,/g,
      'region: strasbourg,',
    );
    assert.notEqual(written, EXAMPLE);
    const before = replay(EXAMPLE, 'ovh-sbg-2021-03-10');
    const after = replay(written, 'ovh-sbg-2021-03-10');
    assert.deepEqual(before.outage.servicesDown, ['erp', 'erp-restore']);
    assert.deepEqual(after.outage, before.outage);
    assert.equal(after.analysis.score.overall, before.analysis.score.overall);
    const r = load(written);
    assert.ok(r.warnings.length >= 4 && r.warnings.every((w) => w.code === 'BASCULE_W_CATALOGUE_ALIAS'));
    assert.deepEqual(r.warnings.find((w) => w.path === 'components.erp-app.region')?.params, {
      key: 'region',
      value: 'strasbourg',
      canonical: 'sbg',
    });
  });

  it('runsOn places and zones are read through the catalogue too', () => {
    const r = load(
      'version: 1\nname: t\ncomponents:\n  s: {provider: payroll, runsOn: [{anyOf: [{provider: Amazon Web Services, region: paris}, {provider: ovhcloud, region: strasbourg, zone: SBG2}]}]}\n',
    );
    const entry = r.config.components.s?.runsOn[0];
    assert.ok(entry && 'anyOf' in entry);
    assert.deepEqual(entry.anyOf, [
      { provider: 'aws', region: 'eu-west-3' },
      { provider: 'ovh', region: 'sbg', zone: 'sbg2' },
    ]);
  });
});

describe('unknown and missing regions', () => {
  const table: readonly (readonly [string, string, string | undefined])[] = [
    ['aws', 'eu-wset-3', 'eu-west-3'],
    ['aws', 'us-est-1', 'us-east-1'],
    ['ovh', 'sbgg', 'sbg'],
    ['azure', 'francecentrale', 'francecentral'],
    ['aws', 'atlantis', undefined],
  ];
  for (const [provider, region, suggestion] of table) {
    it(`${provider} ${region}: a located warning${suggestion ? ` suggesting ${suggestion}` : ''}`, () => {
      const r = load(`version: 1\nname: t\ncomponents:\n  c: {provider: ${provider}, region: ${region}}\n`);
      assert.equal(r.warnings.length, 1);
      const w = r.warnings[0]!;
      assert.equal(w.code, 'BASCULE_W_CATALOGUE_REGION');
      assert.equal(w.path, 'components.c.region');
      assert.equal(w.line, 4);
      assert.equal(w.params.suggestion, suggestion);
    });
  }

  it('a zone Strasbourg does not list warns; a zone of a region that lists none does not', () => {
    const r = load(
      'version: 1\nname: t\ncomponents:\n  a: {provider: ovh, region: sbg, zone: sbg9}\n  b: {provider: aws, region: eu-west-3, zone: eu-west-3a}\n',
    );
    assert.deepEqual(
      r.warnings.map((w) => [w.code, w.path]),
      [['BASCULE_W_CATALOGUE_ZONE', 'components.a.zone']],
    );
  });

  it('a component of a regional provider without a region warns; a global provider does not', () => {
    const r = load(
      'version: 1\nname: t\ncomponents:\n  a: {provider: aws, service: s3}\n  b: {provider: cloudflare}\n  c: {provider: someone}\n  d: {provider: ovh, region: global}\n',
    );
    assert.deepEqual(
      r.warnings.map((w) => [w.code, w.path]),
      [['BASCULE_W_CATALOGUE_NO_REGION', 'components.a.provider']],
    );
  });

  it('the analysis names the outages it could not evaluate, and why', () => {
    const text = EXAMPLE.replace(
      'erp-app: {provider: ovh, region: sbg,',
      'erp-app: {provider: ovh, region: sbgg,',
    ).replace('erp-db: {provider: ovh, region: sbg,', 'erp-db: {provider: ovh,');
    const { analysis } = replay(text, 'ovh-sbg-2021-03-10');
    assert.deepEqual(analysis.notEvaluated, [
      { scenario: 'ovh-sbg-2021-03-10', components: ['erp-app'], why: 'unknown-region' },
      { scenario: 'ovh-sbg-2021-03-10', components: ['erp-db'], why: 'no-region' },
    ]);
    assert.deepEqual(replay(EXAMPLE, 'ovh-sbg-2021-03-10').analysis.notEvaluated, []);
  });
});

describe('families', () => {
  it('a Microsoft 365 component is hit by the Azure Front Door replay', () => {
    const { outage } = replay(
      'version: 1\nname: t\nservices:\n  admin: {dependsOn: [m365-admin]}\ncomponents:\n  m365-admin: {provider: Microsoft 365, region: global, service: admin-center}\n',
      'azure-afd-2025-10-29',
    );
    assert.equal(outage.hits, 1);
    assert.deepEqual(outage.servicesDown, ['admin']);
  });

  it('a Microsoft 365 component with no runsOn runs on Azure, as the catalogue says: Front Door reaches it', () => {
    const map = (runsOn: string) =>
      `version: 1\nname: t\nservices:\n  mail: {dependsOn: [exchange]}\ncomponents:\n  exchange: {provider: m365, region: global, kind: email${runsOn}}\n`;
    const implied = replay(map(''), 'azure-afd-2025-10-29');
    assert.deepEqual(implied.outage.servicesDown, ['mail']);
    const r = load(map(''));
    assert.deepEqual(r.config.components.exchange?.runsOn, [{ provider: 'azure' }]);
    assert.deepEqual(
      r.warnings
        .filter((w) => w.code === 'BASCULE_W_CATALOGUE_HOSTED_ON')
        .map((w) => `${w.line}:${w.col} ${w.path}`),
      ['6:24 components.exchange.provider'],
    );
    // A runsOn of its own says otherwise, and is kept as written.
    const own = replay(map(', runsOn: [{provider: aws, region: eu-west-1}]'), 'azure-afd-2025-10-29');
    assert.deepEqual(own.outage.servicesDown, []);
  });
});

describe('the CLI', () => {
  function project(map: string, providers: Record<string, string> = {}): string {
    const dir = tempDir();
    writeFileSync(join(dir, 'bascule.yaml'), map);
    if (Object.keys(providers).length > 0) {
      mkdirSync(join(dir, 'providers'));
      for (const [f, text] of Object.entries(providers)) writeFileSync(join(dir, 'providers', f), text);
    }
    return dir;
  }
  const MAP =
    'version: 1\nname: t\nservices:\n  shop: {dependsOn: [web]}\ncomponents:\n  web: {provider: OVHcloud, region: strasbourg, kind: compute}\n';

  for (const [lang, notice] of [
    ['en', 'bascule.yaml:6:19: components.web.provider: "OVHcloud" read as "ovh"'],
    ['fr', 'bascule.yaml:6:19: components.web.provider: « OVHcloud » lu comme « ovh »'],
  ] as const) {
    it(`validate prints the notices (${lang}) and still exits 0`, async () => {
      const r = await runCli(['validate', '--lang', lang], { cwd: project(MAP) });
      assert.equal(r.code, 0);
      assert.equal(r.stderr.split('\n')[0], notice);
      assert.match(r.stderr, /components\.web\.region: .*strasbourg.*sbg/);
    });
  }

  it("a user's own catalogue file adds a provider, with its aliases and regions", async () => {
    const acme =
      'id: acme\nname: Acme Cloud\naliases: [acme cloud]\nregions:\n  - {id: lyo1, name: Lyon, aliases: [lyon]}\n';
    const map =
      'version: 1\nname: t\nservices:\n  shop: {dependsOn: [web, db]}\ncomponents:\n  web: {provider: Acme Cloud, region: Lyon}\n  db: {provider: acme, region: lyo2}\n';
    const dir = project(map, { 'acme.yaml': acme });
    const r = await runCli(['analyze', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stderr.trim().split('\n'), [
      'bascule.yaml:6:19: components.web.provider: "Acme Cloud" read as "acme"',
      'bascule.yaml:6:39: components.web.region: "Lyon" read as "lyo1"',
      'bascule.yaml:7:32: components.db.region: "lyo2" is not a region of acme in the catalogue: regional outages cannot be checked against it — did you mean "lyo1"?',
    ]);
    const json = JSON.parse(r.stdout) as { summary: { regions: string[] }; notEvaluated: unknown[] };
    assert.ok(json.summary.regions.includes('acme/lyo1'));
    assert.deepEqual(json.notEvaluated, []);
  });

  it('a name two providers claim is a located error, exit 2', async () => {
    const dir = project(MAP, { 'mine.yaml': 'id: mine\nname: Mine\naliases: [OVHcloud]\n' });
    const r = await runCli(['validate'], { cwd: dir, env: { BASCULE_ERRORS: 'json' } });
    assert.equal(r.code, 2);
    assert.equal(
      (JSON.parse(r.stderr.split('\n')[0]!) as { code: string }).code,
      'BASCULE_E_CATALOGUE_ALIAS',
    );
  });

  it('simulate --fail reads provider and region names through the catalogue, with notices', async () => {
    const r = await runCli(
      ['simulate', '--fail', 'provider=OVHcloud,region=Strasbourg', '--format', 'json'],
      {
        cwd: project(MAP),
      },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as { servicesDown: string[] }).servicesDown, ['shop']);
    assert.match(r.stderr, /^--fail provider=OVHcloud,region=Strasbourg: "OVHcloud" read as "ovh"$/m);
    assert.match(r.stderr, /"Strasbourg" read as "sbg"/);
    const typo = await runCli(['simulate', '--fail', 'provider=ovh,region=strasbour'], { cwd: project(MAP) });
    assert.match(typo.stderr, /"strasbour" is not a region of ovh .* did you mean "strasbourg"\?/);
  });

  it("a user's scenario written with aliases fails the places it names", async () => {
    const dir = project(MAP);
    mkdirSync(join(dir, 'scenarios'));
    writeFileSync(
      join(dir, 'scenarios', 'sbg-flood.yaml'),
      [
        'id: sbg-flood',
        'title: {en: Strasbourg flood, fr: Crue à Strasbourg}',
        'date: 2026-01-01',
        'duration: 1d',
        'provider: ovh',
        'scope: {en: one site, fr: un site}',
        'summary: {en: A flood., fr: Une crue.}',
        'simplifications: {en: None., fr: Aucune.}',
        'sources: [{title: test, url: "https://example.com/"}]',
        'fail: [{provider: OVHcloud, region: Strasbourg}]',
        '',
      ].join('\n'),
    );
    const r = await runCli(['simulate', '--replay', 'sbg-flood', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as { servicesDown: string[] }).servicesDown, ['shop']);
    assert.match(r.stderr, /^sbg-flood: fail\[0\]: "OVHcloud" read as "ovh"$/m);
  });

  it('analyze says which outages it could not evaluate (text and JSON)', async () => {
    const dir = project(MAP.replace('region: strasbourg, ', ''));
    const text = await runCli(['analyze'], { cwd: dir });
    assert.equal(text.code, 0);
    assert.match(text.stdout, /Outage ovh-sbg-2021-03-10 not evaluated for web: no region given/);
    const json = await runCli(['analyze', '--format', 'json'], { cwd: dir });
    assert.deepEqual((JSON.parse(json.stdout) as { notEvaluated: unknown }).notEvaluated, [
      { scenario: 'ovh-sbg-2021-03-10', components: ['web'], why: 'no-region' },
    ]);
  });
});

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../src/model/load.ts';
import { runCli, tempDir } from './helpers/cli.ts';

const MAP = `version: 1
name: Acme
services:
  checkout: {criticality: critical, rto: 15m, dependsOn: [web, payments]}
components:
  web: {provider: aws, region: eu-west-3, kind: compute, dependsOn: [db]}
  db: {provider: aws, region: eu-west-3, kind: database, service: rds}
  payments: {provider: stripe, kind: payment, runsOn: [{provider: aws, region: us-east-1}]}
`;

function project(text = MAP): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'bascule.yaml'), text);
  return dir;
}

describe('bascule validate', () => {
  it('prints a one-line summary and exits 0 for a valid map', async () => {
    const r = await runCli(['validate'], { cwd: project() });
    assert.equal(r.code, 0);
    assert.match(
      r.stdout,
      /^bascule\.yaml: valid — "Acme", 1 service, 3 components, 0 redundancy groups, 0 checks\n$/,
    );
  });

  it('prints every located error and exits 2', async () => {
    const dir = project(
      MAP.replace('dependsOn: [db]', 'dependsOn: [dbb]').replace(
        'criticality: critical',
        'criticality: critcal',
      ),
    );
    const r = await runCli(['validate', '-c', 'bascule.yaml'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^bascule\.yaml:4:27: services\.checkout\.criticality: invalid value "critcal"/m);
    assert.equal(r.stdout, '');
  });

  it('reports reference errors with file:line:col and a did-you-mean', async () => {
    const r = await runCli(['validate'], {
      cwd: project(MAP.replace('dependsOn: [db]', 'dependsOn: [dbb]')),
    });
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      'bascule.yaml:6:70: components.web.dependsOn[0]: unknown component "dbb" — did you mean "db"?\n',
    );
  });

  it('rejects an option of another channel type, located, and exits 2', async () => {
    const r = await runCli(['validate'], {
      cwd: project(`${MAP}notify:\n  team:\n    slack: https://hooks.example/x\n    token: {env: T}\n`),
    });
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      'bascule.yaml:12:5: notify.team.token: "token" applies to ntfy channels only, not to a slack channel\n',
    );
  });

  it('says clearly when the file is missing', async () => {
    const r = await runCli(['validate', '-c', 'nope.yaml'], { cwd: tempDir() });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /nope\.yaml not found: create one with "bascule init"/);
  });
});

describe('bascule analyze', () => {
  it('writes the JSON contract', async () => {
    const r = await runCli(['analyze', '--format', 'json'], { cwd: project() });
    assert.equal(r.code, 0);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(
      out.singlePointsOfFailure.map((s: { component: string; services: string[] }) => [
        s.component,
        s.services,
      ]),
      [
        ['web', ['checkout']],
        ['db', ['checkout']],
        ['payments', ['checkout']],
      ],
    );
    for (const f of out.findings) {
      // rootCause on a finding grouped under another, related on a root (docs/analysis.md).
      const keys = Object.keys(f).filter((k) => k !== 'rootCause' && k !== 'related');
      assert.deepEqual(keys.sort(), ['id', 'kind', 'message', 'recommendation', 'severity', 'subjects']);
    }
    assert.ok(out.findings.some((f: { kind: string }) => f.kind === 'region-concentration'));
    assert.equal(typeof out.score.overall, 'number');
    assert.ok(out.outages.length >= 8, 'the built-in outage library is replayed');
    const aws2025 = out.outages.find((o: { id: string }) => o.id === 'aws-2025-10-20');
    assert.deepEqual(aws2025.servicesDown, ['checkout'], 'stripe runs in us-east-1');
  });

  it('exits 1 when a finding reaches --fail-on, 0 below it', async () => {
    const dir = project();
    assert.equal((await runCli(['analyze', '--fail-on', 'critical'], { cwd: dir })).code, 1);
    const calm = project(
      'version: 1\nname: Calm\nservices:\n  blog: {criticality: low, dependsOn: [cms]}\ncomponents:\n  cms: {provider: ovh}\n',
    );
    assert.equal((await runCli(['analyze', '--fail-on', 'high'], { cwd: calm })).code, 0);
    assert.equal((await runCli(['analyze', '--fail-on', 'low'], { cwd: calm })).code, 1);
  });

  it('writes text for people, in French when LANG says so', async () => {
    const r = await runCli(['analyze'], { cwd: project(), env: { LANG: 'fr_FR.UTF-8' } });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Acme — analyse de résilience/);
    assert.match(r.stdout, /db suffit à faire tomber checkout \(checkout ← web ← db\)/);
    assert.match(r.stdout, /PANNES HISTORIQUES REJOUÉES/);
  });

  it('writes to --out and says so on stderr', async () => {
    const dir = project();
    const r = await runCli(['analyze', '--format', 'json', '--out', 'report.json'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /wrote report\.json/);
    assert.ok(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).findings.length > 0);
  });

  it('rejects a bad --format and --fail-on with exit 2', async () => {
    const dir = project();
    const f = await runCli(['analyze', '--format', 'yml'], { cwd: dir });
    assert.equal(f.code, 2);
    assert.match(f.stderr, /invalid value "yml" for --format: expected one of text, json, html/);
    assert.equal((await runCli(['analyze', '--fail-on', 'severe'], { cwd: dir })).code, 2);
  });
});

describe('bascule simulate', () => {
  it('lists what goes down, sorted, with an explanation per service', async () => {
    const r = await runCli(['simulate', '--fail', 'provider=aws,region=eu-west-3', '--format', 'json'], {
      cwd: project(),
    });
    assert.equal(r.code, 0);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.servicesDown, ['checkout']);
    assert.deepEqual(out.componentsDown, ['db', 'web']);
    assert.deepEqual(out.explanations[0].chain, ['checkout', 'web']);
  });

  it('replays a historical outage by id', async () => {
    const r = await runCli(['simulate', '--replay', 'aws-2025-10-20', '--format', 'json'], {
      cwd: project(),
    });
    assert.equal(r.code, 0);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.servicesDown, ['checkout']);
    assert.equal(out.scenario.replay.id, 'aws-2025-10-20');
    assert.ok(out.scenario.replay.sources.length > 0);
  });

  it('loads the user’s own scenarios from a scenarios/ folder next to the map', async () => {
    const dir = project();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'scenarios'));
    writeFileSync(
      join(dir, 'scenarios', 'stripe-down.yaml'),
      'id: stripe-down\ntitle: {en: Stripe down, fr: Stripe en panne}\ndate: 2026-01-01\nprovider: stripe\n' +
        'scope: {en: global, fr: mondial}\nsummary: {en: drill, fr: exercice}\n' +
        'sources: [{title: internal drill, url: "https://intranet.example/drill"}]\nfail: [{provider: stripe}]\n',
    );
    const r = await runCli(['simulate', '--replay', 'stripe-down', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).servicesDown, ['checkout']);
  });

  it('rejects an unknown scenario with a did-you-mean', async () => {
    const r = await runCli(['simulate', '--replay', 'aws-2025-10-21'], { cwd: project() });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown scenario "aws-2025-10-21".*did you mean "aws-2025-10-20"/);
  });

  it('rejects a malformed predicate, and both or neither of --fail and --replay', async () => {
    const dir = project();
    const bad = await runCli(['simulate', '--fail', 'provder=aws'], { cwd: dir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /invalid predicate "provder=aws": unknown key "provder"/);
    assert.equal((await runCli(['simulate'], { cwd: dir })).code, 2);
    assert.equal(
      (await runCli(['simulate', '--fail', 'provider=aws', '--replay', 'x'], { cwd: dir })).code,
      2,
    );
  });
});

describe('bascule scenarios, schema, init and usage', () => {
  it('lists the outage library with ids, dates and sources', async () => {
    const r = await runCli(['scenarios', '--format', 'json']);
    const ids = JSON.parse(r.stdout).scenarios.map((s: { id: string }) => s.id);
    for (const id of [
      'aws-2025-10-20',
      'cloudflare-2025-11-18',
      'azure-afd-2025-10-29',
      'gcp-2025-06-12',
      'crowdstrike-2024-07-19',
      'aws-2021-12-07',
      'fastly-2021-06-08',
      'ovh-sbg-2021-03-10',
    ]) {
      assert.ok(ids.includes(id), `missing ${id}`);
    }
    const text = await runCli(['scenarios']);
    assert.match(text.stdout, /aws-2025-10-20 +2025-10-20/);
  });

  it('prints a JSON Schema that describes the model', async () => {
    const r = await runCli(['schema']);
    const s = JSON.parse(r.stdout);
    assert.equal(s.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.deepEqual(s.required.sort(), ['name', 'version']);
    assert.ok(s.properties.components);
    assert.equal(s.additionalProperties, false);
  });

  it('init writes a starter map that validates, and never overwrites without --force', async () => {
    const dir = tempDir();
    const first = await runCli(['init', '--yes', '--lang', 'fr'], { cwd: dir });
    assert.equal(first.code, 0);
    const text = readFileSync(join(dir, 'bascule.yaml'), 'utf8');
    assert.match(text, /# Carte de résilience Bascule/);
    assert.ok(loadConfig(text, 'bascule.yaml').ok);
    const again = await runCli(['init', '--yes'], { cwd: dir });
    assert.equal(again.code, 2);
    assert.match(again.stderr, /bascule\.yaml already exists; add --force/);
    assert.equal((await runCli(['init', '--yes', '--force'], { cwd: dir })).code, 0);
  });

  it('analyses in French words: titles, severities, criticalities, elision', async () => {
    const r = await runCli(['analyze', '-c', 'examples/pme-ovh.yaml', '--lang', 'fr']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^critique {2}point unique de défaillance$/m);
    assert.match(r.stdout, /^élevée {4}angle mort de la surveillance$/m);
    assert.match(r.stdout, /^erp +critique +\d+/m, 'criticality column in French');
    assert.match(r.stdout, /erp \(critique\) n’est surveillé/);
    assert.match(r.stdout, /Gardez une réserve d’erp-app/, 'elided before a vowel');
    // Grouped under the onduleur (its one shared component), as a line under that root.
    assert.match(r.stdout, /la redondance office-uplinks d’acces-internet/);
    for (const english of [
      /single-point-of-failure/,
      /region-concentration/,
      /^critical /m,
      /\(critical\)/,
      /^high /m,
    ])
      assert.doesNotMatch(r.stdout, english);
    const en = await runCli(['analyze', '-c', 'examples/pme-ovh.yaml', '--lang', 'en']);
    assert.match(en.stdout, /^critical {2}single point of failure$/m);
  });

  it('shows at most 20 warnings to people, and counts the rest', async () => {
    const dir = tempDir();
    const components = Array.from(
      { length: 25 },
      (_, i) => `  c${i}: {provider: aws, region: atlantis-${i}}`,
    );
    writeFileSync(
      join(dir, 'bascule.yaml'),
      ['version: 1', 'name: x', 'components:', ...components, ''].join('\n'),
    );
    const r = await runCli(['validate'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.filter((l) => /^bascule\.yaml:\d+:\d+:/.test(l)).length, 20);
    assert.match(lines.at(-1)!, /^… and 5 more warnings \(BASCULE_ERRORS=json lists them all\)$/);
    const json = await runCli(['validate'], {
      cwd: dir,
      env: { LANG: 'en_US.UTF-8', BASCULE_ERRORS: 'json' },
    });
    assert.equal(json.stderr.trim().split('\n').length, 25, 'all of them for scripts');
  });

  it('speaks the language init wrote into the map, unless --lang or the locale names one', async () => {
    const dir = tempDir();
    assert.equal((await runCli(['init', '--yes', '--lang', 'fr'], { cwd: dir })).code, 0);
    assert.match(readFileSync(join(dir, 'bascule.yaml'), 'utf8'), /^lang: fr$/m);
    const plain = { LANG: 'C.UTF-8' };
    const fr = await runCli(['validate'], { cwd: dir, env: plain });
    assert.equal(fr.code, 0);
    assert.match(fr.stdout, /valide/);
    const en = await runCli(['validate'], { cwd: dir, env: { LANG: 'en_US.UTF-8' } });
    assert.doesNotMatch(en.stdout, /valide\b/, 'an English locale wins over the map');
    const flag = await runCli(['validate', '--lang', 'en'], { cwd: dir, env: plain });
    assert.doesNotMatch(flag.stdout, /valide\b/, '--lang wins over the map');
    // The map's language also words its errors.
    writeFileSync(
      join(dir, 'bascule.yaml'),
      'version: 1\nname: x\nlang: fr\nservices: {a: {criticality: moyenne}}\n',
    );
    const bad = await runCli(['validate'], { cwd: dir, env: plain });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /valeur « moyenne » invalide/);
  });

  it('rejects unknown commands and options with a did-you-mean and exit 2', async () => {
    const cmd = await runCli(['analyse']);
    assert.equal(cmd.code, 2);
    assert.match(cmd.stderr, /unknown command "analyse".*did you mean "analyze"/);
    const opt = await runCli(['analyze', '--fromat', 'json']);
    assert.equal(opt.code, 2);
    assert.match(opt.stderr, /unknown option --fromat .*did you mean "--format"/);
    const lang = await runCli(['validate', '--lang', 'de']);
    assert.equal(lang.code, 2);
  });

  it('prints help', async () => {
    const r = await runCli(['--help']);
    assert.equal(r.code, 0);
    for (const c of ['init', 'validate', 'analyze', 'simulate', 'scenarios', 'schema'])
      assert.match(r.stdout, new RegExp(`  ${c} `));
    const sub = await runCli(['simulate', '--help']);
    assert.match(sub.stdout, /--replay/);
  });
});

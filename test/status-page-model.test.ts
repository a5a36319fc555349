/**
 * `statusPage` in bascule.yaml: read with its defaults; every mistake located, in both languages,
 * with a did-you-mean on an unknown service id; in the JSON Schema; and checked in one run with
 * the other errors of the map.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../src/errors.ts';
import { formatDiagnostic } from '../src/i18n/index.ts';
import { loadConfig } from '../src/model/load.ts';
import { pageLang } from '../src/web/status/view.ts';
import { runCli, tempDir } from './helpers/cli.ts';

const MAP = `version: 1
name: Acme
lang: fr
services:
  checkout: {dependsOn: [web]}
  api: {dependsOn: [web]}
components:
  web: {provider: aws}
`;

function diagnostics(extra: string): Diagnostic[] {
  const r = loadConfig(MAP + extra, 'bascule.yaml');
  assert.equal(r.ok, false, 'expected the map to be rejected');
  return r.ok ? [] : [...r.diagnostics];
}

describe('statusPage in the map', () => {
  it('reads the page with its defaults; its language defaults to the map’s', () => {
    const r = loadConfig(
      `${MAP}statusPage:\n  title: Acme — état des services\n  show:\n    checkout: {name: Paiement en ligne}\n    api: {name: {en: API, fr: API publique}, description: REST}\n  export: {dir: public}\n`,
      'bascule.yaml',
    );
    assert.ok(r.ok, JSON.stringify(!r.ok && r.diagnostics));
    const page = r.config.statusPage!;
    assert.deepEqual(Object.keys(page.show), ['checkout', 'api']);
    assert.equal(page.history, '14d');
    assert.deepEqual(page.export, { dir: 'public', onChange: false });
    assert.equal(pageLang(page, r.config.lang), 'fr');
    assert.equal(pageLang({ ...page, lang: 'en' }, r.config.lang), 'en');
    assert.equal(pageLang(page, undefined), 'en');
  });

  it('a map without statusPage has none', () => {
    const r = loadConfig(MAP, 'bascule.yaml');
    assert.ok(r.ok);
    assert.equal(r.config.statusPage, undefined);
  });

  it('locates an unknown service under show, with a did-you-mean, in English and French', () => {
    const d = diagnostics(
      'statusPage:\n  title: Acme\n  show:\n    chekout: {name: Paiement}\n    web: {name: Site}\n',
    );
    assert.deepEqual(
      d.map((x) => [x.code, x.path, x.line, x.col, x.params.suggestion]),
      [
        ['BASCULE_E_CONFIG_UNKNOWN_REF', 'statusPage.show.chekout', 12, 5, 'checkout'],
        ['BASCULE_E_CONFIG_UNKNOWN_REF', 'statusPage.show.web', 13, 5, undefined],
      ],
    );
    assert.equal(
      formatDiagnostic('en', d[0]!),
      'bascule.yaml:12:5: statusPage.show.chekout: unknown service "chekout" — did you mean "checkout"?',
    );
    assert.match(formatDiagnostic('fr', d[0]!), /service « chekout » inconnu/);
  });

  it('refuses a text in no language, a URL that is not http(s), an empty show and an unknown key', () => {
    const d = diagnostics(
      'statusPage:\n  title: {}\n  url: ftp://status.example.com\n  show: {}\n  histroy: 7d\n',
    );
    assert.deepEqual(
      d.map((x) => [x.code, x.path]),
      [['BASCULE_E_CONFIG_UNKNOWN_KEY', 'statusPage.histroy']],
      'the schema error first (the rest is checked once the section is valid)',
    );
    assert.equal(d[0]!.params.suggestion, 'history');
    const semantic = diagnostics('statusPage:\n  title: {}\n  url: ftp://status.example.com\n  show: {}\n');
    assert.deepEqual(
      semantic.map((x) => [x.code, x.path]),
      [
        ['BASCULE_E_CONFIG_STATUS_TEXT', 'statusPage.title'],
        ['BASCULE_E_CONFIG_URL', 'statusPage.url'],
        ['BASCULE_E_CONFIG_TOO_FEW', 'statusPage.show'],
      ],
    );
    assert.match(formatDiagnostic('en', semantic[0]!), /give this text in one language at least/);
    assert.match(formatDiagnostic('fr', semantic[0]!), /donnez ce texte dans une langue au moins/);
    const name = diagnostics('statusPage:\n  title: T\n  show:\n    api: {name: {}}\n');
    assert.deepEqual(
      name.map((x) => [x.code, x.path]),
      [['BASCULE_E_CONFIG_STATUS_TEXT', 'statusPage.show.api.name']],
    );
  });

  it('takes an IANA time zone (default UTC); another is located, with a did-you-mean, in English and French', () => {
    const ok = loadConfig(
      `${MAP}statusPage:\n  title: T\n  timezone: Europe/Paris\n  show:\n    api: {name: API}\n`,
      'bascule.yaml',
    );
    assert.ok(ok.ok, JSON.stringify(!ok.ok && ok.diagnostics));
    assert.equal(ok.config.statusPage?.timezone, 'Europe/Paris');
    const utc = loadConfig(`${MAP}statusPage:\n  title: T\n  show:\n    api: {name: API}\n`, 'bascule.yaml');
    assert.equal(utc.ok && utc.config.statusPage?.timezone, 'UTC');
    const d = diagnostics(
      'statusPage:\n  title: T\n  timezone: Europe/Pari\n  show:\n    api: {name: API}\n',
    );
    assert.deepEqual(
      d.map((x) => [x.code, x.path, x.line, x.col, x.params.suggestion]),
      [['BASCULE_E_CONFIG_TIMEZONE', 'statusPage.timezone', 11, 13, 'Europe/Paris']],
    );
    assert.equal(
      formatDiagnostic('en', d[0]!),
      'bascule.yaml:11:13: statusPage.timezone: "Europe/Pari" is not a time zone: give an IANA name such as Europe/Paris, or UTC — did you mean "Europe/Paris"?',
    );
    assert.match(
      formatDiagnostic('fr', d[0]!),
      /« Europe\/Pari » n’est pas un fuseau horaire .* vouliez-vous dire « Europe\/Paris » \?/,
    );
    const far = diagnostics('statusPage:\n  title: T\n  timezone: CEST+2\n  show:\n    api: {name: API}\n');
    assert.deepEqual(
      far.map((x) => [x.code, x.params.suggestion]),
      [['BASCULE_E_CONFIG_TIMEZONE', undefined]],
    );
  });

  it('checks the page’s references in the same run as a schema error elsewhere', () => {
    const d = diagnostics(
      'statusPage:\n  title: T\n  show:\n    apii: {name: API}\nruntime: {listen: nowhere}\n',
    );
    assert.deepEqual(
      d.map((x) => [x.code, x.path]),
      [
        ['BASCULE_E_CONFIG_UNKNOWN_REF', 'statusPage.show.apii'],
        ['BASCULE_E_CONFIG_FORMAT', 'runtime.listen'],
      ],
    );
  });

  it('is in the JSON Schema, and `bascule validate` says where the mistake is, exit 2', async () => {
    const schema = await runCli(['schema']);
    assert.equal(schema.code, 0);
    const props = JSON.parse(schema.stdout).properties;
    assert.ok(props.statusPage?.properties?.show, 'statusPage.show in the schema');
    const dir = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/bascule.yaml`, `${MAP}statusPage:\n  title: T\n  show:\n    chekout: {name: P}\n`);
    const r = await runCli(['validate'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bascule\.yaml:12:5: statusPage\.show\.chekout: /);
    assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/, 'no stack trace');
  });
});

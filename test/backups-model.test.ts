/**
 * `backups:` in bascule.yaml: the issue's example read as written; every mistake located, in both
 * languages, with did-you-means; repositories read as restic reads them; the default RPO and where
 * it came from; a schedule that cannot meet its RPO is a warning; in the JSON Schema.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../src/errors.ts';
import { formatDiagnostic } from '../src/i18n/index.ts';
import { readRepository } from '../src/model/backup-repository.ts';
import { datasetRpo } from '../src/model/backup-rpo.ts';
import { loadConfig } from '../src/model/load.ts';
import { runCli, tempDir } from './helpers/cli.ts';

const MAP = `version: 1
name: Acme
services:
  shop: {criticality: critical, rpo: 15m, dependsOn: [web]}
  reports: {rpo: 1d, dependsOn: [db]}
components:
  web: {provider: aws, region: eu-west-3, dependsOn: [db]}
  db: {provider: aws, region: eu-west-3, kind: database}
  nas: {provider: onprem, region: paris, kind: storage}
  s3-ovh: {provider: ovh, region: gra, kind: storage}
  vault: {provider: hetzner, region: fsn1, kind: storage}
`;

/** The issue's example, as written there. */
const ISSUE = `backups:
  targets:
    nas:     {repository: "sftp:backup@nas.local:/volume1/bascule", password: {file: ./restic.pw}, component: nas}
    offsite: {repository: "s3:https://s3.gra.io.cloud.ovh.net/acme", password: {file: ./restic.pw}, component: s3-ovh,
              env: {AWS_ACCESS_KEY_ID: {env: OVH_KEY}, AWS_SECRET_ACCESS_KEY: {file: ./ovh.secret}}}
    vault:   {repository: "rest:https://backup.example.net/acme", password: {file: ./restic.pw}, component: vault, appendOnly: true}
  datasets:
    shop-db:
      component: db                        # what it protects, in the map
      postgres: {url: {env: SHOP_DB_URL}}  # or paths: [...] | command: [prog, args...] (its stdout is the backup)
      to: [nas, offsite]                   # every target gets a copy (the first by backup, the others by restic copy)
      every: 1h
      rpo: 1h                              # default: the strictest RPO of the services that depend on the component
      keep: {last: 24, daily: 7, weekly: 4}
      verify: {every: 1d, restore: true}   # repository check with a data subset, and a restore test
`;

function diagnostics(extra: string): Diagnostic[] {
  const r = loadConfig(MAP + extra, 'bascule.yaml');
  assert.equal(r.ok, false, 'expected the map to be rejected');
  return r.ok ? [] : [...r.diagnostics];
}

const TARGETS = `backups:
  targets:
    nas: {repository: /srv/restic, password: {env: PW}, component: nas}
    offsite: {repository: "s3:https://s3.gra.io.cloud.ovh.net/acme", password: {env: PW}, component: s3-ovh}
  datasets:
`;

describe('backups in the map', () => {
  it('reads the issue’s example as written, secrets kept as references', () => {
    const r = loadConfig(MAP + ISSUE, 'bascule.yaml');
    assert.ok(r.ok, JSON.stringify(!r.ok && r.diagnostics));
    assert.deepEqual(r.warnings, []);
    const b = r.config.backups!;
    assert.deepEqual(Object.keys(b.targets), ['nas', 'offsite', 'vault']);
    assert.deepEqual(b.targets.offsite!.env, {
      AWS_ACCESS_KEY_ID: { env: 'OVH_KEY' },
      AWS_SECRET_ACCESS_KEY: { file: './ovh.secret' },
    });
    assert.equal(b.targets.nas!.appendOnly, false);
    assert.equal(b.targets.vault!.appendOnly, true);
    const ds = b.datasets['shop-db']!;
    assert.deepEqual(ds.postgres, { url: { env: 'SHOP_DB_URL' } });
    assert.deepEqual(ds.to, ['nas', 'offsite']);
    assert.deepEqual(ds.keep, { last: 24, daily: 7, weekly: 4 });
    assert.deepEqual(ds.verify, { every: '1d', restore: true });
  });

  it('takes the RPO from the dataset, else from the strictest service that depends on it, else from `every`', () => {
    const r = loadConfig(
      `${TARGETS}    own: {component: db, paths: [/var/lib/x], to: [nas], every: 5m, rpo: 10m}\n    inherited: {component: db, paths: [/x], to: [nas], every: 5m}\n    orphan: {component: nas, paths: [/y], to: [offsite], every: 6h}\n`.replace(
        /^/,
        MAP,
      ),
      'bascule.yaml',
    );
    assert.ok(r.ok, JSON.stringify(!r.ok && r.diagnostics));
    const d = r.config.backups!.datasets;
    assert.deepEqual(datasetRpo(r.config, d.own!), {
      ms: 600_000,
      source: { from: 'dataset' },
      services: { ms: 900_000, service: 'shop' },
    });
    // shop (15m) depends on db through web; reports (1d) directly: the strictest wins.
    assert.deepEqual(datasetRpo(r.config, d.inherited!).source, { from: 'service', service: 'shop' });
    assert.equal(datasetRpo(r.config, d.inherited!).ms, 900_000);
    assert.deepEqual(datasetRpo(r.config, d.orphan!), { ms: 21_600_000, source: { from: 'every' } });
  });

  it('warns, located, when `every` is longer than the RPO (its own or a service’s), and still loads', () => {
    const r = loadConfig(
      `${MAP}${TARGETS}    a: {component: db, paths: [/x], to: [nas], every: 1h}\n    b: {component: db, paths: [/x], to: [nas], every: 2h, rpo: 1h}\n`,
      'bascule.yaml',
    );
    assert.ok(r.ok, JSON.stringify(!r.ok && r.diagnostics));
    assert.deepEqual(
      r.warnings.map((w) => [w.code, w.path, w.line]),
      [
        ['BASCULE_W_BACKUP_EVERY_RPO', 'backups.datasets.a.every', 17],
        ['BASCULE_W_BACKUP_EVERY_RPO', 'backups.datasets.b.every', 18],
      ],
    );
    assert.match(
      formatDiagnostic('en', r.warnings[0]!),
      /a backup every 1h cannot meet an RPO of 15m \(that of service "shop"\)/,
    );
    assert.match(formatDiagnostic('fr', r.warnings[1]!), /ne peut pas tenir un RPO de 1h :/);
  });

  it('locates unknown targets and components with a did-you-mean, a missing source, no target, a target twice', () => {
    const d = diagnostics(
      `${TARGETS}    a: {component: dbb, paths: [/x], to: [nass, nas, nas], every: 1h}\n    b: {component: db, to: [], every: 1h}\n    c: {component: db, paths: [/x], command: [pg_dumpall], to: [nas], every: 1h}\n`,
    );
    assert.deepEqual(
      d.map((x) => [x.code, x.path, x.params.suggestion]),
      [
        ['BASCULE_E_CONFIG_UNKNOWN_REF', 'backups.datasets.a.component', 'db'],
        ['BASCULE_E_CONFIG_UNKNOWN_REF', 'backups.datasets.a.to[0]', 'nas'],
        ['BASCULE_E_CONFIG_BACKUP_DUPLICATE', 'backups.datasets.a.to[2]', undefined],
        ['BASCULE_E_CONFIG_BACKUP_SOURCE', 'backups.datasets.b', undefined],
        ['BASCULE_E_CONFIG_BACKUP_NO_TARGET', 'backups.datasets.b.to', undefined],
        ['BASCULE_E_CONFIG_BACKUP_SOURCE', 'backups.datasets.c', undefined],
      ],
    );
    assert.equal(
      formatDiagnostic('en', d[1]!),
      'bascule.yaml:17:43: backups.datasets.a.to[0]: unknown backup target "nass" — did you mean "nas"?',
    );
    assert.match(formatDiagnostic('fr', d[1]!), /cible de sauvegarde « nass » inconnue/);
    assert.match(formatDiagnostic('en', d[5]!), /this one has 2: paths, command/);
    assert.match(formatDiagnostic('fr', d[3]!), /doit dire quoi sauvegarder/);
  });

  it('refuses a target without its place on the map, an unknown component, a bad env name', () => {
    const d = diagnostics(
      'backups:\n  targets:\n    a: {repository: /srv/r, password: {env: PW}}\n    b: {repository: /srv/r, password: {env: PW}, component: s3ovh, env: {1BAD: {env: X}}}\n',
    );
    assert.deepEqual(
      d.map((x) => [x.code, x.path, x.params.suggestion]),
      [
        ['BASCULE_E_CONFIG_BACKUP_PLACE', 'backups.targets.a', undefined],
        ['BASCULE_E_CONFIG_UNKNOWN_REF', 'backups.targets.b.component', 's3-ovh'],
        ['BASCULE_E_CONFIG_BACKUP_ENV', 'backups.targets.b.env.1BAD', undefined],
      ],
    );
    assert.match(formatDiagnostic('en', d[0]!), /target "a" needs `component`/);
  });

  it('refuses a password written in clear (a secret is {env} or {file}), and an unknown key with a did-you-mean', () => {
    const d = diagnostics(
      'backups:\n  targets:\n    a: {repository: /srv/r, password: hunter2, component: nas, appendonly: true}\n',
    );
    assert.deepEqual(
      d.map((x) => [x.code, x.path]),
      [
        ['BASCULE_E_CONFIG_SECRET_VALUE', 'backups.targets.a.password'],
        ['BASCULE_E_CONFIG_UNKNOWN_KEY', 'backups.targets.a.appendonly'],
      ],
    );
    // Said without the value, which is the secret (test/secret-values.test.ts: every secret of the map).
    assert.ok(!JSON.stringify(d[0]!.params).includes('hunter2'));
    assert.equal(d[1]!.params.suggestion, 'appendOnly');
  });

  it('reads repositories as restic does: known backends, and what restic would refuse', () => {
    const ok: [string, string, string][] = [
      ['/srv/restic', 'local', 'disk'],
      ['./repo', 'local', 'disk'],
      ['local:/srv/restic', 'local', 'disk'],
      ['sftp:backup@nas.local:/volume1/bascule', 'sftp', 'disk'],
      ['sftp://backup@nas.local:2222//volume1/bascule', 'sftp', 'disk'],
      ['rest:https://backup.example.net/acme', 'rest', 'rest'],
      ['rest:http://127.0.0.1:8000/', 'rest', 'rest'],
      ['s3:https://s3.gra.io.cloud.ovh.net/acme', 's3', 'object'],
      ['s3:s3.amazonaws.com/bucket/prefix', 's3', 'object'],
      ['b2:bucket:path/to/repo', 'b2', 'object'],
      ['azure:container:/', 'azure', 'object'],
      ['gs:bucket:/restic', 'gs', 'object'],
      ['rclone:remote:path', 'rclone', 'rclone'],
    ];
    for (const [repo, backend, medium] of ok)
      assert.deepEqual(readRepository(repo), { ok: true, backend, medium }, repo);
    const bad: [string, string][] = [
      ['', 'empty'],
      ['s4:https://s3.example.net/b', 'backend'],
      ['backup@nas.local:/volume1', 'scp'],
      ['sftp:/volume1', 'sftp'],
      ['rest:ftp://x/y', 'rest'],
      ['rest:https://user:secret@backup.example.net/', 'credentials'],
      ['s3:https://s3.example.net/', 's3'],
      ['b2:', 'bucket'],
      ['rclone:', 'rclone'],
    ];
    for (const [repo, problem] of bad) {
      const r = readRepository(repo);
      assert.equal(r.ok ? 'ok' : r.problem, problem, repo);
    }
  });

  it('locates a repository restic would refuse, with the backend it probably meant, never showing a password', () => {
    const d = diagnostics(
      'backups:\n  targets:\n    a: {repository: "s4:https://s3.example.net/b", password: {env: PW}, component: nas}\n    b: {repository: "rest:https://u:hunter2@h.example/", password: {env: PW}, component: nas}\n',
    );
    assert.deepEqual(
      d.map((x) => [x.code, x.path, x.params.problem, x.params.suggestion]),
      [
        ['BASCULE_E_CONFIG_BACKUP_REPOSITORY', 'backups.targets.a.repository', 'backend', 's3'],
        ['BASCULE_E_CONFIG_BACKUP_REPOSITORY', 'backups.targets.b.repository', 'credentials', undefined],
      ],
    );
    assert.match(formatDiagnostic('en', d[0]!), /restic has no such backend .* did you mean "s3"\?/);
    assert.match(formatDiagnostic('fr', d[0]!), /restic refuserait le dépôt/);
    for (const lang of ['en', 'fr'] as const) assert.doesNotMatch(formatDiagnostic(lang, d[1]!), /hunter2/);
  });

  it('checks backups’ references in the same run as a schema error elsewhere', () => {
    const d = diagnostics(
      `${TARGETS}    a: {component: dbx, paths: [/x], to: [nas], every: 1h}\nruntime: {listen: nowhere}\n`,
    );
    assert.deepEqual(
      d.map((x) => [x.code, x.path]),
      [
        ['BASCULE_E_CONFIG_UNKNOWN_REF', 'backups.datasets.a.component'],
        ['BASCULE_E_CONFIG_FORMAT', 'runtime.listen'],
      ],
    );
  });

  it('is in the JSON Schema, and `bascule validate` says where the mistake is, exit 2', async () => {
    const schema = await runCli(['schema']);
    assert.equal(schema.code, 0);
    const props = JSON.parse(schema.stdout).properties;
    assert.ok(props.backups?.properties?.datasets, 'backups.datasets in the schema');
    const dir = tempDir();
    writeFileSync(
      `${dir}/bascule.yaml`,
      `${MAP}${TARGETS}    a: {component: db, paths: [/x], to: [nass], every: 1h}\n`,
    );
    const r = await runCli(['validate'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /bascule\.yaml:17:\d+: backups\.datasets\.a\.to\[0\]: unknown backup target "nass"/,
    );
    assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/, 'no stack trace');
  });
});

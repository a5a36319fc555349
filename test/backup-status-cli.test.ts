/**
 * `bascule backup status`: reads Bascule's records from the store in the data directory (a real
 * SQLite file written by the store, as the daemon writes it), prints the JSON shape, or a
 * table in English or French; exit 0; creates no store where there is none; a wrong subcommand is
 * a usage error.
 */
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SqliteStore } from '../src/store/sqlite.ts';
import { runCli, tempDir } from './helpers/cli.ts';

const MAP = `version: 1
name: Acme
services:
  shop: {criticality: critical, rpo: 1h, dependsOn: [db]}
components:
  db: {provider: ovh, region: sbg, kind: database}
  nas: {provider: onprem, region: paris, kind: storage}
  s3-scw: {provider: scaleway, region: fr-par, kind: storage}
backups:
  targets:
    nas: {repository: "sftp:backup@nas.local:/volume1/bascule", password: {env: PW}, component: nas}
    offsite: {repository: "s3:https://s3.fr-par.scw.cloud/acme", password: {env: PW}, component: s3-scw}
  datasets:
    shop-db: {component: db, postgres: {url: {env: SHOP_DB_URL}}, to: [nas, offsite], every: 30m}
    files: {component: nas, paths: [/srv/files], to: [offsite], every: 1d, rpo: 1d}
`;

async function withRecords(): Promise<string> {
  const dir = tempDir();
  writeFileSync(join(dir, 'bascule.yaml'), MAP);
  const store = new SqliteStore(join(dir, '.bascule', 'bascule.db'));
  await store.migrate();
  const now = Date.now();
  await store.saveBackupRun({
    id: 'a',
    dataset: 'shop-db',
    target: 'nas',
    kind: 'backup',
    startedAt: now - 11 * 60_000,
    finishedAt: now - 10 * 60_000,
    ok: true,
    snapshot: '4f2a9c1e',
  });
  await store.saveBackupRun({
    id: 'b',
    dataset: 'shop-db',
    target: 'offsite',
    kind: 'copy',
    startedAt: now - 9 * 60_000,
    finishedAt: now - 8 * 60_000,
    ok: false,
    error: { code: 'restic-exit-1', detail: 'unable to open repository' },
  });
  await store.close();
  return dir;
}

describe('bascule backup status', () => {
  it('prints the issue’s JSON shape from the stored records, exit 0', async () => {
    const dir = await withRecords();
    const r = await runCli(['backup', 'status', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['datasets']);
    const [shop, files] = out.datasets;
    assert.deepEqual(Object.keys(shop), ['id', 'status', 'rpoSeconds', 'lastRun', 'targets', 'rule']);
    assert.equal(shop.id, 'shop-db');
    assert.equal(shop.status, 'breach', 'the last run (the copy) failed');
    assert.equal(shop.rpoSeconds, 3600);
    assert.deepEqual(
      { ok: shop.lastRun.ok, error: shop.lastRun.error },
      { ok: false, error: 'restic-exit-1: unable to open repository' },
    );
    assert.match(shop.lastRun.at, /^\d{4}-\d\d-\d\dT/);
    assert.equal(shop.targets[0].snapshot, '4f2a9c1e');
    assert.ok(
      shop.targets[0].ageSeconds >= 599 && shop.targets[0].ageSeconds < 700,
      String(shop.targets[0].ageSeconds),
    );
    assert.deepEqual(
      shop.targets.map((t: { id: string; status: string }) => `${t.id} ${t.status}`),
      ['nas ok', 'offsite breach'],
    );
    assert.deepEqual(shop.rule, {
      copies: 2,
      media: 1,
      offsite: 1,
      immutable: 0,
      verified: false,
      ok: false,
    });
    assert.deepEqual(files, {
      id: 'files',
      status: 'breach',
      rpoSeconds: 86_400,
      lastRun: null,
      targets: [{ id: 'offsite', snapshot: null, ageSeconds: null, status: 'breach' }],
      rule: { copies: 1, media: 0, offsite: 0, immutable: 0, verified: false, ok: false },
    });
  });

  it('prints a table with the reasons, in English and in French', async () => {
    const dir = await withRecords();
    const en = await runCli(['backup', 'status'], { cwd: dir });
    assert.equal(en.code, 0, en.stderr);
    assert.match(
      en.stdout,
      /shop-db\s+breach\s+1h \(service shop\)\s+failed .*\(restic-exit-1: unable to open repository\)/,
    );
    assert.match(en.stdout, /shop-db → nas\s+4f2a9c1e\s+10m\s+ok/);
    assert.match(en.stdout, /shop-db → offsite\s+—\s+—\s+breach \(its last run failed\)/);
    assert.match(en.stdout, /files → offsite\s+—\s+—\s+breach \(never backed up\)/);
    assert.match(
      en.stdout,
      /shop-db: 3-2-1-1-0 not met\n {2}- 2 copies \(the data and 1 target with a copy within the RPO\): 3 are needed/,
    );
    const fr = await runCli(['backup', 'status', '--lang', 'fr'], { cwd: dir });
    assert.equal(fr.code, 0, fr.stderr);
    assert.match(fr.stdout, /shop-db\s+dépassé\s+1h \(service shop\)\s+échouée/);
    assert.match(fr.stdout, /files → offsite\s+—\s+—\s+dépassé \(jamais sauvegardé\)/);
    assert.match(fr.stdout, /aucun test de restauration|jamais vérifiée/);
  });

  it('creates no store where there is none: every dataset is never backed up', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bascule.yaml'), MAP);
    const r = await runCli(['backup', 'status', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      JSON.parse(r.stdout).datasets.map((d: { status: string; lastRun: unknown }) => [d.status, d.lastRun]),
      [
        ['breach', null],
        ['breach', null],
      ],
    );
    assert.equal(existsSync(join(dir, '.bascule')), false);
  });

  it('refuses another subcommand, exit 2, no stack trace', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bascule.yaml'), MAP);
    for (const args of [['backup'], ['backup', 'statuss'], ['backup', 'status', 'extra']]) {
      const r = await runCli(args, { cwd: dir });
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /`backup` takes `status`/);
      assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/);
    }
  });
});

/**
 * `bascule plan`'s backups from the records: runs, restore tests and proofs written by the test
 * into a real SQLite store, then the plan read back in both languages — an RPO breach of the
 * off-site copy flagged, an RPO met, a failed restore test, a dataset never restore-tested, each
 * copy's place, the 3-2-1-1-0 verdict with its reasons, and the restore tests to schedule.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { BackupRun } from '../src/store/backup-records.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { runCli, tempDir } from './helpers/cli.ts';

const MAP = `version: 1
name: Acme
services:
  shop: {criticality: critical, rpo: 1h, dependsOn: [db]}
  wiki: {criticality: high, dependsOn: [files]}
components:
  db: {provider: ovh, region: sbg, kind: database}
  files: {provider: ovh, region: sbg, kind: storage}
  sbg-backup: {provider: ovh, region: sbg, kind: storage}
  s3-scw: {provider: scaleway, region: fr-par, kind: storage}
backups:
  targets:
    local: {repository: /mnt/backup, password: {env: PW}, component: sbg-backup}
    offsite: {repository: "s3:https://s3.fr-par.scw.cloud/acme", password: {env: PW}, component: s3-scw}
  datasets:
    shop-db:
      component: db
      postgres: {url: {env: SHOP_DB_URL}}
      to: [local, offsite]
      every: 30m
      verify: {every: 1d, restore: true}
    wiki-files: {component: files, paths: [/srv/wiki], to: [offsite], every: 1h, rpo: 2h, verify: {every: 1d, restore: true}}
`;

const H = 3_600_000;
const NOW = Date.now();
const run = (dataset: string, target: string, agoMs: number, ok = true): BackupRun => ({
  id: `${dataset}@${target}@${NOW - agoMs}`,
  dataset,
  target,
  kind: target === 'local' || dataset === 'wiki-files' ? 'backup' : 'copy',
  startedAt: NOW - agoMs - 60_000,
  finishedAt: NOW - agoMs,
  ok,
  ...(ok ? { snapshot: `snap-${dataset}-${target}` } : {}),
});

async function plan(file: string, dataDir: string, lang: 'en' | 'fr'): Promise<string> {
  const r = await runCli(['plan', '-c', file, '--lang', lang, '--data-dir', dataDir], {
    env: { LANG: 'C.UTF-8' },
  });
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

describe('bascule plan: the backups from the records of a real store', () => {
  const dir = tempDir();
  const dataDir = join(dir, 'data');
  const file = join(dir, 'bascule.yaml');
  before(async () => {
    writeFileSync(file, MAP);
    mkdirSync(dataDir);
    const store = new SqliteStore(join(dataDir, 'bascule.db'));
    await store.migrate();
    // shop-db: the local copy is 20 min old, the off-site one 3 h (over the shop's 1 h RPO); its
    // last restore test failed. wiki-files: its off-site copy is 30 min old (2 h RPO), never restored.
    await store.saveBackupRun(run('shop-db', 'local', 20 * 60_000));
    await store.saveBackupRun(run('shop-db', 'offsite', 3 * H));
    await store.saveBackupRun(run('wiki-files', 'offsite', 30 * 60_000));
    await store.recordBackupEvent({
      type: 'restore',
      dataset: 'shop-db',
      target: 'local',
      snapshot: 'snap-shop-db-local',
      at: NOW - 2 * H,
      ok: false,
      mismatch: 'orders: 1200 rows, expected 1210',
    });
    await store.close();
  });

  it('flags the off-site copy over the RPO, says "met" within it, names a failed and a missing restore test', async () => {
    const md = await plan(file, dataDir, 'en');
    assert.ok(md.includes('**RPO: RPO 1 h — last good off-site copy 3 h old: NOT met.**'), md);
    assert.ok(md.includes('RPO: RPO 2 h — last good off-site copy 30 min old: met.'));
    // Where each copy lives: target, component, provider and region, and how it stands.
    assert.match(
      md,
      /\| local \| sbg-backup \(ovh, sbg\) \| same site as the data \| 20 min old \| within the RPO \|/,
    );
    assert.match(
      md,
      /\| offsite \| s3-scw \(scaleway, fr-par\) \| off-site \| 3 h old \| \*\*breach: its last good snapshot is older than the RPO\*\* \|/,
    );
    assert.match(md, /Backup shop-db of db: every 30 min, to 2 copies; RPO 1 h \(that of shop\)\./);
    assert.match(md, /\*\*Last restore test: .*, from local — FAILED\.\*\*/);
    assert.ok(md.includes('**Restore: never verified.**'));
    assert.match(md, /3-2-1-1-0 rule: 2 copies, 1 medium, 0 off-site, 0 immutable, not verified — NOT met: /);
    // The exercises: the restore test recorded, and what to schedule.
    assert.match(
      md,
      /\| Restore test \| Backup \| From \| Snapshot \| Result \|\n\| --- \|.*\n\| .* \| shop-db \| local \| snap-shop-db-local \| \*\*failed\*\* \|/,
    );
    assert.ok(md.includes('Find out why the last restore of shop-db (shop) failed, and test it again.'));
    assert.ok(md.includes('Test a restore of wiki-files (wiki): no restore has ever been tried.'));
  });

  it('says the same in French', async () => {
    const md = await plan(file, dataDir, 'fr');
    assert.ok(
      md.includes('**RPO : RPO 1 h — dernière copie hors site valide vieille de 3 h : NON respecté.**'),
      md,
    );
    assert.ok(md.includes('RPO : RPO 2 h — dernière copie hors site valide vieille de 30 min : respecté.'));
    assert.match(
      md,
      /\| local \| sbg-backup \(ovh, sbg\) \| même site que les données \| il y a 20 min \| dans le RPO \|/,
    );
    assert.match(md, /\*\*Dernier test de restauration : le .*, depuis local — EN ÉCHEC\.\*\*/);
    assert.ok(md.includes('**Restauration : jamais vérifiée.**'));
    assert.ok(
      md.includes(
        'Comprendre pourquoi la dernière restauration de shop-db (shop) a échoué, puis la retester.',
      ),
    );
    assert.ok(md.includes('Tester une restauration de wiki-files (wiki) : aucune n’a jamais été faite.'));
  });

  it('without a store, the backups are declared but never measured', async () => {
    const md = await plan(file, join(dir, 'nowhere'), 'en');
    assert.ok(md.includes('**RPO: RPO 1 h — never measured.**'), md);
    assert.doesNotMatch(md, /off-site copy .* old/);
  });
});

/**
 * The backup runner through its port, on a real restic and a local repository: the next run of a
 * dataset reuses the hashes of the files whose stat key is unchanged (read from the manifest the
 * store kept) and reads only what changed; two datasets sharing a repository take turns for their
 * whole job (backup, forget), not step by step; retention applies to the dataset's own snapshots
 * only; only the newest manifests are kept; a PostgreSQL dataset is dumped, recorded, and its restore test compares rows per table.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { init, snapshots } from '../src/backup/restic/index.ts';
import { RACY_MS } from '../src/backup/restic/manifest-walk.ts';
import { type BackupRunner, createBackupJobs } from '../src/backup/runner/index.ts';
import { MANIFESTS_KEPT } from '../src/backup/runner/manifest-retention.ts';
import { loadConfig } from '../src/model/load.ts';
import { systemClock } from '../src/platform/clock.ts';
import { MemoryStore } from '../src/store/memory.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';

const PW = 'runner-Pw-41c8d';
const DB_PW = 'shop-Db-pw-9e02';
const FAKE = 'f'.repeat(64);

describe('backup runner', { timeout: 120_000 }, () => {
  let dir: string;
  let data: string;
  let store: MemoryStore;
  let jobs: BackupRunner;
  let postgres: TestPostgres;

  before(async () => {
    postgres = await startPostgres();
    const shop = new URL(await postgres.createDatabase('shop'));
    const c = new pg.Client({ connectionString: shop.toString() });
    await c.connect();
    await c.query('CREATE TABLE orders (id serial PRIMARY KEY, total int)');
    await c.query('INSERT INTO orders (total) SELECT g FROM generate_series(1, 321) g');
    await c.end();
    shop.password = DB_PW; // trust authentication ignores it; the runner must still never show it
    dir = mkdtempSync(join(tmpdir(), 'bascule-runner-'));
    data = join(dir, 'data');
    mkdirSync(data);
    for (let i = 0; i < 6; i++) writeFileSync(join(data, `f${i}.txt`), `file ${i}\n`.repeat(100));
    const loaded = loadConfig(
      `version: 1
name: Acme
components:
  files: {provider: onprem, region: paris, kind: storage}
  db: {provider: onprem, region: paris, kind: database}
  nas: {provider: onprem, region: lyon, kind: nas}
backups:
  targets:
    nas: {repository: ./repo, password: {env: PW}, component: nas}
  datasets:
    files: {component: files, paths: [./data], to: [nas], every: 1h, keep: {last: 1}}
    mirror: {component: files, paths: [./data], to: [nas], every: 1d, keep: {last: 1}}
    notes: {component: files, command: [sh, -c, "sleep 0.3; echo notes"], to: [nas], every: 1h, keep: {last: 1}}
    shop-db: {component: db, postgres: {url: {env: SHOP_DB_URL}}, to: [nas], every: 1h, verify: {every: 1d, restore: true}}
`,
      'bascule.yaml',
    );
    assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.diagnostics));
    store = new MemoryStore();
    await store.migrate();
    jobs = createBackupJobs({
      config: loaded.config,
      baseDir: dir,
      dataDir: join(dir, '.bascule'),
      store,
      clock: systemClock,
      env: { PW, SHOP_DB_URL: shop.toString() },
    });
    assert.equal((await init({ repository: join(dir, 'repo'), password: PW, env: {} })).ok, true);
  });
  after(() => {
    postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the next run hashes only what changed: an unchanged file keeps the hash the store recorded', async () => {
    await new Promise((r) => setTimeout(r, RACY_MS + 200));
    const first = await jobs.run('files');
    assert.equal(first.ok, true, JSON.stringify(first.error));
    const snap = first.runs[0]!.snapshot!;
    const m = await store.manifest('files', 'nas', snap);
    assert.equal(Object.keys(m?.files?.stats ?? {}).length, 6, 'a stat key per file');
    // The recorded hash of f0 is made a lie: a run that does not read f0 again keeps it.
    const f0 = join(data, 'f0.txt');
    await store.saveManifest({
      ...m!,
      files: { ...m!.files!, entries: { ...m!.files!.entries, [f0]: FAKE } },
    });
    writeFileSync(join(data, 'f1.txt'), 'changed\n');
    const second = await jobs.run('files');
    assert.equal(second.ok, true, JSON.stringify(second.error));
    const next = await store.manifest('files', 'nas', second.runs[0]!.snapshot!);
    assert.equal(next?.files?.entries?.[f0], FAKE, 'f0 was not read again');
    assert.notEqual(next?.files?.entries?.[join(data, 'f1.txt')], m?.files?.entries?.[join(data, 'f1.txt')]);
  });

  it('keeps the manifests of the newest good snapshots only', async () => {
    for (let i = 0; i < MANIFESTS_KEPT + 1; i++) {
      writeFileSync(join(data, 'f2.txt'), `round ${i}\n`);
      const run = await jobs.run('files');
      assert.equal(run.ok, true, JSON.stringify(run.error));
    }
    const made = (await store.backupRuns({ dataset: 'files', target: 'nas' }))
      .filter((r) => r.kind === 'backup' && r.ok)
      .map((r) => r.snapshot!);
    assert.ok(made.length > MANIFESTS_KEPT + 1, `${made.length} backups`);
    const kept = await Promise.all(made.map((snap) => store.manifest('files', 'nas', snap)));
    assert.deepEqual(
      kept.map((m) => m !== undefined),
      made.map((_, i) => i < MANIFESTS_KEPT),
      'newest first: the first ones kept, the rest deleted',
    );
  });

  it('two datasets on one repository take turns for their whole job; retention keeps each one’s own', async () => {
    const [a, b] = await Promise.all([jobs.run('notes'), jobs.run('files')]);
    assert.equal(a.ok && b.ok, true, JSON.stringify([a.error, b.error]));
    assert.deepEqual(
      a.runs.map((r) => r.kind),
      ['backup', 'forget'],
    );
    const [early, late] = a.startedAt <= b.startedAt ? [a, b] : [b, a];
    assert.ok(
      late.runs.every((r) => r.startedAt >= early.finishedAt),
      `the second job waited for the whole first: ${JSON.stringify([early.runs, late.runs].map((x) => x.map((r) => [r.kind, r.startedAt, r.finishedAt])))}`,
    );
    // A dataset of the same paths (another schedule): restic alone would group their snapshots as one.
    const mirror = await jobs.run('mirror');
    assert.equal(mirror.ok, true, JSON.stringify(mirror.error));
    const listed = await snapshots({ repository: join(dir, 'repo'), password: PW, env: {} });
    assert.ok(listed.ok);
    assert.deepEqual(
      listed.snapshots.map((s) => s.tags.join()).sort(),
      ['bascule:files', 'bascule:mirror', 'bascule:notes'],
      'keep: {last: 1} per dataset, not per repository or per paths',
    );
  });

  it('a PostgreSQL dataset: dumped with its rows counted, and its restore test compares them', async () => {
    const run = await jobs.run('shop-db');
    assert.equal(run.ok, true, JSON.stringify(run.error));
    assert.equal(run.runs[0]?.producerExit, 0);
    const v = await jobs.verify('shop-db');
    assert.equal(v.ok, true, JSON.stringify(v.error));
    assert.deepEqual(v.restores[0]?.compared?.tables, { 'public.orders': 321 });
    const heads = await store.backupHeads();
    assert.equal(heads.restores.find((r) => r.dataset === 'shop-db')?.ok, true);
    const everything = JSON.stringify([run, v, heads]);
    assert.ok(!everything.includes(DB_PW) && !everything.includes(PW));
  });
});

/**
 * A real PostgreSQL backed up by the restic runner: pg_dump -Fc in the snapshot where the rows were
 * counted, piped to `restic backup --stdin`; the restore test streams the dump out of the
 * repository into pg_restore on a scratch database and compares rows per table. A dump that fails
 * (pg_dump's exit code) and a restored database that does not match are failed results; the
 * database's password reaches neither a result nor pg_dump's command line.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';

import { backup, init, type ResticRepo, restoreTest } from '../src/backup/restic/index.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';

const DB_PASSWORD = 'shop-Db-pw-5a6b';

describe('restic runner, PostgreSQL dump and restore test', { timeout: 120_000 }, () => {
  let postgres: TestPostgres;
  let dir: string;
  let repo: ResticRepo;
  let shopUrl: string;
  const said: unknown[] = [];

  before(async () => {
    postgres = await startPostgres();
    dir = mkdtempSync(join(tmpdir(), 'bascule-restic-pg-'));
    repo = {
      repository: join(dir, 'repo'),
      password: 'pg-repo-Pw-11',
      env: {},
      cacheDir: join(dir, 'cache'),
    };
    assert.equal((await init(repo)).ok, true);
    const url = await postgres.createDatabase('shop');
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`CREATE ROLE shop LOGIN PASSWORD '${DB_PASSWORD}'`);
    await c.query('CREATE TABLE orders (id serial PRIMARY KEY, total numeric NOT NULL)');
    await c.query('CREATE SCHEMA billing');
    await c.query('CREATE TABLE billing.invoices (id int PRIMARY KEY, body text)');
    await c.query('INSERT INTO orders (total) SELECT g FROM generate_series(1, 1210) g');
    await c.query("INSERT INTO billing.invoices SELECT g, repeat('x', 100) FROM generate_series(1, 37) g");
    await c.query('GRANT SELECT ON ALL TABLES IN SCHEMA public, billing TO shop');
    await c.query('GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO shop');
    await c.query('GRANT USAGE ON SCHEMA billing TO shop');
    await c.end();
    // The dataset's URL carries a password, as bascule.yaml's {env: SHOP_DB_URL} would.
    const u = new URL(url);
    u.username = 'shop';
    u.password = DB_PASSWORD;
    shopUrl = u.toString();
  });
  after(() => {
    postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('dumps, records rows per table, and the restore test gives them back', async () => {
    // Orders keep coming while the dump runs: the counts must be those of the dump's own snapshot.
    const writer = new pg.Client({ connectionString: postgres.url.replace(/\/postgres$/, '/shop') });
    await writer.connect();
    let writing = true;
    const writes = (async () => {
      for (let i = 0; i < 2000 && writing; i++) await writer.query('INSERT INTO orders (total) VALUES (1)');
    })();
    const run = await backup(repo, { postgres: { url: shopUrl }, filename: 'shop.dump' });
    writing = false;
    await writes;
    const total = await writer.query<{ n: string }>('SELECT count(*) AS n FROM orders');
    await writer.end();
    said.push(run);
    assert.equal(run.ok, true, JSON.stringify(run.error));
    assert.equal(run.producerExitCode, 0);
    const orders = run.manifest?.tables?.['public.orders'] ?? 0;
    assert.equal(run.manifest?.tables?.['billing.invoices'], 37);
    assert.ok(
      orders > 1210 && orders < Number(total.rows[0]!.n),
      `orders ${orders}: written during the dump`,
    );
    const test = await restoreTest(repo, {
      snapshot: run.snapshotId!,
      manifest: run.manifest!,
      postgres: { adminUrl: postgres.url, filename: 'shop.dump' },
    });
    said.push(test);
    assert.equal(test.ok, true, test.mismatch ?? JSON.stringify(test.error));
    assert.deepEqual(test.compared?.tables, run.manifest?.tables);

    // A manifest that says otherwise: the restore test names the table.
    const wrong = await restoreTest(repo, {
      snapshot: run.snapshotId!,
      manifest: { tables: { 'billing.invoices': 37, 'public.orders': orders - 10 } },
      postgres: { adminUrl: postgres.url, filename: 'shop.dump' },
    });
    said.push(wrong);
    assert.equal(wrong.ok, false);
    assert.equal(wrong.error?.code, 'BASCULE_E_RESTIC_RESTORE_MISMATCH');
    assert.equal(wrong.mismatch, `public.orders: ${orders} rows, expected ${orders - 10}`);
    // The scratch databases are gone.
    const c = new pg.Client({ connectionString: postgres.url });
    await c.connect();
    const left = await c.query("SELECT datname FROM pg_database WHERE datname LIKE 'bascule_restore_%'");
    await c.end();
    assert.deepEqual(left.rows, []);
  });

  it('a dump that fails half-way is a failed run on pg_dump’s exit code, its partial snapshot forgotten', async () => {
    // A table big enough for its COPY to be caught, and pg_dump's session ended in the middle of it.
    const admin = new pg.Client({ connectionString: postgres.url.replace(/\/postgres$/, '/shop') });
    await admin.connect();
    try {
      await admin.query('CREATE TABLE zz_big (id int, body text)');
      await admin.query(
        'INSERT INTO zz_big SELECT g, repeat(md5(g::text), 6) FROM generate_series(1, 300000) g',
      );
      await admin.query('GRANT SELECT ON zz_big TO shop');
      let stop = false;
      let ended = 0;
      const killer = (async () => {
        for (let i = 0; i < 1000 && !stop && ended === 0; i++) {
          const r = await admin.query(
            "SELECT pg_terminate_backend(pid) AS t FROM pg_stat_activity WHERE application_name = 'pg_dump' AND query LIKE 'COPY%zz_big%'",
          );
          ended += r.rows.length;
          await new Promise((res) => setTimeout(res, 5));
        }
      })();
      const run = await backup(repo, { postgres: { url: shopUrl }, filename: 'shop.dump' });
      stop = true;
      await killer;
      said.push(run);
      assert.equal(ended, 1, 'pg_dump was ended during its COPY');
      assert.equal(run.ok, false);
      assert.equal(run.error?.code, 'BASCULE_E_RESTIC_PRODUCER_FAILED', JSON.stringify(run.error));
      assert.match(run.error?.detail ?? '', /^exit 1: pg_dump: error:/);
      assert.equal(run.resticExit, 0, 'restic saw a stream that ended and made a snapshot');
      assert.equal(run.partialSnapshot?.forgotten, true);
    } finally {
      await admin.query('DROP TABLE IF EXISTS zz_big');
      await admin.end();
    }
  });

  it('a database that cannot be reached is a failed run; the database password is in no result', async () => {
    const u = new URL(shopUrl);
    u.port = '9';
    const run = await backup(repo, { postgres: { url: u.toString() } });
    said.push(run);
    assert.equal(run.ok, false);
    assert.equal(run.error?.code, 'BASCULE_E_RESTIC_PRODUCER_FAILED');
    const text = JSON.stringify(said);
    assert.ok(!text.includes(DB_PASSWORD));
    assert.ok(!text.includes('pg-repo-Pw-11'));
  });
});

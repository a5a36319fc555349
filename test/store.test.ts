/** The storage adapters against the contract (memory, SQLite in a temporary directory, a real PostgreSQL), and opening errors. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pgModule from 'pg';
import { BasculeError } from '../src/errors.ts';
import { incidentId } from '../src/monitor/incidents.ts';
import type { Observation } from '../src/monitor/types.ts';
import { openStore, redactUrl } from '../src/store/open.ts';
import type { PostgresStore } from '../src/store/postgres.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import Database from '../src/store/sqlite-driver.ts';
import type { Store } from '../src/store/store.ts';

const { Client } = pgModule;

import { startPostgres, type TestPostgres } from './helpers/postgres.ts';
import { storeContract } from './store.contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'bascule-store-'));
storeContract('memory', async (name) => openStore(`memory:${dir}/${name}`, dir));
storeContract('sqlite', (name) => openStore(`sqlite:${join(dir, `${name}.db`)}`, dir));

let pg: TestPostgres | undefined;
const databases = new Map<string, string>();
before(async () => {
  pg = await startPostgres();
});
after(() => pg?.stop());
storeContract('postgres', async (name) => {
  let url = databases.get(name);
  if (!url) {
    url = await pg!.createDatabase(name);
    databases.set(name, url);
  }
  return openStore(url, dir);
});

/** Incidents stored before ids were deterministic (an integer id) come out with service@time ids. */
describe('upgrading incidents to deterministic ids', () => {
  const LEGACY = [
    "INSERT INTO incidents (id, service, opened_at, closed_at, worst, state) VALUES (7, 'checkout', 1795965805623, 1795965819005, 'DOWN', 'UP')",
    "INSERT INTO incidents (id, service, opened_at, closed_at, worst, state) VALUES (8, 'blog', 1795965900005, NULL, 'DEGRADED', 'DEGRADED')",
    "INSERT INTO incident_timeline (incident, seq, at, type, id, from_state, to_state, reason) VALUES (7, 0, 1795965805623, 'service', 'checkout', 'UP', 'DOWN', 'dependency web')",
    "INSERT INTO incident_timeline (incident, seq, at, type, id, from_state, to_state, reason) VALUES (7, 1, 1795965819005, 'service', 'checkout', 'DOWN', 'UP', NULL)",
    "INSERT INTO incident_timeline (incident, seq, at, type, id, from_state, to_state, reason) VALUES (8, 0, 1795965900005, 'service', 'blog', 'UP', 'DEGRADED', NULL)",
  ];
  const expectUpgraded = async (s: Store) => {
    await s.migrate();
    const all = await s.incidents();
    assert.deepEqual(
      all.map((i) => i.id),
      ['blog@2026-11-29T15:25:00.005Z', 'checkout@2026-11-29T15:23:25.623Z'],
    );
    assert.equal(all[0]!.id, incidentId('blog', 1795965900005));
    assert.deepEqual(
      all[1]!.timeline.map((t) => [t.to, t.reason ?? null]),
      [
        ['DOWN', { code: 'legacy', text: 'dependency web' }],
        ['UP', null],
      ],
    );
    assert.deepEqual(
      (await s.incidents({ open: true })).map((i) => i.service),
      ['blog'],
    );
    await s.close();
  };

  it('sqlite', async () => {
    const file = join(dir, 'legacy.db');
    const old = new SqliteStore(file);
    await old.migrate('2026-11-24-monitoring');
    await old.close();
    const db = new Database(file);
    for (const sql of LEGACY) db.exec(sql);
    db.close();
    await expectUpgraded(new SqliteStore(file));
  });

  it('postgres', async () => {
    const url = await pg!.createDatabase('legacy');
    const old = (await openStore(url, dir)) as PostgresStore;
    await old.migrate('2026-11-24-monitoring');
    await old.close();
    const client = new Client({ connectionString: url });
    await client.connect();
    for (const sql of LEGACY) await client.query(sql);
    await client.end();
    await expectUpgraded(await openStore(url, dir));
  });
});

describe('opening a store', () => {
  it('refuses an unknown kind of store with BASCULE_E_STORE_UNKNOWN, its password hidden', async () => {
    await assert.rejects(openStore('mysql://u:secret@h/db', dir), (e: unknown) => {
      assert.ok(e instanceof BasculeError);
      const d = e.diagnostics[0]!;
      assert.equal(d.code, 'BASCULE_E_STORE_UNKNOWN');
      assert.equal(d.params.store, 'mysql://u:***@h/db');
      return true;
    });
  });

  it('reports an unreachable PostgreSQL with BASCULE_E_STORE_UNREACHABLE and ECONNREFUSED, without its password', async () => {
    const s = await openStore('postgres://bascule:hunter2@127.0.0.1:9/bascule', dir);
    await assert.rejects(s.migrate(), (e: unknown) => {
      assert.ok(e instanceof BasculeError);
      const d = e.diagnostics[0]!;
      assert.equal(d.code, 'BASCULE_E_STORE_UNREACHABLE');
      assert.equal(d.params.reason, 'ECONNREFUSED');
      assert.equal(d.params.store, 'postgres://bascule:***@127.0.0.1:9/bascule');
      return true;
    });
    await s.close();
  });

  it('reports a SQLite store it cannot create with BASCULE_E_STORE_OPEN and the system code', async () => {
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, 'a file where the data directory should be');
    await assert.rejects(openStore('sqlite', file), (e: unknown) => {
      assert.ok(e instanceof BasculeError);
      const d = e.diagnostics[0]!;
      assert.equal(d.code, 'BASCULE_E_STORE_OPEN');
      assert.match(String(d.params.reason), /^[A-Z_]+$/);
      return true;
    });
  });

  it('redacts passwords of store URLs', () => {
    assert.equal(redactUrl('postgres://u:p%40ss@db:5432/x'), 'postgres://u:***@db:5432/x');
    assert.equal(redactUrl('postgresql://db/x'), 'postgresql://db/x');
    assert.equal(redactUrl('sqlite'), 'sqlite');
  });

  it('appends 10,000 results in batches of 250 (time printed, not asserted)', async () => {
    for (const [name, spec] of [
      ['sqlite', `sqlite:${join(dir, 'speed.db')}`],
      ['postgres', await pg!.createDatabase('speed')],
    ] as const) {
      const s = await openStore(spec, dir);
      await s.migrate();
      const t0 = performance.now();
      for (let b = 0; b < 40; b++) {
        const batch: Observation[] = Array.from({ length: 250 }, (_, i) => ({
          check: `k${i}`,
          vantage: 'local',
          at: Date.now(),
          ok: true,
          latencyMs: 1,
        }));
        await s.appendObservations(batch);
      }
      console.log(`# ${name}: 10,000 observations in 40 batches: ${(performance.now() - t0).toFixed(0)} ms`);
      assert.equal((await s.observations('k0', 0)).length, 40);
      await s.close();
    }
  });
});

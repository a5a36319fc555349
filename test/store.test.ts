/** The storage adapters against the contract (SQLite in a temporary directory, a real PostgreSQL), and opening errors. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BasculeError } from '../src/errors.ts';
import type { Observation } from '../src/monitor/types.ts';
import { openStore, redactUrl } from '../src/store/open.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';
import { storeContract } from './store.contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'bascule-store-'));
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

/**
 * Resuming after a crash (src/daemon/resume.ts), on a real SQLite store: the last snapshot plus the
 * results stored after it, without counting a result twice, without repeating a transition already
 * recorded, and without dropping one a crash cut off.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { buildGraph } from '../src/analysis/graph.ts';
import { resume, SNAPSHOT_KEY } from '../src/daemon/resume.ts';
import { compileChecks } from '../src/monitor/compile.ts';
import { Monitor } from '../src/monitor/monitor.ts';
import type { Observation, ProbeResult, Transition } from '../src/monitor/types.ts';
import { openStore } from '../src/store/open.ts';
import type { Store } from '../src/store/store.ts';
import { tempDir } from './helpers/cli.ts';
import { map } from './helpers/map.ts';

const MAP = map({
  services: { shop: { criticality: 'high', dependsOn: ['api'] } },
  components: { api: { provider: 'aws' } },
  checks: { api: { component: 'api', http: 'http://127.0.0.1:1/', interval: '10s', failAfter: 3 } },
});
const checks = compileChecks(MAP);
const newMonitor = () => new Monitor(buildGraph(MAP), checks);
const OK: ProbeResult = { ok: true, latencyMs: 5 };
const DOWN: ProbeResult = { ok: false, reason: 'refused', detail: 'ECONNREFUSED', latencyMs: 1 };
const obs = (at: number, r: ProbeResult): Observation => ({ ...r, check: 'api', vantage: 'local', at });
const names = (ts: readonly Transition[]) => ts.map((t) => `${t.type} ${t.id} ${t.from}→${t.to}`);

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A store and a monitor that has seen one success and saved its snapshot at T. */
async function started(T: number): Promise<{ store: Store; m: Monitor }> {
  const dir = tempDir();
  dirs.push(dir);
  const store = await openStore('sqlite', dir);
  await store.migrate();
  const m = newMonitor();
  const first = [obs(T - 10_000, OK)];
  await store.appendObservations(first);
  await store.appendTransitions(m.ingest(first, T - 10_000));
  await store.saveState(SNAPSHOT_KEY, m.snapshot(T));
  return { store, m };
}

/** What the daemon does with a batch: store the results, then the transitions they cause. */
async function run(store: Store, m: Monitor, batch: Observation[], now: number): Promise<Transition[]> {
  await store.appendObservations(batch);
  const ts = m.ingest(batch, now);
  await store.appendTransitions(ts);
  return ts;
}

describe('resume after a crash', () => {
  const T = 1_800_000_000_000;

  it('does not count a result twice: two failures before the snapshot stay two', async () => {
    const { store, m } = await started(T);
    await run(store, m, [obs(T - 5_000, DOWN), obs(T - 4_000, DOWN)], T - 4_000);
    await store.saveState(SNAPSHOT_KEY, m.snapshot(T));
    const again = newMonitor();
    const r = await resume(store, again, checks, T + 1_000);
    assert.deepEqual(r.transitions, []);
    assert.equal(again.checkView('api')?.state, 'UP');
    // One more failure is the third: DOWN now, not before.
    assert.deepEqual(names(again.ingest([obs(T + 10_000, DOWN)], T + 10_000)).slice(0, 1), [
      'check api UP→DOWN',
    ]);
    await store.close();
  });

  it('does not repeat what was recorded after the snapshot', async () => {
    const { store, m } = await started(T);
    const ts = await run(store, m, [obs(T + 1, DOWN), obs(T + 2, DOWN), obs(T + 3, DOWN)], T + 3);
    assert.ok(names(ts).includes('service shop UP→DOWN'));
    const again = newMonitor();
    const r = await resume(store, again, checks, T + 5_000);
    assert.equal(r.replayed, 4);
    assert.deepEqual(r.transitions, [], 'already recorded (and alerted) before the crash');
    assert.equal(again.current().services.get('shop'), 'DOWN');
    await store.close();
  });

  it('returns the transitions a crash cut off between storing results and acting on them', async () => {
    const { store } = await started(T);
    await store.appendObservations([obs(T + 1, DOWN), obs(T + 2, DOWN), obs(T + 3, DOWN)]);
    const again = newMonitor();
    const r = await resume(store, again, checks, T + 5_000);
    assert.deepEqual(names(r.transitions), [
      'check api UP→DOWN',
      'component api UP→DOWN',
      'service shop UP→DOWN',
    ]);
    await store.close();
  });

  it('reports nothing for an outage that opened and closed after the snapshot, read in any chunks', async () => {
    const { store, m } = await started(T);
    await run(store, m, [obs(T + 1, DOWN), obs(T + 2, DOWN), obs(T + 3, DOWN)], T + 3);
    await run(store, m, [obs(T + 4, OK), obs(T + 5, OK)], T + 5);
    for (const chunk of [1_000, 2, 1]) {
      const again = newMonitor();
      const r = await resume(store, again, checks, T + 6_000, chunk);
      assert.deepEqual(names(r.transitions), [], `chunks of ${chunk}`);
      assert.equal(again.current().services.get('shop'), 'UP');
    }
    await store.close();
  });

  it('acts on a change cut off by the crash whatever the chunk size', async () => {
    const { store } = await started(T);
    await store.appendObservations([obs(T + 1, DOWN), obs(T + 2, DOWN), obs(T + 3, DOWN)]);
    for (const chunk of [2, 1]) {
      const r = await resume(store, newMonitor(), checks, T + 5_000, chunk);
      assert.deepEqual(names(r.transitions), [
        'check api UP→DOWN',
        'component api UP→DOWN',
        'service shop UP→DOWN',
      ]);
    }
    await store.close();
  });
});

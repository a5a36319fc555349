/**
 * The daemon's pipeline on an injected clock and a memory store, with probes answered in process:
 * no sleeping, every step driven by advancing time. Outage, incident, recovery; a store outage
 * through which the daemon decides and alerts from memory, and which loses nothing once the store
 * is back; silence that keeps an incident open.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Daemon, type DaemonOptions } from '../src/daemon/daemon.ts';
import type { IncidentEvent } from '../src/monitor/incidents.ts';
import type { Incident, Observation, ProbeResult, Transition } from '../src/monitor/types.ts';
import type { Alert } from '../src/notify/alert.ts';
import { Notifier } from '../src/notify/notifier.ts';
import { createLogger } from '../src/platform/log.ts';
import { ManualClock } from '../src/platform/manual-clock.ts';
import type { StatusJson } from '../src/server/status-json.ts';
import { MemoryStore } from '../src/store/memory.ts';
import { tempDir } from './helpers/cli.ts';
import { map } from './helpers/map.ts';

const log = createLogger('silent');

const SHOP = map({
  services: { checkout: { criticality: 'critical', dependsOn: ['api'] } },
  components: { api: { provider: 'aws' } },
  checks: {
    api: {
      component: 'api',
      tcp: '127.0.0.1:9',
      interval: '1s',
      timeout: '500ms',
      failAfter: 2,
      recoverAfter: 1,
    },
  },
});

/** A store whose observation writes fail while `failing` is set (a locked or unreachable database). */
class FlakyStore extends MemoryStore {
  failing = false;
  failTransitions = false;
  failIncidents = false;
  failReads = false;
  override async incidents(q?: Parameters<MemoryStore['incidents']>[0]): Promise<Incident[]> {
    if (this.failReads) throw new Error('connection terminated');
    return super.incidents(q);
  }
  override async appendObservations(batch: readonly Observation[]): Promise<void> {
    if (this.failing) throw new Error('database is locked');
    return super.appendObservations(batch);
  }
  override async appendTransitions(batch: readonly Transition[]): Promise<void> {
    if (this.failTransitions) throw new Error('database is locked');
    return super.appendTransitions(batch);
  }
  override async saveIncidents(batch: readonly Incident[]): Promise<void> {
    if (this.failIncidents) throw new Error('database is locked');
    return super.saveIncidents(batch);
  }
}

async function start(
  health: { up: boolean | 'silent' },
  store = new FlakyStore(),
  extra: Partial<DaemonOptions> = {},
) {
  const clock = new ManualClock();
  const events: IncidentEvent[] = [];
  const probe = (_check: unknown, signal: AbortSignal): Promise<ProbeResult> =>
    health.up === 'silent'
      ? // never answers (the vantage point goes silent) until the daemon stops
        new Promise((r) =>
          signal.addEventListener('abort', () => r({ ok: false, reason: 'error', latencyMs: 0 })),
        )
      : Promise.resolve(
          health.up ? { ok: true, latencyMs: 2 } : { ok: false, reason: 'refused', latencyMs: 1 },
        );
  const baseDir = tempDir();
  const d = await Daemon.start({
    config: SHOP,
    baseDir,
    listen: '127.0.0.1:0',
    lang: 'en',
    log,
    env: {},
    clock,
    store,
    flushMs: 100,
    probe,
    onIncidents: (e) => {
      events.push(...e);
    },
    ...extra,
  });
  const token = readFileSync(join(baseDir, '.bascule', 'operator.token'), 'utf8').trim();
  const status = async () =>
    (
      await fetch(`${d.url}/api/v1/status`, { headers: { authorization: `Bearer ${token}` } })
    ).json() as Promise<StatusJson>;
  return { d, clock, store, events, status, kinds: () => events.map((e) => e.type) };
}

const service = (d: Daemon) => d.monitor.current().services.get('checkout');

describe('daemon pipeline on an injected clock', () => {
  const daemons: Daemon[] = [];
  after(async () => {
    for (const d of daemons) await d.stop();
  });

  it('goes DOWN, opens an incident, stores it, and resolves it, in clock time', async () => {
    const health: { up: boolean | 'silent' } = { up: true };
    const { d, clock, store, kinds } = await start(health);
    daemons.push(d);
    await clock.advance(2_000);
    assert.equal(service(d), 'UP');
    health.up = false;
    await clock.advance(2_500);
    assert.equal(service(d), 'DOWN');
    assert.deepEqual(kinds(), ['incident-opened']);
    const [open] = await store.incidents({ open: true });
    assert.equal(open?.service, 'checkout');
    assert.ok((await store.transitions({ id: 'checkout' })).some((t) => t.to === 'DOWN'));
    health.up = true;
    await clock.advance(1_500);
    assert.equal(service(d), 'UP');
    assert.deepEqual(kinds(), ['incident-opened', 'incident-resolved']);
    assert.equal((await store.incident(open!.id))?.closedAt !== undefined, true);
  });

  it('decides from memory through a store outage, and stores what it saw once the store is back', async () => {
    const health: { up: boolean | 'silent' } = { up: true };
    const { d, clock, store, kinds } = await start(health);
    daemons.push(d);
    await clock.advance(2_000);
    store.failing = true;
    health.up = false;
    await clock.advance(3_000);
    assert.ok(d.store.status().queued.observations >= 2, 'results wait in memory while the store fails');
    assert.equal(d.health().ok, false);
    assert.equal(d.health().problems[0]?.code, 'store-failing');
    assert.equal(service(d), 'DOWN', 'the outage is seen without the store');
    assert.deepEqual(kinds(), ['incident-opened'], 'and alerted on');
    store.failing = false;
    await clock.advance(6_000); // the replay backoff is at most 5 s
    assert.equal(d.store.status().ok, true);
    assert.equal(d.health().ok, true);
    assert.deepEqual(kinds(), ['incident-opened'], 'once');
    const stored = await store.observations('api', 0);
    assert.ok(stored.filter((o) => !o.ok).length >= 3, 'the failures seen during the outage were stored');
    assert.equal((await store.incidents({ open: true })).length, 1);
  });

  for (const what of ['failTransitions', 'failIncidents'] as const) {
    it(`acts on state changes the store cannot record (${what}), and records them once it is back`, async () => {
      const health: { up: boolean | 'silent' } = { up: true };
      const { d, clock, store, kinds } = await start(health);
      daemons.push(d);
      await clock.advance(2_000);
      store[what] = true;
      health.up = false;
      await clock.advance(10_000);
      assert.equal(service(d), 'DOWN', 'the monitor knows');
      assert.deepEqual(kinds(), ['incident-opened'], 'alerted from memory');
      assert.equal((await store.incidents()).length, 0, 'not yet recorded');
      store[what] = false;
      await clock.advance(6_000); // the replay backoff is at most 5 s
      assert.deepEqual(kinds(), ['incident-opened'], 'exactly once');
      assert.equal((await store.incidents({ open: true })).length, 1);
      const recorded = (await store.transitions({ id: 'checkout' })).filter((t) => t.to === 'DOWN');
      assert.equal(recorded.length, 1, 'the transition recorded once');
    });
  }

  it('shows the open incidents from memory when the store cannot be read', async () => {
    const health: { up: boolean | 'silent' } = { up: false };
    const { d, clock, store, status } = await start(health);
    daemons.push(d);
    await clock.advance(3_000);
    store.failReads = true;
    const s = await status();
    assert.equal(s.services.find((x) => x.id === 'checkout')?.state, 'DOWN');
    assert.deepEqual(
      s.incidents.map((i) => [i.service, i.closedAt ?? null]),
      [['checkout', null]],
    );
  });

  it('alerts about Bascule itself when its store fails for long, and when it is back', async () => {
    const health: { up: boolean | 'silent' } = { up: true };
    const sent: Alert[] = [];
    const config = { ...SHOP, notify: { ops: { webhook: 'http://127.0.0.1:9/hook' } } } as typeof SHOP;
    const notifier = new Notifier({
      config,
      lang: 'fr',
      baseDir: '.',
      env: {},
      send: async (_channel, alert) => {
        sent.push(alert);
      },
    });
    const store = new FlakyStore();
    const { d, clock } = await start(health, store, { config, notifier, lang: 'fr' });
    daemons.push(d);
    await clock.advance(2_000);
    store.failing = true;
    await clock.advance(20_000);
    assert.equal(d.health().problems[0]?.code, 'store-failing');
    assert.equal(sent.length, 0, 'a short failure is not news');
    await clock.advance(15_000); // past 30 s
    const opened = sent.filter((a) => a.service === 'bascule');
    assert.equal(opened.length, 1, JSON.stringify(sent.map((a) => a.title)));
    assert.equal(opened[0]!.kind, 'opened');
    assert.match(opened[0]!.incident, /^bascule:store-failing@/);
    assert.match(opened[0]!.title, /^Bascule lui-même : sa base de données est en échec \(Error\)/);
    assert.equal(opened[0]!.criticality, 'critical');
    store.failing = false;
    await clock.advance(12_000);
    const kinds = sent.filter((a) => a.service === 'bascule').map((a) => a.kind);
    assert.deepEqual(kinds, ['opened', 'resolved']);
    assert.equal(sent.at(-1)!.incident, opened[0]!.incident);
  });

  it('stops promptly while the store cannot record', { timeout: 10_000 }, async () => {
    const health: { up: boolean | 'silent' } = { up: true };
    const { d, clock, store } = await start(health);
    await clock.advance(2_000);
    store.failTransitions = true;
    health.up = false;
    await clock.advance(4_000);
    // Were it to hang, the daemon's listening socket would hold this test file open: fail loudly.
    const guard = setTimeout(() => {
      console.error('the daemon did not stop while its store was failing');
      process.exit(1);
    }, 8_000);
    const stopped = d.stop();
    await clock.advance(1); // any wait on the clock
    await stopped;
    clearTimeout(guard);
  });

  it('a check that goes silent makes the service UNKNOWN and keeps its incident open', async () => {
    const health: { up: boolean | 'silent' } = { up: false };
    const { d, clock, store, kinds } = await start(health);
    daemons.push(d);
    await clock.advance(3_000);
    assert.deepEqual(kinds(), ['incident-opened']);
    health.up = 'silent';
    await clock.advance(40_000); // past the staleness window (30 s at least)
    assert.equal(service(d), 'UNKNOWN');
    assert.deepEqual(kinds(), ['incident-opened'], 'silence is not recovery');
    assert.equal((await store.incidents({ open: true })).length, 1);
  });
});

/**
 * The storage contract: every adapter (memory, SQLite, PostgreSQL) passes the same tests. `open` gives a
 * fresh empty store each time it is called with a new name, and the same store again with the
 * same name (to test durability across close and reopen).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { incidentId } from '../src/monitor/incidents.ts';
import type { Incident, Observation, Transition } from '../src/monitor/types.ts';
import type {
  AppendOnlyProof,
  AuditRecord,
  BackupCheck,
  BackupRun,
  IncidentUpdate,
  MaintenanceWindow,
  RestoreTest,
  Store,
  SwitchRecord,
} from '../src/store/store.ts';

const T0 = Date.UTC(2026, 10, 24, 10, 0, 0);
const obs = (over: Partial<Observation> = {}): Observation => ({
  check: 'api',
  vantage: 'local',
  at: T0,
  ok: true,
  latencyMs: 10,
  ...over,
});
const tr = (
  at: number,
  from: Transition['from'],
  to: Transition['to'],
  over: Partial<Transition> = {},
): Transition => ({
  at,
  type: 'service',
  id: 'checkout',
  from,
  to,
  ...over,
});

/** An incident opened DOWN at `at`, as the reducer makes it. */
const inc = (service: string, at: number): Incident => ({
  id: incidentId(service, at),
  service,
  openedAt: at,
  worst: 'DOWN',
  state: 'DOWN',
  timeline: [tr(at, 'UP', 'DOWN', { id: service })],
});

export function storeContract(name: string, open: (db: string) => Promise<Store>): void {
  let n = 0;
  const fresh = async () => {
    const s = await open(`c${++n}`);
    await s.migrate();
    return s;
  };

  describe(`store contract: ${name}`, () => {
    it('migrates idempotently', async () => {
      const s = await fresh();
      await s.migrate();
      await s.appendObservations([obs()]);
      await s.migrate();
      assert.equal((await s.observations('api', 0)).length, 1);
      await s.close();
    });

    it('stores observations with every field, absent ones staying absent', async () => {
      const s = await fresh();
      const full = obs({
        ok: false,
        reason: 'status',
        detail: '503 Service Unavailable',
        latencyMs: 12.5,
        warning: 'cert-expiring',
        certDaysLeft: 3.5,
        at: T0 + 1,
      });
      await s.appendObservations([obs(), full]);
      const got = await s.observations('api', 0);
      assert.deepEqual(got, [obs(), full]);
      assert.equal('reason' in got[0]!, false);
      await s.close();
    });

    it('filters by vantage point, time and limit, oldest first', async () => {
      const s = await fresh();
      await s.appendObservations([
        obs({ at: T0 + 3, vantage: 'paris' }),
        obs({ at: T0 + 1 }),
        obs({ at: T0 + 2, vantage: 'paris' }),
        obs({ at: T0 + 4, check: 'other' }),
      ]);
      assert.deepEqual(
        (await s.observations('api', 0)).map((o) => o.at - T0),
        [1, 2, 3],
      );
      assert.deepEqual(
        (await s.observations('api', T0 + 2, { vantage: 'paris' })).map((o) => o.at - T0),
        [2, 3],
      );
      assert.equal((await s.observations('api', 0, { limit: 2 })).length, 2);
      assert.deepEqual(
        (await s.recentObservations(T0 + 2, 10)).map((o) => `${o.check}@${o.at - T0}`),
        ['api@2', 'api@3', 'other@4'],
      );
      assert.equal((await s.recentObservations(0, 3)).length, 3);
      await s.close();
    });

    it('stores a batch all or none', async () => {
      const s = await fresh();
      await assert.rejects(s.appendObservations([obs(), obs({ latencyMs: null as unknown as number })]));
      assert.deepEqual(await s.observations('api', 0), []);
      await s.close();
    });

    it('rolls raw results up per minute, exactly once, and purges old roll-ups', async () => {
      const s = await fresh();
      const batch: Observation[] = [];
      for (let i = 1; i <= 100; i++) batch.push(obs({ at: T0 + i * 100, latencyMs: i, ok: i % 10 !== 0 }));
      batch.push(obs({ at: T0 + 60_000 + 5, latencyMs: 7 })); // the next minute
      batch.push(obs({ at: T0 + 5, vantage: 'paris', latencyMs: 1 }));
      await s.appendObservations(batch);
      // Only whole minutes before the cut: the minute T0 is rolled up, T0+1m stays raw.
      assert.equal(await s.rollUp(T0 + 60_000 + 30_000), 101);
      const ups = await s.rollups('api', T0, T0 + 3_600_000);
      assert.deepEqual(
        ups.map((r) => [r.vantage, r.minute - T0, r.count, r.failures, r.p50, r.p95, r.p99, r.max]),
        [
          ['local', 0, 100, 10, 50, 95, 99, 100],
          ['paris', 0, 1, 0, 1, 1, 1, 1],
        ],
      );
      assert.deepEqual(
        (await s.observations('api', 0)).map((o) => o.at - T0),
        [60_005],
      );
      assert.equal(await s.rollUp(T0 + 60_000 + 30_000), 0, 'nothing twice');
      // A late result for an already rolled-up minute merges into it.
      await s.appendObservations([obs({ at: T0 + 50, latencyMs: 1000, ok: false })]);
      assert.equal(await s.rollUp(T0 + 120_000), 2);
      const merged = (await s.rollups('api', T0, T0 + 60_000)).find((r) => r.vantage === 'local')!;
      assert.equal(merged.count, 101);
      assert.equal(merged.failures, 11);
      assert.equal(merged.max, 1000);
      assert.equal((await s.rollups('api', T0 + 60_000, T0 + 120_000)).length, 1);
      assert.equal(await s.purgeRollups(T0 + 60_000), 2);
      assert.equal((await s.rollups('api', 0, T0 + 3_600_000)).length, 1);
      await s.close();
    });

    it('keeps transitions, newest first, by subject and time', async () => {
      const s = await fresh();
      await s.appendTransitions([
        tr(T0, 'UP', 'DOWN', { reason: { code: 'dependency', via: 'api' } }),
        tr(T0 + 1, 'UP', 'DOWN', { type: 'check', id: 'api' }),
        tr(T0 + 2, 'DOWN', 'UP'),
      ]);
      const all = await s.transitions();
      assert.deepEqual(
        all.map((t) => [t.id, t.to]),
        [
          ['checkout', 'UP'],
          ['api', 'DOWN'],
          ['checkout', 'DOWN'],
        ],
      );
      assert.deepEqual(all[2]!.reason, { code: 'dependency', via: 'api' });
      assert.equal('reason' in all[0]!, false);
      assert.equal((await s.transitions({ id: 'checkout' })).length, 2);
      assert.equal((await s.transitions({ since: T0 + 1 })).length, 2);
      assert.equal((await s.transitions({ limit: 1 })).length, 1);
      await s.close();
    });

    it('saves incidents whole, by id, appending only new timeline entries', async () => {
      const s = await fresh();
      const t1 = tr(T0, 'UP', 'DEGRADED', { reason: { code: 'dependency', via: 'api' } });
      const t2 = tr(T0 + 1, 'DEGRADED', 'DOWN');
      const t3 = tr(T0 + 4, 'DOWN', 'UP');
      const opened = {
        ...inc('checkout', T0),
        worst: 'DEGRADED',
        state: 'DEGRADED',
        timeline: [t1],
      } as const;
      await s.saveIncidents([opened]);
      assert.deepEqual(await s.incident(opened.id), opened);
      const worse = { ...opened, worst: 'DOWN', state: 'DOWN', timeline: [t1, t2] } as const;
      const blog = inc('blog', T0 + 3);
      await s.saveIncidents([worse, blog]);
      await s.saveIncidents([worse]); // the same twice: nothing changes
      assert.deepEqual(await s.incident(opened.id), worse);
      const closed = { ...worse, state: 'UP', closedAt: T0 + 4, timeline: [t1, t2, t3] } as const;
      await s.saveIncidents([closed]);
      const got = await s.incident(closed.id);
      assert.deepEqual(got, closed);
      assert.equal('reason' in got!.timeline[1]!, false, 'absent stays absent');
      assert.equal(await s.incident('nothing@2026-01-01T00:00:00.000Z'), undefined);
      assert.deepEqual(
        (await s.incidents()).map((i) => i.id),
        [blog.id, closed.id],
      );
      assert.deepEqual(
        (await s.incidents({ open: true })).map((i) => i.service),
        ['blog'],
      );
      assert.deepEqual(
        (await s.incidents({ open: false })).map((i) => i.service),
        ['checkout'],
      );
      assert.deepEqual(
        (await s.incidents({ service: 'checkout' })).map((i) => i.id),
        [closed.id],
      );
      assert.equal((await s.incidents({ limit: 1 })).length, 1);
      await s.close();
    });

    it('never rewrites a timeline entry already stored', async () => {
      const s = await fresh();
      const first = inc('checkout', T0);
      await s.saveIncidents([first]);
      const rewritten = { ...first, timeline: [tr(T0, 'UP', 'DEGRADED'), tr(T0 + 1, 'DEGRADED', 'DOWN')] };
      await s.saveIncidents([rewritten]);
      assert.deepEqual(
        (await s.incident(first.id))!.timeline.map((t) => t.to),
        ['DOWN', 'DOWN'],
      );
      await s.close();
    });

    it('saves and loads small state', async () => {
      const s = await fresh();
      assert.equal(await s.loadState('monitor'), undefined);
      await s.saveState('monitor', { version: 1, x: [1, 2] });
      await s.saveState('monitor', { version: 1, x: [3] });
      assert.deepEqual(await s.loadState('monitor'), { version: 1, x: [3] });
      await s.close();
    });

    it('queues alerts once per channel and key, due in the order queued', async () => {
      const s = await fresh();
      const alert = (key: string) => ({ key, kind: 'opened', text: 'checkout est DOWN — « 503 »' });
      await s.enqueue([
        { channel: 'ops', key: 'a', payload: alert('a'), createdAt: T0 + 5 },
        { channel: 'chat', key: 'a', payload: alert('a'), createdAt: T0 + 5 },
        { channel: 'ops', key: 'b', payload: alert('b'), createdAt: T0 + 1 },
      ]);
      // The same key again (a retried routing step): nothing changes, not even its payload or time.
      await s.enqueue([{ channel: 'ops', key: 'a', payload: alert('other'), createdAt: T0 + 9 }]);
      assert.equal(await s.outboxSize(), 3);
      assert.deepEqual(await s.due(T0 + 4, 10), [
        { channel: 'ops', key: 'b', payload: alert('b'), createdAt: T0 + 1, nextAt: T0 + 1, attempts: 0 },
      ]);
      const all = await s.due(T0 + 5, 10);
      assert.deepEqual(
        all.map((i) => `${i.channel} ${i.key}`),
        ['ops a', 'chat a', 'ops b'],
      );
      assert.deepEqual(all[0]!.payload, alert('a'));
      assert.equal('lastError' in all[0]!, false);
      assert.equal((await s.due(T0 + 5, 2)).length, 2);
      await s.close();
    });

    it('records failed attempts, removes delivered alerts, and keeps them across reopen', async () => {
      const name = `outbox${++n}`;
      const s1 = await open(name);
      await s1.migrate();
      await s1.enqueue([
        { channel: 'ops', key: 'a', payload: { n: 1 }, createdAt: T0 },
        { channel: 'ops', key: 'b', payload: { n: 2 }, createdAt: T0 },
      ]);
      await s1.markAttempt('ops', 'a', T0 + 1000, 'webhook: HTTP 500 from http://127.0.0.1:9');
      await s1.markAttempt('ops', 'a', T0 + 4000, 'webhook: HTTP 503 from http://127.0.0.1:9');
      assert.deepEqual(
        (await s1.due(T0, 10)).map((i) => i.key),
        ['b'],
      );
      // Alerts of a channel queued behind one that failed wait for it; other channels do not.
      await s1.enqueue([{ channel: 'chat', key: 'c', payload: { n: 3 }, createdAt: T0 }]);
      await s1.postpone('ops', T0 + 4000);
      assert.deepEqual(
        (await s1.due(T0 + 3999, 10)).map((i) => `${i.channel} ${i.key}`),
        ['chat c'],
      );
      assert.deepEqual(
        (await s1.due(T0 + 4000, 10)).map((i) => `${i.key} ${i.nextAt - T0} ${i.attempts}`),
        ['a 4000 2', 'b 4000 0', 'c 0 0'],
      );
      await s1.remove('chat', 'c');
      await s1.remove('ops', 'b');
      await s1.remove('ops', 'not-there');
      await s1.close();
      const s2 = await open(name);
      await s2.migrate();
      assert.deepEqual(await s2.due(T0 + 4000, 10), [
        {
          channel: 'ops',
          key: 'a',
          payload: { n: 1 },
          createdAt: T0,
          nextAt: T0 + 4000,
          attempts: 2,
          lastError: 'webhook: HTTP 503 from http://127.0.0.1:9',
        },
      ]);
      await s2.remove('ops', 'a');
      assert.equal(await s2.outboxSize(), 0);
      await s2.close();
    });

    it('queues alerts and saves the routing state together, or neither', async () => {
      const s = await fresh();
      await s.enqueue([{ channel: 'ops', key: 'a', payload: { n: 1 }, createdAt: T0 }], {
        key: 'alerts',
        value: { told: ['a'] },
      });
      assert.deepEqual(await s.loadState('alerts'), { told: ['a'] });
      assert.equal(await s.outboxSize(), 1);
      // A state that cannot be saved (a BigInt is not JSON): the alert is not queued either.
      await assert.rejects(
        s.enqueue([{ channel: 'ops', key: 'b', payload: { n: 2 }, createdAt: T0 }], {
          key: 'alerts',
          value: { told: 1n },
        }),
      );
      assert.deepEqual(await s.loadState('alerts'), { told: ['a'] });
      assert.deepEqual(
        (await s.due(T0, 10)).map((i) => i.key),
        ['a'],
      );
      await s.close();
    });

    it('saves switch records whole by id, newest first, by group and limit, kept across reopen', async () => {
      const name = `switches${++n}`;
      const sw = (group: string, at: number, over: Partial<SwitchRecord> = {}): SwitchRecord => ({
        id: `${group}@${at}`,
        group,
        from: 'aws',
        to: 'gcp',
        reason: 'down',
        fence: 1_764_000_000_123,
        decidedAt: at,
        confirmed: {},
        ...over,
      });
      const first = sw('api', T0, { firstFailureAt: T0 - 2100, downAt: T0 - 300 });
      const later = sw('api', T0 + 60_000, { from: 'gcp', to: 'aws', reason: 'failback' });
      const other = sw('web', T0 + 30_000, { reason: 'pin' });
      const s1 = await open(name);
      await s1.migrate();
      await s1.saveSwitch(first);
      await s1.saveSwitch(later);
      await s1.saveSwitch(other);
      // Saved again as its actuators confirm and its first response comes: replaced, not added.
      const done = { ...first, confirmed: { proxy: T0 + 40, webhook: T0 + 900 }, firstServedAt: T0 + 2300 };
      await s1.saveSwitch(done);
      assert.deepEqual(await s1.switches({ group: 'api' }), [later, done]);
      assert.deepEqual(await s1.switches({ group: 'api', limit: 1 }), [later]);
      assert.deepEqual(
        (await s1.switches()).map((r) => r.id),
        [later.id, other.id, first.id],
      );
      assert.deepEqual(await s1.switches({ group: 'none' }), []);
      await s1.close();
      const s2 = await open(name);
      await s2.migrate();
      assert.deepEqual(await s2.switches({ group: 'api' }), [later, done]);
      assert.equal(
        'firstServedAt' in (await s2.switches({ group: 'web' }))[0]!,
        false,
        'absent stays absent',
      );
      await s2.close();
    });

    it('appends the audit trail, newest first, by group and limit, kept across reopen', async () => {
      const name = `audit${++n}`;
      const entry = (at: number, over: Partial<AuditRecord> = {}): AuditRecord => ({
        group: 'api',
        action: 'pin',
        endpoint: 'gcp',
        who: 'operator@127.0.0.1',
        at,
        why: 'aws maintenance, ticket « 42 »',
        from: 'aws',
        to: 'gcp',
        forced: false,
        outcome: 'ok',
        ...over,
      });
      const pin = entry(T0);
      const refused = entry(T0 + 1000, { action: 'drain', outcome: 'last-healthy', to: 'aws' });
      const forced = entry(T0 + 2000, { action: 'drain', forced: true });
      const release = entry(T0 + 3000, { action: 'release', endpoint: null, why: 'done' });
      const web = entry(T0 + 1500, { group: 'web' });
      const s1 = await open(name);
      await s1.migrate();
      for (const e of [pin, refused, web, forced, release]) await s1.appendAudit(e);
      assert.deepEqual(await s1.audit({ group: 'api' }), [release, forced, refused, pin]);
      assert.deepEqual(await s1.audit({ group: 'api', limit: 2 }), [release, forced]);
      assert.deepEqual(await s1.audit({ group: 'web' }), [web]);
      assert.equal((await s1.audit()).length, 5);
      await s1.close();
      const s2 = await open(name);
      await s2.migrate();
      assert.deepEqual(await s2.audit({ group: 'api' }), [release, forced, refused, pin]);
      await s2.close();
    });

    it('appends incident updates once each, read for several incidents, oldest first, kept across reopen', async () => {
      const name = `updates${++n}`;
      const a = incidentId('checkout', T0);
      const b = incidentId('blog', T0 + 5);
      const up = (id: string, incident: string, at: number, over: Partial<IncidentUpdate> = {}) =>
        ({
          id,
          incident,
          at,
          status: 'investigating',
          message: { fr: 'Nous cherchons la cause « du 503 ».', en: 'We are looking into the 503s.' },
          who: 'operator@127.0.0.1',
          ...over,
        }) as IncidentUpdate;
      const first = up('u1', a, T0 + 1000);
      const second = up('u2', a, T0 + 2000, { status: 'identified', message: { en: 'A full disk.' } });
      // Posted within the same millisecond: kept in the order appended.
      const third = up('u3', a, T0 + 2000, {
        status: 'monitoring',
        message: { fr: 'Corrigé, on surveille.' },
      });
      const other = up('u4', b, T0 + 1500, { status: 'resolved' });
      const s1 = await open(name);
      await s1.migrate();
      for (const u of [first, other, second, third]) await s1.appendIncidentUpdate(u);
      await s1.appendIncidentUpdate({ ...first, status: 'resolved' }); // the same id again: kept once, unchanged
      assert.deepEqual(await s1.incidentUpdates([a]), [first, second, third]);
      assert.deepEqual(await s1.incidentUpdates([a, b]), [first, other, second, third]);
      assert.deepEqual(await s1.incidentUpdates(['nothing@2026-01-01T00:00:00.000Z']), []);
      assert.deepEqual(await s1.incidentUpdates([]), []);
      assert.equal('fr' in (await s1.incidentUpdates([a]))[1]!.message, false, 'absent stays absent');
      await s1.close();
      const s2 = await open(name);
      await s2.migrate();
      assert.deepEqual(await s2.incidentUpdates([b, a]), [first, other, second, third]);
      await s2.close();
    });

    it('saves maintenance windows whole by id, filters by activity and period, deletes, kept across reopen', async () => {
      const name = `maintenance${++n}`;
      const H = 3_600_000;
      const mw = (id: string, start: number, end: number, over: Partial<MaintenanceWindow> = {}) =>
        ({
          id,
          title: { fr: 'Migration de la base « eu »', en: 'Database migration' },
          services: ['checkout', 'api'],
          start,
          end,
          silence: true,
          createdAt: T0 - H,
          createdBy: 'operator@127.0.0.1',
          ...over,
        }) as MaintenanceWindow;
      const past = mw('mw-past', T0 - 3 * H, T0 - 2 * H);
      const now = mw('mw-now', T0 - H, T0 + H, { services: ['checkout'], silence: false });
      const later = mw('mw-later', T0 + 2 * H, T0 + 3 * H, { title: { en: 'Kernel upgrades' } });
      const s1 = await open(name);
      await s1.migrate();
      for (const w of [later, past, now]) await s1.saveMaintenance(w);
      const ids = async (q?: Parameters<Store['maintenance']>[0]) =>
        (await s1.maintenance(q)).map((w) => w.id);
      assert.deepEqual(await ids(), ['mw-past', 'mw-now', 'mw-later'], 'by start');
      assert.deepEqual(await ids({ activeAt: T0 }), ['mw-now']);
      assert.deepEqual(await ids({ activeAt: T0 + H }), [], 'the end is excluded');
      assert.deepEqual(await ids({ activeAt: T0 - H }), ['mw-now'], 'the start is included');
      assert.deepEqual(await ids({ from: T0 }), ['mw-now', 'mw-later'], 'not over');
      assert.deepEqual(await ids({ to: T0 }), ['mw-past', 'mw-now'], 'begun');
      assert.deepEqual(await ids({ from: T0 - 2.5 * H, to: T0 + 2 * H }), ['mw-past', 'mw-now']);
      assert.deepEqual(await ids({ limit: 1 }), ['mw-past']);
      assert.deepEqual(await s1.maintenanceWindow('mw-now'), now);
      assert.equal(await s1.maintenanceWindow('mw-none'), undefined);
      // Edited: replaced whole, and found by its new times.
      const moved = { ...later, start: T0 - 10, end: T0 + 10, updatedAt: T0 };
      await s1.saveMaintenance(moved);
      assert.deepEqual(await ids({ activeAt: T0 }), ['mw-now', 'mw-later']);
      assert.deepEqual(await s1.maintenanceWindow('mw-later'), moved);
      assert.equal('fr' in (await s1.maintenanceWindow('mw-later'))!.title, false, 'absent stays absent');
      await s1.deleteMaintenance('mw-past');
      await s1.deleteMaintenance('mw-none');
      assert.deepEqual(await ids(), ['mw-now', 'mw-later']);
      await s1.close();
      const s2 = await open(name);
      await s2.migrate();
      assert.deepEqual(await s2.maintenance(), [now, moved]);
      await s2.close();
    });

    it('keeps backup runs whole by id, newest first, with the heads: last per kind, last good snapshot, never moved back', async () => {
      const name = `backups${++n}`;
      const s1 = await open(name);
      await s1.migrate();
      const run = (over: Partial<BackupRun> & { startedAt: number }): BackupRun => ({
        id: `${over.dataset ?? 'shop-db'}@${over.target ?? 'nas'}@${over.kind ?? 'backup'}@${over.startedAt}`,
        dataset: 'shop-db',
        target: 'nas',
        kind: 'backup',
        finishedAt: over.startedAt + 5_000,
        ok: true,
        ...over,
      });
      const good = run({
        startedAt: T0,
        snapshot: '4f2a9c1e',
        resticVersion: '0.14.0',
        summary: {
          filesNew: 3,
          filesChanged: 1,
          filesUnmodified: 40,
          bytesAdded: 1024,
          bytesProcessed: 99_000,
        },
        producerExit: 0,
      });
      const failed = run({
        startedAt: T0 + 3_600_000,
        ok: false,
        producerExit: 1,
        error: { code: 'producer-exit', detail: 'pg_dump: error: connection refused' },
      });
      const copied = run({ startedAt: T0 + 60_000, target: 'offsite', kind: 'copy', snapshot: '77aa0b3d' });
      const forget = run({ startedAt: T0 + 120_000, kind: 'forget' });
      const other = run({ startedAt: T0 + 10, dataset: 'files', snapshot: 'aa11' });
      for (const r of [good, failed, copied, forget, other]) await s1.saveBackupRun(r);
      // An older run written late (a replay) stays in the history and leaves the heads alone.
      const late = run({ startedAt: T0 - 3_600_000, snapshot: 'old0' });
      await s1.saveBackupRun(late);
      assert.deepEqual(await s1.backupRuns({ dataset: 'shop-db' }), [failed, forget, copied, good, late]);
      assert.deepEqual(await s1.backupRuns({ dataset: 'shop-db', target: 'offsite' }), [copied]);
      assert.deepEqual(await s1.backupRuns({ limit: 2 }), [failed, forget]);
      const heads = await s1.backupHeads();
      assert.deepEqual(heads.lastRuns, [other, failed, forget, copied]);
      assert.deepEqual(heads.goodRuns, [other, good, copied], 'the failed run leaves the last good snapshot');
      // Saved again by id (replaced), the record changes, not the count.
      const fixed = { ...failed, ok: true, snapshot: 'c0ffee00', error: undefined };
      delete (fixed as { error?: unknown }).error;
      await s1.saveBackupRun(fixed);
      assert.equal((await s1.backupRuns({ dataset: 'shop-db' })).length, 5);
      assert.deepEqual(
        (await s1.backupHeads()).goodRuns.map((r) => r.snapshot),
        ['aa11', 'c0ffee00', '77aa0b3d'],
      );
      await s1.close();
      const s2 = await open(name);
      await s2.migrate();
      assert.deepEqual((await s2.backupRuns({ dataset: 'shop-db', limit: 1 }))[0], fixed);
      await s2.close();
    });

    it('appends checks, restore tests and append-only proofs, newest first, the last of each a head; keeps manifests', async () => {
      const name = `backup-events${++n}`;
      const s1 = await open(name);
      await s1.migrate();
      const check = (at: number, ok: boolean, target = 'nas'): BackupCheck => ({
        target,
        at,
        ok,
        readData: '5%',
        ...(ok ? {} : { error: { code: 'check-failed', detail: 'pack 3e1f… is damaged' } }),
      });
      const restore = (at: number, ok: boolean, dataset = 'shop-db'): RestoreTest => ({
        dataset,
        target: 'nas',
        snapshot: '4f2a9c1e',
        at,
        ok,
        compared: { tables: { orders: 1200, customers: 40 } },
        ...(ok ? {} : { mismatch: 'orders: 1190 rows, expected 1200' }),
      });
      const proof = (at: number, immutable: boolean): AppendOnlyProof => ({
        target: 'vault',
        at,
        immutable,
        how: 'http-delete',
      });
      await s1.recordBackupEvent({ type: 'check', ...check(T0, true) });
      await s1.recordBackupEvent({ type: 'check', ...check(T0 + 2, false) });
      await s1.recordBackupEvent({ type: 'check', ...check(T0 + 1, true, 'offsite') });
      await s1.recordBackupEvent({ type: 'check', ...check(T0 - 5, true) }); // late: history only
      await s1.recordBackupEvent({ type: 'restore', ...restore(T0, true) });
      await s1.recordBackupEvent({ type: 'restore', ...restore(T0 + 5, false) });
      await s1.recordBackupEvent({ type: 'restore', ...restore(T0 + 1, true, 'files') });
      await s1.recordBackupEvent({ type: 'proof', ...proof(T0, true) });
      await s1.recordBackupEvent({ type: 'proof', ...proof(T0 + 9, false) });
      assert.deepEqual(
        (await s1.backupEvents('check', { target: 'nas' })).map((e) => [e.at - T0, e.ok]),
        [
          [2, false],
          [0, true],
          [-5, true],
        ],
      );
      assert.deepEqual(await s1.backupEvents('check', { limit: 1 }), [
        { type: 'check', ...check(T0 + 2, false) },
      ]);
      assert.deepEqual(
        (await s1.backupEvents('restore', { dataset: 'shop-db' })).map((e) => e.mismatch ?? 'ok'),
        ['orders: 1190 rows, expected 1200', 'ok'],
      );
      assert.equal((await s1.backupEvents('proof')).length, 2);
      const heads = await s1.backupHeads();
      assert.deepEqual(heads.checks, [check(T0 + 2, false), check(T0 + 1, true, 'offsite')]);
      assert.deepEqual(heads.restores, [restore(T0 + 1, true, 'files'), restore(T0 + 5, false)]);
      assert.deepEqual(heads.proofs, [proof(T0 + 9, false)]);
      const manifest = {
        dataset: 'files',
        target: 'nas',
        snapshot: 'aa11',
        at: T0,
        files: { count: 43, digest: 'sha256:9f86d081884c7d65' },
      };
      await s1.saveManifest(manifest);
      await s1.saveManifest({ ...manifest, files: { count: 44, digest: 'sha256:00' } });
      await s1.close();
      const s2 = await open(name);
      await s2.migrate();
      assert.deepEqual(await s2.manifest('files', 'nas', 'aa11'), {
        ...manifest,
        files: { count: 44, digest: 'sha256:00' },
      });
      assert.equal(await s2.manifest('files', 'offsite', 'aa11'), undefined);
      assert.deepEqual((await s2.backupHeads()).proofs, [proof(T0 + 9, false)]);
      // Retention: the dataset's manifests on one target but those named go, nothing else.
      for (const snapshot of ['bb22', 'cc33']) await s2.saveManifest({ ...manifest, snapshot });
      await s2.saveManifest({ ...manifest, target: 'offsite' });
      await s2.saveManifest({ ...manifest, dataset: 'other' });
      await s2.keepManifests('files', 'nas', ['cc33', 'zz99']);
      const has = async (d: string, t: string, snap: string) => (await s2.manifest(d, t, snap)) !== undefined;
      assert.deepEqual(
        [
          await has('files', 'nas', 'aa11'),
          await has('files', 'nas', 'bb22'),
          await has('files', 'nas', 'cc33'),
        ],
        [false, false, true],
      );
      assert.equal(await has('files', 'offsite', 'aa11'), true, 'another target keeps its own');
      assert.equal(await has('other', 'nas', 'aa11'), true, 'another dataset keeps its own');
      await s2.keepManifests('files', 'offsite', []);
      assert.equal(await has('files', 'offsite', 'aa11'), false, 'none named: all of them go');
      await s2.close();
    });

    it('keeps everything across close and reopen', async () => {
      const name = `durable${++n}`;
      const s1 = await open(name);
      await s1.migrate();
      await s1.appendObservations([obs(), obs({ at: T0 + 1 })]);
      const kept = inc('checkout', T0);
      await s1.saveIncidents([kept]);
      await s1.saveState('k', { a: 1 });
      await s1.close();
      const s2 = await open(name);
      await s2.migrate();
      assert.equal((await s2.observations('api', 0)).length, 2);
      assert.deepEqual(
        (await s2.incidents({ open: true })).map((i) => i.id),
        [kept.id],
      );
      assert.deepEqual(await s2.loadState('k'), { a: 1 });
      await s2.close();
    });
  });
}

/**
 * Silences by maintenance window in the alert router (pure, the clock passed in) and for failover
 * alerts: silenced alerts are recorded, not sent; an incident still open when its window ends is
 * told then; one that opened and resolved within the window never is; channels told before the
 * window get no reminder during it but are told the incident resolved; the state survives a snapshot.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Config, configSchema } from '../src/model/schema.ts';
import type { IncidentEvent } from '../src/monitor/incidents.ts';
import type { Incident } from '../src/monitor/types.ts';
import { AlertRouter, type Delivery } from '../src/notify/alert-router.ts';
import { failoverDeliveries } from '../src/notify/failover-alerts.ts';
import { type Silencer, silenceDeliveries } from '../src/notify/silences.ts';

const T0 = Date.UTC(2026, 10, 24, 14, 0, 0);
const MIN = 60_000;

const config: Config = configSchema.parse({
  version: 1,
  name: 'Test',
  services: { checkout: { criticality: 'critical' }, blog: { criticality: 'low' } },
  notify: {
    all: { webhook: 'http://127.0.0.1:1/a' },
    pager: { webhook: 'http://127.0.0.1:1/b', repeat: '15m', minCriticality: 'critical' },
  },
});

const incident = (over: Partial<Incident> = {}): Incident => ({
  id: 'checkout@2026-11-24T14:00:00.000Z',
  service: 'checkout',
  openedAt: T0,
  worst: 'DOWN',
  state: 'DOWN',
  timeline: [],
  ...over,
});
const opened = (i = incident()): IncidentEvent => ({ type: 'incident-opened', incident: i });
const resolved = (i = incident(), at = T0 + 12 * MIN): IncidentEvent => ({
  type: 'incident-resolved',
  incident: { ...i, state: 'UP', closedAt: at },
});
const causes = (service: string) => [`${service}-api: DOWN — timeout (2s)`];
const to = (ds: readonly Delivery[]) => ds.map((d) => `${d.channel} ${d.alert.key}`).sort();

/** A window silencing checkout from T0 to T0 + 30 min, asked at `now`. */
const windowAt =
  (now: number): Silencer =>
  (service) =>
    service === 'checkout' && now >= T0 && now < T0 + 30 * MIN ? 'mw-1' : undefined;

describe('silences by maintenance window', () => {
  it('records an alert a window silences, and tells the incident once the window is over if still open', () => {
    const r = new AlertRouter(config, 'en');
    const out = r.route(
      [opened(), opened(incident({ id: 'blog@1', service: 'blog' }))],
      causes,
      T0 + MIN,
      windowAt(T0 + MIN),
    );
    assert.deepEqual(to(out.deliveries), ['all blog@1:opened'], 'blog is not in the window');
    assert.deepEqual(out.silenced, [
      {
        service: 'checkout',
        incident: 'checkout@2026-11-24T14:00:00.000Z',
        kind: 'opened',
        window: 'mw-1',
        channels: ['all', 'pager'],
      },
    ]);
    // No reminder during the window; the first tick after it tells the channels, once.
    assert.deepEqual(to(r.due(T0 + 20 * MIN, causes, windowAt(T0 + 20 * MIN)).deliveries), []);
    const after = r.due(T0 + 31 * MIN, causes, windowAt(T0 + 31 * MIN));
    assert.deepEqual(to(after.deliveries), [
      'all checkout@2026-11-24T14:00:00.000Z:opened',
      'pager checkout@2026-11-24T14:00:00.000Z:opened',
    ]);
    assert.equal(after.deliveries[0]?.alert.title, 'checkout is DOWN');
    assert.deepEqual(to(r.due(T0 + 32 * MIN, causes, windowAt(T0 + 32 * MIN)).deliveries), []);
    // Told now: reminders count from then, and the resolution goes to both.
    assert.deepEqual(to(r.due(T0 + 46 * MIN, causes).deliveries), [
      'pager checkout@2026-11-24T14:00:00.000Z:repeat:1',
    ]);
    assert.equal(to(r.route([resolved()], causes, T0 + 50 * MIN).deliveries).length, 2);
  });

  it('never sends an incident that opened and resolved within the window', () => {
    const r = new AlertRouter(config, 'en');
    r.route([opened()], causes, T0 + MIN, windowAt(T0 + MIN));
    const closed = r.route([resolved()], causes, T0 + 12 * MIN, windowAt(T0 + 12 * MIN));
    assert.deepEqual([closed.deliveries, closed.silenced], [[], []]);
    assert.deepEqual(r.due(T0 + 31 * MIN, causes, windowAt(T0 + 31 * MIN)).deliveries, []);
    assert.equal(r.openIncidents(), 0);
  });

  it('holds reminders of an incident told before the window, and still tells its resolution', () => {
    const r = new AlertRouter(config, 'en');
    const before = incident({ openedAt: T0 - 20 * MIN, id: 'checkout@early' });
    assert.equal(r.route([opened(before)], causes, T0 - 20 * MIN).deliveries.length, 2);
    // A reminder is due at T0 - 5 min (sent) and at T0 + 10 min (in the window: held).
    assert.deepEqual(to(r.due(T0 - 5 * MIN, causes, windowAt(T0 - 5 * MIN)).deliveries), [
      'pager checkout@early:repeat:1',
    ]);
    assert.deepEqual(r.due(T0 + 10 * MIN, causes, windowAt(T0 + 10 * MIN)).deliveries, []);
    const worse = r.route(
      [{ type: 'incident-worsened', incident: before }],
      causes,
      T0 + 11 * MIN,
      windowAt(T0 + 11 * MIN),
    );
    assert.deepEqual([worse.deliveries, worse.silenced?.map((s) => s.kind)], [[], ['worsened']]);
    const done = r.route([resolved(before, T0 + 12 * MIN)], causes, T0 + 12 * MIN, windowAt(T0 + 12 * MIN));
    assert.deepEqual(to(done.deliveries), ['all checkout@early:resolved', 'pager checkout@early:resolved']);
  });

  it('keeps what a window held across a snapshot and restore', () => {
    const r = new AlertRouter(config, 'en');
    r.route([opened()], causes, T0 + MIN, windowAt(T0 + MIN));
    const again = new AlertRouter(config, 'en');
    assert.equal(again.restore(JSON.parse(JSON.stringify(r.toJSON()))), true);
    assert.equal(to(again.due(T0 + 31 * MIN, causes, windowAt(T0 + 31 * MIN)).deliveries).length, 2);
    assert.equal(
      again.restore({ ...r.toJSON(), open: { x: { ...Object.values(r.toJSON().open)[0], held: 3 } } }),
      false,
    );
  });

  it('silences the failover alerts of a service in a window, grouped per alert, and lets the others through', () => {
    const deliveries = failoverDeliveries(config, 'en', [
      {
        kind: 'switched',
        group: 'api',
        service: 'checkout',
        from: 'aws',
        to: 'gcp',
        reason: 'down',
        at: T0 + MIN,
      },
      {
        kind: 'switched',
        group: 'www',
        service: 'blog',
        from: 'aws',
        to: 'gcp',
        reason: 'down',
        at: T0 + MIN,
      },
    ]);
    const { deliveries: sent, silenced } = silenceDeliveries(deliveries, windowAt(T0 + MIN));
    assert.deepEqual(
      sent.map((d) => `${d.channel} ${d.alert.service}`),
      ['all blog'],
    );
    assert.deepEqual(
      silenced.map((s) => [s.service, s.window, s.channels]),
      [['checkout', 'mw-1', ['all', 'pager']]],
    );
    assert.equal(silenceDeliveries(deliveries, undefined).deliveries.length, deliveries.length);
  });
});

/** What the daemon tells the built-in DNS of a group's active endpoint, from the monitor's view of its check (health-aware TTL). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activeHealth } from '../src/daemon/failover/dns-health.ts';
import { effectiveTtl } from '../src/dns/ttl.ts';
import type { CheckView, VantageView } from '../src/monitor/quorum.ts';

const NOW = 1_000_000;
const vantage = (v: Partial<VantageView>): VantageView => ({
  vantage: 'a',
  state: 'UP',
  lastAt: NOW - 200,
  ...v,
});
const view = (state: CheckView['state'], vantages: VantageView[]): CheckView => ({
  state,
  reporting: vantages.length,
  down: vantages.filter((v) => v.state === 'DOWN').length,
  quorum: 1,
  vantages,
});

describe('the active endpoint’s health, as the built-in DNS is told it', () => {
  it('up while every vantage point’s last probe passed: the configured TTL', () => {
    const h = activeHealth(view('UP', [vantage({}), vantage({ vantage: 'b' })]), 1_000, NOW);
    assert.deepEqual(h, { state: 'up' });
    assert.equal(effectiveTtl(30, h), 30);
  });
  it('degraded once a probe fails, until the next probe of the soonest vantage point: the TTL lowered to it', () => {
    const h = activeHealth(
      view('UP', [
        vantage({ state: 'DOWN', reason: 'refused', lastAt: NOW - 800 }),
        vantage({ vantage: 'b', lastAt: NOW - 100 }),
      ]),
      5_000,
      NOW,
    );
    assert.deepEqual(h, { state: 'degraded', nextChangeMs: 4_200 });
    assert.equal(effectiveTtl(30, h), 5);
  });
  it('degraded when a vantage point went stale, down when the quorum says so, degraded when unknown', () => {
    assert.equal(activeHealth(view('UP', [vantage({ state: 'STALE' })]), 1_000, NOW).state, 'degraded');
    assert.equal(
      activeHealth(view('DOWN', [vantage({ state: 'DOWN', reason: 'timeout' })]), 1_000, NOW).state,
      'down',
    );
    assert.equal(activeHealth(undefined, 1_000, NOW).state, 'degraded');
  });
});

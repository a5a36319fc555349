/** The scheduler, driven by a fake clock: rhythm, spread, overlaps, pauses, concurrency. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompiledCheck } from '../src/monitor/compile.ts';
import type { ProbeResult } from '../src/monitor/types.ts';
import { ManualClock as FakeClock } from '../src/platform/manual-clock.ts';
import { phase, Scheduler } from '../src/probes/scheduler.ts';

const check = (id: string, intervalMs: number): CompiledCheck => ({
  id,
  target: { type: 'tcp', host: '127.0.0.1', port: 1 },
  intervalMs,
  timeoutMs: intervalMs,
  failAfter: 3,
  recoverAfter: 2,
  from: ['local'],
});

const OK: ProbeResult = { ok: true, latencyMs: 1 };

describe('scheduler', () => {
  it('runs each check once per interval, at fixed rate, spread over the interval', async () => {
    const clock = new FakeClock();
    const start = clock.t;
    const runs: { check: string; at: number; drift: number }[] = [];
    const s = new Scheduler([check('a', 10_000), check('b', 10_000), check('c', 5_000)], {
      vantage: 'local',
      clock,
      run: async () => OK,
      onResult: (o, drift) => runs.push({ check: o.check, at: o.at, drift }),
    });
    s.start();
    await clock.advance(60_000);
    await s.stop();
    const count = (id: string) => runs.filter((r) => r.check === id).length;
    assert.deepEqual([count('a'), count('b'), count('c')], [6, 6, 12]);
    for (const id of ['a', 'b']) {
      const times = runs.filter((r) => r.check === id).map((r) => r.at - start);
      assert.equal(times[0], phase(id, 10_000));
      assert.deepEqual(
        times.map((t, i) => t - i * 10_000),
        times.map(() => times[0]),
        `${id} keeps its rhythm`,
      );
    }
    assert.notEqual(phase('a', 10_000), phase('b', 10_000), 'phases are spread');
    assert.ok(runs.every((r) => r.drift === 0));
    assert.equal(s.stats().runs, 24);
  });

  it('never runs a check twice at once: a run outlasting its interval skips the next', async () => {
    const clock = new FakeClock();
    let active = 0;
    let maxActive = 0;
    const s = new Scheduler([check('slow', 1_000)], {
      vantage: 'local',
      clock,
      run: (_c, signal) => {
        active++;
        maxActive = Math.max(maxActive, active);
        return new Promise((resolve) => {
          const done = () => {
            active--;
            resolve(OK);
          };
          const h = clock.setTimeout(done, 2_500);
          signal.addEventListener('abort', () => {
            clock.clearTimeout(h);
            done();
          });
        });
      },
      onResult: () => {},
    });
    s.start();
    await clock.advance(10_000);
    await s.stop();
    assert.equal(maxActive, 1);
    assert.ok(s.stats().overlaps >= 5, `overlaps: ${s.stats().overlaps}`);
  });

  it('skips, without a burst, the runs a pause made it miss', async () => {
    const clock = new FakeClock();
    const runs: number[] = [];
    const s = new Scheduler([check('a', 10_000)], {
      vantage: 'local',
      clock,
      run: async () => OK,
      onResult: (o) => runs.push(o.at),
    });
    s.start();
    await clock.advance(phase('a', 10_000) + 1);
    assert.equal(runs.length, 1);
    clock.t += 35_000; // the process was paused: no timer fired
    await clock.advance(1);
    assert.equal(runs.length, 2, 'one catch-up run, not four');
    assert.equal(s.stats().missed, 2, 'the slots at +10s and +20s are skipped; +30s runs late');
    await s.stop();
  });

  it('holds due runs while the concurrency limit is reached, and reports their delay as drift', async () => {
    const clock = new FakeClock();
    const drifts: Record<string, number> = {};
    const checks = ['x', 'y', 'z'].map((id) => ({ ...check(id, 60_000) }));
    const s = new Scheduler(checks, {
      vantage: 'local',
      clock,
      concurrency: 1,
      run: (_c, signal) =>
        new Promise((resolve) => {
          clock.setTimeout(() => resolve(OK), 100);
          signal.addEventListener('abort', () => resolve(OK));
        }),
      onResult: (o, drift) => {
        drifts[o.check] ??= drift;
      },
    });
    // All three due at once: phases forced equal by a zero-length spread.
    s.start();
    await clock.advance(60_000);
    await s.stop();
    const sorted = Object.values(drifts).sort((a, b) => a - b);
    assert.equal(sorted.length, 3);
    assert.equal(sorted[0], 0);
    assert.ok(s.stats().runs >= 3);
  });

  it('stops cleanly: aborts probes in flight and reports nothing after stop', async () => {
    const clock = new FakeClock();
    const seen: string[] = [];
    let aborted = false;
    const s = new Scheduler([check('a', 1_000)], {
      vantage: 'local',
      clock,
      run: (_c, signal) =>
        new Promise((resolve) => {
          signal.addEventListener('abort', () => {
            aborted = true;
            resolve({ ok: false, reason: 'error', detail: 'aborted', latencyMs: 0 });
          });
        }),
      onResult: (o) => seen.push(o.check),
    });
    s.start();
    await clock.advance(1_500);
    await s.stop();
    assert.equal(aborted, true);
    assert.deepEqual(seen, []);
  });
});

/**
 * Uptime per day from stored service transitions (web/status/uptime.ts), table-driven: days with
 * no data, a change across midnight, the daemon stopped (unknown, never "up"), DEGRADED counted as
 * available, today partial, a history cut short; and the record of when Bascule was watching.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { State, Transition } from '../src/monitor/types.ts';
import type { ServiceHistory, WatchRecord } from '../src/web/status/input.ts';
import { DAY_MS, type DayUptime, dailyUptime, overallUptime } from '../src/web/status/uptime.ts';
import { MAX_RUNS, parseWatched, recordRun, watchedDoc } from '../src/web/status/watched.ts';

const H = 3_600_000;
/** Noon on the last of 5 days: days are 2026-11-27 … 2026-12-01. */
const NOW = Date.UTC(2026, 11, 1, 12);
const D0 = Date.UTC(2026, 10, 27);
const at = (day: number, hour: number) => D0 + day * DAY_MS + hour * H;
const tr = (when: number, from: State, to: State): Transition => ({
  at: when,
  type: 'service',
  id: 'shop',
  from,
  to,
});

interface Case {
  readonly name: string;
  readonly history: ServiceHistory | undefined;
  readonly current?: State;
  readonly watched?: WatchRecord;
  /** Per day, oldest first: [upRatio, worst, known share]. */
  readonly expect: readonly (readonly [number | null, State, number])[];
}

const CASES: readonly Case[] = [
  {
    name: 'no record at all: every day without data, never 100 %',
    history: undefined,
    expect: [
      [null, 'UNKNOWN', 0],
      [null, 'UNKNOWN', 0],
      [null, 'UNKNOWN', 0],
      [null, 'UNKNOWN', 0],
      [null, 'UNKNOWN', 0],
    ],
  },
  {
    name: 'monitoring began on day 2 at 06:00: the days before have no data',
    history: { since: D0, transitions: [tr(at(2, 6), 'UNKNOWN', 'UP')] },
    current: 'UP',
    expect: [
      [null, 'UNKNOWN', 0],
      [null, 'UNKNOWN', 0],
      [1, 'UP', 0.75],
      [1, 'UP', 1],
      [1, 'UP', 1],
    ],
  },
  {
    name: 'no change in the window: the current state all along',
    history: { since: D0, transitions: [] },
    current: 'UP',
    expect: [
      [1, 'UP', 1],
      [1, 'UP', 1],
      [1, 'UP', 1],
      [1, 'UP', 1],
      [1, 'UP', 1],
    ],
  },
  {
    name: 'down from 22:00 on day 1 to 02:00 on day 2: two hours on each side of midnight',
    history: { since: D0, transitions: [tr(at(1, 22), 'UP', 'DOWN'), tr(at(2, 2), 'DOWN', 'UP')] },
    current: 'UP',
    expect: [
      [1, 'UP', 1],
      [22 / 24, 'DOWN', 1],
      [22 / 24, 'DOWN', 1],
      [1, 'UP', 1],
      [1, 'UP', 1],
    ],
  },
  {
    name: 'DEGRADED is available (and the worst of its day), UNKNOWN counts neither way',
    history: {
      since: D0,
      transitions: [
        tr(at(1, 6), 'UP', 'DEGRADED'),
        tr(at(1, 12), 'DEGRADED', 'UP'),
        tr(at(3, 0), 'UP', 'UNKNOWN'),
        tr(at(3, 12), 'UNKNOWN', 'DOWN'),
        tr(at(3, 18), 'DOWN', 'UP'),
      ],
    },
    current: 'UP',
    expect: [
      [1, 'UP', 1],
      [1, 'DEGRADED', 1],
      [1, 'UP', 1],
      [6 / 12, 'DOWN', 0.5],
      [1, 'UP', 1],
    ],
  },
  {
    name: 'the daemon stopped from day 1 18:00 to day 3 06:00: no data then, not the last state',
    // As the daemon records it: UP before the window, then UNKNOWN -> UP when it starts again.
    history: {
      since: D0,
      transitions: [tr(D0 - 2 * DAY_MS, 'UNKNOWN', 'UP'), tr(at(3, 6), 'UNKNOWN', 'UP')],
    },
    current: 'UP',
    watched: {
      since: D0 - DAY_MS,
      runs: [
        { from: D0 - DAY_MS, to: at(1, 18) },
        { from: at(3, 6), to: NOW },
      ],
    },
    expect: [
      [1, 'UP', 1],
      [1, 'UP', 0.75],
      [null, 'UNKNOWN', 0],
      [1, 'UP', 0.75],
      [1, 'UP', 1],
    ],
  },
  {
    name: 'stopped now (the last run ended at 06:00 today): the rest of today has no data',
    history: { since: D0, transitions: [] },
    current: 'UP',
    watched: { since: D0, runs: [{ from: D0, to: at(4, 6) }] },
    expect: [
      [1, 'UP', 1],
      [1, 'UP', 1],
      [1, 'UP', 1],
      [1, 'UP', 1],
      [1, 'UP', 0.5],
    ],
  },
  {
    name: 'before the watch record began, the transitions are taken as they are',
    history: { since: D0, transitions: [] },
    current: 'DOWN',
    watched: { since: at(3, 0), runs: [{ from: at(3, 12), to: NOW }] },
    expect: [
      [0, 'DOWN', 1],
      [0, 'DOWN', 1],
      [0, 'DOWN', 1],
      [0, 'DOWN', 0.5],
      [0, 'DOWN', 1],
    ],
  },
  {
    name: 'a history cut short (a flapping service): nothing known before its oldest change',
    history: { since: at(2, 12), transitions: [tr(at(2, 12), 'UP', 'DOWN'), tr(at(2, 18), 'DOWN', 'UP')] },
    current: 'UP',
    expect: [
      [null, 'UNKNOWN', 0],
      [null, 'UNKNOWN', 0],
      [0.5, 'DOWN', 0.5],
      [1, 'UP', 1],
      [1, 'UP', 1],
    ],
  },
  {
    name: 'down since 06:00 today: today is half known so far, and half of it down',
    history: { since: D0, transitions: [tr(at(4, 6), 'UP', 'DOWN')] },
    current: 'DOWN',
    expect: [
      [1, 'UP', 1],
      [1, 'UP', 1],
      [1, 'UP', 1],
      [1, 'UP', 1],
      [0.5, 'DOWN', 1],
    ],
  },
];

const close = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) < 1e-9;

describe('uptime per day', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const days = dailyUptime(c.history, c.current ?? 'UNKNOWN', c.watched, NOW, 5);
      assert.deepEqual(
        days.map((d) => d.date),
        ['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01'],
      );
      const got = days.map((d: DayUptime) => [d.upRatio, d.worst, d.known] as const);
      const ok = got.every(
        (g, i) => close(g[0], c.expect[i]![0]) && g[1] === c.expect[i]![1] && close(g[2], c.expect[i]![2]),
      );
      assert.ok(ok, `got ${JSON.stringify(got)}\nexpected ${JSON.stringify(c.expect)}`);
    });
  }

  it('sums available over known time across days (null without data)', () => {
    const days = dailyUptime(
      { since: D0, transitions: [tr(at(1, 22), 'UP', 'DOWN'), tr(at(2, 2), 'DOWN', 'UP')] },
      'UP',
      undefined,
      NOW,
      5,
    );
    assert.ok(close(overallUptime(days), 1 - 4 / (4 * 24 + 12)));
    assert.equal(overallUptime(dailyUptime(undefined, 'UP', undefined, NOW, 5)), null);
  });

  it('cuts days at the page’s time zone’s midnights, 23 or 25 h long when the clocks change', () => {
    // DOWN 23:30–00:30 UTC: across two UTC days, within one Paris day (00:30–01:30 CET).
    const history = {
      since: D0,
      transitions: [tr(at(3, 23.5), 'UP', 'DOWN'), tr(at(4, 0.5), 'DOWN', 'UP')],
    };
    const utc = dailyUptime(history, 'UP', undefined, NOW, 5);
    const paris = dailyUptime(history, 'UP', undefined, NOW, 5, 'Europe/Paris');
    assert.deepEqual(
      utc.map((d) => d.worst),
      ['UP', 'UP', 'UP', 'DOWN', 'DOWN'],
    );
    assert.deepEqual(
      paris.map((d) => [d.date, d.worst]),
      [
        ['2026-11-27', 'UP'],
        ['2026-11-28', 'UP'],
        ['2026-11-29', 'UP'],
        ['2026-11-30', 'UP'],
        ['2026-12-01', 'DOWN'],
      ],
    );
    assert.ok(
      close(paris[4]!.upRatio, 1 - 1 / 13),
      'an hour down of the 13 elapsed since Paris’s midnight (it is 13:00 CET)',
    );
    // Auckland is already on 2 December at noon UTC: today there is its 2nd.
    assert.equal(dailyUptime(history, 'UP', undefined, NOW, 1, 'Pacific/Auckland')[0]!.date, '2026-12-02');
    // The day the clocks go forward in Paris has 23 hours, the day they go back 25.
    const spring = dailyUptime(
      { since: 0, transitions: [] },
      'UP',
      undefined,
      Date.UTC(2026, 2, 30, 12),
      3,
      'Europe/Paris',
    );
    assert.deepEqual(
      spring.map((d) => [d.date, d.knownMs / H]),
      [
        ['2026-03-28', 24],
        ['2026-03-29', 23],
        ['2026-03-30', 14],
      ],
    );
    const autumn = dailyUptime(
      { since: 0, transitions: [] },
      'UP',
      undefined,
      Date.UTC(2026, 9, 26, 0),
      2,
      'Europe/Paris',
    );
    assert.deepEqual(
      autumn.map((d) => [d.date, d.knownMs / H]),
      [
        ['2026-10-25', 25],
        ['2026-10-26', 1],
      ],
    );
  });

  it('gives 90 days by default, today last', () => {
    const days = dailyUptime({ since: 0, transitions: [] }, 'UP', undefined, NOW);
    assert.equal(days.length, 90);
    assert.equal(days.at(-1)?.date, '2026-12-01');
    assert.equal(days[0]?.date, '2026-09-03');
  });
});

describe('the record of when Bascule watched', () => {
  it('begins with a run, extends it, keeps the others, and drops runs older than the window', () => {
    const first = recordRun(undefined, { from: 100, to: 200 }, 0);
    assert.deepEqual(first, { since: 100, runs: [{ from: 100, to: 200 }] });
    const extended = recordRun(first, { from: 100, to: 300 }, 0);
    assert.deepEqual(extended.runs, [{ from: 100, to: 300 }]);
    const second = recordRun(extended, { from: 500, to: 600 }, 0);
    assert.deepEqual(second.runs, [
      { from: 100, to: 300 },
      { from: 500, to: 600 },
    ]);
    const pruned = recordRun(second, { from: 500, to: 700 }, 400);
    assert.deepEqual(pruned, { since: 100, runs: [{ from: 500, to: 700 }] }, 'since stays: the gap is kept');
  });

  it('holds at most MAX_RUNS runs, the oldest going first', () => {
    let record: WatchRecord | undefined;
    for (let i = 0; i < MAX_RUNS + 5; i++) record = recordRun(record, { from: i * 10, to: i * 10 + 5 }, 0);
    assert.equal(record!.runs.length, MAX_RUNS);
    assert.equal(record!.runs[0]!.from, 50);
  });

  it('reads back what it saves, and nothing from a document that is not one', () => {
    const record = { since: 1, runs: [{ from: 1, to: 5 }] };
    assert.deepEqual(parseWatched(JSON.parse(JSON.stringify(watchedDoc(record)))), record);
    assert.equal(parseWatched(undefined), undefined);
    assert.equal(parseWatched({ version: 2, since: 1, runs: [] }), undefined);
    assert.deepEqual(parseWatched({ version: 1, since: 1, runs: [[5, 1], 'x', [1, 2]] })?.runs, [
      { from: 1, to: 2 },
    ]);
  });
});

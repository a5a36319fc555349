/** The dashboard's durations as people write them: no zero part ("1 h", not "1 h 0 min"). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { duration } from '../src/web/dashboard/format.ts';

describe('the dashboard’s durations', () => {
  for (const [ms, en, fr] of [
    [850, '850 ms', '850 ms'],
    [12_400, '12.4 s', '12,4 s'],
    [200_000, '3 min 20 s', '3 min 20 s'],
    [180_000, '3 min', '3 min'],
    [179_700, '3 min', '3 min'],
    [3_600_000, '1 h', '1 h'],
    [7_500_000, '2 h 5 min', '2 h 5 min'],
    [86_400_000, '24 h', '24 h'],
  ] as const)
    it(`${ms} ms: ${en}`, () => {
      assert.equal(duration('en', ms), en);
      assert.equal(duration('fr', ms), fr);
    });
});

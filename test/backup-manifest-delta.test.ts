/** A walk told as its changes from the previous one is rebuilt exactly: changed, new and gone paths, hashes and stat keys. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { applyDelta, deltaOf } from '../src/backup/restic/manifest-delta.ts';

describe('manifest delta', () => {
  const previous = {
    entries: { '/d/a': 'h-a', '/d/b': 'h-b', '/d/gone': 'h-gone', '/d/racy': 'h-racy' },
    stats: { '/d/a': 'k-a', '/d/b': 'k-b', '/d/gone': 'k-gone' },
  };
  const walked = {
    // b changed, gone removed, new added; racy kept its hash and now has a stat key
    entries: { '/d/a': 'h-a', '/d/b': 'h-b2', '/d/new': 'h-new', '/d/racy': 'h-racy' },
    stats: { '/d/a': 'k-a', '/d/b': 'k-b2', '/d/racy': 'k-racy' },
    hashed: 3,
    reused: 1,
  };

  it('carries only what changed', () => {
    const d = deltaOf(walked, previous);
    assert.deepEqual(d.entries, { '/d/b': 'h-b2', '/d/new': 'h-new' });
    assert.deepEqual(d.stats, { '/d/b': 'k-b2', '/d/racy': 'k-racy' });
    assert.deepEqual(d.goneEntries, ['/d/gone']);
    assert.deepEqual(d.goneStats, ['/d/gone']);
  });

  it('rebuilds the walk on the previous one, a key lost to a racy write included', () => {
    assert.deepEqual(applyDelta(previous, deltaOf(walked, previous)), walked);
    const lostKey = { ...walked, stats: { '/d/a': 'k-a' } };
    assert.deepEqual(applyDelta(previous, deltaOf(lostKey, previous)), lostKey);
  });
});

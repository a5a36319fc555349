/**
 * The manifest's steady state: given the previous manifest, a file whose stat key (size, mtime and
 * ctime in ns, inode, device) is unchanged keeps its recorded hash unread, and a changed one is
 * read again, even when its size and mtime were put back (`touch -d`: the ctime moves on). A file
 * written just before the walk gets no key (racily clean), so it is read again next time.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { manifestOfPaths } from '../src/backup/restic/manifest.ts';
import { RACY_MS } from '../src/backup/restic/manifest-walk.ts';
import type { Manifest } from '../src/backup/restic/types.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const FAKE = 'f'.repeat(64);

describe('manifest: hashes reused by stat key', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bascule-manifest-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reuses an unchanged file’s hash and re-reads a changed one whose size and mtime were put back', async () => {
    const same = join(dir, 'same.txt');
    const changed = join(dir, 'changed.txt');
    writeFileSync(same, 'unchanged\n');
    writeFileSync(changed, 'version 1\n');
    await new Promise((r) => setTimeout(r, RACY_MS + 200));
    const first = await manifestOfPaths([dir]);
    assert.equal(first.walked.hashed, 2);
    assert.equal(first.files?.entries[changed], sha('version 1\n'));
    assert.ok(first.files?.stats?.[same] && first.files.stats[changed], 'both keys recorded');

    // Same size, mtime put back as `touch -d` would: only the ctime tells it changed.
    const { mtimeNs, ctimeNs } = statSync(changed, { bigint: true });
    writeFileSync(changed, 'version 2\n');
    const at = `@${mtimeNs / 1_000_000_000n}.${String(mtimeNs % 1_000_000_000n).padStart(9, '0')}`;
    execFileSync('touch', ['-m', '-d', at, changed]);
    const now = statSync(changed, { bigint: true });
    assert.equal(now.mtimeNs, mtimeNs, 'mtime put back to the nanosecond');
    assert.notEqual(now.ctimeNs, ctimeNs);
    // The previous manifest lies about the unchanged file: if it is not read, the lie is kept.
    const previous: Manifest = {
      files: { ...first.files!, entries: { ...first.files!.entries, [same]: FAKE } },
    };
    const second = await manifestOfPaths([dir], previous);
    assert.equal(second.files?.entries[same], FAKE, 'the unchanged file was not read again');
    assert.equal(second.files?.entries[changed], sha('version 2\n'), 'the changed file was read again');
    assert.deepEqual(second.walked, { hashed: 1, reused: 1 });
  });

  it('a file written just before the walk gets no stat key: it is read again next time', async () => {
    const fresh = join(dir, 'fresh.txt');
    writeFileSync(fresh, 'just written\n');
    const first = await manifestOfPaths([fresh]);
    assert.equal(first.files?.stats?.[fresh], undefined);
    const again = await manifestOfPaths([fresh], {
      files: { ...first.files!, entries: { [fresh]: FAKE }, stats: { [fresh]: 'x' } },
    });
    assert.equal(again.files?.entries[fresh], sha('just written\n'));
  });
});

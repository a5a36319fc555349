/**
 * The progress of `bascule backup run|restore` for people: on a terminal one live line per step,
 * redrawn in place with a bar, percent, bytes and time left, then replaced by the step's result;
 * not on a terminal, a plain line as each step starts and ends and nothing in between; in French too.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { type Io, processIo } from '../src/cli/io.ts';
import { formatBytes, progressReporter } from '../src/cli/progress.ts';
import { painter } from '../src/cli/style.ts';

function io(progressColumns?: number): Io & { err: () => string } {
  let err = '';
  return {
    ...processIo(),
    stdout: () => {},
    stderr: (t) => {
      err += t;
    },
    ...(progressColumns !== undefined ? { progressColumns } : {}),
    err: () => err,
  } as Io & { err: () => string };
}

const tick = {
  fraction: 0.5,
  bytesDone: 3 * 1024 * 1024,
  bytesTotal: 6 * 1024 * 1024,
  filesDone: 5,
  etaSeconds: 12,
};

describe('backup progress', () => {
  it('on a terminal: a bar with percent, bytes and time left, redrawn in place, then the result', () => {
    const out = io(100);
    const p = progressReporter(out, 'en', painter(false));
    p.step('shop-db', { step: 'backup', target: 'nas', phase: 'start' });
    p.progress('shop-db', { ...tick, step: 'backup', target: 'nas' });
    p.step('shop-db', { step: 'backup', target: 'nas', phase: 'end', ok: true });
    const err = out.err();
    assert.ok(
      err.includes(
        '\r\u001b[2Kshop-db: backup → nas… [############------------] 50 %  3.0 MiB / 6.0 MiB  12s left',
      ),
      JSON.stringify(err),
    );
    assert.ok(err.endsWith('\r\u001b[2Kshop-db: backup → nas: ok\n'), JSON.stringify(err));
    assert.equal(err.split('\n').length, 2, 'one line left on the screen per step');
  });

  it('a line never wider than the terminal', () => {
    const out = io(30);
    const p = progressReporter(out, 'en', painter(false));
    p.progress('a-very-long-dataset-name', { ...tick, step: 'restore', target: 'offsite' });
    const drawn = out.err().split('\u001b[2K').at(-1)!;
    assert.ok([...drawn].length <= 29, drawn);
  });

  it('not on a terminal: a plain line per step start and end, no bar; in French too', () => {
    const out = io();
    const p = progressReporter(out, 'fr', painter(false));
    p.step('shop-db', { step: 'copy', target: 'offsite', phase: 'start' });
    p.progress('shop-db', { ...tick, step: 'copy', target: 'offsite' });
    p.step('shop-db', { step: 'copy', target: 'offsite', phase: 'end', ok: false });
    assert.equal(out.err(), 'shop-db : copie → offsite…\nshop-db : copie → offsite : échec\n');
  });

  it('bytes in binary units', () => {
    assert.deepEqual(
      [formatBytes(512), formatBytes(1536), formatBytes(5 * 1024 ** 3)],
      ['512 B', '1.5 KiB', '5.0 GiB'],
    );
  });
});

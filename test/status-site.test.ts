/**
 * The static site on disk (web/status/write-site.ts): files replaced whole, unchanged ones left
 * alone, a badge of a service no longer shown removed, other files of the folder kept, no
 * temporary file left behind, and a folder that cannot be written is a located error.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BasculeError } from '../src/errors.ts';
import type { SiteFile } from '../src/web/status/site.ts';
import { writeSite } from '../src/web/status/write-site.ts';
import { tempDir } from './helpers/cli.ts';

const file = (path: string, body: string): SiteFile => ({ path, type: 'text/plain', body });

function tree(dir: string, at = ''): string[] {
  return readdirSync(join(dir, at), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tree(dir, join(at, e.name)) : [join(at, e.name)],
  );
}

describe('the static site on disk', () => {
  it('writes what changed only, removes badges no longer shown, keeps the folder’s other files', () => {
    const dir = join(tempDir(), 'public');
    const site = [file('badge/a.svg', 'A'), file('badge/b.svg', 'B'), file('index.html', 'v1')];
    assert.equal(writeSite(dir, site), 3);
    writeFileSync(join(dir, 'CNAME'), 'status.example.com');
    const before = statSync(join(dir, 'badge/a.svg')).mtimeMs;
    assert.equal(writeSite(dir, site), 0, 'nothing changed: nothing written');
    const next = [file('badge/a.svg', 'A'), file('index.html', 'v2')];
    assert.equal(writeSite(dir, next), 1);
    assert.deepEqual(tree(dir).sort(), ['CNAME', 'badge/a.svg', 'index.html']);
    assert.equal(readFileSync(join(dir, 'index.html'), 'utf8'), 'v2');
    assert.equal(statSync(join(dir, 'badge/a.svg')).mtimeMs, before, 'an unchanged file is not touched');
  });

  it('says which file it could not write, with the system’s reason', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'badge'), 'a file where the badge folder goes');
    assert.throws(
      () => writeSite(join(dir, 'out'), [file('badge/a.svg', 'A')]),
      (e: unknown) =>
        e instanceof BasculeError &&
        e.diagnostics[0]?.code === 'BASCULE_E_FILE_WRITE' &&
        String(e.diagnostics[0]?.params.file).endsWith('badge/a.svg') &&
        ['EEXIST', 'ENOTDIR'].includes(String(e.diagnostics[0]?.params.reason)),
    );
    // A failure at the rename (a folder where the page goes) leaves no temporary file either.
    mkdirSync(join(dir, 'out', 'index.html', 'x'), { recursive: true });
    assert.throws(
      () => writeSite(join(dir, 'out'), [file('index.html', 'v1')]),
      (e: unknown) => e instanceof BasculeError && e.diagnostics[0]?.code === 'BASCULE_E_FILE_WRITE',
    );
    assert.deepEqual(readdirSync(join(dir, 'out')).sort(), ['badge', 'index.html'], 'no temporary file left');
  });
});

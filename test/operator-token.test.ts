/** The operator token: created once, private, reused; found by the daemon and the CLI in the same order. */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { clientToken, daemonToken } from '../src/server/operator-token.ts';

describe('operator token', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'bascule-token-'));

  it('is created once in the data directory, private, and found there by the CLI', () => {
    const baseDir = dir();
    const lookup = { dataDir: 'data', baseDir, env: {} };
    const first = daemonToken(lookup);
    const path = join(baseDir, 'data', 'operator.token');
    assert.equal(first.source, path);
    assert.match(first.token, /^[\w-]{43}$/, '32 random bytes, base64url');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(readFileSync(path, 'utf8').trim(), first.token);
    assert.equal(daemonToken(lookup).token, first.token, 'reused across restarts');
    assert.deepEqual(clientToken(lookup), first);
    assert.equal(
      clientToken({ dataDir: 'elsewhere', baseDir, env: {} }),
      undefined,
      'the CLI creates nothing',
    );
  });

  it('makes a token file that others can read private again', () => {
    const baseDir = dir();
    const lookup = { dataDir: 'data', baseDir, env: {} };
    const path = join(baseDir, 'data', 'operator.token');
    const { token } = daemonToken(lookup);
    chmodSync(path, 0o644);
    assert.equal(daemonToken(lookup).token, token);
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  it('comes from BASCULE_TOKEN, then runtime.token, then --token-file for the CLI', () => {
    const baseDir = dir();
    const env = { BASCULE_TOKEN: 'from-env', MAP_TOKEN: 'from-map' };
    const secret = { env: 'MAP_TOKEN' };
    assert.deepEqual(daemonToken({ dataDir: 'd', baseDir, env, secret }), {
      token: 'from-env',
      source: '$BASCULE_TOKEN',
    });
    assert.deepEqual(daemonToken({ dataDir: 'd', baseDir, env: { MAP_TOKEN: 'from-map' }, secret }), {
      token: 'from-map',
      source: 'runtime.token',
    });
    const file = join(baseDir, 'mine.token');
    daemonToken({ dataDir: '.', baseDir, env: {} });
    assert.equal(
      clientToken({ dataDir: 'd', baseDir, env, secret, flagFile: join(baseDir, 'operator.token') })?.source,
      `--token-file ${join(baseDir, 'operator.token')}`,
    );
    assert.throws(
      () => clientToken({ dataDir: 'd', baseDir, env, flagFile: file }),
      /BASCULE_E_SECRET_MISSING/,
    );
  });
});

/**
 * npm reads the project's config without a warning, and better-sqlite3 is still built from source
 * (only the npm registry is reachable: prebuild-install must never try to download a binary).
 * Issue 10, item 10.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The environment without what npm passes to its scripts (`npm test` sets npm_config_*). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}

describe('npm and the project config', () => {
  it('`npm config get` in the repository warns about no unknown project config', () => {
    const r = spawnSync('npm', ['config', 'get', 'registry'], {
      cwd: ROOT,
      env: cleanEnv(),
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /Unknown (project|user|global|env) config/);
    assert.match(r.stdout, /^https?:\/\//);
  });

  it('prebuild-install, run from the repository, is told to build from source', () => {
    const rc = createRequire(join(ROOT, 'package.json')).resolve('prebuild-install/rc.js');
    const r = spawnSync(
      process.execPath,
      [
        '-e',
        `process.stdout.write(JSON.stringify(require(${JSON.stringify(rc)})({ name: 'better-sqlite3' }).buildFromSource))`,
      ],
      { cwd: ROOT, env: cleanEnv(), encoding: 'utf8', timeout: 10_000 },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'true');
  });
});

/**
 * The data directory, held by one daemon at a time (real processes): a second daemon on the same
 * directory exits 2 naming the first one's PID, the lock dies with its holder (SIGKILL), and a
 * read-only directory (a real read-only mount) is named as such.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { bascule, ensureBuilt, MAP } from './helpers/bin.ts';
import { tempDir } from './helpers/cli.ts';
import { getJson, waitFor } from './helpers/daemon.ts';

const BIN = fileURLToPath(new URL('../bin/bascule.js', import.meta.url));

describe('the data directory', () => {
  const children: ChildProcess[] = [];
  const mounts: string[] = [];
  before(() => ensureBuilt());
  after(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    for (const m of mounts) execFileSync('umount', [m]);
  });

  /** `bascule run` in `dir` on data directory `data`, as a real process; resolves once it serves. */
  async function run(dir: string): Promise<{ child: ChildProcess; url: string }> {
    const child = spawn(
      process.execPath,
      [BIN, 'run', '--listen', '127.0.0.1:0', '--data-dir', 'data', '--log-level', 'info'],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LANG: 'C' } },
    );
    children.push(child);
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c;
    });
    child.stderr!.on('data', (c: Buffer) => {
      out += c;
    });
    await waitFor('daemon started', () => /"url":"(http:[^"]+)"/.test(out), 20_000);
    const url = /"url":"(http:[^"]+)"/.exec(out)![1]!;
    return { child, url };
  }

  it('lets one daemon in; a second exits 2 naming the first; SIGKILL frees it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bascule.yaml'), MAP);
    const first = await run(dir);
    assert.equal((await getJson(`${first.url}/healthz`)).status, 200);
    assert.equal(readFileSync(join(dir, 'data', 'daemon.pid'), 'utf8').trim(), String(first.child.pid));

    const second = await bascule(['run', '--listen', '127.0.0.1:0', '--data-dir', 'data'], dir);
    assert.equal(second.status, 2, second.stderr);
    assert.deepEqual(
      second.errors.map((e) => e.code),
      ['BASCULE_E_DATA_DIR_LOCKED'],
    );
    assert.equal(second.errors[0]!.params.pid, String(first.child.pid));
    assert.match(second.errors[0]!.message, new RegExp(`PID ${first.child.pid}`));
    assert.equal((await getJson(`${first.url}/healthz`)).status, 200, 'the first one still runs');

    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const third = await run(dir); // the kernel released the lock with its holder
    assert.equal((await getJson(`${third.url}/healthz`)).status, 200);
    third.child.kill('SIGTERM');
    assert.equal(await new Promise((r) => third.child.once('exit', r)), 0);
    assert.equal(existsSync(join(dir, 'data', 'daemon.pid')), false, 'a clean stop removes the pid file');
  });

  it('names a read-only data directory as such', async (t) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bascule.yaml'), MAP);
    const ro = join(dir, 'data');
    mkdirSync(ro);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', ro], { stdio: 'ignore' });
    } catch {
      t.skip('mounting a read-only tmpfs needs root');
      return;
    }
    mounts.push(ro);
    const r = await bascule(['run', '--listen', '127.0.0.1:0', '--data-dir', 'data'], dir);
    assert.equal(r.status, 3, r.stderr);
    assert.deepEqual(
      r.errors.map((e) => e.code),
      ['BASCULE_E_DATA_DIR_READONLY'],
    );
    assert.match(r.errors[0]!.message, /read-only/);
  });
});

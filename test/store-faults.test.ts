/**
 * `bascule run` as a real process while its SQLite store fails for real: write-locked by another
 * process, then on a full file system (a real tmpfs). The daemon must keep answering (the loop is
 * never held by a wait on the store), keep deciding and alerting from memory, say on /healthz and
 * /metrics that the store is failing, and once the store is back record every change exactly once.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/store/open.ts';
import { sqliteDriverName } from '../src/store/sqlite-driver.ts';
import { ensureBuilt } from './helpers/bin.ts';
import { tempDir } from './helpers/cli.ts';
import { type Backend, getJson, startBackend, waitFor } from './helpers/daemon.ts';
import { runDaemon, watchMap } from './helpers/daemon-process.ts';
import { receiver } from './helpers/receivers.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const _BIN = join(ROOT, 'bin', 'bascule.js');

interface Hook {
  kind: string;
  service: string;
  incident: string;
}

describe('bascule run while its store fails', () => {
  const children: ChildProcess[] = [];
  const closers: (() => unknown)[] = [];
  before(() => ensureBuilt());
  after(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    for (const c of closers.reverse()) await c();
  });

  /** A map watching `backend`, alerting `hook`, keeping its data in `dataDir`. */
  function daemonIn(dir: string, backend: Backend, hook: string, dataDir: string) {
    watchMap(dir, { name: 'Store faults', backend: backend.url, hook, dataDir });
    const daemon = runDaemon(dir, 'store-faults-operator');
    const child = daemon.child;
    children.push(child);
    const auth = { headers: { authorization: 'Bearer store-faults-operator' } };
    return {
      child,
      log: () => daemon.output(),
      url: async () => (await daemon.started()).url,
      metrics: async (url: string) => {
        const res = await fetch(`${url}/metrics`, auth);
        return res.text();
      },
      stop: async () => {
        child.kill('SIGTERM');
        return new Promise<number | null>((r) => child.once('exit', r));
      },
    };
  }

  const hooksOf = (requests: { path: string; body: string }[]) =>
    requests.filter((r) => r.path === '/hook').map((r) => JSON.parse(r.body) as Hook);

  /** Polls /healthz every 100 ms while `during` runs; returns the slowest answer and the bodies. */
  async function watchHealth(url: string, until: () => boolean) {
    let slowest = 0;
    const bodies: {
      status: number;
      body: { ok: boolean; problems?: { code: string; detail?: string }[] };
    }[] = [];
    const deadline = Date.now() + 30_000;
    while (!until() && Date.now() < deadline) {
      const t0 = performance.now();
      const r = await getJson<{ ok: boolean; problems?: { code: string; detail?: string }[] }>(
        `${url}/healthz`,
      );
      slowest = Math.max(slowest, performance.now() - t0);
      bodies.push(r);
      await new Promise((res) => setTimeout(res, 100));
    }
    return { slowest, bodies };
  }

  it('goes on deciding and alerting while another process holds the database locked', async () => {
    const backend = await startBackend();
    closers.push(() => backend.close());
    const hook = await receiver();
    closers.push(() => hook.close());
    const dir = tempDir();
    const d = daemonIn(dir, backend, hook.url, 'data');
    const url = await d.url();
    await waitFor('check UP', async () =>
      /bascule_check_state\{check="web"\} 1\b/.test(await d.metrics(url)),
    );

    // Another process takes the write lock for 6 s.
    const db = join(dir, 'data', 'bascule.db');
    const locker = spawn(
      process.execPath,
      [
        '-e',
        `const D = require(${JSON.stringify(sqliteDriverName())}); const db = new D(${JSON.stringify(db)});
         db.exec('BEGIN EXCLUSIVE'); console.log('locked');
         setTimeout(() => { db.exec('COMMIT'); db.close(); console.log('released'); }, 6000);`,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    children.push(locker);
    let lockOut = '';
    locker.stdout!.on('data', (c: Buffer) => {
      lockOut += c;
    });
    await waitFor('the lock taken', () => lockOut.includes('locked'));
    backend.healthy = false;

    const watched = watchHealth(url, () => lockOut.includes('released'));
    await waitFor('the opened alert, while the lock is held', () =>
      hooksOf(hook.requests).some((h) => h.kind === 'opened'),
    );
    assert.ok(!lockOut.includes('released'), 'alerted before the store came back');
    const during = await d.metrics(url);
    assert.match(during, /bascule_service_state\{service="shop"\} 0\b/);
    assert.match(during, /bascule_store_up 0\b/);
    const { slowest, bodies } = await watched;
    assert.ok(
      slowest < 1_000,
      `/healthz answered within 1 s while the store was locked (slowest ${slowest} ms)`,
    );
    const failing = bodies.find((b) => b.status === 503);
    assert.equal(failing?.body.problems?.[0]?.code, 'store-failing', JSON.stringify(bodies.at(-1)));
    assert.match(failing?.body.problems?.[0]?.detail ?? '', /SQLITE_BUSY/);

    await waitFor(
      'healthy again once the lock is released',
      async () => (await getJson(`${url}/healthz`)).status === 200,
    );
    assert.match(await d.metrics(url), /bascule_store_up 1\b/);
    assert.equal(await d.stop(), 0);
    const store = await openStore('sqlite', join(dir, 'data'));
    try {
      const web = await store.transitions({ id: 'web' }); // the check and its component
      const down = web.filter((t) => t.to === 'DOWN').map((t) => t.type);
      assert.deepEqual(down.sort(), ['check', 'component'], 'each change recorded once, after the lock');
      assert.equal((await store.transitions({ id: 'shop' })).filter((t) => t.to === 'DOWN').length, 1);
      const incidents = await store.incidents({ service: 'shop' });
      assert.equal(incidents.length, 1, 'one incident');
      assert.deepEqual(
        hooksOf(hook.requests).map((h) => [h.kind, h.incident]),
        [['opened', incidents[0]!.id]],
        'one alert, for that incident',
      );
    } finally {
      await store.close();
    }
  });

  it('alerts on an outage that starts with the disk full, and says the store is failing', async (t) => {
    const dir = tempDir();
    const mount = join(dir, 'small');
    mkdirSync(mount);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mount], { stdio: 'ignore' });
    } catch {
      t.skip('mounting a tmpfs needs root');
      return;
    }
    closers.push(() => execFileSync('umount', ['-l', mount]));
    const backend = await startBackend();
    closers.push(() => backend.close());
    const hook = await receiver();
    closers.push(() => hook.close());
    const d = daemonIn(dir, backend, hook.url, 'small/data');
    const url = await d.url();
    await waitFor('check UP', async () =>
      /bascule_check_state\{check="web"\} 1\b/.test(await d.metrics(url)),
    );

    // Fill the file system to the last block.
    const filler = join(mount, 'filler');
    const chunk = Buffer.alloc(64 * 1024, 1);
    for (let i = 0; i < 100; i++) {
      try {
        writeFileSync(filler, chunk, { flag: 'a' });
      } catch {
        break;
      }
    }
    for (let i = 0; i < 64; i++) {
      try {
        writeFileSync(filler, Buffer.alloc(1024, 1), { flag: 'a' });
      } catch {
        break;
      }
    }
    backend.healthy = false;
    const t0 = Date.now();
    await waitFor('the opened alert on a full disk', () =>
      hooksOf(hook.requests).some((h) => h.kind === 'opened'),
    );
    assert.ok(Date.now() - t0 < 10_000, 'alerted within seconds');
    const health = await getJson<{ ok: boolean; problems: { code: string; detail?: string }[] }>(
      `${url}/healthz`,
    );
    assert.equal(health.status, 503);
    assert.equal(health.body.problems[0]?.code, 'store-failing');
    assert.match(health.body.problems[0]?.detail ?? '', /SQLITE_FULL|SQLITE_IOERR/);
    const metrics = await d.metrics(url);
    assert.match(metrics, /bascule_service_state\{service="shop"\} 0\b/);
    assert.match(metrics, /bascule_store_up 0\b/);

    rmSync(filler);
    await waitFor(
      'the store back once there is room',
      async () => (await getJson(`${url}/healthz`)).status === 200,
      20_000,
    );
    assert.equal(await d.stop(), 0);
    assert.doesNotMatch(d.log(), /what waited for it is lost/);
    const store = await openStore('sqlite', join(mount, 'data'));
    try {
      assert.equal((await store.transitions({ id: 'shop' })).filter((x) => x.to === 'DOWN').length, 1);
      assert.equal((await store.incidents({ service: 'shop' })).length, 1);
      assert.ok(
        (await store.observations('web', 0)).some((o) => !o.ok),
        'the failures seen were stored',
      );
    } finally {
      await store.close();
    }
    assert.equal(hooksOf(hook.requests).filter((h) => h.kind === 'opened').length, 1);
    assert.equal(readFileSync(join(mount, 'data', 'daemon.lock')).length > 0, true);
  });
});

/**
 * Idle connections must not starve the probes (a real process with a low open-file limit): the
 * daemon raises its soft limit to the hard one, takes at most a quarter of it in API connections,
 * and closes a connection that sends nothing within about 11 s. A thousand idle sockets then leave
 * the check UP, raise no alert, and are all closed by the daemon.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { connectionCap } from '../src/platform/open-files.ts';
import { ensureBuilt } from './helpers/bin.ts';
import { tempDir } from './helpers/cli.ts';
import { getJson, startBackend, waitFor } from './helpers/daemon.ts';
import { runDaemon, watchMap } from './helpers/daemon-process.ts';
import { receiver } from './helpers/receivers.ts';

const IDLE = 1_000;

describe('open files', () => {
  const children: ChildProcess[] = [];
  const closers: (() => unknown)[] = [];
  before(() => ensureBuilt());
  after(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    for (const c of closers.reverse()) await c();
  });

  it('sizes the connection cap from the limit', () => {
    assert.equal(connectionCap(1_024), 256);
    assert.equal(connectionCap(100), 64, 'never below 64');
    assert.equal(connectionCap(1_048_576), 4_096, 'never above 4,096');
  });

  it(`keeps probing through ${IDLE} idle API connections under a low limit`, {
    timeout: 60_000,
  }, async () => {
    const backend = await startBackend();
    closers.push(() => backend.close());
    const hook = await receiver();
    closers.push(() => hook.close());
    const dir = tempDir();
    watchMap(dir, { name: 'Open files', backend: backend.url, hook: hook.url });
    // Soft 200 under hard 400, as a service manager might start it.
    const daemon = runDaemon(dir, 'open-files-op', { shell: 'ulimit -Sn 200 && ulimit -Hn 400' });
    const child = daemon.child;
    children.push(child);
    const started = (await daemon.started()) as { url: string; openFiles: number; apiConnections: number };
    assert.equal(started.openFiles, 400, 'the soft limit raised to the hard one');
    assert.equal(started.apiConnections, 100);
    const { url } = started;
    const { port } = new URL(url);
    const auth = { headers: { authorization: 'Bearer open-files-op' } };
    const metrics = async () => (await fetch(`${url}/metrics`, auth)).text();
    await waitFor('check UP', async () => /bascule_check_state\{check="web"\} 1\b/.test(await metrics()));

    // An event stream opened first stays open past the first-request timeout (10 s).
    let streamClosed = false;
    const stream = get(`${url}/api/v1/events`, auth, (res) => {
      assert.equal(res.statusCode, 200);
      res.on('data', () => undefined);
      res.on('close', () => {
        streamClosed = true;
      });
    });
    stream.on('error', () => undefined);
    closers.push(() => stream.destroy());
    // A thousand sockets that connect and never send a byte.
    const sockets: Socket[] = [];
    let closedByServer = 0;
    for (let i = 0; i < IDLE; i++) {
      const s = connect(Number(port), '127.0.0.1');
      s.on('error', () => undefined);
      s.on('close', () => {
        closedByServer++;
      });
      sockets.push(s);
    }
    closers.push(() => {
      for (const s of sockets) s.destroy();
    });
    await new Promise((r) => setTimeout(r, 2_000));
    const held = IDLE - closedByServer;
    assert.ok(held <= 100, `at most the cap held open (${held})`);

    // Probes go on while they are held: no failure, no alert.
    const t0 = Date.now();
    await waitFor('the idle sockets closed by the daemon', () => closedByServer === IDLE, 20_000);
    const closedAfter = Date.now() - t0 + 2_000;
    assert.ok(closedAfter < 16_000, `idle connections closed within about 11 s (${closedAfter} ms)`);
    const m = await metrics();
    assert.match(m, /bascule_check_state\{check="web"\} 1\b/, 'still UP');
    assert.doesNotMatch(m, /bascule_probe_failures_total\{[^}]*\} [1-9]/, 'no probe failed');
    assert.equal(hook.requests.length, 0, 'no alert');
    assert.equal(streamClosed, false, 'the event stream outlived the idle sockets');
    assert.equal((await getJson(`${url}/healthz`)).status, 200, 'the API answers again');
    child.kill('SIGTERM');
    assert.equal(await new Promise((r) => child.once('exit', r)), 0);
  });

  it('says it is short of its own files, and never blames the target', { timeout: 60_000 }, async () => {
    const backend = await startBackend();
    closers.push(() => backend.close());
    const hook = await receiver();
    closers.push(() => hook.close());
    const dir = tempDir();
    watchMap(dir, { name: 'Short of files', backend: backend.url, hook: hook.url });
    const daemon = runDaemon(dir, 'open-files-op');
    const child = daemon.child;
    children.push(child);
    const { url } = await daemon.started();
    const out = () => daemon.output();
    const auth = { headers: { authorization: 'Bearer open-files-op' } };
    const metrics = async () => (await fetch(`${url}/metrics`, auth)).text();
    await waitFor('check UP', async () => /bascule_check_state\{check="web"\} 1\b/.test(await metrics()));

    // Its soft limit lowered, while it runs, to the files it holds: its next probes get EMFILE.
    const pid = String(child.pid);
    const limits = readFileSync(`/proc/${pid}/limits`, 'utf8');
    const soft = /Max open files\s+(\d+)/.exec(limits)![1]!;
    const held = readdirSync(`/proc/${pid}/fd`).length;
    execFileSync('prlimit', ['--pid', pid, `--nofile=${held - 2}:`]); // below what it holds: no new file
    await waitFor('a probe short of files', () => /short of its own resources/.test(out()), 10_000).catch(
      (e) => {
        console.error(out().slice(-3000), held, readdirSync(`/proc/${pid}/fd`).length);
        throw e;
      },
    );
    await new Promise((r) => setTimeout(r, 3_000)); // more probes short of files: past failAfter
    execFileSync('prlimit', ['--pid', pid, `--nofile=${soft}:`]);

    const health = await getJson<{ ok: boolean; problems: { code: string }[] }>(`${url}/healthz`);
    assert.equal(health.status, 503);
    assert.deepEqual(
      health.body.problems.map((p) => p.code),
      ['probes-local'],
    );
    const m = await metrics();
    assert.match(m, /bascule_daemon_problem\{code="probes-local"\} 1\b/);
    assert.match(m, /bascule_probe_failures_total\{reason="local",vantage="local"\} [1-9]/);
    assert.match(m, /bascule_check_state\{check="web"\} 1\b/, 'the target never judged DOWN');
    assert.equal(hook.requests.length, 0, 'no alert about the target');
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  });
});

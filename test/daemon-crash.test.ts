/**
 * `bascule run` as a real process, killed with SIGKILL mid-run and started again: nothing an agent
 * saw acknowledged is lost, the outage in progress keeps its incident, and no false alert is sent.
 * The alert goes to a real local webhook receiver.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import type { StatusJson } from '../src/server/status-json.ts';
import { openStore } from '../src/store/open.ts';
import { tempDir } from './helpers/cli.ts';
import { getJson, startBackend, waitFor } from './helpers/daemon.ts';

const ENTRY = fileURLToPath(new URL('./helpers/bascule-entry.ts', import.meta.url));
const TOKEN = 'crash-test-token-19af';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** The CLI as a child process, its output captured. */
function runEntry(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { BASCULE_TOKEN: _unset, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...inherited, LANG: 'en_US.UTF-8', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c;
  });
  child.stderr.on('data', (c: Buffer) => {
    stderr += c;
  });
  return new Promise((r) => child.once('close', (code) => r({ code, stdout, stderr })));
}

interface Hook {
  kind: string;
  service: string;
  incident: number;
  key: string;
}

describe('bascule run, killed and restarted', () => {
  const children: ChildProcess[] = [];
  const closers: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    for (const c of closers) await c();
  });

  it('loses nothing acknowledged and raises no false alert after SIGKILL', async () => {
    const backend = await startBackend();
    closers.push(() => backend.close());
    const hooks: Hook[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c;
      });
      req.on('end', () => {
        // Delivery is at least once: a kill between this answer and the outbox's removal sends it
        // again with the same idempotency key, which a receiver de-duplicates on, as this one does.
        const hook = JSON.parse(body) as Hook;
        if (!hooks.some((h) => h.key === hook.key)) hooks.push(hook);
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise((r) => receiver.close(() => r())));
    const hookPort = (receiver.address() as AddressInfo).port;

    const dir = tempDir();
    const port = await freePort();
    writeFileSync(join(dir, 'office.token'), `${TOKEN}\n`);
    const file = join(dir, 'bascule.yaml');
    writeFileSync(
      file,
      stringify({
        version: 1,
        name: 'Crash test',
        services: { shop: { criticality: 'critical', dependsOn: ['web'] } },
        components: { web: { provider: 'aws' } },
        vantages: { office: { provider: 'ovh', token: { file: 'office.token' } } },
        checks: {
          web: {
            component: 'web',
            http: backend.url,
            interval: '1s',
            timeout: '500ms',
            failAfter: 2,
            recoverAfter: 1,
            from: ['local'],
          },
          'web-office': { component: 'web', http: backend.url, interval: '1s', from: ['office'] },
        },
        notify: { ops: { webhook: `http://127.0.0.1:${hookPort}/hook` } },
        runtime: { listen: `127.0.0.1:${port}`, dataDir: 'data' },
      }),
    );
    const url = `http://127.0.0.1:${port}`;
    const start = () => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', ENTRY, 'run', '-c', file, '--log-level', 'warn'],
        {
          stdio: ['ignore', 'ignore', 'pipe'],
          env: { ...process.env, LANG: 'en_US.UTF-8' },
        },
      );
      children.push(child);
      return child;
    };

    const first = start();
    await waitFor('daemon up', async () => (await getJson(`${url}/healthz`)).status === 200, 30_000);

    // The office agent's results, acknowledged one batch at a time.
    let acknowledged = 0;
    const t0 = Date.now() - 60_000;
    for (let b = 0; b < 5; b++) {
      const observations = Array.from({ length: 100 }, (_, i) => ({
        check: 'web-office',
        at: t0 + b * 100 + i,
        ok: true,
        latencyMs: 1,
      }));
      const res = await getJson<{ accepted: number }>(`${url}/api/v1/agent/observations?vantage=office`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ observations }),
      });
      assert.equal(res.status, 202);
      acknowledged += res.body.accepted;
    }
    assert.equal(acknowledged, 500);

    backend.healthy = false;
    await waitFor('the opened alert', () => hooks.some((h) => h.kind === 'opened'), 20_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));

    const second = start();
    await waitFor('daemon up again', async () => (await getJson(`${url}/healthz`)).status === 200, 30_000);
    // No token configured: the first run wrote one, private, into the data directory; it is reused.
    const tokenPath = join(dir, 'data', 'operator.token');
    assert.equal(statSync(tokenPath).mode & 0o777, 0o600);
    const operator = readFileSync(tokenPath, 'utf8').trim();
    assert.equal((await getJson(`${url}/api/v1/status`)).status, 401);
    const s = (
      await getJson<StatusJson>(`${url}/api/v1/status`, { headers: { authorization: `Bearer ${operator}` } })
    ).body;
    assert.equal(s.checks.find((c) => c.id === 'web')?.state, 'DOWN', 'the outage is remembered');
    const open = s.incidents.filter((i) => i.closedAt === undefined || i.closedAt === null);
    assert.equal(open.length, 1);
    // `bascule status` on the same machine finds that token by itself (exit 1: a service is DOWN).
    const cli = await runEntry(['status', '-c', file, '--format', 'json']);
    assert.equal(cli.code, 1, cli.stderr);
    assert.equal((JSON.parse(cli.stdout) as StatusJson).checks.find((c) => c.id === 'web')?.state, 'DOWN');
    const refused = await runEntry(['status', '-c', file], { BASCULE_TOKEN: 'not-the-token' });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /refused the operator token \(\$BASCULE_TOKEN\)/);
    assert.doesNotMatch(refused.stderr, /\n\s+at /, 'no stack trace');
    await new Promise((r) => setTimeout(r, 3000)); // more failing probes after the restart
    assert.deepEqual(
      hooks.map((h) => h.kind),
      ['opened'],
      'no second alert for the same outage',
    );

    backend.healthy = true;
    await waitFor('the resolved alert', () => hooks.some((h) => h.kind === 'resolved'), 20_000);
    assert.deepEqual(
      hooks.map((h) => [h.kind, h.incident]),
      [
        ['opened', open[0]!.id],
        ['resolved', open[0]!.id],
      ],
    );
    second.kill('SIGTERM');
    const code = await new Promise((r) => second.once('exit', r));
    assert.equal(code, 0, 'a clean stop on SIGTERM');

    const store = await openStore('sqlite', join(dir, 'data'));
    try {
      const kept = await store.observations('web-office', 0, { vantage: 'office' });
      assert.equal(kept.length, acknowledged, 'every acknowledged result survived SIGKILL');
    } finally {
      await store.close();
    }
  });
});

/**
 * The alert outbox with real processes: `bascule run` (bin/bascule.js) alerts a real webhook
 * receiver on 127.0.0.1 that refuses the first attempts; the daemon is killed (SIGKILL) while it
 * waits to retry, or stopped (SIGTERM) while the receiver still refuses, past the drain limit. After
 * a restart the "opened" alert is delivered exactly once, with the same idempotency key on every
 * attempt, and the outbox is empty. And in process: the expiry policy (log and metric) and the
 * order of a channel's alerts behind one that failed.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Registry } from 'prom-client';
import { stringify } from 'yaml';
import { ALERTS_KEY, notifyStage } from '../src/daemon/stages/notify.ts';
import { configSchema } from '../src/model/schema.ts';
import { Notifier } from '../src/notify/notifier.ts';
import { systemClock } from '../src/platform/clock.ts';
import { createLogger } from '../src/platform/log.ts';
import { MemoryStore } from '../src/store/memory.ts';
import { openStore } from '../src/store/open.ts';
import { ensureBuilt } from './helpers/bin.ts';
import { tempDir } from './helpers/cli.ts';
import { getJson, startBackend, waitFor } from './helpers/daemon.ts';

const BIN = fileURLToPath(new URL('../bin/bascule.js', import.meta.url));

interface Hit {
  readonly key: string | undefined;
  readonly kind: string;
  readonly bodyKey: string;
  readonly status: number;
}

/** A webhook receiver on 127.0.0.1: `answer(n)` gives the status of the n-th request (from 1). */
async function hookReceiver(answer: (n: number) => number, onHit?: (hit: Hit) => void) {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c;
    });
    req.on('end', () => {
      const parsed = JSON.parse(body) as { kind: string; key: string };
      const headers: IncomingHttpHeaders = req.headers;
      const key = headers['idempotency-key'];
      const hit: Hit = {
        key: typeof key === 'string' ? key : undefined,
        kind: parsed.kind,
        bodyKey: parsed.key,
        status: answer(hits.length + 1),
      };
      hits.push(hit);
      res.writeHead(hit.status).end();
      onHit?.(hit);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    hits,
    url: `http://127.0.0.1:${port}/hook`,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** A map with one critical service behind one failing check, alerting `hook`. */
function project(backendUrl: string, hook: string, port: number): string {
  const dir = tempDir();
  const file = join(dir, 'bascule.yaml');
  writeFileSync(
    file,
    stringify({
      version: 1,
      name: 'Outbox test',
      services: { shop: { criticality: 'critical', dependsOn: ['web'] } },
      components: { web: { provider: 'aws' } },
      checks: {
        web: {
          component: 'web',
          http: backendUrl,
          interval: '1s',
          timeout: '500ms',
          failAfter: 1,
          recoverAfter: 1,
        },
      },
      notify: { ops: { webhook: hook } },
      runtime: { listen: `127.0.0.1:${port}`, dataDir: 'data' },
    }),
  );
  return file;
}

describe('alert outbox: bascule run killed or stopped while an alert waits', () => {
  const children: ChildProcess[] = [];
  const closers: (() => Promise<void>)[] = [];
  before(() => ensureBuilt());
  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const c of closers) await c();
  });

  const start = (file: string) => {
    const child = spawn(process.execPath, [BIN, 'run', '-c', file, '--log-level', 'warn'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LANG: 'en_US.UTF-8' },
    });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c;
    });
    children.push(child);
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    return { child, exited, stderr: () => stderr };
  };

  const outboxLeft = async (file: string) => {
    const store = await openStore('sqlite', join(file, '..', 'data'));
    try {
      return await store.outboxSize();
    } finally {
      await store.close();
    }
  };

  it('SIGKILL during the wait before the retry: delivered once after the restart, same key', async () => {
    const backend = await startBackend();
    closers.push(() => backend.close());
    let first: ReturnType<typeof start> | undefined;
    const hook = await hookReceiver(
      (n) => (n === 1 ? 500 : 200),
      (hit) => {
        // Killed while it waits to retry (the first retry is 1 s after the refusal).
        if (hit.status === 500) setTimeout(() => first?.child.kill('SIGKILL'), 200);
      },
    );
    closers.push(hook.close);
    const port = await freePort();
    const file = project(backend.url, hook.url, port);
    const url = `http://127.0.0.1:${port}`;

    first = start(file);
    await waitFor('daemon up', async () => (await getJson(`${url}/healthz`)).status === 200, 30_000);
    backend.healthy = false;
    await waitFor('the refused attempt', () => hook.hits.length === 1, 20_000);
    assert.equal(await first.exited, null, 'killed');
    assert.equal(first.child.signalCode, 'SIGKILL');
    assert.equal(hook.hits.length, 1, 'killed before its retry');

    const second = start(file);
    await waitFor(
      'the alert delivered after the restart',
      () => hook.hits.some((h) => h.status === 200),
      30_000,
    );
    await new Promise((r) => setTimeout(r, 2500)); // nothing more comes
    const opened = hook.hits.filter((h) => h.kind === 'opened');
    assert.deepEqual(
      opened.map((h) => h.status),
      [500, 200],
      'the "opened" alert accepted exactly once',
    );
    assert.equal(hook.hits.length, 2, 'no other alert');
    assert.ok(opened[0]!.key?.startsWith('shop@'), opened[0]!.key);
    assert.equal(opened[1]!.key, opened[0]!.key, 'the same idempotency key on every attempt');
    assert.equal(opened[0]!.bodyKey, opened[0]!.key);
    second.child.kill('SIGTERM');
    assert.equal(await second.exited, 0, second.stderr());
    assert.equal(await outboxLeft(file), 0, 'the delivered alert left the outbox');
  });

  it('SIGTERM while the receiver refuses: stops at the drain limit, delivers after the restart', async () => {
    const backend = await startBackend();
    closers.push(() => backend.close());
    const receiver = { healthy: false };
    let first: ReturnType<typeof start> | undefined;
    let termAt = 0;
    const hook = await hookReceiver(
      () => (receiver.healthy ? 200 : 500),
      (hit) => {
        if (hit.status === 500 && termAt === 0) {
          termAt = Date.now();
          first?.child.kill('SIGTERM');
        }
      },
    );
    closers.push(hook.close);
    const port = await freePort();
    const file = project(backend.url, hook.url, port);
    const url = `http://127.0.0.1:${port}`;

    first = start(file);
    await waitFor('daemon up', async () => (await getJson(`${url}/healthz`)).status === 200, 30_000);
    backend.healthy = false;
    assert.equal(await first.exited, 0, first.stderr());
    const stoppedAfter = Date.now() - termAt;
    assert.ok(stoppedAfter >= 4500, `kept trying until the drain limit (${stoppedAfter} ms)`);
    assert.ok(hook.hits.length >= 2, 'retried while draining');
    assert.ok(
      hook.hits.every((h) => h.status === 500),
      'nothing accepted before the stop',
    );
    assert.equal(await outboxLeft(file), 1, 'the undelivered alert stays queued');

    receiver.healthy = true;
    const second = start(file);
    await waitFor(
      'the alert delivered after the restart',
      () => hook.hits.some((h) => h.status === 200),
      30_000,
    );
    await new Promise((r) => setTimeout(r, 2000));
    const accepted = hook.hits.filter((h) => h.status === 200);
    assert.deepEqual(
      accepted.map((h) => h.kind),
      ['opened'],
      'the "opened" alert accepted exactly once',
    );
    assert.equal(new Set(hook.hits.map((h) => h.key)).size, 1, 'one idempotency key across attempts');
    assert.equal(accepted[0]!.key, hook.hits[0]!.key);
    second.child.kill('SIGTERM');
    assert.equal(await second.exited, 0, second.stderr());
    assert.equal(await outboxLeft(file), 0);
  });
});

describe('alert outbox: policy', () => {
  const T0 = Date.now();
  const config = (hook: string) =>
    configSchema.parse({
      version: 1,
      name: 'Test',
      services: { checkout: { criticality: 'critical' } },
      notify: { ops: { webhook: hook } },
    });
  const opened = (id: string) => ({
    type: 'incident-opened' as const,
    incident: {
      id,
      service: 'checkout',
      openedAt: T0,
      worst: 'DOWN' as const,
      state: 'DOWN' as const,
      timeline: [],
    },
  });
  const logCapture = () => {
    const lines: string[] = [];
    const log = createLogger(
      'info',
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          lines.push(chunk.toString());
          cb();
        },
      }),
    );
    return { lines, log };
  };

  it('drops an alert past its max age, with a warning and bascule_alerts_expired_total', async () => {
    const hook = await hookReceiver(() => 500);
    const { lines, log } = logCapture();
    const registry = new Registry();
    const store = new MemoryStore();
    const notifier = new Notifier({ config: config(hook.url), lang: 'en', baseDir: '.', env: {}, log });
    const stage = await notifyStage({
      notifier,
      store,
      log,
      clock: systemClock,
      registry,
      causes: () => [],
      retryDelays: [50],
      maxAgeMs: 1500,
    });
    try {
      await stage.tick?.run(Date.now(), () => {}); // the pipeline's start: the outbox starts
      await stage.on?.incidents?.({ events: [opened('checkout@1')], changed: [] }, Date.now(), () => {});
      assert.equal(await store.outboxSize(), 1);
      await waitFor('the alert expired', async () => (await store.outboxSize()) === 0, 5_000);
      assert.ok(hook.hits.length >= 2, 'retried before it expired');
      assert.match(
        await registry.metrics(),
        /bascule_alerts_expired_total\{channel="ops",reason="max-age"\} 1/,
      );
      const warning = lines.find((l) => l.includes('alert dropped undelivered'));
      assert.ok(warning, lines.join(''));
      assert.match(warning, /"key":"checkout@1:opened"/);
      assert.match(warning, /"level":"?(warn|40)"?/);
      assert.deepEqual(notifier.stats.ops, { sent: 0, failed: 1, suppressed: 0 });
      // The decision was kept with the alert: the same incident is not alerted again.
      assert.ok(JSON.stringify(await store.loadState(ALERTS_KEY)).includes('checkout@1'));
    } finally {
      await stage.stop?.(Date.now());
      await hook.close();
    }
  });

  it('keeps a channel in order: alerts behind one that failed wait for its retry', async () => {
    const hook = await hookReceiver((n) => (n === 1 ? 503 : 200));
    const store = new MemoryStore();
    const notifier = new Notifier({ config: config(hook.url), lang: 'en', baseDir: '.', env: {} });
    const stage = await notifyStage({
      notifier,
      store,
      log: createLogger('silent'),
      clock: systemClock,
      registry: new Registry(),
      causes: () => [],
      retryDelays: [300],
    });
    try {
      await stage.tick?.run(Date.now(), () => {});
      await stage.on?.incidents?.(
        { events: [opened('checkout@1'), opened('checkout@2')], changed: [] },
        Date.now(),
        () => {},
      );
      await waitFor('both delivered', async () => (await store.outboxSize()) === 0, 5_000);
      assert.deepEqual(
        hook.hits.map((h) => `${h.key} ${h.status}`),
        ['checkout@1:opened 503', 'checkout@1:opened 200', 'checkout@2:opened 200'],
      );
    } finally {
      await stage.stop?.(Date.now());
      await hook.close();
    }
  });

  it('a failing store holds the decision: nothing is decided twice, nothing lost', async () => {
    const hook = await hookReceiver(() => 200);
    class Failing extends MemoryStore {
      fail = false;
      override async enqueue(...args: Parameters<MemoryStore['enqueue']>) {
        if (this.fail) throw new Error('SQLITE_BUSY: database is locked');
        return super.enqueue(...args);
      }
    }
    const store = new Failing();
    const notifier = new Notifier({ config: config(hook.url), lang: 'en', baseDir: '.', env: {} });
    const stage = await notifyStage({
      notifier,
      store,
      log: createLogger('silent'),
      clock: systemClock,
      registry: new Registry(),
      causes: () => [],
    });
    assert.equal(stage.durable, true, 'a failure holds the batch and retries it');
    const batch = { events: [opened('checkout@7')], changed: [] };
    try {
      await stage.tick?.run(Date.now(), () => {});
      store.fail = true;
      await assert.rejects(stage.on!.incidents!(batch, Date.now(), () => {}) as Promise<void>);
      store.fail = false;
      await stage.on!.incidents!(batch, Date.now(), () => {}); // the pipeline's retry
      await waitFor('delivered', () => hook.hits.length === 1, 5_000);
      assert.equal(hook.hits[0]!.key, 'checkout@7:opened');
    } finally {
      await stage.stop?.(Date.now());
      await hook.close();
    }
  });
});

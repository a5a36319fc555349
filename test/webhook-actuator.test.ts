/**
 * The webhook actuator against real HTTP receivers on 127.0.0.1 that answer by script: the
 * documented signature, the idempotency key across retries, retries and their bounds, refusals,
 * Retry-After, aborts, the fence kept across restarts, secrets kept out of results and logs, and
 * the actuator contract.
 */
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import type { ApplyResult, Routing } from '../src/actuators/actuator.ts';
import { WebhookActuator } from '../src/actuators/webhook/actuator.ts';
import type { WebhookOptions, WebhookRetry } from '../src/actuators/webhook/options.ts';
import { createLogger } from '../src/platform/log.ts';
import { actuatorContract } from './actuator.contract.ts';

const aws: Routing = { group: 'api', endpoint: 'aws', address: '127.0.0.2:9001' };
const gcp: Routing = { group: 'api', endpoint: 'gcp', address: '127.0.0.3:9002' };
const SECRET = 'hmac-key-for-the-hook';
/** Short waits, so retries take milliseconds; each test widens what it exercises. */
const FAST: Partial<WebhookRetry> = { attempts: 5, firstDelayMs: 20, maxDelayMs: 200, deadlineMs: 5_000 };

/** What the receiver does with a request: answer a status (with headers), or never answer. */
type Step = number | { readonly status: number; readonly headers?: Record<string, string> } | 'hang';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** performance.now() when the request had arrived whole. */
  readonly at: number;
  /** The status it was answered, undefined when it was left hanging. */
  readonly status: number | undefined;
}

/** An HTTP receiver on 127.0.0.1 answering `steps` in order, then `afterSteps` to every later request. */
async function scripted(steps: readonly Step[] = [], afterSteps: Step = 200) {
  const requests: Received[] = [];
  const hanging: ServerResponse[] = [];
  const rx = {
    requests,
    /** What every request after the script gets. */
    afterSteps,
    url: '',
    port: 0,
    /** The body of the last request answered 2xx: what the receiver acted on. */
    lastApplied(): Record<string, unknown> | undefined {
      const r = requests.findLast((q) => q.status !== undefined && q.status < 300);
      return r ? (JSON.parse(r.body) as Record<string, unknown>) : undefined;
    },
    close: () => {},
    /** Listens again on the same port after `close` (a receiver that comes back). */
    listen: async () => {},
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const step = steps[requests.length] ?? rx.afterSteps;
      const status = step === 'hang' ? undefined : typeof step === 'number' ? step : step.status;
      requests.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
        at: performance.now(),
        status,
      });
      if (step === 'hang') return void hanging.push(res);
      res.writeHead(status!, {
        'content-type': 'text/plain',
        ...(typeof step === 'object' ? step.headers : {}),
      });
      res.end('ok');
    });
  });
  rx.listen = async () => {
    server.listen(rx.port, '127.0.0.1');
    await once(server, 'listening');
    rx.port = (server.address() as AddressInfo).port;
  };
  rx.close = () => {
    for (const res of hanging.splice(0)) res.destroy();
    server.closeAllConnections();
    server.close();
  };
  await rx.listen();
  rx.url = `http://127.0.0.1:${rx.port}/hook`;
  return rx;
}

/** A logger writing to memory; `waitFor` resolves once a line contains the text. */
function capturedLog() {
  const lines: string[] = [];
  const waiting: { text: string; resolve: () => void }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      const line = chunk.toString();
      lines.push(line);
      for (const w of waiting.filter((x) => line.includes(x.text))) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
      cb();
    },
  });
  return {
    lines,
    logger: createLogger('debug', stream),
    waitFor: (text: string) =>
      lines.some((l) => l.includes(text))
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiting.push({ text, resolve })),
  };
}

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function stateDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'bascule-webhook-'));
  dirs.push(d);
  return d;
}

function actuator(url: string, more: Partial<WebhookOptions> = {}): WebhookActuator {
  return new WebhookActuator({ group: 'api', url, stateDir: stateDir(), retry: FAST, ...more });
}

/** The documented verification (docs/notify.md, docs/failover.md), as a receiver would write it. */
function verifies(secret: string, r: Received): boolean {
  const ts = String(r.headers['x-bascule-timestamp']);
  const expected = `sha256=${createHmac('sha256', secret).update(`${ts}.${r.body}`).digest('hex')}`;
  const got = String(r.headers['x-bascule-signature'] ?? '');
  return got.length === expected.length && timingSafeEqual(Buffer.from(expected), Buffer.from(got));
}

describe('webhook actuator: what it sends', () => {
  it('a signed JSON POST a receiver verifies with the documented scheme, with the change and its key', async () => {
    const rx = await scripted();
    try {
      const a = actuator(rx.url, { secret: SECRET });
      const before = Date.now();
      assert.deepEqual(await a.apply(aws, 7), { ok: true, changed: true, fence: 7 });
      assert.deepEqual(await a.apply({ ...gcp, reason: 'down' } as Routing, 8), {
        ok: true,
        changed: true,
        fence: 8,
      });
      assert.equal(rx.requests.length, 2);
      const [first, second] = rx.requests as [Received, Received];
      for (const r of rx.requests) {
        assert.equal(r.headers['content-type'], 'application/json');
        assert.match(String(r.headers['x-bascule-timestamp']), /^\d+$/);
        assert.ok(verifies(SECRET, r), 'the signature verifies');
        assert.ok(!verifies('another-key', r), 'and only with the key');
      }
      const body = JSON.parse(second.body) as Record<string, unknown>;
      assert.equal(second.headers['idempotency-key'], 'api:8:gcp');
      assert.deepEqual(
        { ...body, at: undefined },
        {
          version: 1,
          source: 'bascule',
          kind: 'failover',
          group: 'api',
          endpoint: 'gcp',
          address: '127.0.0.3:9002',
          previous: 'aws',
          fence: 8,
          reason: 'down',
          at: undefined,
          idempotencyKey: 'api:8:gcp',
        },
      );
      assert.ok(typeof body.at === 'number' && body.at >= before && body.at <= Date.now());
      const firstBody = JSON.parse(first.body) as Record<string, unknown>;
      assert.equal(firstBody.previous, undefined, 'nothing was sent before');
      assert.equal(firstBody.reason, undefined, 'no reason given');
      assert.equal(first.headers['idempotency-key'], 'api:7:aws');
      // A tampered body no longer verifies.
      assert.ok(!verifies(SECRET, { ...second, body: second.body.replace('gcp', 'aws') }));
    } finally {
      rx.close();
    }
  });

  it('without a secret the POST carries a timestamp and no signature', async () => {
    const rx = await scripted();
    try {
      assert.equal((await actuator(rx.url).apply(aws, 1)).ok, true);
      assert.match(String(rx.requests[0]?.headers['x-bascule-timestamp']), /^\d+$/);
      assert.equal(rx.requests[0]?.headers['x-bascule-signature'], undefined);
    } finally {
      rx.close();
    }
  });

  it('the same (endpoint, fence) again sends nothing; a newer fence for the same endpoint is sent, changed: false', async () => {
    const rx = await scripted();
    try {
      const a = actuator(rx.url);
      await a.apply(aws, 3);
      assert.deepEqual(await a.apply(aws, 3), { ok: true, changed: false, fence: 3 });
      assert.equal(rx.requests.length, 1, 'no POST for what was already delivered');
      assert.deepEqual(await a.apply(aws, 4), { ok: true, changed: false, fence: 4 });
      assert.equal(rx.requests.length, 2, 'the receiver learns the newer fence');
      assert.equal(rx.requests[1]?.headers['idempotency-key'], 'api:4:aws');
    } finally {
      rx.close();
    }
  });
});

describe('webhook actuator: retries', () => {
  it('retries 500, 503 and a timeout with the same body and key, each freshly signed, then succeeds', async () => {
    const rx = await scripted([500, 503, 'hang']);
    try {
      const a = actuator(rx.url, { secret: SECRET, retry: { ...FAST, attemptTimeoutMs: 300 } });
      assert.deepEqual(await a.apply(gcp, 5), { ok: true, changed: true, fence: 5 });
      assert.deepEqual(
        rx.requests.map((r) => r.status),
        [500, 503, undefined, 200],
      );
      assert.deepEqual(new Set(rx.requests.map((r) => r.headers['idempotency-key'])), new Set(['api:5:gcp']));
      assert.deepEqual(new Set(rx.requests.map((r) => r.body)).size, 1, 'the same body every time');
      assert.ok(rx.requests.every((r) => verifies(SECRET, r)));
      assert.equal((await a.current('api'))?.endpoint, 'gcp');
    } finally {
      rx.close();
    }
  });

  it('retries a refused connection until the receiver is back', async () => {
    const rx = await scripted();
    rx.close();
    const log = capturedLog();
    try {
      const a = actuator(rx.url, { logger: log.logger, retry: { ...FAST, firstDelayMs: 300 } });
      const applying = a.apply(aws, 2);
      await log.waitFor('ECONNREFUSED');
      await rx.listen();
      assert.deepEqual(await applying, { ok: true, changed: true, fence: 2 });
      assert.equal(rx.requests.length, 1);
      assert.equal(rx.lastApplied()?.endpoint, 'aws');
    } finally {
      rx.close();
    }
  });

  it('gives up after the attempts allowed, as unreachable (503) or error (500), with the count', async () => {
    for (const [status, reason] of [
      [503, 'unreachable'],
      [500, 'error'],
    ] as const) {
      const rx = await scripted([], status);
      try {
        const r = await actuator(rx.url, { retry: { ...FAST, attempts: 3 } }).apply(aws, 1);
        assert.deepEqual(r, {
          ok: false,
          reason,
          detail: `HTTP ${status} from http://127.0.0.1:${rx.port} (3 attempts)`,
        });
        assert.equal(rx.requests.length, 3);
      } finally {
        rx.close();
      }
    }
  });

  it('stops at the overall deadline however many attempts are left', async () => {
    const rx = await scripted([], 'hang');
    try {
      const a = actuator(rx.url, {
        retry: { attempts: 100, firstDelayMs: 10, maxDelayMs: 10, deadlineMs: 600, attemptTimeoutMs: 250 },
      });
      const t0 = performance.now();
      const r = await a.apply(aws, 1);
      const took = performance.now() - t0;
      assert.equal(!r.ok && r.reason, 'unreachable', JSON.stringify(r));
      assert.ok(took < 1_500, `${took} ms`);
      assert.ok(rx.requests.length >= 2 && rx.requests.length <= 3, `${rx.requests.length} attempts`);
    } finally {
      rx.close();
    }
  });

  it('a 400 is rejected at once, with no retry; so is a redirect', async () => {
    for (const [step, detail] of [
      [400, 'HTTP 400'],
      [{ status: 302, headers: { location: 'http://127.0.0.1:1/' } }, 'HTTP 302'],
    ] as const) {
      const rx = await scripted([step]);
      try {
        const a = actuator(rx.url);
        const r = await a.apply(aws, 1);
        assert.equal(r.ok, false);
        assert.equal(!r.ok && r.reason, 'rejected');
        assert.ok(
          !r.ok && r.detail?.startsWith(`${detail} from http://127.0.0.1:${rx.port}`),
          JSON.stringify(r),
        );
        await new Promise((resolve) => setTimeout(resolve, 100)); // a retry would have come by now
        assert.equal(rx.requests.length, 1);
        assert.equal(await a.current('api'), undefined, 'nothing applied');
      } finally {
        rx.close();
      }
    }
  });

  it('a 429 waits for its Retry-After, within the cap', async () => {
    const rx = await scripted([{ status: 429, headers: { 'retry-after': '1' } }]);
    try {
      const a = actuator(rx.url, { retry: { ...FAST, maxDelayMs: 5_000 } });
      assert.equal((await a.apply(aws, 1)).ok, true);
      const [first, second] = rx.requests as [Received, Received];
      const gap = second.at - first.at;
      assert.ok(gap >= 950, `waited ${gap} ms for Retry-After: 1 (the backoff alone is 20 ms)`);
    } finally {
      rx.close();
    }
    const greedy = await scripted([{ status: 429, headers: { 'retry-after': '3600' } }]);
    try {
      const a = actuator(greedy.url, { retry: { ...FAST, maxDelayMs: 300 } });
      assert.equal((await a.apply(aws, 1)).ok, true);
      const [first, second] = greedy.requests as [Received, Received];
      const gap = second.at - first.at;
      assert.ok(gap >= 250 && gap < 1_500, `waited ${gap} ms: Retry-After 3600 s capped at 300 ms`);
    } finally {
      greedy.close();
    }
  });

  it('an abort stops the retries at once, and the next apply does not wait for them', async () => {
    const rx = await scripted([500]);
    const log = capturedLog();
    try {
      const retry = { ...FAST, firstDelayMs: 2_000, maxDelayMs: 2_000 };
      const a = actuator(rx.url, { logger: log.logger, retry });
      const ctl = new AbortController();
      const applying = a.apply(aws, 1, ctl.signal);
      await log.waitFor('retrying');
      const t0 = performance.now();
      ctl.abort();
      assert.deepEqual(await applying, { ok: false, reason: 'error', detail: 'aborted' });
      assert.ok(performance.now() - t0 < 500);
      assert.deepEqual(await a.apply(gcp, 2), { ok: true, changed: true, fence: 2 });
      assert.ok(performance.now() - t0 < 1_000, 'the aborted retries no longer hold the queue');
      await new Promise((resolve) => setTimeout(resolve, 2_300)); // past the aborted one's next attempt
      assert.deepEqual(
        rx.requests.map((r) => (JSON.parse(r.body) as { endpoint: string }).endpoint),
        ['aws', 'gcp'],
        'no attempt after the abort',
      );
    } finally {
      rx.close();
    }
  });
});

describe('webhook actuator: one apply at a time', () => {
  it('an apply queued behind a hung one answers its abort promptly and never runs', async () => {
    const rx = await scripted(['hang']);
    try {
      const a = actuator(rx.url, { retry: { ...FAST, attemptTimeoutMs: 1_500 } });
      const first = a.apply(aws, 1);
      const t0 = performance.now();
      const queued = await a.apply(gcp, 2, AbortSignal.timeout(100));
      const took = performance.now() - t0;
      assert.deepEqual(queued, { ok: false, reason: 'error', detail: 'aborted' });
      assert.ok(took < 1_000, `answered after ${took} ms, with the first apply still hung`);
      assert.deepEqual(await first, { ok: true, changed: true, fence: 1 });
      assert.equal(rx.requests.length, 2, 'the hung attempt and its retry; nothing of the aborted one');
      assert.equal((await a.current('api'))?.endpoint, 'aws');
    } finally {
      rx.close();
    }
  });
});

describe('webhook actuator: the fence', () => {
  it('refuses a fence older than the newest delivered, without sending it', async () => {
    const rx = await scripted();
    try {
      const a = actuator(rx.url);
      await a.apply(gcp, 9);
      assert.deepEqual(await a.apply(aws, 8), { ok: false, reason: 'stale-fence', detail: 'fence 8 < 9' });
      assert.equal(rx.requests.length, 1);
      assert.equal((await a.current('api'))?.endpoint, 'gcp');
    } finally {
      rx.close();
    }
  });

  it('a new actuator on the same state directory keeps the fence and current()', async () => {
    const rx = await scripted();
    try {
      const dir = stateDir();
      const first = new WebhookActuator({ group: 'api', url: rx.url, stateDir: dir, retry: FAST });
      await first.apply(gcp, 12);
      const restarted = new WebhookActuator({ group: 'api', url: rx.url, stateDir: dir, retry: FAST });
      assert.deepEqual(await restarted.current('api'), gcp);
      assert.deepEqual(await restarted.apply(aws, 11), {
        ok: false,
        reason: 'stale-fence',
        detail: 'fence 11 < 12',
      });
      assert.deepEqual(await restarted.apply(gcp, 12), { ok: true, changed: false, fence: 12 });
      assert.equal(rx.requests.length, 1, 'nothing re-sent after the restart');
      assert.deepEqual(await restarted.apply(aws, 13), { ok: true, changed: true, fence: 13 });
      assert.equal((JSON.parse(rx.requests[1]!.body) as { previous: string }).previous, 'gcp');
      assert.deepEqual(JSON.parse(readFileSync(restarted.stateFile, 'utf8')), { fence: 13, routing: aws });
    } finally {
      rx.close();
    }
  });

  it('a state file that makes no sense is an error, and nothing is sent', async () => {
    const rx = await scripted();
    try {
      const a = actuator(rx.url);
      writeFileSync(a.stateFile, '{"fence": "many"');
      assert.deepEqual(await a.apply(aws, 1), { ok: false, reason: 'error', detail: 'state file: not JSON' });
      assert.equal(rx.requests.length, 0);
      assert.equal(await a.current('api'), undefined);
    } finally {
      rx.close();
    }
  });

  it('serves one group: another group is rejected and unknown', async () => {
    const rx = await scripted();
    try {
      const a = actuator(rx.url);
      const r = await a.apply({ ...aws, group: 'web' }, 1);
      assert.deepEqual(r, { ok: false, reason: 'rejected', detail: 'this webhook serves group api' });
      assert.equal(await a.current('web'), undefined);
      assert.equal(rx.requests.length, 0);
    } finally {
      rx.close();
    }
  });
});

describe('webhook actuator: secrets', () => {
  it('never shows the HMAC key nor the URL’s credentials, path or query in results or logs', async () => {
    const rx = await scripted([500, 400, 200]);
    const log = capturedLog();
    const secrets = [SECRET, 'user-in-url', 'password-in-url', 'path-token', 'query-token'];
    const url = `http://user-in-url:password-in-url@127.0.0.1:${rx.port}/hook/path-token?key=query-token`;
    try {
      const a = actuator(url, { secret: SECRET, logger: log.logger });
      const results: ApplyResult[] = [];
      results.push(await a.apply(aws, 1)); // 500, then 400: rejected
      results.push(await a.apply(aws, 1)); // 200
      rx.close();
      results.push(await a.apply(gcp, 2)); // refused
      assert.deepEqual(
        results.map((r) => (r.ok ? 'ok' : r.reason)),
        ['rejected', 'ok', 'unreachable'],
      );
      // The receiver got them: the credentials as basic authentication, the path and query as given.
      const expected = `Basic ${Buffer.from('user-in-url:password-in-url').toString('base64')}`;
      assert.equal(rx.requests[0]?.headers.authorization, expected);
      assert.ok(verifies(SECRET, rx.requests[2]!));
      const shown = [...results.map((r) => JSON.stringify(r)), ...log.lines].join('\n');
      assert.ok(log.lines.length >= 3, log.lines.join(''));
      for (const s of secrets) assert.ok(!shown.includes(s), `${s} is shown:\n${shown}`);
      assert.ok(shown.includes(`http://127.0.0.1:${rx.port}`), 'the receiver is named by its origin');
      assert.ok(!readFileSync(a.stateFile, 'utf8').includes(SECRET));
    } finally {
      rx.close();
    }
  });
});

actuatorContract('webhook', async () => {
  const rx = await scripted();
  const dir = stateDir();
  const make = () =>
    new WebhookActuator({
      group: 'api',
      url: rx.url,
      secret: SECRET,
      stateDir: dir,
      retry: { attempts: 3, firstDelayMs: 20, maxDelayMs: 50, deadlineMs: 2_000, attemptTimeoutMs: 500 },
    });
  let a = make();
  return {
    get actuator() {
      return a;
    },
    // What the receiver acted on: the last change it acknowledged.
    served: async () => rx.lastApplied()?.endpoint as string | undefined,
    breakTarget: async () => rx.close(),
    hangTarget: async () => {
      rx.afterSteps = 'hang';
    },
    // The receiver keeps what it was told; the actuator keeps only its state directory.
    restart: async () => {
      a = make();
    },
    close: async () => rx.close(),
  };
});

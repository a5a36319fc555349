/**
 * Bad clients and bad backends against the proxy: oversized headers and bodies, malformed
 * requests, slowloris sockets, too many connections, a backend that stalls mid-response or never
 * ends; each bounded, answered with a code or cut, logged with a reason. Then a bounded abuse loop
 * against the proxy in its own process: its memory and its open handles stay within bounds.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { type Backend, startBackend } from './helpers/backends.ts';
import { codeOf, send } from './helpers/http-client.ts';
import { routing, startProxy, type TestProxy } from './helpers/proxy.ts';
import { ABUSE_LIMITS, abuse, raw } from './helpers/proxy-abuse.ts';

const bodyOf = (answer: string) => answer.slice(answer.indexOf('\r\n\r\n') + 4);

describe('proxy faults', () => {
  let aws: Backend;
  let t: TestProxy;
  before(async () => {
    aws = await startBackend('aws', '127.0.0.2');
    t = await startProxy(routing({ name: 'aws', address: aws.address }), {
      limits: { headerBytes: 8 * 1024, bodyBytes: 64 * 1024, replayBytes: 16 * 1024, connections: 400 },
      timeouts: { headers: 1_000, request: 3_000, backendIdle: 500 },
    });
  });
  after(async () => {
    await t?.proxy.close();
    await aws?.kill();
  });

  it('answers 431 to a head over the limit, 400 to a malformed request, and logs why', async () => {
    const big = await raw(t.proxy.port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(10_000)}\r\n\r\n`);
    assert.match(big, /^HTTP\/1\.1 431 /);
    assert.equal(JSON.parse(bodyOf(big)).error.code, 'BASCULE_E_PROXY_HEADERS_TOO_LARGE');
    const longLine = await raw(t.proxy.port, `GET /${'a'.repeat(10_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    assert.match(longLine, /^HTTP\/1\.1 431 /, 'the request line counts');
    const bad = await raw(t.proxy.port, 'BREW /pot HTCPCP/1.0 what\r\n\r\n');
    assert.match(bad, /^HTTP\/1\.1 400 /);
    assert.equal(JSON.parse(bodyOf(bad)).error.code, 'BASCULE_E_PROXY_BAD_REQUEST');
    const fr = await raw(t.proxy.port, 'GET / HTTP/1.1\r\nAccept-Language: fr\r\nContent-Length: x\r\n\r\n');
    assert.match(JSON.parse(bodyOf(fr)).error.message, /n’est pas du HTTP/);
    const reasons = t
      .logs()
      .filter((l) => l.kind === 'client')
      .map((l) => l.reason);
    assert.ok(reasons.includes('HPE_HEADER_OVERFLOW'), JSON.stringify(reasons));
  });

  it('answers 413 to a body over the limit, declared or chunked, replayable or not', async () => {
    const declared = await send(`${t.url}/echo`, {
      method: 'POST',
      headers: { 'content-length': String(100_000) },
      body: Buffer.alloc(100_000),
    }).catch((e: Error) => e);
    assert.ok(!(declared instanceof Error), String(declared));
    assert.equal(declared.status, 413);
    assert.equal(codeOf(declared), 'BASCULE_E_PROXY_BODY_TOO_LARGE');
    for (const method of ['POST', 'PUT']) {
      const chunked = await raw(
        t.proxy.port,
        `${method} /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n` +
          `${(70_000).toString(16)}\r\n${'b'.repeat(70_000)}\r\n0\r\n\r\n`,
      );
      assert.match(chunked, /^HTTP\/1\.1 413 /, method);
    }
    const within = await send(`${t.url}/echo`, { method: 'PUT', body: 'c'.repeat(40_000) });
    assert.equal(
      (JSON.parse(within.body) as { body: string }).body.length,
      40_000,
      'streamed past the replay size',
    );
  });

  it('slowloris: slow sockets do not starve others, and are closed after the header timeout', async () => {
    const slow: Socket[] = [];
    let closed = 0;
    for (let i = 0; i < 200; i++) {
      const s = connect(t.proxy.port, '127.0.0.1');
      s.on('error', () => {});
      s.on('close', () => closed++);
      s.write('GET / HTTP/1.1\r\nHost: x\r\n');
      slow.push(s);
    }
    const drip = setInterval(() => {
      for (const s of slow) if (!s.destroyed) s.write('X');
    }, 200);
    try {
      const t0 = Date.now();
      for (let i = 0; i < 20; i++) {
        const r = await send(`${t.url}/`);
        assert.equal(r.status, 200, JSON.stringify(r));
      }
      assert.ok(Date.now() - t0 < 2_000, `20 requests in ${Date.now() - t0} ms beside 200 slow sockets`);
      for (let i = 0; i < 40 && closed < slow.length; i++) await sleep(100);
      assert.equal(closed, slow.length, 'every slow socket closed by the proxy within 4 s');
    } finally {
      clearInterval(drip);
      for (const s of slow) s.destroy();
    }
  });

  it('closes connections over the limit and logs it', async () => {
    const limited = await startProxy(routing({ name: 'aws', address: aws.address }), {
      limits: { connections: 5 },
    });
    const held: Socket[] = [];
    let dropped = 0;
    for (let i = 0; i < 10; i++) {
      const s = connect(limited.proxy.port, '127.0.0.1');
      s.on('error', () => {});
      s.on('close', () => dropped++);
      held.push(s);
    }
    try {
      await sleep(300);
      assert.equal(dropped, 5);
      assert.ok(limited.logs().some((l) => l.kind === 'connections'));
      for (const s of held) s.destroy();
      await sleep(100);
      assert.equal((await send(`${limited.url}/`)).status, 200, 'served again once they are gone');
    } finally {
      for (const s of held) s.destroy();
      await limited.proxy.close();
    }
  });

  it('cuts a response the backend stops sending after backendIdle, and logs it', async () => {
    const cut = await send(`${t.url}/stall`).catch((e: Error) => e);
    assert.ok(cut instanceof Error, 'the client sees the response cut, not a complete one');
    assert.ok(t.logs().some((l) => l.kind === 'backend-idle'));
  });

  it('streams an endless response to the client, and drops the backend when the client leaves', async () => {
    const got = await new Promise<number>((resolve, reject) => {
      const req = request(`${t.url}/endless`, { agent: false }, (res) => {
        let n = 0;
        res.on('data', (d: Buffer) => {
          n += d.length;
          if (n > 4 * 1024 * 1024) {
            req.destroy();
            resolve(n);
          }
        });
      });
      req.on('error', (e) => (e.message.includes('aborted') ? undefined : reject(e)));
      req.end();
    });
    assert.ok(got > 4 * 1024 * 1024);
    assert.equal((await send(`${t.url}/`)).status, 200);
  });
});

describe('proxy abuse loop (its own process)', () => {
  let aws: Backend;
  let child: ChildProcess;
  let port = 0;
  const stats = () =>
    new Promise<{ rss: number; handles: number }>((resolve) => {
      child.once('message', (m) => resolve(m as { rss: number; handles: number }));
      child.send('stats');
    });
  before(async () => {
    aws = await startBackend('aws', '127.0.0.2');
    const dir = mkdtempSync(join(tmpdir(), 'bascule-proxy-abuse-'));
    const options = {
      group: 'api',
      listen: '127.0.0.1:0',
      stateFile: join(dir, 'state.json'),
      initial: routing({ name: 'aws', address: aws.address }),
      ...ABUSE_LIMITS,
    };
    const entry = fileURLToPath(new URL('./helpers/proxy-process.ts', import.meta.url));
    child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', entry, JSON.stringify(options)], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    child.stderr!.resume();
    port = await new Promise<number>((resolve, reject) => {
      child.stdout!.once('data', (d: Buffer) => resolve((JSON.parse(d.toString()) as { port: number }).port));
      child.once('exit', () => reject(new Error('the proxy process exited')));
    });
  });
  after(async () => {
    child?.kill('SIGKILL');
    await aws?.kill();
  });

  it('keeps its memory and handles bounded through 10 s of faults, and still serves', async (tc) => {
    const url = `http://127.0.0.1:${port}`;
    await abuse(port, 2_000); // warm up: code compiled, pools filled
    await sleep(1_500);
    const start = await stats();
    const faults = await abuse(port, 10_000, { max: 50_000 });
    await sleep(1_500); // the timeouts close what the last round left open
    const end = await stats();
    assert.equal((await send(`${url}/`)).status, 200, 'still serving');
    const grown = (end.rss - start.rss) / 1024 / 1024;
    tc.diagnostic(
      `${faults} faults, RSS ${start.rss >> 20} -> ${end.rss >> 20} MiB, handles ${start.handles} -> ${end.handles}`,
    );
    assert.ok(faults > 300, `${faults} faults`);
    assert.ok(grown < 40, `RSS grew by ${grown.toFixed(1)} MiB over ${faults} faults`);
    assert.ok(end.handles <= start.handles + 10, `handles ${start.handles} -> ${end.handles}`);
  });
});

/** A prebuilt answer written straight to Node's response, and the same answer without one. */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { Hono } from 'hono';
import { type Listening, listen } from '../src/server/listen.ts';
import { sendPrebuilt } from '../src/server/prebuilt.ts';

/** Not ASCII: its length in bytes (21) is not its length in characters (17). */
const BODY = Buffer.from('état — opérationnel');
const HEADERS = { 'content-type': 'text/plain; charset=utf-8', etag: 'W/"v1"' };

function app(): Hono {
  const a = new Hono();
  a.get('/page', (c) =>
    c.req.header('if-none-match') === HEADERS.etag
      ? sendPrebuilt(c, 304, { etag: HEADERS.etag }, undefined)
      : sendPrebuilt(c, 200, HEADERS, BODY),
  );
  return a;
}

/** The raw answer: status, headers and the bytes read. */
function get(url: string, method = 'GET', headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      const req = request(url, { method, headers, agent: false, timeout: 5000 });
      req.on('timeout', () => req.destroy(new Error('no answer in 5 s')));
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.end();
    },
  );
}

describe('a prebuilt answer', () => {
  let server: Listening;
  /** What the adapter reports on the console (an answer written twice is reported there). */
  const reported: unknown[] = [];
  const consoleError = console.error;
  before(async () => {
    server = await listen(app(), '127.0.0.1', 0);
    console.error = (...args: unknown[]) => {
      reported.push(args);
    };
  });
  after(async () => {
    console.error = consoleError;
    await server.stop();
  });

  it('is written as is: its bytes, their length, its headers and the API’s nosniff', async () => {
    const r = await get(`${server.url}/page`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, BODY);
    assert.equal(r.headers['content-length'], String(BODY.length));
    assert.equal(r.headers['content-type'], HEADERS['content-type']);
    assert.equal(r.headers.etag, HEADERS.etag);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['x-hono-already-sent'], undefined, 'the adapter’s marker stays inside');
  });

  it('answers HEAD with the same headers and no body, and 304 with neither body nor length', async () => {
    const head = await get(`${server.url}/page`, 'HEAD');
    assert.deepEqual(
      [head.status, head.body.length, head.headers['content-length'], head.headers.etag],
      [200, 0, String(BODY.length), HEADERS.etag],
    );
    const unchanged = await get(`${server.url}/page`, 'GET', { 'if-none-match': HEADERS.etag });
    assert.deepEqual(
      [unchanged.status, unchanged.body.length, unchanged.headers['content-length']],
      [304, 0, undefined],
    );
    assert.equal(unchanged.headers['x-content-type-options'], 'nosniff');
  });

  it('keeps the connection open: five answers in a row on one keep-alive connection', async () => {
    const { Agent } = await import('node:http');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const ports = new Set<number | undefined>();
    try {
      for (let i = 0; i < 5; i++) {
        const r = await new Promise<Buffer>((resolve, reject) => {
          request(`${server.url}/page`, { agent }, (res) => {
            ports.add(res.socket.localPort);
            const chunks: Buffer[] = [];
            res.on('data', (d: Buffer) => chunks.push(d));
            res.on('end', () => resolve(Buffer.concat(chunks)));
          })
            .on('error', reject)
            .end();
        });
        assert.deepEqual(r, BODY, `answer ${i + 1}`);
        await new Promise((r) => setTimeout(r, 20)); // time for the server to close it, if it would
      }
      assert.equal(ports.size, 1, 'one connection for all five');
      assert.deepEqual(reported, [], 'nothing written twice');
    } finally {
      agent.destroy();
    }
  });

  it('is an ordinary answer without a Node response (app.request)', async () => {
    const res = await app().request('/page');
    assert.equal(res.status, 200);
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), BODY);
    assert.equal(res.headers.get('etag'), HEADERS.etag);
    const unchanged = await app().request('/page', { headers: { 'if-none-match': HEADERS.etag } });
    assert.deepEqual([unchanged.status, await unchanged.text()], [304, '']);
  });
});

/**
 * The HTTP API's validation and limits against a real listening server (127.0.0.1:0): 400 naming
 * the field, answers in French, and request bodies, declared or chunked, bounded before parsing.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Listening } from '../src/server/listen.ts';
import { type Fake, OFFICE, OPERATOR, startApi, type TestApi } from './helpers/api.ts';

describe('HTTP API', () => {
  let api: TestApi;
  let fake: Fake;
  let server: Listening;
  before(async () => {
    api = await startApi();
    ({ fake, server } = api);
  });
  after(() => server.stop());
  const call: TestApi['call'] = (...a) => api.call(...a);
  const post: TestApi['post'] = (...a) => api.post(...a);

  describe('validation and limits', () => {
    it('answers 400 naming the field at fault', async () => {
      for (const [path, field] of [
        ['/api/v1/incidents?limit=0', 'limit'],
        ['/api/v1/incidents?limit=ten', 'limit'],
        ['/api/v1/incidents?open=maybe', 'open'],
        ['/api/v1/events?lastEventId=yesterday', 'lastEventId'],
      ] as const) {
        const r = await call(path, { token: OPERATOR });
        assert.equal(r.status, 400, path);
        assert.equal(r.json.error?.code, 'BASCULE_E_HTTP_BAD_REQUEST');
        assert.match(r.json.error?.message ?? '', new RegExp(`^${field}: `), path);
      }
      const shape = await call('/api/v1/agent/observations?vantage=office', {
        method: 'POST',
        token: OFFICE,
        body: JSON.stringify({ observations: { check: 'db-tcp' } }),
      });
      assert.equal(shape.status, 400);
      assert.match(shape.json.error?.message ?? '', /^observations: /);
      // An invalid observation is refused alone, named by its index and field; the post is answered.
      const item = await post([{ check: 'db-tcp', at: 'soon', ok: true, latencyMs: 1 }]);
      assert.deepEqual(
        [item.status, item.json],
        [202, { accepted: 0, ignored: 0, rejected: [{ index: 0, reason: 'invalid', field: 'at' }] }],
      );
      const extra = await post([{ check: 'db-tcp', at: 1, ok: true, latencyMs: 1, host: 'x' }]);
      assert.deepEqual(extra.json.rejected, [{ index: 0, reason: 'invalid', field: 'host' }]);
      const bad = await call('/api/v1/agent/observations?vantage=office', {
        method: 'POST',
        token: OFFICE,
        body: '\u0000not json',
      });
      assert.deepEqual([bad.status, bad.json.error?.code], [400, 'BASCULE_E_HTTP_BAD_JSON']);
      const text = await call('/api/v1/agent/observations?vantage=office', {
        method: 'POST',
        token: OFFICE,
        body: '{}',
        headers: { 'content-type': 'text/plain' },
      });
      assert.deepEqual([text.status, text.json.error?.code], [415, 'BASCULE_E_HTTP_MEDIA_TYPE']);
      assert.equal(fake.accepted.length, 0);
    });

    it('answers in French to a client that asks for it', async () => {
      const r = await call('/api/v1/status', { headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
      assert.match(r.json.error?.message ?? '', /jeton d’opérateur/);
    });

    it('refuses a 2 MiB body with 413 before it reaches the handler, declared or chunked', async () => {
      const obs = JSON.stringify({ check: 'db-tcp', at: fake.clock.now(), ok: true, latencyMs: 1 });
      const big = `{"observations":[${Array(Math.ceil((2 << 20) / obs.length))
        .fill(obs)
        .join(',')}]}`;
      assert.ok(big.length > 2 << 20);
      for (const chunked of [false, true]) {
        const r = await raw('POST', '/api/v1/agent/observations?vantage=office', big, {
          authorization: `Bearer ${OFFICE}`,
          ...(chunked ? {} : { 'content-length': String(Buffer.byteLength(big)) }),
        });
        assert.equal(r.status, 413, `chunked: ${chunked}`);
        assert.equal(JSON.parse(r.body).error.code, 'BASCULE_E_HTTP_TOO_LARGE');
      }
      // A stranger is refused on its headers, whatever it sends.
      const stranger = await raw('POST', '/api/v1/agent/observations?vantage=office', big, {});
      assert.equal(stranger.status, 401);
      assert.equal(fake.accepted.length, 0, 'nothing reached the handler');
    });

    it('takes a chunked body (no Content-Length) like any other: 202, 400, 415, and 413 past 1 MiB before it ends', async () => {
      const path = '/api/v1/agent/observations?vantage=office';
      const headers = { authorization: `Bearer ${OFFICE}`, 'transfer-encoding': 'chunked' };
      const obs = JSON.stringify({ check: 'db-tcp', at: fake.clock.now(), ok: true, latencyMs: 1 });
      const before = fake.accepted.length;
      const errors = fake.errors.length;
      const ok = await chunked(path, headers, ['{"observations":[', obs, ']}']);
      assert.deepEqual([ok.status, JSON.parse(ok.body)], [202, { accepted: 1, ignored: 0 }], ok.body);
      assert.equal(fake.accepted.length, before + 1);
      const invalid = await chunked(path, headers, ['{"observations":{"check":"db-tcp"}}']);
      assert.deepEqual(
        [invalid.status, JSON.parse(invalid.body).error.code],
        [400, 'BASCULE_E_HTTP_BAD_REQUEST'],
      );
      const notJson = await chunked(path, headers, ['{"observations":', '[']);
      assert.deepEqual(
        [notJson.status, JSON.parse(notJson.body).error.code],
        [400, 'BASCULE_E_HTTP_BAD_JSON'],
      );
      const text = await chunked(path, { ...headers, 'content-type': 'text/plain' }, ['{}']);
      assert.deepEqual([text.status, JSON.parse(text.body).error.code], [415, 'BASCULE_E_HTTP_MEDIA_TYPE']);
      // 1.5 MiB sent and the request left open: the answer comes without waiting for the rest.
      const started = Date.now();
      const big = await chunked(path, headers, Array(24).fill('x'.repeat(64 * 1024)), false);
      assert.deepEqual([big.status, JSON.parse(big.body).error.code], [413, 'BASCULE_E_HTTP_TOO_LARGE']);
      assert.ok(Date.now() - started < 2000, 'answered at once');
      assert.equal(fake.accepted.length, before + 1);
      assert.equal(fake.errors.length, errors, 'no internal error');
    });

    /** A request whose body is sent in `chunks`, ended or left open. */
    async function chunked(
      path: string,
      headers: Record<string, string>,
      chunks: string[],
      end = true,
    ): Promise<{ status: number; body: string }> {
      return new Promise((resolve, reject) => {
        const req = request(
          `${server.url}${path}`,
          { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => {
              text += c;
            });
            res.on('end', () => {
              req.destroy();
              resolve({ status: res.statusCode ?? 0, body: text });
            });
          },
        );
        req.on('error', (e: NodeJS.ErrnoException) => {
          if (e.code !== 'EPIPE' && e.code !== 'ECONNRESET') reject(e);
        });
        for (const c of chunks) req.write(c);
        if (end) req.end();
      });
    }

    async function raw(
      method: string,
      path: string,
      body: string,
      headers: Record<string, string>,
    ): Promise<{ status: number; body: string }> {
      return new Promise((resolve, reject) => {
        const req = request(
          `${server.url}${path}`,
          { method, headers: { 'content-type': 'application/json', ...headers } },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => {
              text += c;
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        // The server may answer and close before the whole body is sent: that is the point.
        req.on('error', (e: NodeJS.ErrnoException) => {
          if (e.code !== 'EPIPE' && e.code !== 'ECONNRESET') reject(e);
        });
        req.end(body);
      });
    }
  });
});

describe('connections that send nothing', () => {
  it('closes a silent connection after the first-request time, and never a slow answer', async () => {
    const { listen } = await import('../src/server/listen.ts');
    const { connect } = await import('node:net');
    const app = {
      fetch: async () => {
        await new Promise((r) => setTimeout(r, 600)); // slower than the first-request time
        return new Response('slow but whole');
      },
    };
    const server = await listen(app, '127.0.0.1', 0, { firstRequestMs: 300 });
    try {
      const silent = connect(server.address.port, '127.0.0.1');
      const t0 = Date.now();
      const closedAfter = await new Promise<number>((r) => silent.once('close', () => r(Date.now() - t0)));
      assert.ok(closedAfter >= 250 && closedAfter < 2_000, `closed after ${closedAfter} ms`);
      const res = await fetch(server.url);
      assert.equal(await res.text(), 'slow but whole', 'a request under way is not cut');
    } finally {
      await server.stop();
    }
  });
});

/**
 * A chunked request body over the limit, from a raw socket that keeps sending and reads only once
 * it has sent everything (as simple clients do): it must read a 413 JSON error, not a reset.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, it } from 'node:test';
import { OFFICE, startApi, type TestApi } from './helpers/api.ts';

let api: TestApi;
before(async () => {
  api = await startApi();
});
after(() => api.server.stop());

/** Sends `mib` MiB chunked, then reads: the answer's status line and body, or the socket error. */
function sendChunked(mib: number): Promise<{ error: string; answer: string }> {
  const url = new URL(api.server.url);
  return new Promise((resolve) => {
    const s = connect(Number(url.port), url.hostname);
    let answer = '';
    let error = '';
    s.pause(); // read nothing until everything is sent
    s.on('data', (c: Buffer) => {
      answer += c;
    });
    s.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
    });
    s.on('close', () => resolve({ error, answer }));
    s.write(
      'POST /api/v1/agent/observations?vantage=office HTTP/1.1\r\nHost: bascule\r\n' +
        `Authorization: Bearer ${OFFICE}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    const chunk = `10000\r\n${'x'.repeat(0x10000)}\r\n`;
    let sent = 0;
    const pump = () => {
      while (sent < mib * 16 && !s.destroyed) {
        sent++;
        if (!s.write(chunk)) return void s.once('drain', pump);
      }
      if (s.destroyed) return;
      s.write('0\r\n\r\n');
      setTimeout(() => {
        s.resume();
        s.end();
      }, 100);
    };
    pump();
  });
}

it('answers a chunked body over the limit with a 413 the client reads, not a reset', async () => {
  for (let round = 0; round < 5; round++) {
    const { error, answer } = await sendChunked(4);
    assert.equal(error, '', `round ${round}: the connection was reset`);
    assert.match(answer, /^HTTP\/1\.1 413 /, `round ${round}`);
    assert.match(answer, /"code":"BASCULE_E_HTTP_TOO_LARGE"/);
  }
});

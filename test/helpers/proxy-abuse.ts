/**
 * The faults a proxy must survive, as jobs a loop goes through (test/proxy-faults.test.ts for
 * 10 s, bench/proxy.ts for 60 s): against a backend of test/helpers/backend-process.ts behind it.
 * Each job ends, however the proxy answers (or does not).
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { send } from './http-client.ts';

/** Writes `text` on a new connection and reads until the proxy closes it (at most 5 s). */
export async function raw(port: number, text: string | Buffer, o: { end?: boolean } = {}): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  socket.setTimeout(5_000, () => socket.destroy());
  if (o.end) socket.end(text);
  else socket.write(text);
  const chunks: Buffer[] = [];
  try {
    for await (const d of socket) chunks.push(d as Buffer);
  } catch {
    // a reset is a close too
  }
  return Buffer.concat(chunks).toString();
}

export function abuseJobs(port: number): Array<() => Promise<unknown>> {
  const url = `http://127.0.0.1:${port}`;
  return [
    () => send(`${url}/`),
    () => send(`${url}/hang`),
    () => send(`${url}/garbage`),
    () => send(`${url}/stall`),
    () => send(`${url}/status/503`),
    () => send(`${url}/echo`, { method: 'PUT', body: 'x'.repeat(100_000) }),
    () => send(`${url}/echo`, { method: 'POST', body: 'x'.repeat(300_000) }),
    () => raw(port, `GET / HTTP/1.1\r\nX: ${'a'.repeat(9_000)}\r\n\r\n`),
    () => raw(port, 'NOT HTTP\r\n\r\n'),
    () => raw(port, 'GET / HTTP/1.1\r\nHost: x\r\n'), // slowloris: closed by the header timeout
    () => raw(port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n', { end: true }), // half-closed
    () =>
      raw(
        port,
        'GET /chat HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: a\r\n\r\nhi',
        { end: true },
      ),
    () =>
      new Promise<void>((resolve) => {
        // An endless response the client leaves after 256 KiB.
        const req = request(`${url}/endless`, { agent: false }, (res) => {
          let n = 0;
          res.on('data', (d: Buffer) => {
            n += d.length;
            if (n > 256 * 1024) req.destroy();
          });
        });
        req.on('error', () => resolve());
        req.on('close', () => resolve());
        req.end();
      }),
  ];
}

/** `workers` loops through the jobs until `ms` have passed or `max` jobs are done; the count done. */
export async function abuse(
  port: number,
  ms: number,
  o: { workers?: number; max?: number } = {},
): Promise<number> {
  const jobs = abuseJobs(port);
  const deadline = Date.now() + ms;
  const max = o.max ?? 100_000;
  let done = 0;
  const work = async (first: number) => {
    for (let i = first; Date.now() < deadline && done < max; i++) {
      await jobs[i % jobs.length]!().catch(() => {});
      done++;
    }
  };
  await Promise.all(Array.from({ length: o.workers ?? 8 }, (_, w) => work(w)));
  return done;
}

/** The options the abuse loop is run with: short timeouts, so what it leaves open is closed quickly. */
export const ABUSE_LIMITS = {
  limits: { headerBytes: 8 * 1024, bodyBytes: 256 * 1024, replayBytes: 64 * 1024 },
  timeouts: { headers: 500, request: 1_000, firstByte: 300, backendIdle: 300, clientIdle: 1_000 },
};

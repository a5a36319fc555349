/**
 * Many clients of the daemon's live feed (GET /api/v1/events), each on its own TCP connection with
 * the operator token, reading the raw stream: cheap enough that a thousand of them in one process
 * measure the daemon, not the clients. Each notes when it first sees a given event type after
 * `expect()`. Bounded: connecting gives up after `connectMs`, waiting after `waitMs`.
 */
import { connect, type Socket } from 'node:net';

export interface SseClients {
  /** Clients whose stream is open (200 and the `retry:` line read). */
  readonly open: number;
  /** Clients refused (their status line), by status. */
  readonly refused: ReadonlyMap<string, number>;
  /**
   * Resolves with each open client's delay (ms, from `since`, a performance.now()) until it read an
   * `event: TYPE` line, or NaN for those that did not within `waitMs`.
   */
  expect(type: string, since: number, waitMs: number): Promise<number[]>;
  close(): void;
}

interface Client {
  readonly socket: Socket;
  text: string;
  open: boolean;
  /** The answer's status code, once its status line is read. */
  status?: string;
  seen?: (at: number) => void;
  wanted?: string;
}

export async function connectSse(
  host: string,
  port: number,
  token: string,
  count: number,
  o: { readonly connectMs: number; readonly batch?: number },
): Promise<SseClients> {
  const request =
    `GET /api/v1/events HTTP/1.1\r\nHost: ${host}:${port}\r\nAuthorization: Bearer ${token}\r\n` +
    'Accept: text/event-stream\r\n\r\n';
  const clients: Client[] = [];
  const refused = new Map<string, number>();
  const deadline = performance.now() + o.connectMs;
  const one = () =>
    new Promise<void>((resolve) => {
      const socket = connect({ host, port, noDelay: true });
      const client: Client = { socket, text: '', open: false };
      clients.push(client);
      const timer = setTimeout(() => resolve(), Math.max(0, deadline - performance.now()));
      socket.setEncoding('utf8');
      socket.on('error', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.on('close', () => resolve());
      socket.write(request);
      socket.on('data', (chunk: string) => {
        // Keep only what a split line needs: the tail of the previous chunk.
        client.text = client.text.slice(-64) + chunk;
        if (!client.open) {
          // The status line, once: "HTTP/1.1 200 …" (the chunks after it no longer start with it).
          if (client.status === undefined) {
            if (client.text.length < 12) return;
            client.status = client.text.slice(9, 12);
          }
          const status = client.status;
          if (status !== '200') {
            refused.set(status, (refused.get(status) ?? 0) + 1);
            socket.destroy();
            clearTimeout(timer);
            resolve();
            return;
          }
          if (client.text.includes('retry:')) {
            client.open = true;
            clearTimeout(timer);
            resolve();
          }
        }
        if (client.wanted && client.seen && client.text.includes(`event: ${client.wanted}\n`)) {
          const seen = client.seen;
          client.seen = undefined;
          seen(performance.now());
        }
      });
    });
  const batch = o.batch ?? 50;
  for (let i = 0; i < count && performance.now() < deadline; i += batch) {
    await Promise.all(Array.from({ length: Math.min(batch, count - i) }, one));
  }
  const open = clients.filter((c) => c.open);
  return {
    open: open.length,
    refused,
    expect(type, since, waitMs) {
      return Promise.all(
        open.map(
          (c) =>
            new Promise<number>((resolve) => {
              const timer = setTimeout(() => {
                c.seen = undefined;
                resolve(Number.NaN);
              }, waitMs);
              c.text = '';
              c.wanted = type;
              c.seen = (at) => {
                clearTimeout(timer);
                resolve(at - since);
              };
            }),
        ),
      );
    },
    close() {
      for (const c of clients) c.socket.destroy();
    },
  };
}

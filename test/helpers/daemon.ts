/** Helpers for daemon tests: a real HTTP backend that can be made to fail, and polling. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Backend {
  readonly url: string;
  /** 200 "ok" when healthy, 503 otherwise. */
  healthy: boolean;
  readonly hits: () => number;
  close(): Promise<void>;
}

export async function startBackend(): Promise<Backend> {
  let hits = 0;
  const state = { healthy: true };
  const server: Server = createServer((_req, res) => {
    hits++;
    if (state.healthy) res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    else res.writeHead(503, { 'content-type': 'text/plain' }).end('maintenance');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/health`,
    get healthy() {
      return state.healthy;
    },
    set healthy(v: boolean) {
      state.healthy = v;
    },
    hits: () => hits,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/** Polls `probe` every 100 ms until it returns a truthy value, or fails after `ms`. */
export async function waitFor<T>(what: string, probe: () => Promise<T> | T, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await probe();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`,
  );
}

export async function getJson<T = unknown>(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (metrics)
  }
  return { status: res.status, body: body as T };
}

/**
 * The demo's client: a steady GET load through the proxy at a bounded rate (at most 32 requests in
 * flight, each ended within 5 s, at most MAX_REQUESTS in all), counting who answered (the
 * backend's `X-Backend` header) and every client error (a status other than 200, or no answer).
 */
import { Agent, request } from 'node:http';

/** A hard bound: about 2.8 hours at 20 requests a second. */
export const MAX_REQUESTS = 200_000;
const MAX_IN_FLIGHT = 32;
const TIMEOUT_MS = 5_000;

export interface LoadCounts {
  readonly requests: number;
  readonly byBackend: Readonly<Record<string, number>>;
  readonly errors: number;
}

export class ClientLoad {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 8 });
  private readonly byBackend: Record<string, number> = {};
  private requests = 0;
  private errors = 0;
  private sent = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly rate: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.fire(), Math.max(1, Math.round(1_000 / this.rate)));
  }

  /** What was answered so far (requests still in flight are not counted). */
  counts(): LoadCounts {
    return { requests: this.requests, byBackend: { ...this.byBackend }, errors: this.errors };
  }

  /** Sends no more, and waits for the requests in flight (each ends within 5 s). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.inFlight]);
    this.agent.destroy();
  }

  private fire(): void {
    if (this.sent >= MAX_REQUESTS) {
      clearInterval(this.timer);
      return;
    }
    if (this.inFlight.size >= MAX_IN_FLIGHT) return;
    this.sent++;
    const p = this.one().then((backend) => {
      this.requests++;
      if (backend === undefined) this.errors++;
      else this.byBackend[backend] = (this.byBackend[backend] ?? 0) + 1;
    });
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  /** The backend that answered 200, or undefined for a client error. */
  private one(): Promise<string | undefined> {
    return new Promise((resolve) => {
      const req = request(this.url, { agent: this.agent, timeout: TIMEOUT_MS }, (res) => {
        const backend = res.headers['x-backend'];
        res.resume();
        res.on('end', () =>
          resolve(res.statusCode === 200 && typeof backend === 'string' ? backend : undefined),
        );
        res.on('error', () => resolve(undefined));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => resolve(undefined));
      req.end();
    });
  }
}

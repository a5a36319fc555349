/**
 * DNS over TCP (RFC 7766): one connection per apply or read, messages framed by a two-byte length,
 * one exchange at a time. TCP rather than UDP: an UPDATE with its TSIG can pass 512 bytes, an
 * answer cannot be truncated, and a connection is not spoofed as easily. Everything on it ends by
 * the deadline or the caller's signal, whichever comes first; then the socket is destroyed.
 */
import { connect, type Socket } from 'node:net';

export type ExchangeFailure = { readonly kind: 'unreachable' | 'aborted'; readonly detail: string };

/** At most this many bytes in one answer (a TCP DNS message cannot be longer). */
const MAX_MESSAGE = 65_535;

export class DnsConnection {
  private readonly socket: Socket;
  private buffered = Buffer.alloc(0);
  private failure: ExchangeFailure | undefined;
  private waiting: ((m: Buffer | ExchangeFailure) => void) | undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly onAbort = () => this.fail({ kind: 'aborted', detail: 'aborted' });

  constructor(
    private readonly server: { readonly host: string; readonly port: number },
    timeoutMs: number,
    private readonly signal?: AbortSignal,
  ) {
    this.socket = connect({ host: server.host, port: server.port, noDelay: true });
    this.timer = setTimeout(
      () =>
        this.fail({
          kind: 'unreachable',
          detail: `no answer within ${timeoutMs / 1000}s from ${this.where}`,
        }),
      timeoutMs,
    );
    signal?.addEventListener('abort', this.onAbort, { once: true });
    this.socket.on('data', (chunk: Buffer) => this.received(chunk));
    this.socket.on('error', (e: NodeJS.ErrnoException) =>
      this.fail({ kind: 'unreachable', detail: `${e.code ?? e.message} from ${this.where}` }),
    );
    this.socket.on('close', () =>
      this.fail({ kind: 'unreachable', detail: `${this.where} closed the connection` }),
    );
  }

  private get where(): string {
    return this.server.host.includes(':')
      ? `[${this.server.host}]:${this.server.port}`
      : `${this.server.host}:${this.server.port}`;
  }

  /** Sends one message and waits for the next whole message back. */
  exchange(message: Buffer): Promise<Buffer | ExchangeFailure> {
    if (this.failure) return Promise.resolve(this.failure);
    const framed = Buffer.alloc(2 + message.length);
    framed.writeUInt16BE(message.length, 0);
    message.copy(framed, 2);
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.socket.write(framed);
      this.deliver();
    });
  }

  close(): void {
    clearTimeout(this.timer);
    this.signal?.removeEventListener('abort', this.onAbort);
    this.failure ??= { kind: 'unreachable', detail: 'closed' };
    this.socket.destroy();
  }

  private received(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    if (this.buffered.length > MAX_MESSAGE + 2) {
      this.fail({ kind: 'unreachable', detail: `${this.where} sent more than one message can hold` });
      return;
    }
    this.deliver();
  }

  private deliver(): void {
    if (!this.waiting || this.buffered.length < 2) return;
    const len = this.buffered.readUInt16BE(0);
    if (this.buffered.length < 2 + len) return;
    const message = this.buffered.subarray(2, 2 + len);
    this.buffered = this.buffered.subarray(2 + len);
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve(Buffer.from(message));
  }

  private fail(f: ExchangeFailure): void {
    if (this.failure) return;
    this.failure = f;
    clearTimeout(this.timer);
    this.signal?.removeEventListener('abort', this.onAbort);
    this.socket.destroy();
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve?.(f);
  }
}

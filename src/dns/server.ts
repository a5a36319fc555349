/**
 * The built-in authoritative DNS server's sockets: UDP and TCP on one address (TCP messages framed
 * by a 2-byte length, several per connection, answered in order), each message handed to the pure
 * core (parse.ts, answer.ts, transfer.ts) and the answer written back; TSIG verified on the way in
 * and signed on the way out; NOTIFY sent to the secondaries on every change. Bounded: TCP
 * connections in number and idle time, bytes buffered per connection, messages per connection.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, isIPv6, type Server, type Socket } from 'node:net';
import { parseHostPort } from '../model/schema-primitives.ts';
import { type Clock, systemClock } from '../platform/clock.ts';
import type { Logger } from '../platform/log.ts';
import { answerQuery, formProblem, QTYPE, reply, udpLimit, unreadable } from './answer.ts';
import { AnswerCache, quickQuery } from './answer-cache.ts';
import { canonical } from './names.ts';
import { DEFAULT_NOTIFY, Notifier, type NotifyCounts, type NotifyOptions, OPCODE_NOTIFY } from './notify.ts';
import { type Message, parseMessage } from './parse.ts';
import { secondariesAt, transferMessages } from './transfer.ts';
import { sign, TSIG_ERROR, unsignedError, type Verified, verify } from './tsig.ts';
import type { EndpointHealth } from './ttl.ts';
import { RCODE, type Response, writeMessage } from './write.ts';
import type { Zone } from './zone.ts';
import { type FailoverName, type TsigKey, ZoneBook, type ZoneSpec } from './zone-book.ts';

export interface DnsServerOptions {
  /** `host:port` for UDP and TCP (port 0: any free port, the same for both). */
  readonly listen: string;
  readonly zones: readonly ZoneSpec[];
  readonly groups: readonly FailoverName[];
  /** The serials each zone had, by zone (from the state file), so a restart goes forward. */
  readonly serials?: ReadonlyMap<string, number>;
  readonly notify?: Partial<NotifyOptions>;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly maxTcpConnections?: number;
  readonly tcpIdleMs?: number;
}

export const DEFAULT_MAX_TCP = 256;
export const DEFAULT_TCP_IDLE_MS = 10_000;
/** Messages answered on one TCP connection before it is closed. */
export const MAX_MESSAGES_PER_CONNECTION = 10_000;
/** Room left in a message for the TSIG record that signs it. */
const TSIG_RESERVE = 200;
const MAX_PORT_TRIES = 5;

export class DnsServer {
  readonly book: ZoneBook;
  private udp?: UdpSocket;
  private tcp?: Server;
  private readonly connections = new Set<Socket>();
  private readonly clock: Clock;
  private readonly notifier: Notifier;
  private readonly keys: readonly TsigKey[];
  private readonly ready = new AnswerCache();
  private open = false;
  private boundPort = 0;

  private constructor(readonly o: DnsServerOptions) {
    this.clock = o.clock ?? systemClock;
    this.book = new ZoneBook(o.zones, o.groups, o.serials ?? new Map(), this.clock.now());
    const seen = new Map<string, TsigKey>();
    for (const z of o.zones)
      for (const s of z.secondaries) if (s.tsig) seen.set(canonical(s.tsig.name), s.tsig);
    this.keys = [...seen.values()];
    this.notifier = new Notifier(
      (msg, port, host) => this.udp?.send(msg, port, host),
      this.clock,
      { ...DEFAULT_NOTIFY, ...o.notify },
      o.logger,
    );
  }

  static async start(o: DnsServerOptions): Promise<DnsServer> {
    const s = new DnsServer(o);
    await s.listen();
    return s;
  }

  get listening(): boolean {
    return this.open;
  }

  /** Where it listens (the port chosen when it was 0). */
  get address(): { host: string; port: number } {
    return { host: parseHostPort(this.o.listen).host, port: this.boundPort };
  }

  /** Points `group`'s name at `address`; on a change, the serial moves and secondaries are told. */
  route(group: string, address: string): boolean {
    return this.changed(this.book.route(group, address, this.clock.now()));
  }

  /**
   * The health of `group`'s active endpoint, as the daemon sees it: while it is not up, the name's
   * TTL is lowered to the time until its next possible state change (ttl.ts). Returns whether the
   * served TTL changed.
   */
  setHealth(group: string, health: EndpointHealth): boolean {
    return this.changed(this.book.setHealth(group, health, this.clock.now()));
  }

  private changed(zone: Zone | undefined): boolean {
    if (!zone) return false;
    this.o.logger?.info({ zone: zone.name, serial: zone.serial }, 'DNS zone changed');
    if (this.open) this.notifier.changed(zone, this.book.secondaries(zone.name));
    return true;
  }

  /** NOTIFYs not acknowledged yet. */
  get notifiesPending(): number {
    return this.notifier.unanswered;
  }

  /** NOTIFYs sent, acknowledged, given up, and the replies refused by reason (notify.ts). */
  get notifyStats(): NotifyCounts {
    return this.notifier.stats;
  }

  private async listen(): Promise<void> {
    const { host, port } = parseHostPort(this.o.listen);
    let lastError: unknown;
    for (let i = 0; i < MAX_PORT_TRIES; i++) {
      try {
        await this.bind(host, port);
        this.open = true;
        return;
      } catch (e) {
        lastError = e;
        await this.closeSockets();
        if (port !== 0) break;
      }
    }
    throw lastError;
  }

  private async bind(host: string, port: number): Promise<void> {
    const udp = createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4' });
    this.udp = udp;
    udp.on('message', (msg, rinfo) => this.onUdp(udp, msg, rinfo.address, rinfo.port));
    udp.on('error', (e) => this.o.logger?.warn({ err: String(e) }, 'DNS UDP socket error'));
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(port, host, () => {
        udp.off('error', reject);
        resolve();
      });
    });
    this.boundPort = udp.address().port;
    const tcp = createServer((sock) => this.onTcp(sock));
    this.tcp = tcp;
    tcp.maxConnections = this.o.maxTcpConnections ?? DEFAULT_MAX_TCP;
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', reject);
      tcp.listen(this.boundPort, host, () => {
        tcp.off('error', reject);
        resolve();
      });
    });
    tcp.on('error', (e) => this.o.logger?.warn({ err: String(e) }, 'DNS TCP server error'));
  }

  private onUdp(udp: UdpSocket, msg: Buffer, host: string, port: number): void {
    let out: Buffer[] | undefined;
    try {
      out = this.handle(msg, 'udp', host);
    } catch (e) {
      this.o.logger?.error({ err: String(e) }, 'DNS answer failed');
      return;
    }
    for (const b of out ?? []) udp.send(b, port, host);
  }

  private onTcp(sock: Socket): void {
    this.connections.add(sock);
    sock.setNoDelay(true);
    sock.setTimeout(this.o.tcpIdleMs ?? DEFAULT_TCP_IDLE_MS, () => sock.destroy());
    let pending = Buffer.alloc(0);
    let answered = 0;
    sock.on('data', (chunk) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      // At most one whole message and its length are buffered beyond what is being read.
      for (let n = 0; n < 64 && pending.length >= 2; n++) {
        const len = pending.readUInt16BE(0);
        if (pending.length < 2 + len) break;
        const msg = pending.subarray(2, 2 + len);
        pending = pending.subarray(2 + len);
        if (++answered > MAX_MESSAGES_PER_CONNECTION) {
          sock.end();
          return;
        }
        let out: Buffer[] | undefined;
        try {
          out = this.handle(Buffer.from(msg), 'tcp', sock.remoteAddress ?? '');
        } catch (e) {
          this.o.logger?.error({ err: String(e) }, 'DNS answer failed');
          sock.destroy();
          return;
        }
        for (const b of out ?? []) {
          const frame = Buffer.alloc(2 + b.length);
          frame.writeUInt16BE(b.length, 0);
          b.copy(frame, 2);
          sock.write(frame);
        }
      }
      if (pending.length > 2 + 65_535) sock.destroy();
    });
    sock.on('error', () => sock.destroy());
    sock.on('close', () => this.connections.delete(sock));
  }

  /** The messages answering `msg` (none: no answer is due), in wire form. */
  handle(msg: Buffer, transport: 'udp' | 'tcp', fromHost: string): Buffer[] | undefined {
    const quick = transport === 'udp' ? quickQuery(msg) : undefined;
    if (!quick) return this.handleFully(msg, transport, fromHost);
    const version = this.book.version;
    const hit = this.ready.answer(msg, quick, version);
    if (hit) return [hit];
    const out = this.handleFully(msg, transport, fromHost);
    if (out?.length === 1) this.ready.keep(quick, out[0]!, version);
    return out;
  }

  private handleFully(msg: Buffer, transport: 'udp' | 'tcp', fromHost: string): Buffer[] | undefined {
    const parsed = parseMessage(msg);
    if (!parsed.ok) {
      const r = unreadable(parsed);
      return r ? [writeMessage(r, 512)] : undefined;
    }
    const m = parsed.message;
    if (m.response) {
      if (m.opcode === OPCODE_NOTIFY) this.notifier.answered(msg);
      return undefined;
    }
    const now = Math.floor(this.clock.now() / 1000);
    let verified: Verified | undefined;
    if (m.tsig) {
      verified = verify(msg, m.tsig, this.keys, now);
      if (!verified.ok) return [this.refuseTsig(m, verified, now)];
    }
    const limit = transport === 'udp' ? udpLimit(m) : 65_535;
    const reserve = verified ? TSIG_RESERVE : 0;
    const responses = this.responses(m, transport, fromHost, verified);
    let priorMac = verified?.ok ? verified.mac : undefined;
    return responses.map((r, i) => {
      const wire = writeMessage(r, limit, reserve);
      if (!verified?.ok) return wire;
      const s = sign(wire, verified.key, { now, ...(priorMac ? { priorMac } : {}), subsequent: i > 0 });
      priorMac = s.mac;
      return s.message;
    });
  }

  private refuseTsig(m: Message, v: Extract<Verified, { ok: false }>, now: number): Buffer {
    const wire = writeMessage(reply(m, RCODE.NOTAUTH), 512, TSIG_RESERVE);
    if (v.error === TSIG_ERROR.BADTIME && v.key && v.mac)
      return sign(wire, v.key, { now, priorMac: v.mac, error: v.error }).message;
    return unsignedError(wire, v.keyName, v.algorithm, v.error, now);
  }

  private responses(
    m: Message,
    transport: 'udp' | 'tcp',
    fromHost: string,
    verified: Verified | undefined,
  ): Response[] {
    const q = m.questions[0];
    const xfr = q !== undefined && (q.type === QTYPE.AXFR || q.type === QTYPE.IXFR);
    if (!xfr || transport === 'udp' || formProblem(m) !== undefined) return [answerQuery(this.book, m)];
    const zone = this.book.zone(q.key);
    if (!zone) return [reply(m, this.book.zoneFor(q.key) ? RCODE.NOTAUTH : RCODE.REFUSED)];
    const allowed = secondariesAt(this.book, zone.name, fromHost);
    const keyName = verified?.ok ? canonical(verified.key.name) : undefined;
    const ok = allowed.some((s) => (s.tsig ? canonical(s.tsig.name) === keyName : true));
    if (!ok) {
      this.o.logger?.warn(
        { zone: zone.name, from: fromHost, signed: keyName !== undefined },
        'zone transfer refused',
      );
      return [reply(m, RCODE.REFUSED)];
    }
    return transferMessages(zone, this.book, m);
  }

  private async closeSockets(): Promise<void> {
    const udp = this.udp;
    const tcp = this.tcp;
    this.udp = undefined;
    this.tcp = undefined;
    for (const c of this.connections) c.destroy();
    this.connections.clear();
    if (udp) await new Promise<void>((resolve) => udp.close(() => resolve())).catch(() => undefined);
    if (tcp) await new Promise<void>((resolve) => tcp.close(() => resolve()));
  }

  async close(): Promise<void> {
    this.open = false;
    this.notifier.close();
    await this.closeSockets();
  }
}

/**
 * NOTIFY (RFC 1996): telling each secondary of a zone that it changed, from the server's own UDP
 * socket (the address secondaries know as their primary), TSIG-signed when the secondary has a
 * key, sent again every `intervalMs` until it answers, at most `attempts` times. A newer change
 * replaces a NOTIFY still unanswered for the same zone and secondary.
 */

import { parseHostPort } from '../model/schema-primitives.ts';
import type { Clock, TimerHandle } from '../platform/clock.ts';
import type { Logger } from '../platform/log.ts';
import { sign } from './tsig.ts';
import { FLAG_AA, RCODE, writeMessage } from './write.ts';
import type { Zone } from './zone.ts';
import type { Secondary } from './zone-book.ts';

export interface NotifyOptions {
  readonly attempts: number;
  readonly intervalMs: number;
}
export const DEFAULT_NOTIFY: NotifyOptions = { attempts: 5, intervalMs: 1_000 };

const OPCODE_NOTIFY = 4;
const TYPE_SOA = 6;

interface Pending {
  readonly id: number;
  readonly key: string;
  attempts: number;
  timer?: TimerHandle;
}

export type SendUdp = (message: Buffer, port: number, host: string) => void;

export class Notifier {
  private readonly pending = new Map<string, Pending>();
  private readonly byId = new Map<number, Pending>();
  private nextId = Math.floor(Math.random() * 0xffff);

  constructor(
    private readonly send: SendUdp,
    private readonly clock: Clock,
    private readonly o: NotifyOptions,
    private readonly logger?: Logger,
  ) {}

  /** Sends a NOTIFY for `zone` to each of `secondaries`. */
  changed(zone: Zone, secondaries: readonly Secondary[]): void {
    for (const s of secondaries) {
      const key = `${zone.name} ${s.address}`;
      this.cancel(this.pending.get(key));
      this.nextId = (this.nextId + 1) & 0xffff;
      const p: Pending = { id: this.nextId, key, attempts: 0 };
      this.pending.set(key, p);
      this.byId.set(p.id, p);
      this.attempt(p, zone, s);
    }
  }

  /** A NOTIFY response arrived: that secondary has heard. */
  answered(id: number): void {
    const p = this.byId.get(id);
    if (!p) return;
    this.logger?.debug({ notify: p.key }, 'NOTIFY acknowledged');
    this.cancel(p);
  }

  /** NOTIFYs still unanswered. */
  get unanswered(): number {
    return this.pending.size;
  }

  close(): void {
    for (const p of [...this.pending.values()]) this.cancel(p);
  }

  private cancel(p: Pending | undefined): void {
    if (!p) return;
    if (p.timer !== undefined) this.clock.clearTimeout(p.timer);
    this.pending.delete(p.key);
    this.byId.delete(p.id);
  }

  private attempt(p: Pending, zone: Zone, s: Secondary): void {
    if (this.pending.get(p.key) !== p) return;
    if (p.attempts >= this.o.attempts) {
      this.logger?.warn({ zone: zone.name, secondary: s.address, attempts: p.attempts }, 'NOTIFY unanswered');
      this.cancel(p);
      return;
    }
    p.attempts++;
    const message = writeMessage({
      id: p.id,
      flags: (OPCODE_NOTIFY << 11) | FLAG_AA,
      rcode: RCODE.NOERROR,
      questionName: { name: zone.name, type: TYPE_SOA },
      answers: [zone.soa],
      authorities: [],
      additionals: [],
    });
    const signed = s.tsig
      ? sign(message, s.tsig, { now: Math.floor(this.clock.now() / 1000) }).message
      : message;
    const { host, port } = parseHostPort(s.address);
    try {
      this.send(signed, port, host);
    } catch (e) {
      this.logger?.warn({ zone: zone.name, secondary: s.address, err: String(e) }, 'NOTIFY not sent');
    }
    p.timer = this.clock.setTimeout(() => this.attempt(p, zone, s), this.o.intervalMs);
  }
}

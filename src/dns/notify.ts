/**
 * NOTIFY (RFC 1996): telling each secondary of a zone that it changed, from the server's own UDP
 * socket (the address secondaries know as their primary), TSIG-signed when the secondary has a
 * key, sent again every `intervalMs` until it is acknowledged, at most `attempts` times. A newer
 * change replaces a NOTIFY still unacknowledged for the same zone and secondary.
 *
 * A reply acknowledges only when it is a NOERROR NOTIFY response and, when the secondary has a
 * key, carries a TSIG by that key that verifies as the response to one of the NOTIFYs sent (RFC
 * 8945 §5.3: the response's MAC covers the request's MAC). Anything else (unsigned, a TSIG error
 * such as BADSIG from a secondary with another secret, a MAC that does not verify, a REFUSED) is
 * logged with its reason, counted, and the NOTIFY is sent again.
 */

import { parseHostPort } from '../model/schema-primitives.ts';
import type { Clock, TimerHandle } from '../platform/clock.ts';
import type { Logger } from '../platform/log.ts';
import { sign, verifyAnswer } from './tsig.ts';
import { FLAG_AA, RCODE, writeMessage } from './write.ts';
import type { Zone } from './zone.ts';
import type { Secondary } from './zone-book.ts';

export interface NotifyOptions {
  readonly attempts: number;
  readonly intervalMs: number;
}
export const DEFAULT_NOTIFY: NotifyOptions = { attempts: 5, intervalMs: 1_000 };

export const OPCODE_NOTIFY = 4;
const TYPE_SOA = 6;

/**
 * Why a reply was not taken as an acknowledgement: `unsigned` (no TSIG from a secondary that has a
 * key), `tsig-error` (its TSIG says it refused ours: BADSIG, BADKEY, BADTIME), `bad-signature` (its
 * TSIG does not verify: another key, a wrong MAC, a time outside the fudge, malformed), `rcode` (an
 * rcode other than NOERROR).
 */
export type NotifyRefusal = 'unsigned' | 'tsig-error' | 'bad-signature' | 'rcode';
const REFUSALS: readonly NotifyRefusal[] = ['unsigned', 'tsig-error', 'bad-signature', 'rcode'];

export interface NotifyCounts {
  /** NOTIFY messages sent (every attempt). */
  readonly sent: number;
  /** NOTIFYs acknowledged by a valid reply. */
  readonly acknowledged: number;
  /** Replies not taken as an acknowledgement, by reason. */
  readonly refused: Readonly<Record<NotifyRefusal, number>>;
  /** NOTIFYs given up after the last attempt without an acknowledgement. */
  readonly unacknowledged: number;
}

interface Pending {
  readonly id: number;
  readonly key: string;
  readonly zone: string;
  readonly secondary: Secondary;
  attempts: number;
  /** The MAC of each attempt signed (a reply may answer any of them). */
  readonly macs: Buffer[];
  /** Why the last reply was refused, for the line that gives up. */
  lastRefusal?: NotifyRefusal;
  timer?: TimerHandle;
}

export type SendUdp = (message: Buffer, port: number, host: string) => void;

const RCODE_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(RCODE).map(([name, n]) => [n, name]),
);
const rcodeName = (n: number) => RCODE_NAMES[n] ?? `rcode ${n}`;

export class Notifier {
  private readonly pending = new Map<string, Pending>();
  private readonly byId = new Map<number, Pending>();
  private nextId = Math.floor(Math.random() * 0xffff);
  private readonly counts = {
    sent: 0,
    acknowledged: 0,
    unacknowledged: 0,
    refused: Object.fromEntries(REFUSALS.map((r) => [r, 0])) as Record<NotifyRefusal, number>,
  };

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
      const p: Pending = { id: this.nextId, key, zone: zone.name, secondary: s, attempts: 0, macs: [] };
      this.pending.set(key, p);
      this.byId.set(p.id, p);
      this.attempt(p, zone);
    }
  }

  /**
   * A NOTIFY response arrived (`reply`, whole, as received): it acknowledges the NOTIFY of its ID
   * if it is NOERROR and, for a secondary with a key, signed by it over our request's MAC.
   */
  answered(reply: Buffer): void {
    if (reply.length < 12) return;
    const p = this.byId.get(reply.readUInt16BE(0));
    if (!p) return;
    const refusal = this.judge(p, reply);
    if (refusal) {
      p.lastRefusal = refusal.reason;
      this.counts.refused[refusal.reason]++;
      this.logger?.warn(
        {
          zone: p.zone,
          secondary: p.secondary.address,
          ...(p.secondary.tsig ? { key: p.secondary.tsig.name } : {}),
          reason: refusal.reason,
          detail: refusal.detail,
          rcode: rcodeName(reply.readUInt16BE(2) & 0xf),
        },
        'NOTIFY reply not taken as an acknowledgement',
      );
      return;
    }
    this.counts.acknowledged++;
    this.logger?.debug({ notify: p.key }, 'NOTIFY acknowledged');
    this.cancel(p);
  }

  /** NOTIFYs not acknowledged yet. */
  get unanswered(): number {
    return this.pending.size;
  }

  /** What was sent, acknowledged and refused since the start. */
  get stats(): NotifyCounts {
    return { ...this.counts, refused: { ...this.counts.refused } };
  }

  close(): void {
    for (const p of [...this.pending.values()]) this.cancel(p);
  }

  private judge(p: Pending, reply: Buffer): { reason: NotifyRefusal; detail: string } | undefined {
    const key = p.secondary.tsig;
    if (key) {
      const now = Math.floor(this.clock.now() / 1000);
      let last: { reason: NotifyRefusal; detail: string } | undefined;
      // Newest first: the reply most likely answers the last attempt.
      for (let i = p.macs.length - 1; i >= 0; i--) {
        const v = verifyAnswer(reply, key, p.macs[i]!, now);
        if (v.ok) {
          last = undefined;
          break;
        }
        last = {
          reason:
            v.kind === 'unsigned' ? 'unsigned' : v.kind === 'tsig-error' ? 'tsig-error' : 'bad-signature',
          detail: v.detail,
        };
        // Only the MAC depends on which attempt it answers.
        if (v.kind !== 'bad') break;
      }
      if (last) return last;
    }
    const rcode = reply.readUInt16BE(2) & 0xf;
    if (rcode !== RCODE.NOERROR) return { reason: 'rcode', detail: `answered ${rcodeName(rcode)}` };
    return undefined;
  }

  private cancel(p: Pending | undefined): void {
    if (!p) return;
    if (p.timer !== undefined) this.clock.clearTimeout(p.timer);
    this.pending.delete(p.key);
    this.byId.delete(p.id);
  }

  private attempt(p: Pending, zone: Zone): void {
    if (this.pending.get(p.key) !== p) return;
    const s = p.secondary;
    if (p.attempts >= this.o.attempts) {
      this.counts.unacknowledged++;
      this.logger?.warn(
        {
          zone: zone.name,
          secondary: s.address,
          attempts: p.attempts,
          reason: p.lastRefusal ?? 'no-reply',
        },
        'NOTIFY not acknowledged',
      );
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
    let signed = message;
    if (s.tsig) {
      const out = sign(message, s.tsig, { now: Math.floor(this.clock.now() / 1000) });
      signed = out.message;
      p.macs.push(out.mac);
    }
    const { host, port } = parseHostPort(s.address);
    try {
      this.send(signed, port, host);
      this.counts.sent++;
    } catch (e) {
      this.logger?.warn({ zone: zone.name, secondary: s.address, err: String(e) }, 'NOTIFY not sent');
    }
    p.timer = this.clock.setTimeout(() => this.attempt(p, zone), this.o.intervalMs);
  }
}

/**
 * The RFC 2136 actuator: points a name of a zone served by an existing DNS server (BIND, Knot,
 * PowerDNS…) at the active endpoint, by one TSIG-signed UPDATE that carries its own fence. The fence
 * is a TXT record beside the name (`_bascule-fence.<name>`) holding the newest fence written; every
 * UPDATE has the prerequisite that it holds exactly the value this actuator last saw (or does not
 * exist, the first time), and rewrites it with the new fence. So the server itself refuses the
 * update of a Bascule whose view is outdated (NXRRSET), which then reads the fence again and
 * reports `stale-fence` if it is newer than its own. Over TCP, one connection per apply, bounded by
 * the timeout and the caller's signal. Retries with backoff are the caller's (the daemon's).
 */
import { isIP } from 'node:net';
import { sign, verifyAnswer } from '../../dns/tsig.ts';
import type { TsigKey } from '../../dns/zone-book.ts';
import { parseHostPort } from '../../model/schema-primitives.ts';
import { type Clock, systemClock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/log.ts';
import type { Actuator, ApplyResult, Routing } from '../actuator.ts';
import { DnsConnection, type ExchangeFailure } from './connection.ts';
import { parseTsigKey } from './key-file.ts';
import { DEFAULT_TIMEOUT_MS, fenceName, type Rfc2136Options, recordName } from './options.ts';
import { answerValues, queryMessage, RCODES, type RRType, rcodeOf, updateMessage } from './wire.ts';

type Failed = Extract<ApplyResult, { ok: false }>;

/** What the server holds: the record's addresses and the fence (undefined: no fence record). */
interface Seen {
  readonly addresses: readonly string[];
  readonly fence: number | undefined;
}

const ABORTED: Failed = { ok: false, reason: 'error', detail: 'aborted' };
/** How many times an update refused for a fence that moved is tried again after reading it. */
const ROUNDS = 3;

function failed(f: ExchangeFailure): Failed {
  return f.kind === 'aborted' ? ABORTED : { ok: false, reason: 'unreachable', detail: f.detail };
}

function isFailed(v: unknown): v is Failed {
  return typeof v === 'object' && v !== null && (v as { ok?: unknown }).ok === false;
}

/** An rcode refusing the request as such: the key, the zone, the server's policy. */
const REFUSALS = new Set([4, 5, 9, 10]); // NOTIMP, REFUSED, NOTAUTH, NOTZONE
const NOTAUTH = 9;

export class Rfc2136Actuator implements Actuator {
  readonly kind = 'rfc2136';
  private readonly server: { host: string; port: number };
  private readonly where: string;
  private readonly name: string;
  private readonly fenceOwner: string;
  private readonly clock: Clock;
  private readonly logger: Logger | undefined;
  private readonly timeoutMs: number;
  /** What this actuator last saw or wrote: the prerequisite of its next update. */
  private seen: Seen | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = Math.floor(Math.random() * 0xffff);

  constructor(
    private readonly o: Omit<Rfc2136Options, 'tsig'>,
    private readonly key: TsigKey,
  ) {
    this.server = parseHostPort(o.server);
    this.where = o.server;
    this.name = recordName(o.zone, o.name);
    this.fenceOwner = fenceName(o.zone, o.name);
    this.clock = o.clock ?? systemClock;
    this.logger = o.logger;
    this.timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  apply(routing: Routing, fence: number, signal?: AbortSignal): Promise<ApplyResult> {
    if (signal?.aborted) return Promise.resolve(ABORTED);
    const run = () => this.applyNow(routing, fence, signal).catch((e: unknown) => this.crashed(e));
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return signal ? untilAborted(result, signal) : result;
  }

  async current(group: string): Promise<Routing | undefined> {
    if (group !== this.o.group) return undefined;
    const conn = new DnsConnection(this.server, this.timeoutMs);
    try {
      const seen = await this.read(conn);
      if (isFailed(seen) || seen.addresses.length !== 1) return undefined;
      const ip = seen.addresses[0]!;
      const e = this.o.endpoints.find((x) => sameIp(parseHostPort(x.address).host, ip));
      return e ? { group, endpoint: e.name, address: e.address } : undefined;
    } catch {
      return undefined;
    } finally {
      conn.close();
    }
  }

  private crashed(e: unknown): Failed {
    return { ok: false, reason: 'error', detail: e instanceof Error ? e.message : String(e) };
  }

  private async applyNow(routing: Routing, fence: number, signal?: AbortSignal): Promise<ApplyResult> {
    if (signal?.aborted) return ABORTED;
    if (routing.group !== this.o.group)
      return { ok: false, reason: 'rejected', detail: `this actuator serves group ${this.o.group}` };
    if (!Number.isSafeInteger(fence) || fence < 0)
      return { ok: false, reason: 'error', detail: `fence ${fence} is not a whole number` };
    const ip = parseHostPort(routing.address).host;
    if (isIP(ip) === 0)
      return { ok: false, reason: 'rejected', detail: `${routing.address}: the host is not an IP address` };
    const conn = new DnsConnection(this.server, this.timeoutMs, signal);
    try {
      let refused = false;
      for (let round = 0; round < ROUNDS; round++) {
        const seen = this.seen ?? (await this.read(conn));
        if (isFailed(seen)) return seen;
        this.seen = seen;
        if (seen.fence !== undefined && fence < seen.fence) {
          const by = refused ? `${this.where} refused the update: ` : '';
          return {
            ok: false,
            reason: 'stale-fence',
            detail: `${by}fence ${fence} < ${seen.fence}, the newest it holds`,
          };
        }
        const same = seen.addresses.length === 1 && sameIp(seen.addresses[0]!, ip);
        if (same && seen.fence === fence) return { ok: true, changed: false, fence };
        const answer = await this.exchange(
          conn,
          updateMessage({
            id: this.id(),
            zone: this.o.zone.replace(/\.$/, ''),
            name: this.name,
            ip,
            ttl: this.o.ttl,
            fenceName: this.fenceOwner,
            expected: seen.fence,
            fence,
          }),
          'update',
        );
        if (isFailed(answer)) {
          this.seen = undefined; // it may or may not have been applied
          return answer;
        }
        const rcode = rcodeOf(answer);
        if (rcode === 0) {
          this.seen = { addresses: [ip], fence };
          this.logger?.info(
            {
              group: routing.group,
              fence,
              endpoint: routing.endpoint,
              server: this.where,
              name: this.name,
              changed: !same,
            },
            'failover rfc2136 update applied',
          );
          return { ok: true, changed: !same, fence };
        }
        this.seen = undefined;
        if (rcode === 7 || rcode === 8) {
          // YXRRSET / NXRRSET: the fence is not what this actuator saw; read it again and judge.
          refused = true;
          continue;
        }
        return this.refusal(rcode, 'update');
      }
      return {
        ok: false,
        reason: 'error',
        detail: `the fence at ${this.fenceOwner} kept changing (${ROUNDS} updates refused)`,
      };
    } finally {
      conn.close();
    }
  }

  private refusal(rcode: number, what: string): Failed {
    const name = RCODES[rcode] ?? `rcode ${rcode}`;
    const detail = `${this.where} answered the ${what} ${name}`;
    this.logger?.warn({ group: this.o.group, server: this.where, rcode: name }, 'failover rfc2136 refused');
    return { ok: false, reason: REFUSALS.has(rcode) ? 'rejected' : 'error', detail };
  }

  private id(): number {
    this.nextId = (this.nextId + 1) & 0xffff;
    return this.nextId;
  }

  /** Sends a signed message and returns the answer once its TSIG is verified. */
  private async exchange(conn: DnsConnection, message: Buffer, what: string): Promise<Buffer | Failed> {
    const signed = sign(message, this.key, { now: Math.floor(this.clock.now() / 1000) });
    const answer = await conn.exchange(signed.message);
    if (!Buffer.isBuffer(answer)) return failed(answer);
    if (answer.length < 12 || answer.readUInt16BE(0) !== message.readUInt16BE(0))
      return {
        ok: false,
        reason: 'error',
        detail: `${this.where} answered the ${what} with another message`,
      };
    const v = verifyAnswer(answer, this.key, signed.mac, Math.floor(this.clock.now() / 1000));
    if (v.ok) return answer;
    const rcode = rcodeOf(answer);
    if (v.kind === 'tsig-error') {
      this.logger?.warn(
        { group: this.o.group, server: this.where, key: this.key.name, detail: v.detail },
        'failover rfc2136 TSIG refused',
      );
      return {
        ok: false,
        reason: 'rejected',
        detail: `${this.where} refused the ${what}'s TSIG: ${v.detail}`,
      };
    }
    if (v.kind === 'unsigned' && rcode === NOTAUTH) {
      // PowerDNS answers a signature it cannot verify so, without the TSIG record that would say
      // why (RFC 8945 §5.3.2 wants one with BADSIG or BADKEY).
      this.logger?.warn(
        { group: this.o.group, server: this.where, key: this.key.name, rcode: 'NOTAUTH' },
        'failover rfc2136 TSIG refused',
      );
      return {
        ok: false,
        reason: 'rejected',
        detail: `${this.where} answered the ${what} NOTAUTH without a TSIG: most likely it does not take key "${this.key.name}" (${this.key.algorithm}) or its secret (it does not say which)`,
      };
    }
    if (v.kind === 'unsigned' && REFUSALS.has(rcode)) return this.refusal(rcode, what);
    return { ok: false, reason: 'error', detail: `${this.where}: ${v.detail}` };
  }

  /** The record's addresses and the fence, as the server answers (three signed queries). */
  private async read(conn: DnsConnection): Promise<Seen | Failed> {
    const values: Partial<Record<RRType, string[]>> = {};
    const owners: Record<RRType, string> = { A: this.name, AAAA: this.name, TXT: this.fenceOwner };
    for (const type of ['A', 'AAAA', 'TXT'] as const) {
      const answer = await this.exchange(conn, queryMessage(this.id(), owners[type], type), 'query');
      if (isFailed(answer)) return answer;
      const rcode = rcodeOf(answer);
      if (rcode !== 0 && rcode !== 3) return this.refusal(rcode, 'query');
      values[type] = answerValues(answer, owners[type], type);
    }
    const fences = values.TXT ?? [];
    if (fences.length > 1 || (fences.length === 1 && !/^\d{1,16}$/.test(fences[0]!)))
      return {
        ok: false,
        reason: 'error',
        detail: `${this.fenceOwner} holds ${fences.length} TXT value(s) that are not one fence: remove it or fix it by hand`,
      };
    return {
      addresses: [...(values.A ?? []), ...(values.AAAA ?? [])],
      fence: fences.length === 1 ? Number(fences[0]) : undefined,
    };
  }
}

function sameIp(a: string, b: string): boolean {
  if (a === b) return true;
  if (isIP(a) !== 6 || isIP(b) !== 6) return false;
  return expand6(a) === expand6(b);
}

/** An IPv6 address written out in full, to compare two spellings. */
function expand6(ip: string): string {
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const h = head === '' ? [] : head.split(':');
  const t = tail === '' ? [] : tail.split(':');
  const fill = ip.includes('::') ? Array(8 - h.length - t.length).fill('0') : [];
  return [...h, ...fill, ...t].map((x) => x.padStart(4, '0')).join(':');
}

/** `p`, or the aborted result as soon as `signal` aborts. */
function untilAborted(p: Promise<ApplyResult>, signal: AbortSignal): Promise<ApplyResult> {
  return new Promise((resolve) => {
    const onAbort = () => resolve(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then((r) => {
      signal.removeEventListener('abort', onAbort);
      resolve(r);
    });
  });
}

/**
 * Builds the actuator from plain options (the daemon's `failover.<id>.rfc2136` with the secret
 * read). A key that cannot be read is a BasculeError (BASCULE_E_TSIG_KEY), located in its file.
 */
export function createRfc2136Actuator(o: Rfc2136Options): Rfc2136Actuator {
  const key = parseTsigKey(o.tsig.secret, { name: o.tsig.name, algorithm: o.tsig.algorithm }, o.tsig.source);
  const { tsig: _tsig, ...rest } = o;
  return new Rfc2136Actuator(rest, key);
}

/**
 * A zone as served at one serial: its records indexed by owner and type, which names exist (empty
 * non-terminals included, so NODATA and NXDOMAIN are told apart), and the SOA. Immutable: a change
 * makes a new Zone (zone-book.ts), so an answer or a transfer under way reads one consistent version.
 */
import { inZone } from './names.ts';
import { type Rr, type RrType, type SoaData, TYPE_NUMBERS } from './records.ts';

export interface SoaSettings {
  readonly mname: string;
  readonly rname: string;
  readonly refresh: number;
  readonly retry: number;
  readonly expire: number;
  readonly minimum: number;
  /** The TTL of the SOA and NS records. */
  readonly ttl: number;
}

export class Zone {
  /** Owner key → type number → records. */
  private readonly byName = new Map<string, Map<number, Rr[]>>();
  /** Every name that exists: owners and the names between them and the apex. */
  private readonly existing = new Set<string>();
  readonly soa: Rr;

  constructor(
    readonly name: string,
    readonly serial: number,
    readonly settings: SoaSettings,
    /** Every record but the SOA (NS at the apex included). */
    readonly records: readonly Rr[],
  ) {
    const { ttl, ...soa } = settings;
    const data: SoaData = { ...soa, serial };
    this.soa = { name, type: 'SOA', ttl, data };
    for (const rr of [this.soa, ...records]) {
      if (!inZone(rr.name, name)) continue;
      let types = this.byName.get(rr.name);
      if (!types) {
        types = new Map();
        this.byName.set(rr.name, types);
      }
      const n = TYPE_NUMBERS[rr.type];
      const list = types.get(n) ?? [];
      list.push(rr);
      types.set(n, list);
      for (let at = rr.name; at !== name && at !== ''; at = at.slice(at.indexOf('.') + 1 || at.length))
        this.existing.add(at);
    }
    this.existing.add(name);
  }

  /** The records of `type` at `key`, or undefined when there are none. */
  get(key: string, type: RrType | number): readonly Rr[] | undefined {
    return this.byName.get(key)?.get(typeof type === 'number' ? type : TYPE_NUMBERS[type]);
  }

  /** Every record set at `key` (for ANY). */
  all(key: string): readonly Rr[] {
    return [...(this.byName.get(key)?.values() ?? [])].flat();
  }

  /** Whether the name exists (it owns records, or names below it do). */
  exists(key: string): boolean {
    return this.existing.has(key);
  }

  /** The SOA as the authority section of a negative answer: its TTL is at most the minimum (RFC 2308). */
  negativeSoa(): Rr {
    return { ...this.soa, ttl: Math.min(this.soa.ttl, this.settings.minimum) };
  }

  /** The whole zone in transfer order: the SOA, then every other record. */
  transferRecords(): readonly Rr[] {
    return this.records.filter((r) => inZone(r.name, this.name));
  }
}

/**
 * The zones the server serves and what changes in them: the records of each failover name follow
 * the routing applied and the active endpoint's health (ttl.ts); every change makes a new Zone at
 * the next serial and keeps the difference (what was removed, what was added) for IXFR, the last
 * JOURNAL_SIZE of them per zone. Pure: time is passed in.
 */
import { canonical, inZone } from './names.ts';
import { endpointRecord, hostOf, type Rr, sameRecords } from './records.ts';
import { nextSerial, serialAfter } from './serial.ts';
import { type EndpointHealth, effectiveTtl } from './ttl.ts';
import { type SoaSettings, Zone } from './zone.ts';

export interface TsigKey {
  /** The key's name, as the secondary knows it. */
  readonly name: string;
  /** `hmac-sha256`, `hmac-sha512`, `hmac-sha384`, `hmac-sha224`, `hmac-sha1`, `hmac-md5`. */
  readonly algorithm: string;
  /** The secret's bytes (the key file holds them in base64). */
  readonly secret: Buffer;
}

export interface Secondary {
  /** `ip:port` or `[ip6]:port` (an IP address, checked by the map: NOTIFY goes there, and transfers are allowed from its host). */
  readonly address: string;
  readonly tsig?: TsigKey;
}

export interface ZoneSpec {
  /** The zone's name, canonical (`example.com`). */
  readonly name: string;
  readonly soa: SoaSettings;
  /** The apex NS names. */
  readonly ns: readonly string[];
  /** Its other records, names absolute. */
  readonly records: readonly Rr[];
  readonly secondaries: readonly Secondary[];
}

/** A failover group's name in a zone. */
export interface FailoverName {
  readonly group: string;
  readonly zone: string;
  /** The owner, absolute (`api.example.com`). */
  readonly name: string;
  /** The configured TTL, seconds. */
  readonly ttl: number;
}

export interface Change {
  readonly from: number;
  readonly to: number;
  readonly removed: readonly Rr[];
  readonly added: readonly Rr[];
}

export const JOURNAL_SIZE = 64;

interface Live {
  readonly spec: ZoneSpec;
  zone: Zone;
  journal: Change[];
}

export class ZoneBook {
  private readonly live = new Map<string, Live>();
  private readonly groups = new Map<string, FailoverName>();
  private readonly addresses = new Map<string, string>();
  private readonly health = new Map<string, EndpointHealth>();
  private changes = 0;

  constructor(
    specs: readonly ZoneSpec[],
    groups: readonly FailoverName[],
    /** The serials last served (kept across restarts), by zone. */
    serials: ReadonlyMap<string, number>,
    nowMs: number,
  ) {
    for (const g of groups)
      this.groups.set(g.group, { ...g, zone: canonical(g.zone), name: canonical(g.name) });
    for (const spec of specs) {
      const kept = serials.get(spec.name);
      const serial = kept === undefined ? nextSerial(0, nowMs) : nextSerial(kept, nowMs);
      const live: Live = { spec, zone: new Zone(spec.name, serial, spec.soa, []), journal: [] };
      this.live.set(spec.name, live);
      live.zone = new Zone(spec.name, serial, spec.soa, this.recordsOf(spec));
    }
  }

  /** The served zone `key` is in (the longest match), or undefined. */
  zoneFor(key: string): Zone | undefined {
    let best: Live | undefined;
    for (const l of this.live.values())
      if (inZone(key, l.spec.name) && (!best || l.spec.name.length > best.spec.name.length)) best = l;
    return best?.zone;
  }

  /** A number that moves on every change to any zone (what was answered before may be stale). */
  get version(): number {
    return this.changes;
  }

  zone(name: string): Zone | undefined {
    return this.live.get(canonical(name))?.zone;
  }

  zones(): readonly Zone[] {
    return [...this.live.values()].map((l) => l.zone);
  }

  secondaries(zone: string): readonly Secondary[] {
    return this.live.get(canonical(zone))?.spec.secondaries ?? [];
  }

  /** The changes from `serial` to the current one, in order, or undefined when the journal does not reach back. */
  changesSince(zone: string, serial: number): readonly Change[] | undefined {
    const l = this.live.get(canonical(zone));
    if (!l) return undefined;
    if (l.zone.serial === serial) return [];
    const i = l.journal.findIndex((c) => c.from === serial);
    return i < 0 ? undefined : l.journal.slice(i);
  }

  /** The address a group's name answers with, or undefined. */
  address(group: string): string | undefined {
    return this.addresses.get(group);
  }

  /** Points `group`'s name at `address`: the zone that changed, or undefined when nothing did. */
  route(group: string, address: string, nowMs: number): Zone | undefined {
    if (!this.groups.has(group)) return undefined;
    this.addresses.set(group, address);
    return this.rebuild(this.groups.get(group)!.zone, nowMs);
  }

  /** Tells the health of `group`'s active endpoint (its TTL follows): the zone that changed, or undefined. */
  setHealth(group: string, health: EndpointHealth, nowMs: number): Zone | undefined {
    const g = this.groups.get(group);
    if (!g) return undefined;
    this.health.set(group, health);
    return this.rebuild(g.zone, nowMs);
  }

  /** The TTL `group`'s name is served with now. */
  ttlOf(group: string): number | undefined {
    const g = this.groups.get(group);
    return g ? effectiveTtl(g.ttl, this.health.get(group)) : undefined;
  }

  private recordsOf(spec: ZoneSpec): Rr[] {
    const dynamic: Rr[] = [];
    const owners = new Set<string>();
    for (const g of this.groups.values()) {
      if (g.zone !== spec.name) continue;
      const address = this.addresses.get(g.group);
      if (address === undefined) continue;
      owners.add(g.name);
      dynamic.push(endpointRecord(g.name, hostOf(address), effectiveTtl(g.ttl, this.health.get(g.group))));
    }
    const ns: Rr[] = spec.ns.map((n) => ({
      name: spec.name,
      type: 'NS',
      ttl: spec.soa.ttl,
      data: canonical(n),
    }));
    return [...ns, ...spec.records.filter((r) => !owners.has(r.name)), ...dynamic];
  }

  private rebuild(zoneName: string, nowMs: number): Zone | undefined {
    const l = this.live.get(zoneName);
    if (!l) return undefined;
    const before = l.zone.records;
    const after = this.recordsOf(l.spec);
    if (sameRecords(before, after)) return undefined;
    const serial = nextSerial(l.zone.serial, nowMs);
    const key = (r: Rr) => `${r.name} ${r.type} ${r.ttl} ${JSON.stringify(r.data)}`;
    const a = new Set(after.map(key));
    const b = new Set(before.map(key));
    l.journal.push({
      from: l.zone.serial,
      to: serial,
      removed: before.filter((r) => !a.has(key(r))),
      added: after.filter((r) => !b.has(key(r))),
    });
    if (l.journal.length > JOURNAL_SIZE) l.journal.splice(0, l.journal.length - JOURNAL_SIZE);
    l.zone = new Zone(zoneName, serial, l.spec.soa, after);
    this.changes++;
    return l.zone;
  }
}

export { serialAfter };

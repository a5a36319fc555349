/**
 * Zone transfers, pure: who may ask (a listed secondary's host, with its TSIG key when it has
 * one), and the messages of an AXFR (the SOA, every record, the SOA again, in as many messages as
 * it takes) or of an IXFR (RFC 1995: the current SOA, then per change the old SOA, what was
 * removed, the new SOA, what was added, then the current SOA; the current SOA alone for a
 * secondary up to date; the whole zone when the journal does not reach back to its serial).
 */

import { QTYPE, reply } from './answer.ts';
import { canonical } from './names.ts';
import type { Message } from './parse.ts';
import type { Rr, SoaData } from './records.ts';
import { hostOf } from './records.ts';
import { serialAfter } from './serial.ts';
import { FLAG_AA, RCODE, type Response } from './write.ts';
import type { Zone } from './zone.ts';
import type { Secondary, ZoneBook } from './zone-book.ts';

/** Records per message of a transfer (each message stays far below 64 KiB with this zone data). */
export const RECORDS_PER_MESSAGE = 100;

function bareHost(address: string): string {
  return hostOf(address).toLowerCase();
}

/** The secondaries of `zone` that `fromHost` may be (by address); empty: not allowed. */
export function secondariesAt(book: ZoneBook, zone: string, fromHost: string): readonly Secondary[] {
  const host = fromHost.replace(/^::ffff:/, '').toLowerCase();
  return book.secondaries(zone).filter((s) => bareHost(s.address) === host);
}

function soaAt(zone: Zone, serial: number): Rr {
  return { ...zone.soa, data: { ...(zone.soa.data as SoaData), serial } };
}

function chunks(m: Message, records: readonly Rr[]): Response[] {
  const out: Response[] = [];
  for (let i = 0; i < records.length; i += RECORDS_PER_MESSAGE) {
    const first = i === 0;
    const base = reply(m, RCODE.NOERROR);
    const { question, edns, ...rest } = base;
    out.push({
      ...rest,
      // The question only in the first message; EDNS there too.
      ...(first && question ? { question } : {}),
      ...(first && edns ? { edns } : {}),
      flags: base.flags | FLAG_AA,
      answers: records.slice(i, i + RECORDS_PER_MESSAGE),
    });
  }
  return out;
}

/** The messages answering an AXFR or IXFR for `zone` (checked and allowed by the caller). */
export function transferMessages(zone: Zone, book: ZoneBook, m: Message): Response[] {
  const q = m.questions[0]!;
  const axfr = () => chunks(m, [zone.soa, ...zone.transferRecords(), zone.soa]);
  if (q.type === QTYPE.AXFR) return axfr();
  const theirs = m.authorities.find((r) => r.type === 'SOA' && canonical(r.name) === zone.name);
  const serial = (theirs?.data as { serial?: number } | undefined)?.serial;
  if (serial === undefined) return axfr();
  if (!serialAfter(zone.serial, serial)) return chunks(m, [zone.soa]);
  const changes = book.changesSince(zone.name, serial);
  if (changes === undefined) return axfr();
  const records: Rr[] = [zone.soa];
  for (const c of changes) records.push(soaAt(zone, c.from), ...c.removed, soaAt(zone, c.to), ...c.added);
  records.push(zone.soa);
  return chunks(m, records);
}

/**
 * The answer to one query, pure: from the parsed message and the zones served to the response to
 * write (or none: a response is never answered). Authoritative only: REFUSED outside the zones
 * served; in a zone, the records asked (a CNAME followed within the zone), NODATA or NXDOMAIN with
 * the SOA in the authority section; FORMERR for a malformed query, NOTIMP for an opcode other than
 * QUERY, BADVERS for an EDNS version other than 0. Zone transfers are transfer.ts's.
 */
import { labelsOf } from './names.ts';
import type { Message, Parsed, Question } from './parse.ts';
import type { Rr } from './records.ts';
import { DO_BIT, FLAG_AA, FLAG_CD, FLAG_QR, FLAG_RD, type OutEdns, RCODE, type Response } from './write.ts';
import type { Zone } from './zone.ts';
import type { ZoneBook } from './zone-book.ts';

/** The payload size this server offers in its OPT record. */
export const OUR_PAYLOAD = 1232;
export const MAX_CNAME_CHAIN = 8;
const CLASS_IN = 1;
const CLASS_ANY = 255;
export const QTYPE = {
  AXFR: 252,
  IXFR: 251,
  ANY: 255,
  OPT: 41,
  TSIG: 250,
  MAILB: 253,
  MAILA: 254,
  SOA: 6,
  NS: 2,
  A: 1,
  AAAA: 28,
} as const;

/** The UDP size the client can take: its EDNS payload size (512 to 4096), or 512. */
export function udpLimit(m: Message | undefined): number {
  const p = m?.edns?.udpPayloadSize;
  return p === undefined ? 512 : Math.min(4096, Math.max(512, p));
}

function ednsOf(m: Message): OutEdns | undefined {
  return m.edns ? { udpPayloadSize: OUR_PAYLOAD, flags: m.edns.flags & DO_BIT } : undefined;
}

/** The response frame to `m`: id, opcode, RD and CD copied, QR set; no records yet. */
export function reply(m: Message, rcode: number, extra: Partial<Response> = {}): Response {
  const edns = ednsOf(m);
  return {
    id: m.id,
    flags: FLAG_QR | (m.flags & (0x7800 | FLAG_RD | FLAG_CD)),
    rcode,
    ...(m.questions.length === 1 ? { question: m.questions[0]! } : {}),
    answers: [],
    authorities: [],
    additionals: [],
    ...(edns ? { edns } : {}),
    ...extra,
  };
}

/** What is wrong with a query's form, as the rcode to answer with, or undefined. */
export function formProblem(m: Message): number | undefined {
  if (m.opcode !== 0) return RCODE.NOTIMP;
  if (m.questions.length !== 1 || m.optCount > 1 || m.tsigMisplaced) return RCODE.FORMERR;
  if (m.edns && m.edns.version !== 0) return RCODE.BADVERS;
  const q = m.questions[0]!;
  if (q.type === QTYPE.OPT || q.type === QTYPE.TSIG) return RCODE.FORMERR;
  if (q.type === QTYPE.MAILA || q.type === QTYPE.MAILB) return RCODE.NOTIMP;
  return undefined;
}

/** A FORMERR for a message that could not be read but had a header; none for a response. */
export function unreadable(p: Extract<Parsed, { ok: false }>): Response | undefined {
  if (!p.header || (p.header.flags & FLAG_QR) !== 0) return undefined;
  return {
    id: p.header.id,
    flags: FLAG_QR | (p.header.flags & (0x7800 | FLAG_RD | FLAG_CD)),
    rcode: RCODE.FORMERR,
    answers: [],
    authorities: [],
    additionals: [],
  };
}

/** The A and AAAA records of the NS names the book serves (glue for an NS answer). */
function glue(book: ZoneBook, names: readonly Rr[]): Rr[] {
  const out: Rr[] = [];
  for (const ns of names) {
    const target = ns.data as string;
    const z = book.zoneFor(target);
    if (!z) continue;
    out.push(...(z.get(target, 'A') ?? []), ...(z.get(target, 'AAAA') ?? []));
  }
  return out;
}

function lookup(book: ZoneBook, zone: Zone, m: Message, q: Question): Response {
  const answers: Rr[] = [];
  let name = q.key;
  for (let step = 0; step <= MAX_CNAME_CHAIN; step++) {
    const found = q.type === QTYPE.ANY ? zone.all(name) : zone.get(name, q.type);
    if (found && found.length > 0) {
      answers.push(...found);
      const additionals = q.type === QTYPE.NS ? glue(book, found) : [];
      return reply(m, RCODE.NOERROR, { flags: reply(m, 0).flags | FLAG_AA, answers, additionals });
    }
    const cname = zone.get(name, 'CNAME');
    if (cname && cname.length > 0) {
      answers.push(cname[0]!);
      const target = cname[0]!.data as string;
      // Followed only within this zone: elsewhere the resolver asks the zone's own servers.
      if (!zone.exists(target) || book.zoneFor(target) !== zone) break;
      name = target;
      continue;
    }
    const rcode = zone.exists(name) ? RCODE.NOERROR : RCODE.NXDOMAIN;
    return reply(m, rcode, {
      flags: reply(m, 0).flags | FLAG_AA,
      answers,
      authorities: [zone.negativeSoa()],
    });
  }
  return reply(m, RCODE.NOERROR, { flags: reply(m, 0).flags | FLAG_AA, answers });
}

/** The answer to an ordinary query (not a transfer), checked with formProblem first. */
export function answerQuery(book: ZoneBook, m: Message): Response {
  const problem = formProblem(m);
  if (problem !== undefined) return reply(m, problem);
  const q = m.questions[0]!;
  if (q.class !== CLASS_IN && q.class !== CLASS_ANY) return reply(m, RCODE.REFUSED);
  const zone = book.zoneFor(q.key);
  if (!zone) return reply(m, RCODE.REFUSED);
  if (q.type === QTYPE.AXFR) return reply(m, RCODE.FORMERR);
  if (q.type === QTYPE.IXFR) {
    // Over UDP, an IXFR that does not fit is answered with the current SOA alone (RFC 1995 §2).
    return reply(m, RCODE.NOERROR, { flags: reply(m, 0).flags | FLAG_AA, answers: [zone.soa] });
  }
  return lookup(book, zone, m, q);
}

export { labelsOf };

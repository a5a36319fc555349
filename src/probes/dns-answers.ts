/** DNS answers as text people write in `expect.answers`: `203.0.113.10`, `10 mail.example.com`, `mail.example.com`. Pure. */

const name = (s: string) => s.toLowerCase().replace(/\.$/, '');

/** One answer's data from dns-packet, as text. */
export function answerText(type: string, data: unknown): string {
  if (typeof data === 'string') return type === 'A' || type === 'AAAA' ? data.toLowerCase() : name(data);
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data))
    return data.map((d) => (Buffer.isBuffer(d) ? d.toString('utf8') : String(d))).join('');
  const d = (data ?? {}) as Record<string, unknown>;
  switch (type) {
    case 'MX':
      return `${d.preference ?? d.priority} ${name(String(d.exchange))}`;
    case 'SRV':
      return `${d.priority} ${d.weight} ${d.port} ${name(String(d.target ?? d.name))}`;
    case 'SOA':
      return `${name(String(d.mname ?? d.nsname))} ${name(String(d.rname ?? d.hostmaster))} ${d.serial}`;
    case 'CAA':
      return `${d.flags ?? (d.critical ? 128 : 0)} ${d.tag} ${d.value}`;
    default:
      return JSON.stringify(data);
  }
}

/** An expected answer written by a person, normalised the same way. */
export function normaliseExpected(text: string): string {
  return text
    .trim()
    .replace(/"/g, '')
    .split(/\s+/)
    .map((part) => name(part))
    .join(' ');
}

/** The expected answers missing from what came (case-insensitive, order-free). */
export function missingAnswers(expected: readonly string[], got: readonly string[]): string[] {
  const have = new Set(got.map(normaliseExpected));
  return expected.filter((e) => !have.has(normaliseExpected(e)));
}

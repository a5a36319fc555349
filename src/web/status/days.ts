/**
 * Days in the status page's time zone (`statusPage.timezone`, an IANA name; default UTC): where each
 * local day begins, as an instant, and its date. A day is 23 or 25 hours long when the clocks
 * change; a day whose midnight does not exist begins at its first local instant. Pure: Intl's time
 * zone database (the runtime's), the time passed in.
 */

export const UTC = 'UTC';
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** One local day: [start, end), epoch ms, and its date (YYYY-MM-DD) in the zone. */
export interface ZoneDay {
  readonly start: number;
  readonly end: number;
  readonly date: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(zone, f);
  }
  return f;
}

/** The zone's wall clock at `t`, read as if it were UTC (epoch ms), and its date. */
function wall(t: number, zone: string): { ms: number; date: string } {
  const p: Record<string, number> = {};
  for (const part of format(zone).formatToParts(t))
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  const ms = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  const date = `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  return { ms, date };
}

/** The date (YYYY-MM-DD) in the zone at `t`. */
export function localDate(t: number, zone: string): string {
  if (zone === UTC) return new Date(t).toISOString().slice(0, 10);
  return wall(t, zone).date;
}

/** The first instant of the local day holding `t`. */
export function dayStartIn(t: number, zone: string): number {
  if (zone === UTC) return Math.floor(t / DAY_MS) * DAY_MS;
  const { ms, date } = wall(t, zone);
  const midnight = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
  );
  // The instant whose wall clock reads midnight, by the offset at `t` then at the guess.
  let guess = t - (ms - midnight);
  guess -= wall(guess, zone).ms - midnight;
  guess = Math.floor(guess / 1000) * 1000;
  if (wall(guess, zone).date === date && wall(guess - 1000, zone).date !== date) return guess;
  // Midnight skipped or repeated (clocks changing then): the first second of the day, found within
  // three hours of the guess, to the second.
  let lo = Math.min(guess, t) - 3 * HOUR_MS;
  let hi = Math.min(t, guess + 3 * HOUR_MS);
  while (wall(lo, zone).date === date) lo -= HOUR_MS;
  for (let i = 0; i < 40 && hi - lo > 1000; i++) {
    const mid = Math.floor((lo + hi) / 2000) * 1000;
    if (wall(mid, zone).date === date) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The last `days` local days, oldest first, the one holding `now` last (it ends after `now`). */
export function lastDays(now: number, days: number, zone: string): ZoneDay[] {
  const out: ZoneDay[] = [];
  let start = dayStartIn(now, zone);
  // Tomorrow's start: today's plus a day, a few hours more, then back to its midnight.
  let end = dayStartIn(start + DAY_MS + 3 * HOUR_MS, zone);
  for (let i = 0; i < days; i++) {
    out.push({ start, end, date: localDate(start, zone) });
    end = start;
    start = dayStartIn(start - 1, zone);
  }
  return out.reverse();
}

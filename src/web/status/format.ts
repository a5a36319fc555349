/**
 * Dates and ratios as each language writes them (Intl), times in the page's time zone (one for
 * every reader, said on the page and after each time: `UTC`, `CET`, `UTC+1`…).
 */
import type { Lang } from '../../i18n/index.ts';

const LOCALES: Readonly<Record<Lang, string>> = { en: 'en-GB', fr: 'fr-FR' };

const dateTime = new Map<string, Intl.DateTimeFormat>();
const day = new Map<Lang, Intl.DateTimeFormat>();
const percent = new Map<Lang, Intl.NumberFormat>();

function cached<K, T>(map: Map<K, T>, key: K, make: () => T): T {
  let v = map.get(key);
  if (!v) {
    v = make();
    map.set(key, v);
  }
  return v;
}

/** `1 Dec 2026, 19:32 UTC` / `1 déc. 2026, 19:32 UTC`; in Europe/Paris `1 Dec 2026, 20:32 CET`. */
export function formatTime(lang: Lang, at: number, zone = 'UTC'): string {
  const f = cached(
    dateTime,
    `${lang} ${zone}`,
    () =>
      new Intl.DateTimeFormat(LOCALES[lang], {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone: zone,
        timeZoneName: 'short',
      }),
  );
  return f.format(at);
}

/** `1 Dec 2026` / `1 déc. 2026`, from `2026-12-01`. */
export function formatDay(lang: Lang, date: string): string {
  const f = cached(
    day,
    lang,
    () =>
      new Intl.DateTimeFormat(LOCALES[lang], {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      }),
  );
  return f.format(Date.parse(`${date}T00:00:00Z`));
}

/** `99.95%` / `99,95 %`, never rounded up to 100 % (the view floors ratios). */
export function formatRatio(lang: Lang, ratio: number): string {
  const f = cached(
    percent,
    lang,
    () =>
      new Intl.NumberFormat(LOCALES[lang], {
        style: 'percent',
        minimumFractionDigits: 0,
        maximumFractionDigits: 2,
        roundingMode: 'trunc',
      } as Intl.NumberFormatOptions),
  );
  return f.format(ratio);
}

/** Dates and ratios as each language writes them (Intl), in UTC so every reader sees the same time. */
import type { Lang } from '../../i18n/index.ts';

const LOCALES: Readonly<Record<Lang, string>> = { en: 'en-GB', fr: 'fr-FR' };

const dateTime = new Map<Lang, Intl.DateTimeFormat>();
const day = new Map<Lang, Intl.DateTimeFormat>();
const percent = new Map<Lang, Intl.NumberFormat>();

function cached<T>(map: Map<Lang, T>, lang: Lang, make: () => T): T {
  let v = map.get(lang);
  if (!v) {
    v = make();
    map.set(lang, v);
  }
  return v;
}

/** `1 Dec 2026, 19:32 UTC` / `1 déc. 2026, 19:32 UTC`. */
export function formatTime(lang: Lang, at: number): string {
  const f = cached(
    dateTime,
    lang,
    () =>
      new Intl.DateTimeFormat(LOCALES[lang], {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone: 'UTC',
      }),
  );
  return `${f.format(at)} UTC`;
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

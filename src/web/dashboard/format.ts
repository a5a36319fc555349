/** Dates, times and durations in the dashboard's language. */
import type { Lang } from './lang.ts';

const LOCALE: Readonly<Record<Lang, string>> = { en: 'en-GB', fr: 'fr-FR' };

export function dateTime(lang: Lang, at: number | string): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeStyle: 'medium' }).format(
    new Date(at),
  );
}

export function shortDate(lang: Lang, at: number): string {
  return new Intl.DateTimeFormat(LOCALE[lang], {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(at));
}

/** 850 ms, 12.4 s, 3 min 20 s, 3 min, 2 h 5 min, 1 h (a part that is zero is left out). */
export function duration(lang: Lang, ms: number): string {
  const n = (v: number, digits = 0) =>
    new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: digits }).format(v);
  if (ms < 1000) return `${n(ms)} ms`;
  if (ms < 60_000) return `${n(ms / 1000, 1)} s`;
  const seconds = Math.round(ms / 1000);
  const min = Math.floor(seconds / 60);
  if (min < 60) return seconds % 60 ? `${min} min ${seconds % 60} s` : `${min} min`;
  return min % 60 ? `${Math.floor(min / 60)} h ${min % 60} min` : `${Math.floor(min / 60)} h`;
}

export function percent(lang: Lang, ratio: number): string {
  return new Intl.NumberFormat(LOCALE[lang], {
    style: 'percent',
    maximumFractionDigits: ratio > 0.999 && ratio < 1 ? 3 : 2,
  }).format(ratio);
}

/** A duration as the map writes it (`5m`, `1h30m`), by the map's own rules; undefined when not one. */
export { parseDuration } from '../../model/duration.ts';

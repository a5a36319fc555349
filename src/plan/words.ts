/**
 * The plan's small words: a text of the map in the plan's language, durations as people write
 * them, measured times as people read them, and an objective judged against its evidence.
 */
import type { Verdict } from '../i18n/documents/plan.ts';
import type { Lang } from '../i18n/index.ts';
import { parseDuration } from '../model/duration.ts';
import type { PlanText } from '../model/schema-plan.ts';

export function planText(value: PlanText, lang: Lang): string {
  if (typeof value === 'string') return value;
  return value[lang] ?? value.en ?? value.fr ?? '';
}

/** A duration of the map as people write it: `4 h`, `1 h 30 min`, `2 days` (`2 jours`), `45 s`. */
export function humanDuration(value: string | number, lang: Lang): string {
  let rest = typeof value === 'number' ? value : (parseDuration(value) ?? 0);
  if (rest === 0) return '0 min';
  const parts: string[] = [];
  const days = Math.floor(rest / 86_400_000);
  rest -= days * 86_400_000;
  if (days > 0)
    parts.push(lang === 'fr' ? `${days} jour${days > 1 ? 's' : ''}` : `${days} day${days > 1 ? 's' : ''}`);
  for (const [size, unit] of [
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
    [1, 'ms'],
  ] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n} ${unit}`);
  }
  return parts.join(' ');
}

/** A measured time as people read it: 850 ms, 2.3 s (2,3 s), 4m10s. */
export function measuredTime(ms: number, lang: Lang): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) {
    const s = (Math.round(ms / 100) / 10).toFixed(ms < 10_000 ? 1 : 0);
    return `${lang === 'fr' ? s.replace('.', ',') : s} s`;
  }
  return humanDuration(Math.round(ms / 1000) * 1000, lang);
}

/**
 * An objective (`RTO 15 min`) against what was measured: met when the measure is within it, never
 * measured without one; `measured` is the evidence as the plan words it.
 */
export function against(
  lang: Lang,
  objective: string | number | undefined,
  label: string,
  measuredMs: number | undefined,
  measured: string | undefined,
  at?: number,
): Verdict {
  if (objective === undefined)
    return measured === undefined
      ? { kind: 'no-objective' }
      : { kind: 'no-objective', measured, ...(at ? { at } : {}) };
  const goal = `${label} ${humanDuration(objective, lang)}`;
  if (measuredMs === undefined || measured === undefined) return { kind: 'never-measured', objective: goal };
  const limit = typeof objective === 'number' ? objective : parseDuration(objective)!;
  return {
    kind: measuredMs <= limit ? 'met' : 'not-met',
    objective: goal,
    measured,
    ...(at ? { at } : {}),
  };
}

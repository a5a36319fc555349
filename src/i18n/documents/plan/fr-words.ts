/** Les petits mots du plan en français : verdicts, paragraphes dans leur ton, noms des canaux et des événements. */
import type { Block, Cell, ContactView, Tone, Verdict } from '../plan.ts';

export const qui = (c: ContactView): string => `${c.name} (${c.role})`;

export function verdict(v: Verdict, date: (ms: number) => string): Cell {
  switch (v.kind) {
    case 'met':
      return { text: `${v.objective} — ${v.measured} : respecté`, tone: 'ok' };
    case 'not-met':
      return { text: `${v.objective} — ${v.measured} : NON respecté`, tone: 'bad' };
    case 'never-measured':
      return { text: `${v.objective} — jamais mesuré`, tone: 'warn' };
    default:
      return {
        text: v.measured
          ? `aucun objectif fixé — ${v.measured}${v.at ? ` (le ${date(v.at)})` : ''}`
          : 'aucun objectif fixé',
        tone: 'muted',
      };
  }
}
export const texte = (c: Cell): string => (typeof c === 'string' ? c : c.text);
export const para = (t: string, tone?: Tone): Block =>
  tone ? { kind: 'p', text: t, tone } : { kind: 'p', text: t };
export const ton = (c: Cell): Tone | undefined => (typeof c === 'string' ? undefined : c.tone);

export const EVENEMENT: Readonly<Record<string, string>> = {
  started: 'Début d’incident',
  update: 'Point de situation',
  resolved: 'Fin d’incident',
};
export const CANAL: Readonly<Record<string, string>> = {
  statusPage: 'Page d’état',
  email: 'E-mail aux clients',
  internal: 'Message interne',
};

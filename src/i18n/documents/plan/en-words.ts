/** The English plan's small words: verdicts, paragraphs in their tone, the names of channels and events. */
import type { Block, Cell, ContactView, Tone, Verdict } from '../plan.ts';

export const who = (c: ContactView): string => `${c.name} (${c.role})`;

export function verdict(v: Verdict, date: (ms: number) => string): Cell {
  switch (v.kind) {
    case 'met':
      return { text: `${v.objective} — ${v.measured}: met`, tone: 'ok' };
    case 'not-met':
      return { text: `${v.objective} — ${v.measured}: NOT met`, tone: 'bad' };
    case 'never-measured':
      return { text: `${v.objective} — never measured`, tone: 'warn' };
    default:
      return {
        text: v.measured
          ? `no objective set — ${v.measured}${v.at ? ` (${date(v.at)})` : ''}`
          : 'no objective set',
        tone: 'muted',
      };
  }
}
export const text = (c: Cell): string => (typeof c === 'string' ? c : c.text);
/** A paragraph, in the tone of its verdict when it has one. */
export const para = (t: string, tone?: Tone): Block =>
  tone ? { kind: 'p', text: t, tone } : { kind: 'p', text: t };
export const toneOf = (c: Cell): Tone | undefined => (typeof c === 'string' ? undefined : c.tone);

export const EVENT: Readonly<Record<string, string>> = {
  started: 'Incident started',
  update: 'Update',
  resolved: 'Resolved',
};
export const CHANNEL: Readonly<Record<string, string>> = {
  statusPage: 'Status page',
  email: 'Customer e-mail',
  internal: 'Internal message',
};

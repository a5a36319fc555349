/** Top actions rendered for people: the title of each change in the chosen language. */
import type { Action } from '../analysis/actions.ts';
import { type Lang, type MessageKey, render } from '../i18n/index.ts';

export interface RenderedAction {
  readonly id: string;
  readonly change: Action['change'];
  readonly finding: Action['finding'];
  readonly title: string;
  readonly subjects: readonly string[];
  readonly scoreBefore: number;
  readonly scoreAfter: number;
  readonly services: readonly string[];
}

export function renderAction(lang: Lang, a: Action): RenderedAction {
  const key = `action.${a.change}${a.variant ? `.${a.variant}` : ''}.title` as MessageKey;
  return {
    id: a.id,
    change: a.change,
    finding: a.finding,
    title: render(lang, key, a.params),
    subjects: a.subjects,
    scoreBefore: a.scoreBefore,
    scoreAfter: a.scoreAfter,
    services: a.services,
  };
}

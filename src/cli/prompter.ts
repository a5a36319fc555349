/**
 * Questions in a terminal, one at a time: each shows a short hint of valid answers and its default
 * in brackets; a bad answer is said why and asked again, a bounded number of times; the end of input
 * (Ctrl-D) stops everything with a message. Used by `bascule init`.
 */
import { fail } from '../errors.ts';
import type { Io } from './io.ts';

/** What an answer means, or why it is not one. */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: string };

export interface Question<T> {
  readonly text: string;
  /** The valid answers, shortly: `a number from the list, a name, or ? if you don't know`. */
  readonly hint?: string;
  /** Shown in brackets and taken for an empty answer; without one, an empty answer is parsed as such. */
  readonly default?: string;
  parse(answer: string): Parsed<T>;
}

/** A question is asked at most this many times before init gives up (never an endless loop). */
export const MAX_ATTEMPTS = 5;

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const problem = <T>(text: string): Parsed<T> => ({ ok: false, problem: text });

export class Prompter {
  readonly #io: Io;

  constructor(io: Io) {
    this.#io = io;
  }

  /** Prints a line of the conversation (a list to choose from, a note). */
  say(text: string): void {
    this.#io.stdout(`${text}\n`);
  }

  async ask<T>(q: Question<T>): Promise<T> {
    const prompt = `${q.text}${q.hint ? ` (${q.hint})` : ''}${q.default !== undefined ? ` [${q.default}]` : ''} `;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const answer = await this.#io.ask(prompt);
      if (answer === undefined) {
        // Ctrl-D leaves the cursor after the question: the message goes on a line of its own.
        this.#io.stdout('\n');
        throw fail('BASCULE_E_INIT_STOPPED', {});
      }
      const given = answer.trim();
      const parsed = q.parse(given === '' && q.default !== undefined ? q.default : given);
      if (parsed.ok) return parsed.value;
      this.say(`  ${parsed.problem}`);
    }
    throw fail('BASCULE_E_INIT_ANSWER', { question: q.text, attempts: MAX_ATTEMPTS });
  }
}

/**
 * The demo's terminal: lines of a timeline (`  +1.23 s  text`, offsets from the kill), a heading,
 * and on a terminal one live line at the bottom (the client's counts), redrawn in place and
 * cleared before any other line is printed. Without a terminal there is no live line, no escape
 * sequence at all: what is printed reads the same in a log file.
 */
import type { Lang } from '../i18n/index.ts';

export type Tone = 'red' | 'green' | 'yellow' | 'cyan' | 'gray' | 'bold' | 'dim';
export type Paint = (tone: Tone, text: string) => string;

/** `+1.23 s`, `+1,23 s` in French. */
export function offset(lang: Lang, ms: number): string {
  const n = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${ms < 0 ? '−' : '+'}${n.format(Math.abs(ms) / 1000)} s`;
}

/** `12 ms` under a second, `1.5 s` / `1,5 s` under a minute (at most one decimal), else `2 min 30 s`. */
export function duration(lang: Lang, ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(ms / 1000)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

const OFFSET_WIDTH = 9;

export class Narrator {
  private liveText = '';

  constructor(
    readonly lang: Lang,
    readonly paint: Paint,
    private readonly write: (text: string) => void,
    /** A terminal: the live line is drawn. */
    private readonly live: boolean,
  ) {}

  /** A line of its own. */
  line(text = ''): void {
    this.clear();
    this.write(`${text}\n`);
    this.redraw();
  }

  /** A line of the timeline, `ms` after the kill. */
  at(ms: number, text: string, sub = false): void {
    const when = this.paint('cyan', offset(this.lang, ms).padStart(OFFSET_WIDTH));
    this.line(`  ${when}  ${sub ? '  · ' : ''}${text}`);
  }

  /** A line under the timeline's, without a time. */
  note(text: string): void {
    this.line(`  ${' '.repeat(OFFSET_WIDTH)}  ${text}`);
  }

  /** Sets the live line (a terminal only). */
  status(text: string): void {
    if (!this.live) return;
    this.clear();
    this.liveText = text;
    this.redraw();
  }

  /** Removes the live line for good. */
  end(): void {
    this.clear();
    this.liveText = '';
  }

  private clear(): void {
    if (this.live && this.liveText !== '') this.write('\r\u001b[K');
  }

  private redraw(): void {
    if (this.live && this.liveText !== '') this.write(`  ${this.paint('dim', this.liveText)}`);
  }
}

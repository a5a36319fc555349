/**
 * Progress of a long job for people: on a terminal, one live line redrawn in place per step (a bar,
 * restic's estimate: percent, bytes, time left), replaced by the step's result when it ends; when
 * standard error is not a terminal (cron, a pipe), a plain line as each step starts and ends,
 * nothing in between. Always on standard error, so standard output keeps the results alone.
 */

import type { Progress } from '../backup/restic/index.ts';
import type { StepEvent } from '../backup/runner/index.ts';
import { type Lang, t } from '../i18n/index.ts';
import { formatDuration } from '../model/duration.ts';
import type { Io } from './io.ts';
import { type Paint, width } from './style.ts';

const BAR = 24;
/** At most this many redraws a second: a terminal over SSH need not get every status line restic prints. */
const REDRAW_MS = 100;

/** 1536 → "1.5 KiB". */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export interface ProgressReporter {
  step(dataset: string, e: StepEvent): void;
  progress(dataset: string, p: Progress & { readonly step: string; readonly target: string }): void;
  /** Clears a live line still drawn (before the results are printed). */
  done(): void;
}

export function progressReporter(io: Io, lang: Lang, paint: Paint): ProgressReporter {
  const columns = io.progressColumns;
  const live = columns !== undefined;
  let drawn = false;
  let last = 0;
  const stepName = (step: string) => t(lang, `backupJobs.step.${step as StepEvent['step']}`);
  const clear = () => {
    if (drawn) io.stderr('\r\u001b[2K');
    drawn = false;
  };
  const draw = (text: string) => {
    const max = (columns ?? 80) - 1;
    const shown = width(text) > max ? `${[...text].slice(0, max - 1).join('')}…` : text;
    io.stderr(`\r\u001b[2K${shown}`);
    drawn = true;
  };
  return {
    step(dataset, e) {
      const head = { dataset, step: stepName(e.step), target: e.target };
      if (e.phase === 'start') {
        if (live) draw(t(lang, 'backupJobs.line.start', head));
        else io.stderr(`${t(lang, 'backupJobs.line.start', head)}\n`);
        return;
      }
      const result = e.ok
        ? paint('green', t(lang, 'backupJobs.result.ok'))
        : paint('red', t(lang, 'backupJobs.result.failed'));
      if (live) clear();
      io.stderr(`${t(lang, 'backupJobs.line.end', { ...head, result })}\n`);
    },
    progress(dataset, p) {
      if (!live) return;
      const now = Date.now();
      if (now - last < REDRAW_MS && p.fraction < 1) return;
      last = now;
      const filled = Math.round(p.fraction * BAR);
      const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}]`;
      const numbers = t(lang, 'backupJobs.progress', {
        percent: Math.floor(p.fraction * 100),
        done: formatBytes(p.bytesDone),
        total: p.bytesTotal !== undefined ? formatBytes(p.bytesTotal) : '',
        eta:
          p.etaSeconds !== undefined && p.etaSeconds > 0
            ? formatDuration(Math.round(p.etaSeconds) * 1000)
            : '',
      });
      draw(
        `${t(lang, 'backupJobs.line.start', { dataset, step: stepName(p.step), target: p.target })} ${bar} ${numbers}`,
      );
    },
    done: clear,
  };
}

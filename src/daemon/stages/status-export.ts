/**
 * `statusPage.export.onChange`: the daemon rewrites the static status page (web/status/site.ts)
 * into `export.dir` whenever a shown service changes state or one of its incidents changes, and
 * every few minutes (the uptime bars, "updated at"). Debounced: the changes of one moment (a
 * check, its component, its service) make one export, at most one runs at a time, and a change
 * during an export makes one more after it. The export runs beside the pipeline, never in it, so
 * a slow disk never holds the monitor; each file is replaced atomically (write-site.ts).
 */
import type { Clock, TimerHandle } from '../../platform/clock.ts';
import type { Logger } from '../../platform/log.ts';
import type { StatusPageSource } from '../../web/status/load.ts';
import { staticSite } from '../../web/status/site.ts';
import { statusView } from '../../web/status/view.ts';
import { writeSite } from '../../web/status/write-site.ts';
import type { Stage } from '../pipeline.ts';

export const EXPORT_DEBOUNCE_MS = 1_000;
export const EXPORT_REFRESH_MS = 5 * 60_000;

export interface StatusExportOptions {
  readonly source: StatusPageSource;
  /** Absolute. */
  readonly dir: string;
  readonly clock: Clock;
  readonly log: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly debounceMs?: number;
  readonly refreshMs?: number;
  /** Called after each export (tests). */
  readonly onExport?: (written: number) => void;
}

export function statusExportStage(o: StatusExportOptions): Stage {
  const shown = new Set(Object.keys(o.source.page.show));
  const debounce = o.debounceMs ?? EXPORT_DEBOUNCE_MS;
  let timer: TimerHandle | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const exportNow = async () => {
    const view = statusView(o.source.page, o.source.lang, await o.source.read(), o.source.crisis);
    const written = writeSite(o.dir, staticSite(view));
    o.onExport?.(written);
  };
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = exportNow()
      .catch((e: unknown) => o.log.error({ err: e, dir: o.dir }, 'status page export failed'))
      .finally(() => {
        running = undefined;
        if (again && !stopped) {
          again = false;
          schedule();
        }
      });
    return running;
  };
  function schedule(): void {
    if (stopped || timer !== undefined) return;
    timer = o.clock.setTimeout(() => {
      timer = undefined;
      void run();
    }, debounce);
  }

  return {
    name: 'status-export',
    on: {
      transitions(batch) {
        if (batch.some((t) => t.type === 'service' && shown.has(t.id))) schedule();
      },
      incidents({ changed }) {
        if (changed.some((i) => shown.has(i.service))) schedule();
      },
    },
    tick: { every: o.refreshMs ?? EXPORT_REFRESH_MS, atStart: true, run: () => schedule() },
    async stop() {
      stopped = true;
      if (timer !== undefined) o.clock.clearTimeout(timer);
      timer = undefined;
      await running;
      await run();
    },
  };
}

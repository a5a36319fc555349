/**
 * The backups stage: on its tick (the injected Clock), the controller reads Bascule's records,
 * publishes on the `backups` topic what changed (a dataset going to breach or back to ok, a run
 * missed) and starts the jobs that are due; each job's end is published through the pipeline as it
 * comes (a failed run or verification). On stop, running jobs are aborted and recorded as such.
 */
import type { BackupController } from '../backups/controller.ts';
import type { Stage } from '../pipeline.ts';

/** How often the schedule and the records are looked at. */
export const BACKUPS_TICK_MS = 10_000;

export function backupsStage(c: BackupController, o: { tickMs?: number } = {}): Stage {
  return {
    name: 'backups',
    tick: {
      every: o.tickMs ?? BACKUPS_TICK_MS,
      atStart: true,
      run: (now, emit) => c.tick(now, emit),
    },
    stop: () => c.stop(),
  };
}

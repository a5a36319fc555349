/**
 * Saves the monitor's state machines every few seconds, not on every change: a restart replays the
 * results stored since (resume.ts), so saving often only bounds the replay. Saved at start too (a
 * restart needs a snapshot to replay onto), and once more on stop.
 */
import type { Monitor } from '../../monitor/monitor.ts';
import type { StateStore } from '../../store/store.ts';
import type { Stage } from '../pipeline.ts';
import { SNAPSHOT_KEY } from '../resume.ts';

export const SNAPSHOT_EVERY_MS = 10_000;

export function snapshotStage(monitor: Monitor, store: StateStore): Stage {
  const save = (now: number) => store.saveState(SNAPSHOT_KEY, monitor.snapshot(now));
  return { name: 'snapshot', tick: { every: SNAPSHOT_EVERY_MS, atStart: true, run: save }, stop: save };
}

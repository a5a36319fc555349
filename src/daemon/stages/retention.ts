/** Rolls raw results past the retention window into per-minute roll-ups, and drops old roll-ups. */
import { parseDuration } from '../../model/duration.ts';
import type { Logger } from '../../platform/log.ts';
import type { ObservationStore } from '../../store/store.ts';
import type { Stage } from '../pipeline.ts';

const EVERY_MS = 10 * 60_000;
const DAY = 86_400_000;

export interface Retention {
  readonly raw?: string;
  readonly rollups?: string;
}

export function retentionStage(
  store: ObservationStore,
  retention: Retention | undefined,
  log: Logger,
): Stage {
  const raw = parseDuration(retention?.raw ?? '7d') ?? 7 * DAY;
  const rollups = parseDuration(retention?.rollups ?? '400d') ?? 400 * DAY;
  return {
    name: 'retention',
    tick: {
      every: EVERY_MS,
      async run(now) {
        const rolled = await store.rollUp(now - raw);
        const purged = await store.purgeRollups(now - rollups);
        if (rolled + purged > 0) log.info({ rolled, purged }, 'retention applied');
      },
    },
  };
}

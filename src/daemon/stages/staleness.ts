/** Once a second, the checks whose vantage points went silent are re-evaluated (a silent check goes UNKNOWN). */
import type { Monitor } from '../../monitor/monitor.ts';
import type { Stage } from '../pipeline.ts';

export function stalenessStage(monitor: Monitor): Stage {
  return {
    name: 'staleness',
    tick: {
      every: 1000,
      run(now, emit) {
        const changed = monitor.tick(now);
        if (changed.length > 0) emit('transitions', changed);
      },
    },
  };
}

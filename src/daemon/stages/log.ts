/** One log line per state change, for people reading the daemon's JSON logs. */
import type { Logger } from '../../platform/log.ts';
import type { Stage } from '../pipeline.ts';

export function logStage(log: Logger): Stage {
  return {
    name: 'log',
    on: {
      transitions(batch) {
        for (const t of batch) {
          log.info({ type: t.type, id: t.id, from: t.from, to: t.to, reason: t.reason }, 'state change');
        }
      },
    },
  };
}

/** Live updates for the dashboard and API clients (server-sent events): every state change and incident event. */
import type { LiveFeed } from '../../server/live.ts';
import type { Stage } from '../pipeline.ts';

export function liveStage(live: LiveFeed): Stage {
  return {
    name: 'live',
    on: {
      transitions(batch) {
        for (const t of batch) live.publish('state', t);
      },
      incidents({ events }) {
        for (const e of events) live.publish(e.type, e.incident);
      },
    },
  };
}

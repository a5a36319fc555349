/**
 * Live updates for the dashboard and API clients (server-sent events): every state change and
 * incident event, maintenance windows starting and ending, alerts they silenced, and backups (jobs
 * starting and ending, failures, breaches, missed runs: `backup-<kind>`). Switch records
 * are published by the failover controller itself as it saves them (daemon.ts: `onSwitch`).
 */

import type { LiveFeed } from '../../server/live.ts';
import { maintenanceJson } from '../../server/maintenance-schemas.ts';
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
      maintenance(notices, now) {
        for (const n of notices) live.publish(`maintenance-${n.kind}`, maintenanceJson(n.window, now));
      },
      backups(notices) {
        for (const n of notices) live.publish(`backup-${n.kind}`, n);
      },
      silenced(alerts) {
        for (const a of alerts) live.publish('alert-silenced', a);
      },
    },
  };
}

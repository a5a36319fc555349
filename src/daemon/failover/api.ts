/** The failover as the API sees it: views, records, and commands run in the pipeline's order. */
import type { Clock } from '../../platform/clock.ts';
import type { FailoverApi } from '../../server/deps.ts';
import type { Store } from '../../store/store.ts';
import type { Pipeline } from '../pipeline.ts';
import type { Failover } from './build.ts';
import type { CommandAnswer } from './controller.ts';

/** What the API may ask of the failover: views, records, and commands run in the pipeline's order. */
export function failoverApi(f: Failover, pipeline: Pipeline, clock: Clock, store: Store): FailoverApi {
  const c = f.controller;
  return {
    groups: () => c.groups.map((g) => g.spec.id),
    view: (group) => c.view(group),
    switches: (group, limit) => store.switches({ group, limit }),
    audit: (group, limit) => store.audit({ group, limit }),
    command: async (group, action, body) => {
      let answer: CommandAnswer = { ok: false, refused: 'unknown-group' };
      await pipeline.run(`failover ${action}`, async (emit) => {
        answer = await c.command(group, action, body.endpoint ?? null, {
          who: body.who,
          why: body.reason,
          at: clock.now(),
          ...(body.force ? { force: true } : {}),
        });
        const notices = c.takeNotices();
        if (notices.length > 0) emit('failover', notices);
      });
      return answer;
    },
  };
}

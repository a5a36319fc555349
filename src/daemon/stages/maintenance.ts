/** Maintenance windows as time passes: every second, those that started or ended are published. */
import type { MaintenanceBook } from '../maintenance-book.ts';
import type { Stage } from '../pipeline.ts';

const EVERY_MS = 1000;

export function maintenanceStage(book: MaintenanceBook): Stage {
  return {
    name: 'maintenance',
    tick: {
      every: EVERY_MS,
      atStart: true,
      run(now, emit) {
        const notices = book.step(now);
        if (notices.length > 0) emit('maintenance', notices);
      },
    },
  };
}

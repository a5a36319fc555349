/** Stores every transition before any later stage acts on it. */
import type { TransitionStore } from '../../store/store.ts';
import type { Stage } from '../pipeline.ts';

export function persistTransitionsStage(store: TransitionStore): Stage {
  return {
    name: 'persist-transitions',
    durable: true,
    on: {
      transitions: (batch) => (batch.length > 0 ? store.appendTransitions(batch) : undefined),
    },
  };
}

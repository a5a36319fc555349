/** single-point-of-failure: one placed component whose failure alone takes a service down. */
import { criticalitiesOf, names } from '../context.ts';
import { severityFor } from '../finding.ts';
import type { Rule } from './rule.ts';

export const singlePointOfFailure = {
  kinds: ['single-point-of-failure'],
  run({ graph, blast }) {
    return blast.radii
      .filter((r) => r.placed && r.services.length > 0)
      .map((r) => ({
        kind: 'single-point-of-failure',
        severity: severityFor(criticalitiesOf(graph, r.services)),
        subjects: [graph.ids[r.component]!, ...r.services.map((s) => graph.ids[s]!)],
        params: {
          component: graph.ids[r.component]!,
          services: names(graph, r.services),
          path: r.path.join(' ← '),
        },
      }));
  },
} satisfies Rule;

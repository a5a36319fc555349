/** single-point-of-failure: one placed component whose failure alone takes a service down. */
import { byCriticality, criticalitiesOf, names } from '../context.ts';
import { severityFor } from '../finding.ts';
import type { Rule } from './rule.ts';

export const singlePointOfFailure = {
  kinds: ['single-point-of-failure'],
  run({ graph, blast }) {
    return blast.radii
      .filter((r) => r.placed && r.services.length > 0)
      .map((r) => {
        const services = byCriticality(graph, r.services);
        return {
          kind: 'single-point-of-failure',
          severity: severityFor(criticalitiesOf(graph, services)),
          subjects: [graph.ids[r.component]!, ...services.map((s) => graph.ids[s]!)],
          params: {
            component: graph.ids[r.component]!,
            services: names(graph, services),
            path: r.path.join(' ← '),
          },
        };
      });
  },
} satisfies Rule;

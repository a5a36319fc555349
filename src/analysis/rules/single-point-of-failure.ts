/**
 * single-point-of-failure: one placed component whose failure alone takes a service down. One finding
 * per component; it names its most critical services (all of them with `--full`) and counts the rest.
 */
import { adviceFor } from '../advice.ts';
import { criticalitiesOf, names } from '../context.ts';
import { severityFor } from '../finding.ts';
import type { Rule } from './rule.ts';

export const singlePointOfFailure = {
  kinds: ['single-point-of-failure'],
  run({ graph, blast, limit }) {
    return blast.radii
      .filter((r) => r.placed && r.servicesTotal > 0)
      .map((r) => {
        // Most critical first (as a blast radius lists them); beyond `limit` the count is given, not the names.
        const services = r.services.slice(0, limit);
        const more = r.servicesTotal - services.length;
        return {
          kind: 'single-point-of-failure',
          ...(more > 0 ? { variant: 'many' } : {}),
          severity: severityFor(criticalitiesOf(graph, services)),
          subjects: [graph.ids[r.component]!, ...services.map((s) => graph.ids[s]!)],
          params: {
            component: graph.ids[r.component]!,
            // What to advise depends on what it is (advice.ts): a payment provider, a line, a DNS…
            advice: adviceFor(graph.config.components[graph.ids[r.component]!]?.kind),
            services: names(graph, services),
            path: r.path.join(' ← '),
            ...(more > 0 ? { more } : {}),
          },
        };
      });
  },
} satisfies Rule;

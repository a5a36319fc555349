/**
 * The zod schemas of the map's reads and of simulations (/api/v1/map, /analysis, /scenarios,
 * /simulate): the simulation's body, validated; the answers, described (they are the JSON of
 * `bascule analyze`, `scenarios` and `simulate` with `--format json`: docs/json-output.md).
 */
import { z } from '@hono/zod-openapi';
import { PREDICATE_KEYS } from '../analysis/predicate.ts';
import { detailKey } from './validation.ts';

/** Most predicates one simulation takes. */
export const MAX_PREDICATES = 50;
export const MAX_SIMULATE_BODY = 64 * 1024;

const value = z.string().trim().min(1).max(200);
const predicateObject = z
  .strictObject(
    Object.fromEntries(PREDICATE_KEYS.map((k) => [k, value.optional()])) as Record<
      (typeof PREDICATE_KEYS)[number],
      z.ZodOptional<typeof value>
    >,
  )
  .refine((p) => Object.values(p).some((v) => v !== undefined), detailKey('http.detail.predicateEmpty'))
  .openapi('Predicate', {
    description: 'A failure: keys ANDed (provider, region, zone, service, kind, component).',
    example: { provider: 'aws', region: 'eu-west-3' },
  });

export const simulateBody = z
  .strictObject({
    fail: z
      .array(
        z.union([
          z.string().min(1).max(500).openapi({
            description: 'As `bascule simulate --fail`: `provider=aws,region=eu-west-3`.',
          }),
          predicateObject,
        ]),
      )
      .min(1)
      .max(MAX_PREDICATES)
      .optional()
      .openapi({ description: 'Failures, ORed: what fails at once.' }),
    scenario: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: 'A scenario of the library, by id (GET /api/v1/scenarios).' }),
  })
  .refine((b) => (b.fail === undefined) !== (b.scenario === undefined), {
    path: ['fail'],
    ...detailKey('http.detail.failOrScenario'),
  })
  .openapi('SimulateBody', { example: { fail: ['provider=aws,region=eu-west-3'] } });

export const langQuery = z.object({
  lang: z.enum(['en', 'fr']).optional().openapi({
    description: 'The language of the texts; default: Accept-Language (French if preferred), else English.',
  }),
});

const json = (name: string, description: string) => z.looseObject({}).openapi(name, { description });

export const mapJson = json(
  'Map',
  'The map as validated (defaults filled in); secrets as references ({env}, {file}), never their values; URLs that carry a secret (alert webhooks, store) shown without it.',
);
export const analysisJson = json(
  'Analysis',
  'As `bascule analyze --format json`: formatVersion, name, summary, score, actions (top actions), actionsTried, singlePointsOfFailure, findings, outages, blastRadius, notEvaluated.',
);
export const scenarioJson = json(
  'Scenario',
  'As each of `bascule scenarios --format json`: id, title {en, fr}, date, provider, fail (predicates as text), sources…',
);
export const simulationJson = json(
  'Simulation',
  'As `bascule simulate --format json`: formatVersion, scenario, matched, servicesDown, componentsDown, degraded, explanations, failovers.',
);

/**
 * The map in the operator group: the map itself (secrets never shown), its analysis (findings,
 * score, top actions: computed once at start), the outage library, and simulations of failures or
 * of a scenario. The same JSON as `bascule analyze`, `scenarios` and `simulate` with `--format json`.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { type Predicate, parsePredicate } from '../analysis/predicate.ts';
import { BasculeError } from '../errors.ts';
import { type Lang, render } from '../i18n/index.ts';
import { suggest } from '../model/suggest.ts';
import { operatorAuth } from './auth.ts';
import type { ApiDeps } from './deps.ts';
import { ApiError, requestLang } from './http-error.ts';
import { jsonBody } from './json-body.ts';
import {
  analysisJson,
  langQuery,
  MAX_SIMULATE_BODY,
  mapJson,
  scenarioJson,
  simulateBody,
  simulationJson,
} from './map-schemas.ts';
import { bodyErrors, errorAnswer, operatorSecurity as security, unauthorized } from './responses.ts';

/** Each predicate of the body, the text ones parsed as `--fail` is; a bad one is a 400 naming it. */
function predicates(
  fail: readonly (string | Readonly<Record<string, string | undefined>>)[],
  lang: Lang,
): Predicate[] {
  return fail.map((p, i) => {
    if (typeof p !== 'string')
      return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as Predicate;
    try {
      return parsePredicate(p);
    } catch (e) {
      if (!(e instanceof BasculeError)) throw e;
      const d = e.diagnostics[0]!;
      throw new ApiError('BASCULE_E_HTTP_BAD_REQUEST', {
        field: `fail.${i}`,
        detail: render(lang, d.code, d.params),
      });
    }
  });
}

export function mapRoutes(deps: ApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  const auth = operatorAuth(deps.operatorToken);
  const m = deps.map;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/map',
      summary: 'The map the daemon runs, as validated JSON (secrets as references, never their values)',
      security,
      middleware: [auth] as const,
      responses: {
        200: { description: 'The map', content: { 'application/json': { schema: mapJson } } },
        401: unauthorized,
      },
    }),
    (c) => c.json(m.map() as never, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/analysis',
      summary:
        'Findings, score and top actions of the map (computed at start), as `bascule analyze --format json`',
      security,
      middleware: [auth] as const,
      request: { query: langQuery },
      responses: {
        200: { description: 'The analysis', content: { 'application/json': { schema: analysisJson } } },
        400: errorAnswer('`lang` is not en or fr'),
        401: unauthorized,
      },
    }),
    (c) => c.json(m.analysis(c.req.valid('query').lang ?? requestLang(c)) as never, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/scenarios',
      summary:
        'The outage library (built in, and scenarios/ next to the map), as `bascule scenarios --format json`',
      security,
      middleware: [auth] as const,
      responses: {
        200: {
          description: 'The scenarios',
          content: { 'application/json': { schema: z.object({ scenarios: z.array(scenarioJson) }) } },
        },
        401: unauthorized,
      },
    }),
    (c) => c.json({ scenarios: m.scenarios() } as never, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/simulate',
      summary: 'Simulate failures, or a scenario of the library, as `bascule simulate --format json`',
      description:
        'Exactly one of `fail` (predicates as text, as `--fail` takes them, or as objects) and `scenario` (an id). Nothing changes: the answer is computed on the map.',
      security,
      middleware: [auth, jsonBody(MAX_SIMULATE_BODY)] as const,
      request: {
        query: langQuery,
        body: { required: true, content: { 'application/json': { schema: simulateBody } } },
      },
      responses: {
        200: { description: 'The simulation', content: { 'application/json': { schema: simulationJson } } },
        ...bodyErrors,
        401: unauthorized,
        404: errorAnswer(
          'No scenario has that id (BASCULE_E_HTTP_SCENARIO_UNKNOWN; the closest is suggested)',
        ),
      },
    }),
    (c) => {
      const body = c.req.valid('json');
      const lang = c.req.valid('query').lang ?? requestLang(c);
      const answer =
        body.scenario !== undefined
          ? m.simulate({ scenario: body.scenario }, lang)
          : m.simulate({ fail: predicates(body.fail ?? [], lang) }, lang);
      if (!answer.ok) {
        const id = body.scenario ?? '';
        const hint = suggest(id, answer.scenarios);
        throw new ApiError('BASCULE_E_HTTP_SCENARIO_UNKNOWN', { id, ...(hint ? { suggestion: hint } : {}) });
      }
      return c.json(answer.json as never, 200);
    },
  );
  return app;
}

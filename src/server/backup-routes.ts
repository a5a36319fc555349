/**
 * The backup group of the operator API (/api/v1/backups): every dataset's status against its RPO
 * with the schedule, one dataset's history (runs, checks, restore tests), and the manual jobs (run
 * now, verify now: 202 with the job started, 409 while one of the dataset's runs). All behind the
 * operator token or the dashboard's session (and its CSRF token on writes), checked before
 * anything is read. Nothing answered holds a secret: the records' details are secret-free.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { suggest } from '../model/suggest.ts';
import { operatorAuth } from './auth.ts';
import { backupHistory, backupsStatus, datasetParams, historyQuery, jobStarted } from './backup-schemas.ts';
import type { ApiDeps, BackupsApi } from './deps.ts';
import { ApiError, requestLang } from './http-error.ts';
import { requester } from './requester.ts';
import { errorSchema, OPERATOR_AUTH } from './schemas.ts';

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});
const unauthorized = error('Missing or wrong operator token (WWW-Authenticate: Bearer)');
const security = [{ [OPERATOR_AUTH]: [] }];

function known(b: BackupsApi, dataset: string): void {
  const ids = b.datasets();
  if (ids.includes(dataset)) return;
  const hint = suggest(dataset, ids);
  throw new ApiError('BASCULE_E_HTTP_BACKUP_DATASET_UNKNOWN', {
    dataset,
    datasets: ids.join(', '),
    ...(hint ? { suggestion: hint } : {}),
  });
}

export function backupRoutes(deps: ApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  const auth = operatorAuth(deps.operatorToken);
  const none: BackupsApi = {
    datasets: () => [],
    status: async () => ({ datasets: [] }),
    history: async () => ({}),
    start: () => ({ ok: false, unavailable: true }),
  };
  const b = deps.backups ?? none;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary:
        'Every backup dataset: ok | warn | breach against its RPO, each target’s last good snapshot and its age, the 3-2-1-1-0 rule with its reasons, when the next run and verification are due, the job under way',
      security,
      middleware: [auth] as const,
      responses: {
        200: { description: 'The datasets', content: { 'application/json': { schema: backupsStatus } } },
        401: unauthorized,
      },
    }),
    async (c) => c.json((await b.status(requestLang(c))) as never, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{dataset}/history',
      summary: 'One dataset’s runs, its targets’ checks and its restore tests, newest first',
      security,
      middleware: [auth] as const,
      request: { params: datasetParams, query: historyQuery },
      responses: {
        200: { description: 'The history', content: { 'application/json': { schema: backupHistory } } },
        400: error('A query parameter is invalid'),
        401: unauthorized,
        404: error('No such dataset (BASCULE_E_HTTP_BACKUP_DATASET_UNKNOWN, the closest suggested)'),
      },
    }),
    async (c) => {
      const { dataset } = c.req.valid('param');
      known(b, dataset);
      return c.json((await b.history(dataset, c.req.valid('query').limit ?? 50)) as never, 200);
    },
  );

  const job = (kind: 'run' | 'verify') =>
    app.openapi(
      createRoute({
        method: 'post',
        path: `/{dataset}/${kind}`,
        summary:
          kind === 'run'
            ? 'Back the dataset up now (to its first target, copied to the others), beside the schedule'
            : 'Verify the dataset now (each target checked with a data subset; the restore test if asked)',
        security,
        middleware: [auth] as const,
        request: { params: datasetParams },
        responses: {
          202: {
            description: 'Started: the job (its end is on the live feed, its records in the history)',
            content: { 'application/json': { schema: jobStarted } },
          },
          401: unauthorized,
          404: error('No such dataset (BASCULE_E_HTTP_BACKUP_DATASET_UNKNOWN, the closest suggested)'),
          409: error(
            'A job of that dataset is under way (BASCULE_E_HTTP_BACKUP_RUNNING): error.params gives its job, dataset and start',
          ),
          503: error('This daemon has no backup runner (BASCULE_E_HTTP_BACKUP_UNAVAILABLE)'),
        },
      }),
      async (c) => {
        const { dataset } = c.req.valid('param');
        known(b, dataset);
        const answer = b.start(dataset, kind, requester(c));
        if (answer.ok) return c.json({ job: answer.job } as never, 202);
        if ('unavailable' in answer) throw new ApiError('BASCULE_E_HTTP_BACKUP_UNAVAILABLE');
        throw new ApiError('BASCULE_E_HTTP_BACKUP_RUNNING', {
          job: answer.running.job,
          dataset,
          since: answer.running.startedAt,
        });
      },
    );
  job('run');
  job('verify');
  return app;
}

/**
 * The OpenAPI document: served at /api/openapi.json (and /api/v1/openapi.json), valid OpenAPI 3.1
 * by a validator made for it (@seriousme/openapi-schema-validator), derived from the route schemas
 * so that every route Hono serves is in it and nothing else is, and every route that is not public
 * asks for a token.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { createApi } from '../src/server/api.ts';
import { Fake, startApi, type TestApi } from './helpers/api.ts';

interface Operation {
  security?: Record<string, unknown[]>[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>> };

/**
 * Routes that need no token: the daemon's health, this document, and the
 * dashboard's page, its built files and its login (which takes the token in its body): the page
 * and files hold no data, and show the login only until a session is open.
 */
const OPEN = [
  'GET /healthz',
  'GET /api/openapi.json',
  'GET /api/v1/openapi.json',
  // The public status page (server/status-routes.ts).
  'GET /status',
  'GET /status/badge/{badge}',
  'GET /status/feed.atom',
  'GET /status/status.json',
  // The dashboard (server/dashboard-routes.ts).
  'GET /',
  'GET /dashboard/assets/{file}',
  'POST /api/v1/session',
];

describe('OpenAPI document', () => {
  let api: TestApi;
  let doc: Doc;
  before(async () => {
    api = await startApi();
    doc = (await api.call('/api/openapi.json')).json as unknown as Doc;
  });
  after(() => api.server.stop());

  it('is served at the issue’s path and at the versioned one, the same document', async () => {
    const v1 = await api.call('/api/v1/openapi.json');
    assert.equal(v1.status, 200);
    assert.deepEqual(v1.json, doc);
    assert.equal(doc.openapi, '3.1.0');
  });

  it('is valid OpenAPI 3.1 for @seriousme/openapi-schema-validator', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc as unknown as Record<string, unknown>);
    assert.deepEqual(result.errors ?? [], [], JSON.stringify(result.errors, null, 2));
    assert.equal(result.valid, true);
    assert.equal(validator.version, '3.1');
  });

  it('documents every route Hono serves, and only those', () => {
    const app = createApi(new Fake().deps());
    const served = [
      ...new Set(
        app.routes
          .filter((r) => r.method !== 'ALL')
          .map((r) => `${r.method} ${r.path.replace(/:([^/]+)/g, '{$1}')}`),
      ),
    ].sort();
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    assert.deepEqual(served, documented);
    app.close();
  });

  it('asks a token of every route but the public ones; the operator’s for every write but the agent’s post', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const name = `${method.toUpperCase()} ${path}`;
        if (OPEN.includes(name)) {
          assert.equal(op.security, undefined, name);
          continue;
        }
        const schemes = (op.security ?? []).flatMap((s) => Object.keys(s));
        const expected = path.startsWith('/api/v1/agent/') ? 'vantageToken' : 'operatorToken';
        assert.deepEqual(schemes, [expected], name);
        assert.ok('401' in op.responses, `${name} documents its 401`);
        if (op.requestBody) assert.ok('400' in op.responses, `${name} documents its 400`);
      }
    }
  });
});

/** A real listening API with fake daemon pieces, for the HTTP tests (server*.test.ts). */
import assert from 'node:assert/strict';
import { Gauge, Registry } from 'prom-client';
import { stringify } from 'yaml';
import { buildGraph } from '../../src/analysis/graph.ts';
import { incidentUpdatesApi, maintenanceApi } from '../../src/daemon/api-deps.ts';
import { MaintenanceBook } from '../../src/daemon/maintenance-book.ts';
import { mapApi } from '../../src/daemon/map-api.ts';
import { loadConfig } from '../../src/model/load.ts';
import type { Config } from '../../src/model/schema.ts';
import type { CompiledCheck } from '../../src/monitor/compile.ts';
import type { Incident, Observation } from '../../src/monitor/types.ts';
import { ManualClock } from '../../src/platform/manual-clock.ts';
import { loadScenarios } from '../../src/scenarios/library.ts';
import { loadCatalogue } from '../../src/scenarios/providers.ts';
import { type ApiDeps, createApi, type IncidentsQuery } from '../../src/server/api.ts';
import { type Listening, listen } from '../../src/server/listen.ts';
import { LiveFeed } from '../../src/server/live.ts';
import type { StatusJson } from '../../src/server/status-json.ts';
import { MemoryStore } from '../../src/store/memory.ts';

export const OPERATOR = 'operator-secret-5d1e';
export const OFFICE = 'office-secret-93ac';
export const STRING_ID = 'checkout@2026-11-29T15:23:25.623Z';

const check = (id: string, host: string, from: string[]): CompiledCheck => ({
  id,
  target: { type: 'tcp', host, port: 5432 } as unknown as CompiledCheck['target'],
  intervalMs: 1000,
  timeoutMs: 500,
  failAfter: 2,
  recoverAfter: 1,
  from,
  component: 'db-eu',
});

function incident(id: string, closedAt?: number): Incident {
  return {
    id,
    service: 'checkout',
    openedAt: Date.UTC(2026, 10, 29, 15, 23, 25),
    ...(closedAt !== undefined ? { closedAt } : {}),
    worst: 'DOWN',
    state: closedAt === undefined ? 'DOWN' : 'UP',
    timeline: [
      {
        at: 1,
        type: 'check',
        id: 'db-tcp',
        from: 'UP',
        to: 'DOWN',
        reason: { code: 'check-failed', reason: 'refused', down: 1, reporting: 1 },
      },
    ],
  };
}

/** Secrets the fake map references: their values must never be answered. */
export const SECRETS = {
  OPS_TOKEN: 'ops-token-value-7c1d9e',
  SLACK_PATH: '/services/T000/B000/slack-secret-4f2a',
  HEADER: 'Bearer header-secret-88b0',
  PG_PASSWORD: 'pg-password-61aa',
} as const;

/** The map behind the fake pieces: the services and components of the status below, and secrets. */
export const FAKE_MAP_YAML = stringify({
  version: 1,
  name: 'Acme Shop',
  services: {
    checkout: { criticality: 'critical', dependsOn: ['db-eu'] },
    blog: { criticality: 'low', dependsOn: ['web'] },
  },
  components: {
    'db-eu': { provider: 'aws', region: 'eu-west-3' },
    web: { provider: 'ovh', region: 'gra' },
  },
  checks: {
    'db-tcp': { component: 'db-eu', tcp: 'db1.internal.acme.example:5432', from: ['office'] },
    'web-http': {
      component: 'web',
      http: 'https://www.acme.example/health',
      headers: { Authorization: SECRETS.HEADER },
    },
  },
  vantages: { office: { provider: 'orange', token: { env: 'OFFICE_TOKEN' } } },
  notify: { ops: { slack: `https://hooks.slack.com${SECRETS.SLACK_PATH}` } },
  runtime: {
    token: { env: 'OPS_TOKEN' },
    store: `postgres://bascule:${SECRETS.PG_PASSWORD}@db.acme.example/bascule`,
  },
});
export const FAKE_MAP: Config = (() => {
  const r = loadConfig(FAKE_MAP_YAML, 'bascule.yaml');
  if (!r.ok) throw new Error(`invalid fake map: ${JSON.stringify(r.diagnostics)}`);
  return r.config;
})();

let fakeMap: ReturnType<typeof mapApi> | undefined;
/** Analysed once per test process (as a daemon does at start). */
const fakeMapApi = () => {
  fakeMap ??= mapApi({
    config: FAKE_MAP,
    graph: buildGraph(FAKE_MAP),
    scenarios: loadScenarios(),
    catalogue: loadCatalogue(),
  });
  return fakeMap;
};

/** Fake daemon pieces; the fields tests look at are public. */
export class Fake {
  readonly clock = new ManualClock();
  readonly live = new LiveFeed({ capacity: 5, firstId: 1000 });
  readonly accepted: Observation[][] = [];
  /** For each accepted batch, the part given to the live state. */
  readonly acceptedLive: Observation[][] = [];
  readonly queries: IncidentsQuery[] = [];
  readonly errors: unknown[] = [];
  failStore = false;
  failStatus = false;
  /** What GET /healthz reports of the daemon itself. */
  health: { ok: boolean; problems: { code: string; since: number; detail?: string; waiting?: number }[] } = {
    ok: true,
    problems: [],
  };
  /** A real store for what the API writes and reads back (updates, windows, history). */
  readonly store = new MemoryStore();
  /** The daemon's book of maintenance windows (its silences). */
  readonly book = new MaintenanceBook();
  /** Calls of `status()`, each a full build on a real daemon. */
  statusCalls = 0;
  serviceState: 'UP' | 'DOWN' = 'DOWN';
  readonly incidents = [
    incident('checkout@2026-11-28T00:00:00.000Z', Date.UTC(2026, 10, 28)),
    incident(STRING_ID),
  ];

  status(): StatusJson {
    return {
      name: 'Acme Shop',
      at: new Date(this.clock.now()).toISOString(),
      checks: [
        {
          id: 'db-tcp',
          state: 'DOWN',
          reason: 'refused',
          detail: 'connect ECONNREFUSED db1.internal.acme.example:5432',
          target: { component: 'db-eu' },
          vantages: [{ id: 'office', state: 'DOWN', lastAt: null, reason: 'refused', latencyMs: 3 }],
        },
      ],
      components: [{ id: 'db-eu', state: 'DOWN' }],
      services: [{ id: 'checkout', state: this.serviceState, cause: 'db-eu' }],
      incidents: this.incidents,
    };
  }

  deps(): ApiDeps {
    return {
      name: 'Acme Shop',
      checks: [check('db-tcp', 'db1.internal.acme.example', ['office']), check('local-only', 'x', ['local'])],
      vantageTokens: new Map([['office', OFFICE]]),
      operatorToken: OPERATOR,
      registry: this.registry(),
      clock: this.clock,
      health: () => this.health,
      status: async () => {
        this.statusCalls++;
        if (this.failStatus) throw new Error('the store is on fire at /var/lib/bascule');
        return this.status();
      },
      incidents: async (q) => {
        this.queries.push(q);
        return this.incidents;
      },
      accept: async (batch, live = batch) => {
        if (this.failStore) throw new Error('disk full');
        this.accepted.push([...batch]);
        this.acceptedLive.push([...live]);
      },
      live: this.live,
      onError: (e) => this.errors.push(e),
      history: this.store,
      incidentUpdates: incidentUpdatesApi(this.store),
      maintenance: maintenanceApi(this.store, this.book),
      map: fakeMapApi(),
    };
  }

  private registry(): Registry {
    const r = new Registry();
    new Gauge({ name: 'bascule_test_gauge', help: 'a test gauge', registers: [r] }).set(1);
    return r;
  }
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: { error?: { code: string; message: string } } & Record<string, unknown>;
}

export interface TestApi {
  readonly fake: Fake;
  readonly server: Listening;
  call(
    path: string,
    o?: { method?: string; token?: string; body?: string; headers?: Record<string, string> },
  ): Promise<Answer>;
  post(observations: unknown[], token?: string, sentAt?: number): Promise<Answer>;
}

/** Starts the app on 127.0.0.1:0; the caller stops `server` in `after`. */
export async function startApi(fake = new Fake()): Promise<TestApi> {
  const server = await listen(createApi(fake.deps()), '127.0.0.1', 0);
  async function call(
    path: string,
    o: { method?: string; token?: string; body?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const res = await fetch(`${server.url}${path}`, {
      method: o.method ?? 'GET',
      headers: {
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...o.headers,
      },
      ...(o.body !== undefined ? { body: o.body } : {}),
      signal: AbortSignal.timeout(5000),
    });
    const text = await res.text();
    let json: Answer['json'] = {};
    try {
      json = JSON.parse(text) as Answer['json'];
    } catch {
      // text answers (metrics)
    }
    return { status: res.status, headers: res.headers, text, json };
  }
  const post = (observations: unknown[], token = OFFICE, sentAt?: number) =>
    call('/api/v1/agent/observations?vantage=office', {
      method: 'POST',
      token,
      body: JSON.stringify({ ...(sentAt === undefined ? {} : { sentAt }), observations }),
    });
  return { fake, server, call, post };
}

/** Reads an event stream until a pattern has arrived; `close()` disconnects. */
export async function subscribe(server: Listening, query = '', headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const res = await fetch(`${server.url}/api/v1/events${query}`, {
    headers: { authorization: `Bearer ${OPERATOR}`, ...headers },
    signal: abort.signal,
  });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  return {
    async until(re: RegExp): Promise<string> {
      const deadline = Date.now() + 5000;
      while (!re.test(text)) {
        if (Date.now() > deadline) throw new Error(`no ${re} in ${JSON.stringify(text)}`);
        let timer: NodeJS.Timeout | undefined;
        const { value, done } = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no ${re} in ${JSON.stringify(text)}`)), 5000);
          }),
        ]).finally(() => clearTimeout(timer));
        if (done) throw new Error(`stream ended before ${re}: ${JSON.stringify(text)}`);
        text += decoder.decode(value, { stream: true });
      }
      return text;
    },
    close: () => abort.abort(),
  };
}

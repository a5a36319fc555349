/**
 * The HAProxy actuator against a real HAProxy started here (config and stats socket in a temporary
 * directory, servers aws on 127.0.0.2 and gcp on 127.0.0.3): HAProxy's own stats show the primary
 * draining and the traffic on the secondary after a kill and an apply; a reload loses the runtime
 * state and applying again repairs it; the TCP stats socket; a server the backend lacks; an absent
 * or hung socket is `unreachable` within the timeout; no request fails during switches; the contract.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Routing } from '../src/actuators/actuator.ts';
import { createHaproxyActuator } from '../src/actuators/haproxy/actuator.ts';
import type { HaproxyOptions } from '../src/actuators/haproxy/options.ts';
import { actuatorContract } from './actuator.contract.ts';
import { startHaproxy, type TestHaproxy } from './helpers/haproxy.ts';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function stateDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'bascule-haproxy-state-'));
  dirs.push(d);
  return d;
}

function routing(h: TestHaproxy, endpoint: 'aws' | 'gcp'): Routing {
  return { group: 'api', endpoint, address: h.backends[endpoint] };
}

function options(h: TestHaproxy, more: Partial<HaproxyOptions> = {}): HaproxyOptions {
  return {
    group: 'api',
    endpoints: [
      { name: 'aws', address: h.backends.aws },
      { name: 'gcp', address: h.backends.gcp },
    ],
    socket: h.socket,
    backend: 'api',
    stateDir: stateDir(),
    timeoutMs: 2_000,
    ...more,
  };
}

/** Which backends answered `n` requests through HAProxy, counted. */
async function traffic(h: TestHaproxy, n: number): Promise<Record<string, number>> {
  const seen: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const who = (await h.get()) ?? 'none';
    seen[who] = (seen[who] ?? 0) + 1;
  }
  return seen;
}

describe('HAProxy actuator against HAProxy', () => {
  it('after the primary is killed and the switch applied, HAProxy’s stats show it draining and the traffic on the secondary', async () => {
    const h = await startHaproxy();
    try {
      const a = createHaproxyActuator(options(h));
      assert.deepEqual(await a.apply(routing(h, 'aws'), 1), { ok: true, changed: true, fence: 1 });
      assert.deepEqual(await traffic(h, 6), { aws: 6 });
      assert.equal((await h.stats()).gcp?.status, 'DRAIN');
      await h.killBackend('aws');
      assert.deepEqual(await a.apply(routing(h, 'gcp'), 2), { ok: true, changed: true, fence: 2 });
      const before = await h.stats();
      assert.deepEqual(await traffic(h, 10), { gcp: 10 });
      const stats = await h.stats();
      // Drained by Bascule; once HAProxy's own health check has seen the dead server, its status reads
      // DOWN (a check runs every second and a slow machine may reach it first). The admin state below
      // says it is drained either way.
      assert.match(stats.aws?.status ?? '', /^(DRAIN|DOWN)/, JSON.stringify(stats));
      assert.equal(stats.gcp?.status, 'UP');
      assert.equal(stats.gcp!.sessions - before.gcp!.sessions, 10, 'every request went to gcp');
      assert.equal(stats.aws!.sessions, before.aws!.sessions, 'none to aws');
      const state = await h.command('show servers state api');
      assert.match(state, /api \d+ gcp 127\.0\.0\.3 2 0 1 1 /, 'gcp ready, weight 1');
      assert.match(state, /api \d+ aws 127\.0\.0\.2 \d+ 8 /, 'aws forced to drain');
      assert.deepEqual(await a.current('api'), routing(h, 'gcp'));
    } finally {
      await h.close();
    }
  });

  it('a reload loses the runtime state; current() sees the drift and applying again repairs it', async () => {
    const h = await startHaproxy();
    try {
      const a = createHaproxyActuator(options(h));
      assert.equal((await a.apply(routing(h, 'gcp'), 5)).ok, true);
      assert.deepEqual(await traffic(h, 4), { gcp: 4 });
      await h.reload();
      assert.equal((await h.stats()).aws?.status, 'UP', 'the reload forgot the drain');
      assert.equal(await a.current('api'), undefined, 'both serve: not one endpoint');
      assert.deepEqual(await a.apply(routing(h, 'gcp'), 5), { ok: true, changed: true, fence: 5 });
      assert.deepEqual(await a.current('api'), routing(h, 'gcp'));
      assert.deepEqual(await traffic(h, 6), { gcp: 6 });
      assert.deepEqual(await a.apply(routing(h, 'gcp'), 5), { ok: true, changed: false, fence: 5 });
    } finally {
      await h.close();
    }
  });

  it('drives the TCP stats socket too, and maps endpoints to server names', async () => {
    const h = await startHaproxy({ tcp: true });
    try {
      const a = createHaproxyActuator(
        options(h, {
          socket: undefined,
          address: h.tcp!,
          endpoints: [
            { name: 'primary', address: h.backends.aws },
            { name: 'secondary', address: h.backends.gcp },
          ],
          servers: { primary: 'aws', secondary: 'gcp' },
        }),
      );
      const r = await a.apply({ group: 'api', endpoint: 'secondary', address: h.backends.gcp }, 1);
      assert.deepEqual(r, { ok: true, changed: true, fence: 1 });
      assert.deepEqual(await traffic(h, 4), { gcp: 4 });
      assert.equal((await a.current('api'))?.endpoint, 'secondary');
      const missing = createHaproxyActuator(options(h, { servers: { gcp: 'azure' } }));
      const m = await missing.apply(routing(h, 'aws'), 2);
      assert.equal(!m.ok && m.reason, 'rejected', JSON.stringify(m));
      assert.match(!m.ok ? (m.detail ?? '') : '', /backend api .* has no server azure \(endpoint gcp\)/);
      assert.deepEqual(await traffic(h, 2), { gcp: 2 }, 'nothing was changed');
    } finally {
      await h.close();
    }
  });

  it('an absent socket and one that never answers are unreachable, within the timeout', async () => {
    const h = await startHaproxy();
    try {
      const absent = createHaproxyActuator(options(h, { socket: join(h.dir, 'nothing.sock') }));
      const r = await absent.apply(routing(h, 'aws'), 1);
      assert.equal(!r.ok && r.reason, 'unreachable', JSON.stringify(r));
      assert.match(!r.ok ? (r.detail ?? '') : '', /ENOENT/);
      await h.hang();
      const a = createHaproxyActuator(options(h, { timeoutMs: 300 }));
      const t0 = performance.now();
      const hung = await a.apply(routing(h, 'aws'), 1);
      const took = performance.now() - t0;
      assert.equal(!hung.ok && hung.reason, 'unreachable', JSON.stringify(hung));
      assert.ok(took < 1_500, `answered in ${Math.round(took)} ms`);
      assert.equal(await a.current('api'), undefined);
      await h.start();
      assert.deepEqual(
        await a.apply(routing(h, 'aws'), 1),
        { ok: true, changed: true, fence: 1 },
        'retried once back',
      );
    } finally {
      await h.close();
    }
  });

  it('no request fails while the traffic switches back and forth (the new server is made ready before the old one drains)', async () => {
    const h = await startHaproxy();
    try {
      const a = createHaproxyActuator(options(h));
      let failures = 0;
      let sent = 0;
      let stop = false;
      const load = (async () => {
        for (let i = 0; i < 2_000 && !stop; i++) {
          sent++;
          if ((await h.get()) === undefined) failures++;
        }
      })();
      for (let fence = 1; fence <= 10; fence++)
        assert.equal((await a.apply(routing(h, fence % 2 === 0 ? 'aws' : 'gcp'), fence)).ok, true);
      stop = true;
      await load;
      assert.ok(sent > 10, `${sent} requests sent`);
      assert.equal(failures, 0, `${failures} of ${sent} requests failed`);
    } finally {
      await h.close();
    }
  });
});

/**
 * A Runtime API on a UNIX socket that is not HAProxy: it answers `show servers state` with a fixed
 * state (both servers ready) whatever it was told, and every other command with `answer`.
 */
async function fixedRuntime(answer: string): Promise<{ socket: string; close(): Promise<void> }> {
  const socket = join(stateDir(), 'fake.sock');
  const state = [
    '1',
    '# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change',
    '3 api 1 aws 127.0.0.2 2 0 1 1 5',
    '3 api 2 gcp 127.0.0.3 2 0 1 1 5',
    '',
  ].join('\n');
  const server = createServer((c) => {
    c.on('error', () => undefined);
    c.once('data', (line: Buffer) => c.end(String(line).startsWith('show servers state') ? state : answer));
  });
  server.listen(socket);
  await once(server, 'listening');
  return { socket, close: () => new Promise((r) => server.close(() => r())) };
}

describe('HAProxy actuator against a Runtime API that does not do what it is told', () => {
  it('a change the read-back does not show is an error; a command answered with a refusal is rejected', async () => {
    const endpoints = [
      { name: 'aws', address: '127.0.0.2:80' },
      { name: 'gcp', address: '127.0.0.3:80' },
    ];
    const aws: Routing = { group: 'api', endpoint: 'aws', address: '127.0.0.2:80' };
    const silent = await fixedRuntime('');
    try {
      const a = createHaproxyActuator({
        group: 'api',
        endpoints,
        socket: silent.socket,
        backend: 'api',
        stateDir: stateDir(),
      });
      const r = await a.apply(aws, 1);
      assert.equal(!r.ok && r.reason, 'error', JSON.stringify(r));
      assert.match(!r.ok ? (r.detail ?? '') : '', /show servers state does not show the change/);
    } finally {
      await silent.close();
    }
    const refusing = await fixedRuntime('Permission denied\n');
    try {
      const a = createHaproxyActuator({
        group: 'api',
        endpoints,
        socket: refusing.socket,
        backend: 'api',
        stateDir: stateDir(),
      });
      const r = await a.apply(aws, 1);
      assert.equal(!r.ok && r.reason, 'rejected', JSON.stringify(r));
      assert.match(
        !r.ok ? (r.detail ?? '') : '',
        /answered "set server api\/gcp state drain": Permission denied/,
      );
    } finally {
      await refusing.close();
    }
  });
});

// The contract's restart keeps what the target keeps on disk: for HAProxy, its server-state-file.
actuatorContract('haproxy', async () => {
  const h = await startHaproxy({ disabled: true, keepState: true });
  const dir = stateDir();
  const make = () => createHaproxyActuator(options(h, { stateDir: dir }));
  let actuator = make();
  return {
    get actuator() {
      return actuator;
    },
    served: () => h.get(),
    breakTarget: () => h.stop(),
    hangTarget: () => h.hang(),
    async restart() {
      await h.stop();
      await h.start();
      actuator = make();
    },
    close: () => h.close(),
  };
});

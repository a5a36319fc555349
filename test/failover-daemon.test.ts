/**
 * Automatic failover through the daemon, with real processes on loopback: two backends standing for
 * two providers (127.0.0.2 and 127.0.0.3, child processes), HTTP checks on them, the daemon with a
 * failover group whose built-in proxy it starts. A bounded concurrent GET load goes through the
 * proxy while the primary is SIGKILLed; a primary that blinks; failback by the policy.
 */
import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Daemon } from '../src/daemon/daemon.ts';
import { createLogger } from '../src/platform/log.ts';
import { type Backend, startBackend } from './helpers/backends.ts';
import { tempDir } from './helpers/cli.ts';
import { waitFor } from './helpers/daemon.ts';
import { send } from './helpers/http-client.ts';
import { map } from './helpers/map.ts';

const log = createLogger('silent');
const OPERATOR = 'operator-token-for-tests';
const started: Backend[] = [];
const daemons: Daemon[] = [];
after(async () => {
  for (const d of daemons) await d.stop().catch(() => undefined);
  for (const b of started) await b.kill().catch(() => undefined);
});

async function backend(name: string, host: string, port = 0): Promise<Backend> {
  const b = await startBackend(name, host, port);
  started.push(b);
  return b;
}

function failoverMap(aws: Backend, gcp: Backend, policy: Record<string, unknown>) {
  const check = (b: Backend, component: string) => ({
    component,
    http: `http://${b.address}/`,
    interval: '1s',
    timeout: '400ms',
    failAfter: 2,
    recoverAfter: 1,
  });
  return map({
    services: { api: { criticality: 'critical', dependsOn: ['aws-web', 'gcp-web'] } },
    components: { 'aws-web': { provider: 'aws' }, 'gcp-web': { provider: 'gcp' } },
    checks: { 'api-aws': check(aws, 'aws-web'), 'api-gcp': check(gcp, 'gcp-web') },
    failover: {
      api: {
        service: 'api',
        endpoints: [
          { name: 'aws', address: aws.address, check: 'api-aws' },
          { name: 'gcp', address: gcp.address, check: 'api-gcp' },
        ],
        policy,
        proxy: { listen: '127.0.0.1:0' },
      },
    },
  });
}

async function daemon(config: ReturnType<typeof map>, baseDir = tempDir()): Promise<Daemon> {
  const d = await Daemon.start({
    config,
    baseDir,
    listen: '127.0.0.1:0',
    store: 'sqlite',
    lang: 'en',
    log,
    env: { BASCULE_TOKEN: OPERATOR },
    flushMs: 50,
    failoverTiming: { tickMs: 100, reconcileMs: 500 },
  });
  daemons.push(d);
  return d;
}

const proxyUrl = (d: Daemon) => d.failover!.proxies[0]!.url;
const active = (d: Daemon) => (d.failover!.controller.view('api') as { active: string }).active;
const healthy = (d: Daemon, name: string) =>
  d.failover!.controller.view('api')!.endpoints.find((e) => e.name === name)!.health === 'up';
const served = async (d: Daemon) => JSON.parse((await send(`${proxyUrl(d)}/`)).body).name as string;

describe('failover through the daemon', () => {
  it('SIGKILL of the primary under load: no client error, the secondary answers, the switch is recorded', async () => {
    const aws = await backend('aws', '127.0.0.2');
    const gcp = await backend('gcp', '127.0.0.3');
    const d = await daemon(
      failoverMap(aws, gcp, { failback: 'manual', failbackAfter: '500ms', minHold: '1s' }),
    );
    await waitFor('both endpoints healthy', () => healthy(d, 'aws') && healthy(d, 'gcp'), 10_000);
    assert.equal(await served(d), 'aws');
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const answers: string[] = [];
    const errors: string[] = [];
    let killedAt = 0;
    let firstGcpAfterKill = 0;
    let stop = false;
    const client = async () => {
      // Bounded: at most 4000 requests per client, and the test stops it.
      for (let i = 0; i < 4_000 && !stop; i++) {
        try {
          const a = await send(`${proxyUrl(d)}/`, { agent, timeoutMs: 5_000 });
          if (a.status !== 200) errors.push(`status ${a.status}`);
          else {
            const name = JSON.parse(a.body).name as string;
            answers.push(name);
            if (killedAt > 0 && name === 'gcp' && firstGcpAfterKill === 0) firstGcpAfterKill = Date.now();
          }
        } catch (e) {
          errors.push(String(e));
        }
        await sleep(5);
      }
    };
    const clients = Array.from({ length: 8 }, client);
    await sleep(500);
    killedAt = Date.now();
    await aws.kill();
    await waitFor('the switch to gcp', () => active(d) === 'gcp', 8_000);
    await sleep(700);
    stop = true;
    await Promise.all(clients);
    agent.destroy();
    assert.deepEqual(errors, [], 'no client request failed');
    assert.ok(answers.includes('aws') && answers.includes('gcp'));
    assert.ok(
      firstGcpAfterKill - killedAt < 3_000,
      `gcp answered ${firstGcpAfterKill - killedAt} ms after the kill`,
    );
    const found = await waitFor('the switch record, complete', async () => {
      const [r] = await d.store.switches({ group: 'api' });
      return r?.firstServedAt !== undefined && r.confirmed.proxy !== undefined ? r : undefined;
    });
    const rec = found!;
    assert.equal(rec.from, 'aws');
    assert.equal(rec.to, 'gcp');
    assert.ok(['down', 'passive'].includes(rec.reason), rec.reason);
    assert.ok(rec.fence > 0);
    assert.ok(rec.firstFailureAt !== undefined && rec.firstFailureAt >= killedAt - 50, JSON.stringify(rec));
    assert.ok(rec.decidedAt >= rec.firstFailureAt!);
    assert.ok(rec.confirmed.proxy! >= rec.decidedAt);
    assert.ok(rec.firstServedAt! >= rec.decidedAt);
    const metrics = await d.metrics.registry.metrics();
    assert.match(metrics, /bascule_failover_switches_total\{group="api",reason="(down|passive)"\} 1/);
    assert.match(metrics, /bascule_failover_active\{group="api",endpoint="gcp"\} 1/);
    assert.match(metrics, /bascule_failover_switch_seconds_count\{group="api"\} 1/);
    // failback: manual: aws back and healthy, the traffic stays on gcp.
    const back = await backend('aws', '127.0.0.2', aws.port);
    await waitFor('aws healthy again', () => healthy(d, 'aws'), 10_000);
    // Healthy for twice failbackAfter by the daemon's own record (passive evidence restarts it), plus ticks.
    const awsSince = () =>
      d.failover!.controller.view('api')!.endpoints.find((e) => e.name === 'aws')!.healthySince;
    await waitFor(
      'aws healthy for 1 s',
      () => {
        const since = awsSince();
        return since !== null && Date.now() - since >= 1_000;
      },
      6_000,
    );
    await sleep(300);
    assert.equal(active(d), 'gcp', 'no failback with failback: manual');
    assert.equal(await served(d), 'gcp');
    await back.kill();
    await d.stop();
  });

  it('a primary that blinks (down about 1 s) causes no switch; failback after failbackAfter (auto)', async () => {
    const aws = await backend('aws', '127.0.0.2');
    const gcp = await backend('gcp', '127.0.0.3');
    const d = await daemon(
      failoverMap(aws, gcp, { failback: 'auto', failbackAfter: '1500ms', minHold: '500ms' }),
    );
    await waitFor('both endpoints healthy', () => healthy(d, 'aws') && healthy(d, 'gcp'), 10_000);
    // A blink: shorter than failAfter (2) probes at 1 s, no traffic through the proxy meanwhile. The
    // backend is frozen (SIGSTOP) and thawed (SIGCONT) rather than killed and restarted: starting a
    // process takes a second or more on a busy machine, thawing one takes nothing.
    const downAt = Date.now();
    aws.child.kill('SIGSTOP');
    // Thawed as soon as one probe has failed: one failure, fewer than failAfter.
    await waitFor('a failed probe', async () =>
      (await d.store.observations('api-aws', downAt)).some((o) => !o.ok),
    );
    aws.child.kill('SIGCONT');
    await sleep(1_500);
    const failed = (await d.store.observations('api-aws', downAt)).filter((o) => !o.ok).length;
    assert.equal(failed, 1, 'the blink is one failed probe (the premise of this test)');
    assert.equal(active(d), 'aws', 'the blink moved nothing');
    assert.deepEqual(await d.store.switches({ group: 'api' }), []);
    // A real outage, then failback once aws has been healthy for failbackAfter.
    await aws.kill();
    await waitFor('the switch to gcp', () => active(d) === 'gcp', 8_000);
    const back = await backend('aws', '127.0.0.2', aws.port);
    const upAt = Date.now();
    await waitFor('failback to aws', () => active(d) === 'aws', 10_000);
    assert.ok(Date.now() - upAt >= 1_500, 'not before failbackAfter');
    // The decision is recorded before the proxy applies it: the proxy follows a moment later.
    await waitFor('the proxy routes to aws', async () => (await served(d)) === 'aws', 5_000);
    const reasons = (await d.store.switches({ group: 'api' })).map((r) => r.reason);
    assert.deepEqual(reasons, ['failback', 'down']);
    await back.kill();
    await d.stop();
  });
});

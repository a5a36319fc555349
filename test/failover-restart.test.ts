/**
 * SIGKILL of Bascule itself while a group is switched to its secondary, then a restart: no switch
 * record is added, the failover webhook receives nothing (a receiver on loopback counts its posts),
 * the proxy routes to the same endpoint, and the daemon reports the same active endpoint.
 * Real processes: two backends, `bascule run`, a webhook receiver.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Backend, startBackend } from './helpers/backends.ts';
import { tempDir } from './helpers/cli.ts';
import { waitFor } from './helpers/daemon.ts';
import { type DaemonProcess, runDaemon } from './helpers/daemon-process.ts';
import { failoverMap, freePort } from './helpers/failover-process.ts';
import { send } from './helpers/http-client.ts';
import { receiver } from './helpers/receivers.ts';

const OPERATOR = 'failover-restart-operator-token';
const backends: Backend[] = [];
const daemons: DaemonProcess[] = [];
const closers: (() => void)[] = [];
after(async () => {
  for (const d of daemons) if (d.child.exitCode === null) d.child.kill('SIGKILL');
  for (const b of backends) await b.kill().catch(() => undefined);
  for (const c of closers) c();
});

interface Detail {
  active: string;
  activeSince: number;
  switches: { id: string; to: string; confirmed: Record<string, number> }[];
}

describe('a restart of Bascule after SIGKILL', () => {
  it('changes nothing: no switch record, no webhook post, the same endpoint routed and reported', async () => {
    const aws = await startBackend('aws', '127.0.0.2');
    const gcp = await startBackend('gcp', '127.0.0.3');
    backends.push(aws, gcp);
    const hook = await receiver();
    closers.push(hook.close);
    const dir = tempDir();
    const proxyPort = await freePort();
    failoverMap(dir, {
      aws,
      gcp,
      proxyPort,
      policy: { failback: 'auto', failbackAfter: '500ms', minHold: '500ms' },
      webhook: `${hook.url}/failover`,
    });
    let d = runDaemon(dir, OPERATOR);
    daemons.push(d);
    let { url } = await d.started();
    const detail = async () => {
      const r = await fetch(`${url}/api/v1/failover/api`, {
        headers: { authorization: `Bearer ${OPERATOR}` },
      });
      assert.equal(r.status, 200);
      return (await r.json()) as Detail;
    };
    const served = async () => JSON.parse((await send(`http://127.0.0.1:${proxyPort}/`)).body).name as string;
    const posts = () =>
      hook.requests.filter((r) => r.path === '/failover').map((r) => JSON.parse(r.body).endpoint);
    await waitFor('the webhook told aws', () => posts().includes('aws'), 10_000);
    await aws.kill();
    const switched = await waitFor(
      'switched to gcp, confirmed by both actuators',
      async () => {
        const x = await detail();
        const s = x.switches[0];
        return x.active === 'gcp' && s?.confirmed.proxy && s.confirmed.webhook ? x : undefined;
      },
      10_000,
    );
    assert.equal(await served(), 'gcp');
    assert.deepEqual(posts(), ['aws', 'gcp']);

    d.child.kill('SIGKILL');
    await new Promise((r) => (d.child.exitCode !== null ? r(undefined) : d.child.once('exit', r)));
    d = runDaemon(dir, OPERATOR);
    daemons.push(d);
    ({ url } = await d.started());
    // Long enough for probes to report, decisions on ticks, and a reconcile (every 2 s).
    await waitFor('gcp healthy again by its probes', async () => {
      const r = await fetch(`${url}/api/v1/failover`, { headers: { authorization: `Bearer ${OPERATOR}` } });
      const { groups } = (await r.json()) as { groups: { endpoints: { name: string; health: string }[] }[] };
      return groups[0]?.endpoints.find((e) => e.name === 'gcp')?.health === 'up';
    });
    await sleep(2_500);
    const now = await detail();
    assert.equal(now.active, 'gcp');
    assert.equal(now.activeSince, switched!.activeSince);
    assert.deepEqual(
      now.switches.map((s) => s.id),
      switched!.switches.map((s) => s.id),
      'no switch record added',
    );
    assert.deepEqual(posts(), ['aws', 'gcp'], 'no webhook post after the restart');
    assert.equal(await served(), 'gcp');
    const gone = new Promise((r) => d.child.once('exit', r));
    d.child.kill('SIGTERM');
    await gone;
  });
});

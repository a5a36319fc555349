/**
 * Manual failover control with real processes: two backends (127.0.0.2, 127.0.0.3) as child
 * processes, `bascule run` as a child process with a failover group behind its built-in proxy, and
 * `bascule failover …` talking to it. Pin moves the traffic and is audited; release hands the group
 * back to the rules; draining the last healthy endpoint is refused unless forced; the API refuses
 * writes without the token and with a bad body; the failover alerts reach webhook channels in
 * English and in French; the audit trail is kept across a restart.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { type Backend, startBackend } from './helpers/backends.ts';
import { runCli, tempDir } from './helpers/cli.ts';
import { waitFor } from './helpers/daemon.ts';
import { type DaemonProcess, runDaemon } from './helpers/daemon-process.ts';
import { failoverMap, freePort } from './helpers/failover-process.ts';
import { send } from './helpers/http-client.ts';
import { receiver } from './helpers/receivers.ts';

const OPERATOR = 'failover-control-operator-token';
const backends: Backend[] = [];
const daemons: DaemonProcess[] = [];
const closers: (() => void)[] = [];
after(async () => {
  for (const d of daemons) if (d.child.exitCode === null) d.child.kill('SIGKILL');
  for (const b of backends) await b.kill().catch(() => undefined);
  for (const c of closers) c();
});

async function stop(d: DaemonProcess): Promise<void> {
  if (d.child.exitCode !== null) return;
  const gone = new Promise((r) => d.child.once('exit', r));
  d.child.kill('SIGTERM');
  await gone;
}

interface GroupJson {
  active: string;
  pin: { endpoint: string } | null;
  drained: { endpoint: string }[];
  endpoints: { name: string; health: string }[];
  audit: {
    action: string;
    who: string;
    why: string;
    from: string;
    to: string;
    forced: boolean;
    outcome: string;
  }[];
}

describe('bascule failover against a running daemon', () => {
  it('pin, release, refused and forced drain from the CLI; the API guards its writes; alerts in en and fr; the audit trail survives a restart', async () => {
    const aws = await startBackend('aws', '127.0.0.2');
    const gcp = await startBackend('gcp', '127.0.0.3');
    backends.push(aws, gcp);
    const hooks = await receiver();
    closers.push(hooks.close);
    const dir = tempDir();
    const proxyPort = await freePort();
    failoverMap(dir, {
      aws,
      gcp,
      proxyPort,
      policy: { failback: 'auto', failbackAfter: '500ms', minHold: '500ms' },
      notify: {
        'ops-en': { webhook: `${hooks.url}/en`, lang: 'en' },
        'ops-fr': { webhook: `${hooks.url}/fr`, lang: 'fr' },
      },
    });
    let d = runDaemon(dir, OPERATOR);
    daemons.push(d);
    let { url } = await d.started();
    const env = { LANG: 'C', OPERATOR };
    const cli = (...args: string[]) => runCli([...args, '--url', url], { cwd: dir, env });
    const group = async () => {
      const r = await cli('failover', 'status', 'api', '--format', 'json');
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout) as GroupJson;
    };
    const served = async () => JSON.parse((await send(`http://127.0.0.1:${proxyPort}/`)).body).name as string;
    await waitFor(
      'both endpoints up',
      async () => (await group()).endpoints.every((e) => e.health === 'up'),
      10_000,
    );
    assert.equal(await served(), 'aws');

    // The API: no token, a bad body, an unknown endpoint.
    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${url}/api/v1/failover${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
    for (const [path, body] of [
      ['/api/pin', { endpoint: 'gcp', reason: 'x' }],
      ['/api/drain', { endpoint: 'gcp', reason: 'x' }],
      ['/api/release', { reason: 'x' }],
    ] as const) {
      const r = await post(path, body);
      assert.equal(r.status, 401, path);
      assert.equal(
        ((await r.json()) as { error: { code: string } }).error.code,
        'BASCULE_E_HTTP_UNAUTHORIZED',
      );
      assert.equal((await post(path, body, 'wrong')).status, 401, `${path} with a wrong token`);
    }
    for (const [path, body, field] of [
      ['/api/pin', { endpoint: 'gcp' }, 'reason'],
      ['/api/pin', { endpoint: 'gcp', reason: '   ' }, 'reason'],
      ['/api/drain', { endpoint: 'gcp', reason: 'r'.repeat(501) }, 'reason'],
      ['/api/drain', { reason: 'no endpoint' }, 'endpoint'],
      ['/api/release', {}, 'reason'],
      ['/api/pin', { endpoint: 'gcp', reason: 'x', force: 'yes' }, 'force'],
    ] as const) {
      const r = await post(path, body, OPERATOR);
      const e = ((await r.json()) as { error: { code: string; message: string } }).error;
      assert.deepEqual(
        [r.status, e.code],
        [400, 'BASCULE_E_HTTP_BAD_REQUEST'],
        `${path} ${JSON.stringify(body)}`,
      );
      assert.ok(e.message.startsWith(`${field}:`), e.message);
    }
    const unknown = await post('/api/pin', { endpoint: 'gpc', reason: 'x' }, OPERATOR);
    assert.equal(unknown.status, 404);
    assert.match(
      ((await unknown.json()) as { error: { message: string } }).error.message,
      /did you mean "gcp"/,
    );
    const noGroup = await cli('failover', 'pin', 'apu', 'gcp', '--reason', 'x');
    assert.equal(noGroup.code, 2);
    assert.match(noGroup.stderr, /no failover group "apu".*did you mean "api"/);
    assert.equal((await group()).audit.length, 0, 'nothing refused before the decision is audited');

    // Pin moves the traffic, through the proxy, and is audited with who, why, from and to.
    const pinned = await cli('failover', 'pin', 'api', 'gcp', '--reason', 'aws maintenance, ticket 42');
    assert.equal(pinned.code, 0, pinned.stderr);
    assert.equal(pinned.stdout, 'api: pinned to gcp; the traffic is on gcp.\n');
    await waitFor('the proxy routes to gcp', async () => (await served()) === 'gcp', 5_000);
    const g1 = await group();
    assert.equal(g1.pin?.endpoint, 'gcp');
    assert.deepEqual(
      g1.audit.map(({ action, who, why, from, to, forced, outcome }) => ({
        action,
        who,
        why,
        from,
        to,
        forced,
        outcome,
      })),
      [
        {
          action: 'pin',
          who: 'operator@127.0.0.1',
          why: 'aws maintenance, ticket 42',
          from: 'aws',
          to: 'gcp',
          forced: false,
          outcome: 'ok',
        },
      ],
    );
    const text = await cli('failover', 'status', 'api');
    assert.match(text.stdout, /api \(api\) — traffic on gcp since .* — pinned to gcp/);
    assert.match(text.stdout, /aws → gcp \(pin\), /);
    assert.match(text.stdout, /operator@127\.0\.0\.1: pin gcp, “aws maintenance, ticket 42” \(aws → gcp\)/);
    const fr = await cli('failover', 'status', '--lang', 'fr');
    assert.match(fr.stdout, /GROUPE\s+SERVICE\s+ACTIF\s+DEPUIS\s+ÉTAT\s+DERNIÈRE BASCULE/);
    assert.match(fr.stdout, /fixé sur gcp/);

    // The switch alert, in each channel's language.
    const alerts = await waitFor('both switch alerts', () => {
      const en = hooks.requests.find((r) => r.path === '/en' && r.body.includes('traffic moved'));
      const frA = hooks.requests.find((r) => r.path === '/fr' && r.body.includes('le trafic est passé'));
      return en && frA ? { en: JSON.parse(en.body), fr: JSON.parse(frA.body) } : undefined;
    });
    assert.equal(alerts!.en.title, 'Failover api: traffic moved from aws to gcp');
    assert.match(alerts!.en.text, /: an operator pinned the traffic\.$/);
    assert.equal(alerts!.fr.title, 'Bascule api : le trafic est passé d’aws à gcp');
    assert.match(alerts!.fr.text, /un opérateur a fixé le trafic\.$/);

    // Release: the rules take over again (failback auto after 500 ms of health).
    const released = await cli('failover', 'release', 'api', '--reason', 'maintenance over');
    assert.equal(released.code, 0, released.stderr);
    await waitFor('back on aws', async () => (await group()).active === 'aws', 5_000);
    // The decision is recorded before the proxy applies it: the proxy follows a moment later.
    await waitFor('the proxy routes to aws', async () => (await served()) === 'aws', 5_000);
    const again = await cli('failover', 'release', 'api', '--reason', 'twice');
    assert.equal(again.code, 2);
    assert.match(again.stderr, /nothing to release: api has no pin and no drained endpoint/);

    // aws dies: gcp is the last healthy endpoint, and draining it is refused unless forced.
    await aws.kill();
    await waitFor('switched to gcp', async () => (await group()).active === 'gcp', 8_000);
    const refused = await cli('failover', 'drain', 'api', 'gcp', '--reason', 'oops');
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /not drained: gcp is the last healthy endpoint of api/);
    const refusedFr = await cli('failover', 'drain', 'api', 'gcp', '--reason', 'oups', '--lang', 'fr');
    assert.equal(refusedFr.code, 2);
    assert.match(refusedFr.stderr, /pas de retrait : gcp est le dernier point d’accès sain du groupe api/);
    assert.equal((await group()).drained.length, 0);
    const forced = await cli('failover', 'drain', 'api', 'gcp', '--reason', 'emergency', '--force');
    assert.equal(forced.code, 0, forced.stderr);
    const noReason = await cli('failover', 'drain', 'api', 'gcp');
    assert.equal(noReason.code, 2);
    assert.match(noReason.stderr, /expected: bascule failover status/);
    const before = (await group()).audit;
    assert.deepEqual(
      before.map((a) => [a.action, a.outcome, a.forced]),
      [
        ['drain', 'ok', true],
        ['drain', 'last-healthy', false],
        ['drain', 'last-healthy', false],
        ['release', 'nothing-to-release', false],
        ['release', 'ok', false],
        ['pin', 'ok', false],
      ],
    );

    // A restart keeps the audit trail; a daemon that is not running is said as `bascule status` says it.
    await stop(d);
    const down = await cli('failover', 'status');
    const status = await runCli(['status', '--url', url], { cwd: dir, env });
    assert.equal(down.code, 3);
    assert.equal(down.stderr, status.stderr);
    d = runDaemon(dir, OPERATOR);
    daemons.push(d);
    ({ url } = await d.started());
    const kept = await group();
    assert.deepEqual(kept.audit, before);
    assert.deepEqual(
      kept.drained.map((x) => x.endpoint),
      ['gcp'],
    );
    await stop(d);
  });
});

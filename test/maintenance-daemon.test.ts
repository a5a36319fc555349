/**
 * Maintenance windows and incident updates end to end, in process: two real HTTP backends probed for
 * real, the daemon on SQLite with a real webhook channel, and `bascule maintenance` and `bascule
 * incident` talking to its API with the operator token found in the map. A window silences its
 * service's alert (recorded: the metric, the live feed) while the other service's goes out; ending
 * it sends the alert of the incident still open; an update posted from the CLI sets the public
 * status; the map never shows the token's value; both survive a restart.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { Daemon } from '../src/daemon/daemon.ts';
import { loadConfig } from '../src/model/load.ts';
import { Notifier } from '../src/notify/notifier.ts';
import { createLogger } from '../src/platform/log.ts';
import { runCli, tempDir } from './helpers/cli.ts';
import { type Backend, getJson, startBackend, waitFor } from './helpers/daemon.ts';
import { receiver } from './helpers/receivers.ts';

const log = createLogger('silent');
const OPS = 'maintenance-operator-token-41c7';
const env = { OPS_TOKEN: OPS, LANG: 'C' };

function mapYaml(api: Backend, web: Backend, hooks: string): string {
  const check = (component: string, url: string) => ({
    component,
    http: url,
    interval: '1s',
    timeout: '500ms',
    failAfter: 2,
    recoverAfter: 1,
  });
  return stringify({
    version: 1,
    name: 'Acme',
    services: {
      checkout: { criticality: 'critical', dependsOn: ['api'] },
      blog: { criticality: 'low', dependsOn: ['web'] },
    },
    components: { api: { provider: 'aws', region: 'eu-west-3' }, web: { provider: 'ovh', region: 'gra' } },
    checks: { 'api-http': check('api', api.url), 'web-http': check('web', web.url) },
    notify: { ops: { webhook: `${hooks}/ops` } },
    runtime: { token: { env: 'OPS_TOKEN' } },
  });
}

/** Reads the live feed into `text` until stopped. */
async function feed(url: string) {
  const abort = new AbortController();
  const res = await fetch(`${url}/api/v1/events`, {
    headers: { authorization: `Bearer ${OPS}` },
    signal: abort.signal,
  });
  assert.equal(res.status, 200);
  const state = { text: '' };
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
        state.text += decoder.decode(chunk, { stream: true });
    } catch {
      // aborted
    }
  })();
  return { state, close: () => abort.abort() };
}

describe('maintenance windows and incident updates on a running daemon', () => {
  const closers: (() => Promise<void> | void)[] = [];
  after(async () => {
    for (const c of closers.reverse()) await c();
  });

  it('silences the window’s service, sends the rest, tells what is still open when it ends; updates set the public status', async () => {
    const api = await startBackend();
    const web = await startBackend();
    const hooks = await receiver();
    closers.push(
      () => api.close(),
      () => web.close(),
      () => {
        hooks.close();
      },
    );
    const dir = tempDir();
    const file = join(dir, 'bascule.yaml');
    writeFileSync(file, mapYaml(api, web, hooks.url));
    const loaded = loadConfig(mapYaml(api, web, hooks.url), 'bascule.yaml');
    assert.ok(loaded.ok);
    const config = loaded.config;
    const dataDir = join(dir, '.bascule');
    const start = () =>
      Daemon.start({
        config,
        baseDir: dir,
        dataDir,
        listen: '127.0.0.1:0',
        lang: 'en',
        log,
        env,
        flushMs: 50,
        notifier: new Notifier({ config, lang: 'en', baseDir: dir, env, log }),
      });
    let d = await start();
    let running = true;
    closers.push(() => (running ? d.stop() : undefined));
    const cli = (...args: string[]) => runCli([...args, '--url', d.url], { cwd: dir, env });
    const asOperator = { headers: { authorization: `Bearer ${OPS}` } };
    const alerts = () =>
      hooks.requests.map((r) => JSON.parse(r.body) as { service: string; kind: string; incident: string });

    await waitFor('both UP', async () => {
      const s = (await getJson<{ services: { state: string }[] }>(`${d.url}/api/v1/status`, asOperator)).body;
      return s.services.every((x) => x.state === 'UP');
    });
    const live = await feed(d.url);
    closers.push(live.close);

    // The window, from the CLI: checkout for a minute, silenced.
    const added = await cli(
      'maintenance',
      'add',
      '--service',
      'checkout',
      '--title-en',
      'Database migration',
      '--title-fr',
      'Migration de la base',
      '--duration',
      '1m',
    );
    assert.equal(added.code, 0, added.stderr);
    assert.match(
      added.stdout,
      /^Maintenance mw-[0-9a-f]{12} planned for checkout, from .* UTC to .* UTC\. Their alerts are silenced/,
    );
    const id = /mw-[0-9a-f]{12}/.exec(added.stdout)?.[0] ?? '';
    await waitFor('maintenance-started on the feed', () =>
      live.state.text.includes('event: maintenance-started'),
    );

    api.healthy = false;
    web.healthy = false;
    await waitFor('blog’s alert sent', () =>
      alerts().some((a) => a.service === 'blog' && a.kind === 'opened'),
    );
    await waitFor('checkout’s alert silenced, on the feed', () =>
      live.state.text.includes('event: alert-silenced'),
    );
    assert.ok(!alerts().some((a) => a.service === 'checkout'), 'checkout’s alert was not sent');
    assert.match(live.state.text, /event: alert-silenced\ndata: \{"service":"checkout",[^\n]*"window":"mw-/);
    const metrics = (await getJson<string>(`${d.url}/metrics`, asOperator)).body;
    assert.match(metrics, /bascule_alerts_silenced_total\{service="checkout"\} 1/);

    const list = await cli('maintenance', 'list');
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, new RegExp(`${id}\\s+under way\\s+.*checkout\\s+yes\\s+Database migration`));
    const fr = await cli('maintenance', 'list', '--lang', 'fr');
    assert.match(fr.stdout, new RegExp(`${id}\\s+en cours\\s+.*Migration de la base`));

    // Ending it: the incident still open is told now.
    const ended = await cli('maintenance', 'end', id);
    assert.equal(ended.code, 0, ended.stderr);
    assert.match(
      ended.stdout,
      new RegExp(`^Maintenance ${id} ended at .* UTC; alerts for checkout are no longer silenced\\.`),
    );
    await waitFor('checkout’s alert sent once the window ended', () =>
      alerts().some((a) => a.service === 'checkout' && a.kind === 'opened'),
    );
    assert.match(live.state.text, /event: maintenance-ended/);
    const again = await cli('maintenance', 'end', id);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /is not under way/);

    // An update from the CLI: the public status follows it, the feed says so.
    const incidents = await cli('incident', 'list', '--open', '--format', 'json');
    const open = (JSON.parse(incidents.stdout) as { incidents: { id: string; service: string }[] }).incidents;
    const incident = open.find((i) => i.service === 'checkout')?.id ?? '';
    const posted = await cli(
      'incident',
      'update',
      incident,
      '--status',
      'identified',
      '--message-en',
      'A full disk on the payment database.',
      '--message-fr',
      'Un disque plein sur la base de paiement.',
    );
    assert.equal(posted.code, 0, posted.stderr);
    assert.equal(posted.stdout, `${incident}: update posted; public status: identified.\n`);
    await waitFor('incident-update on the feed', () => live.state.text.includes('event: incident-update'));
    const table = await cli('incident', 'list');
    assert.match(
      table.stdout,
      new RegExp(`${incident.replace(/[.]/g, '\\.')}\\s+checkout\\s+DOWN\\s+identified`),
    );
    const typo = await cli('incident', 'update', incident, '--status', 'identifed', '--message-en', 'x');
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /did you mean "identified"/);
    const none = await cli('incident', 'update', incident, '--status', 'monitoring');
    assert.equal(none.code, 2);
    assert.match(none.stderr, /expected: bascule incident/);

    // The map: the token as its reference, never its value.
    const m = await getJson<{ runtime: { token: unknown } }>(`${d.url}/api/v1/map`, asOperator);
    assert.deepEqual(m.body.runtime.token, { env: 'OPS_TOKEN' });
    assert.ok(!JSON.stringify(m.body).includes(OPS));
    // The analysis the daemon made at start: what `bascule analyze` says of the same file.
    const a = await getJson(`${d.url}/api/v1/analysis`, asOperator);
    const cliAnalysis = await runCli(['analyze', '--format', 'json'], { cwd: dir, env });
    assert.deepEqual(a.body, JSON.parse(cliAnalysis.stdout));

    // A restart keeps both.
    live.close();
    await d.stop();
    running = false;
    d = await start();
    running = true;
    const kept = await getJson<{ status: string; updates: { message: { fr?: string } }[] }>(
      `${d.url}/api/v1/incidents/${encodeURIComponent(incident)}`,
      asOperator,
    );
    assert.equal(kept.body.status, 'identified');
    assert.equal(kept.body.updates[0]?.message.fr, 'Un disque plein sur la base de paiement.');
    const all = await cli('maintenance', 'list', '--all', '--format', 'json');
    const windows = (JSON.parse(all.stdout) as { windows: { id: string; state: string }[] }).windows;
    assert.deepEqual(
      windows.map((w) => [w.id, w.state]),
      [[id, 'over']],
    );
  });
});

/**
 * Backups end to end in a running daemon with the real runner and real restic (Debian's) on a local
 * repository: a dataset never backed up is run by the schedule at start, recorded, judged ok with
 * its snapshot in the API and on /metrics, verified (a check reading data, a restore test compared
 * with the manifest); then the repository's password changes under it: "Run now" through the API
 * gives a failed run, alerted on a real webhook in English and in French, with no secret anywhere.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Daemon } from '../src/daemon/daemon.ts';
import { Notifier } from '../src/notify/notifier.ts';
import { createLogger } from '../src/platform/log.ts';
import { openStore } from '../src/store/open.ts';
import { tempDir } from './helpers/cli.ts';
import { getJson, waitFor } from './helpers/daemon.ts';
import { map } from './helpers/map.ts';
import { receiver } from './helpers/receivers.ts';

const log = createLogger('silent');
const OPS = 'restic-daemon-operator-token-5c1e';
const PW = 'restic-daemon-repo-secret-d41f';
const OTHER_PW = 'restic-daemon-other-secret-77aa';

interface Dataset {
  readonly id: string;
  readonly status: string;
  readonly lastRun: { readonly ok: boolean; readonly error?: string } | null;
  readonly targets: readonly {
    readonly id: string;
    readonly snapshot: string | null;
    readonly status: string;
  }[];
  readonly lastRestore?: { readonly ok: boolean } | null;
  readonly running?: unknown;
}

describe('backups in the daemon, with real restic', () => {
  const closers: (() => Promise<unknown> | unknown)[] = [];
  after(async () => {
    for (const c of closers.reverse()) await c();
  });

  it('backs up on schedule, verifies, reports ok; a wrong password is a failed run, alerted in both languages', async () => {
    const hooks = await receiver();
    closers.push(() => hooks.close());
    const dir = tempDir();
    const dataDir = join(dir, '.bascule');
    const data = join(dir, 'data');
    mkdirSync(join(data, 'sub'), { recursive: true });
    writeFileSync(join(data, 'orders.csv'), 'id,total\n1,42\n2,17\n');
    writeFileSync(join(data, 'sub', 'notes.txt'), 'kept\n');
    writeFileSync(join(dir, 'restic.pw'), `${PW}\n`, { mode: 0o600 });
    execFileSync('restic', ['init', '-q', '--repo', join(dir, 'repo')], {
      env: { ...process.env, RESTIC_PASSWORD: PW },
    });
    const config = map({
      services: { shop: { criticality: 'critical', rpo: '1h', dependsOn: ['files'] } },
      components: {
        files: { provider: 'ovh', region: 'sbg', kind: 'storage' },
        nas: { provider: 'onprem', region: 'paris', kind: 'storage' },
      },
      backups: {
        targets: { nas: { repository: './repo', password: { file: './restic.pw' }, component: 'nas' } },
        datasets: {
          files: {
            component: 'files',
            paths: ['./data'],
            to: ['nas'],
            every: '1h',
            verify: { every: '1d', restore: true },
          },
        },
      },
      notify: {
        'ops-en': { webhook: `${hooks.url}/en`, lang: 'en' },
        'ops-fr': { webhook: `${hooks.url}/fr`, lang: 'fr' },
      },
      runtime: { token: { env: 'OPS_TOKEN' } },
    });
    const env = { OPS_TOKEN: OPS, LANG: 'C', PATH: process.env.PATH ?? '/usr/bin:/bin' };
    const store = await openStore('sqlite', dataDir);
    const d = await Daemon.start({
      config,
      baseDir: dir,
      dataDir,
      store,
      listen: '127.0.0.1:0',
      lang: 'en',
      log,
      env,
      flushMs: 50,
      notifier: new Notifier({ config, lang: 'en', baseDir: dir, env, log }),
      backupTiming: { tickMs: 100 },
    });
    closers.push(() => d.stop());
    const auth = { authorization: `Bearer ${OPS}` };
    const dataset = async () =>
      (await getJson<{ datasets: Dataset[] }>(`${d.url}/api/v1/backups`, { headers: auth })).body
        .datasets[0]!;

    // The schedule runs the dataset at start (never backed up) and then verifies it (never verified).
    await waitFor('a good run', async () => (await dataset()).lastRun?.ok === true, 60_000);
    await waitFor('a good restore test', async () => (await dataset()).lastRestore?.ok === true, 60_000);
    const ok = await dataset();
    assert.equal(ok.status, 'ok');
    assert.match(ok.targets[0]?.snapshot ?? '', /^[0-9a-f]{8,64}$/);
    const snapshots = JSON.parse(
      execFileSync('restic', ['snapshots', '--json', '-q', '--repo', join(dir, 'repo')], {
        env: { ...process.env, RESTIC_PASSWORD: PW },
      }).toString(),
    ) as { id: string }[];
    assert.ok(
      snapshots.some((s) => s.id.startsWith(ok.targets[0]!.snapshot!)),
      'the snapshot the records name is in the repository',
    );
    const metrics = await (await fetch(`${d.url}/metrics`, { headers: auth })).text();
    assert.match(metrics, /bascule_backup_status\{dataset="files"\} 0/);
    assert.match(metrics, /bascule_backup_runs_total\{[^}]*dataset="files"[^}]*result="ok"[^}]*\} 1/);

    // The password file now says something else: "Run now" fails, and says so in both languages.
    writeFileSync(join(dir, 'restic.pw'), `${OTHER_PW}\n`, { mode: 0o600 });
    const started = await getJson(`${d.url}/api/v1/backups/files/run`, { method: 'POST', headers: auth });
    assert.equal(started.status, 202);
    await waitFor('a failed run', async () => (await dataset()).lastRun?.ok === false, 60_000);
    const failed = await dataset();
    assert.match(failed.lastRun?.error ?? '', /password|RESTIC_E|wrong/i);
    const alert = (lang: string) =>
      hooks.requests
        .filter((r) => r.path === `/${lang}`)
        .map((r) => JSON.parse(r.body) as { incident: string; title: string; text: string })
        .find((a) => a.incident.startsWith('backup:files:run-failed'));
    await waitFor('run-failed alerts', () => alert('en') !== undefined && alert('fr') !== undefined);
    assert.equal(alert('en')?.title, 'Backup of files failed (nas)');
    assert.equal(alert('fr')?.title, 'La sauvegarde de files a échoué (nas)');
    // A failed last run is a breach (the rule), and the good snapshot is still the one named.
    assert.equal(failed.status, 'breach');
    assert.equal(failed.targets[0]?.snapshot, ok.targets[0]?.snapshot);

    // No secret in the answers, the alerts, the metrics or the store.
    const everything = [
      JSON.stringify(await getJson(`${d.url}/api/v1/backups/files/history`, { headers: auth })),
      ...hooks.requests.map((r) => r.body),
      await (await fetch(`${d.url}/metrics`, { headers: auth })).text(),
      JSON.stringify(await store.backupRuns({ limit: 100 })),
    ].join('\n');
    for (const secret of [PW, OTHER_PW]) assert.ok(!everything.includes(secret), 'no password anywhere');
  });
});

/**
 * Backups in a running daemon, with the real SQLite store and a small BackupJobs written here that
 * records runs, checks and restore tests into that store (the port; the end-to-end with real restic
 * is test/backup-daemon-restic.test.ts): the schedule starts what is due (one job per dataset, a bounded number at
 * once), alerts (missed run, failed verification, failed run, RPO breach, recovered) reach a real
 * local webhook channel in English and in French with no secret, the API (auth, 202/409/404, the
 * status and the history), /metrics, the live feed, and running jobs aborted and recorded at stop.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { BackupJobs, DatasetRunOutcome, DatasetVerifyOutcome } from '../src/backup/jobs.ts';
import { Daemon } from '../src/daemon/daemon.ts';
import { Notifier } from '../src/notify/notifier.ts';
import { createLogger } from '../src/platform/log.ts';
import type { BackupRun } from '../src/store/backup-records.ts';
import { openStore } from '../src/store/open.ts';
import type { Store } from '../src/store/store.ts';
import { tempDir } from './helpers/cli.ts';
import { getJson, waitFor } from './helpers/daemon.ts';
import { map } from './helpers/map.ts';
import { receiver } from './helpers/receivers.ts';

const log = createLogger('silent');
const OPS = 'backup-operator-token-7f3a';
const DB_URL = 'postgres://shop:hunter2-db-secret@127.0.0.1:5432/shop';
const PW = 'restic-repo-secret-91b2';
const env = { OPS_TOKEN: OPS, SHOP_DB_URL: DB_URL, RESTIC_PW: PW, LANG: 'C' };
const H = 3_600_000;

function backupMap(hooks: string) {
  return map({
    services: { shop: { criticality: 'critical', rpo: '1h', dependsOn: ['db', 'files'] } },
    components: {
      db: { provider: 'ovh', region: 'sbg', kind: 'database' },
      files: { provider: 'ovh', region: 'sbg', kind: 'storage' },
      nas: { provider: 'onprem', region: 'paris', kind: 'storage' },
      s3: { provider: 'scaleway', region: 'fr-par', kind: 'storage' },
    },
    backups: {
      targets: {
        nas: { repository: '/srv/nas/bascule', password: { env: 'RESTIC_PW' }, component: 'nas' },
        s3: {
          repository: 's3:https://s3.fr-par.scw.cloud/acme',
          password: { env: 'RESTIC_PW' },
          component: 's3',
        },
      },
      datasets: {
        'shop-db': {
          component: 'db',
          postgres: { url: { env: 'SHOP_DB_URL' } },
          to: ['nas', 's3'],
          every: '1h',
          verify: { every: '1d', restore: true },
        },
        files: { component: 'files', paths: ['/srv/files'], to: ['nas'], every: '1h' },
        logs: { component: 'files', paths: ['/var/log/shop'], to: ['nas'], every: '1d' },
      },
    },
    notify: {
      'ops-en': { webhook: `${hooks}/en`, lang: 'en' },
      'ops-fr': { webhook: `${hooks}/fr`, lang: 'fr' },
    },
    runtime: { token: { env: 'OPS_TOKEN' } },
  });
}

const backup = (
  dataset: string,
  target: string,
  kind: BackupRun['kind'],
  at: number,
  ok: boolean,
  over: Partial<BackupRun> = {},
): BackupRun => ({
  id: `${dataset}@${target}@${kind}@${at}`,
  dataset,
  target,
  kind,
  startedAt: at,
  finishedAt: at + 1_000,
  ok,
  ...(ok ? { snapshot: `${dataset.slice(0, 2)}${at.toString(16).slice(-6)}` } : {}),
  ...over,
});

/**
 * The port, written for the test: records into the store as the runner does. shop-db backs up and
 * copies (or fails when `failRuns` says so) and verifies (a row-count mismatch when `mismatch`);
 * files hangs until aborted (then records the run as aborted); logs ignores its signal.
 */
class TestJobs implements BackupJobs {
  failRuns = 0;
  mismatch = true;
  started: string[] = [];
  closed = false;
  constructor(private readonly store: () => Store) {}

  async run(dataset: string, o: { signal?: AbortSignal } = {}): Promise<DatasetRunOutcome> {
    const startedAt = Date.now();
    this.started.push(`run ${dataset}`);
    if (dataset === 'files' || dataset === 'logs') {
      await new Promise<void>((resolve) => {
        if (dataset === 'files') o.signal?.addEventListener('abort', () => resolve(), { once: true });
        else setTimeout(resolve, 3_000).unref();
      });
      const run = backup(dataset, 'nas', 'backup', startedAt, false, {
        error: { code: 'aborted', detail: 'stopped by its signal' },
      });
      if (!this.closed) await this.store().saveBackupRun(run);
      return {
        dataset,
        ok: false,
        startedAt,
        finishedAt: Date.now(),
        runs: [run],
        error: { ...run.error!, target: 'nas' },
      };
    }
    await new Promise((r) => setTimeout(r, 50));
    if (this.failRuns > 0) {
      this.failRuns--;
      const run = backup(dataset, 'nas', 'backup', startedAt, false, {
        producerExit: 1,
        error: { code: 'producer-exit', detail: 'pg_dump exited 1' },
      });
      await this.store().saveBackupRun(run);
      return {
        dataset,
        ok: false,
        startedAt,
        finishedAt: run.finishedAt,
        runs: [run],
        error: { ...run.error!, target: 'nas' },
      };
    }
    const runs = [
      backup(dataset, 'nas', 'backup', startedAt, true),
      backup(dataset, 's3', 'copy', startedAt + 2, true),
    ];
    for (const r of runs) await this.store().saveBackupRun(r);
    return { dataset, ok: true, startedAt, finishedAt: Date.now(), runs };
  }

  async verify(dataset: string): Promise<DatasetVerifyOutcome> {
    const startedAt = Date.now();
    this.started.push(`verify ${dataset}`);
    const checks = ['nas', 's3'].map((target) => ({ target, at: startedAt, ok: true, readData: '5%' }));
    for (const c of checks) await this.store().recordBackupEvent({ type: 'check', ...c });
    const restore = {
      dataset,
      target: 'nas',
      snapshot: 'sh000000',
      at: startedAt + 1,
      ok: !this.mismatch,
      ...(this.mismatch ? { mismatch: 'orders: 1200 rows, expected 1210' } : {}),
    };
    await this.store().recordBackupEvent({ type: 'restore', ...restore });
    return { dataset, ok: !this.mismatch, startedAt, finishedAt: Date.now(), checks, restores: [restore] };
  }
}

interface WebhookAlert {
  readonly kind: string;
  readonly incident: string;
  readonly title: string;
  readonly text: string;
  readonly lang: string;
}

describe('backups in the daemon', () => {
  const closers: (() => Promise<unknown> | unknown)[] = [];
  after(async () => {
    for (const c of closers.reverse()) await c();
  });

  it('runs what is due, alerts in both languages, answers the API and the metrics, aborts and records at stop', async () => {
    const hooks = await receiver();
    closers.push(() => hooks.close());
    const dir = tempDir();
    const dataDir = join(dir, '.bascule');
    const config = backupMap(hooks.url);
    // Bascule's records before this start: files was backed up 2 h 10 min ago (past 1h + 6 min:
    // missed; past 2×RPO: a breach however fast the test runs — at exactly 2 h it was still a warning).
    const seed = await openStore('sqlite', dataDir);
    await seed.migrate();
    await seed.saveBackupRun(backup('files', 'nas', 'backup', Date.now() - 2 * H - 10 * 60_000, true));
    await seed.close();
    const store = await openStore('sqlite', dataDir);
    const jobs = new TestJobs(() => store);
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
      backupJobs: jobs,
      backupTiming: { tickMs: 100, maxRunning: 3, stopWaitMs: 300 },
    });
    let running = true;
    closers.push(() => (running ? d.stop() : undefined));
    const auth = { authorization: `Bearer ${OPS}` };
    const api = (path: string, init: RequestInit = {}) =>
      getJson<Record<string, unknown>>(`${d.url}${path}`, {
        ...init,
        headers: { ...auth, ...(init.headers ?? {}) },
      });
    const alerts = (lang: 'en' | 'fr') =>
      hooks.requests.filter((r) => r.path === `/${lang}`).map((r) => JSON.parse(r.body) as WebhookAlert);
    const has = (lang: 'en' | 'fr', what: string) => alerts(lang).filter((a) => a.incident.startsWith(what));

    // The missed run of files, in both languages, from the records alone (its job hangs).
    await waitFor(
      'missed alert',
      () => has('en', 'backup:files:missed').length === 1 && has('fr', 'backup:files:missed').length === 1,
    );
    assert.equal(has('en', 'backup:files:missed')[0]?.title, 'Backup of files did not run on schedule');
    assert.equal(
      has('fr', 'backup:files:missed')[0]?.title,
      'La sauvegarde de files n’a pas tourné à l’heure prévue',
    );
    assert.match(
      has('fr', 'backup:files:missed')[0]?.text ?? '',
      /^Aucune sauvegarde valable enregistrée depuis le \d{4}-\d\d-\d\d \d\d:\d\d UTC ; il en fallait une avant le /,
    );

    // shop-db: backed up, then verified (the schedule: a verification never done is due); the mismatch is alerted.
    await waitFor(
      'verify-failed alert',
      () =>
        has('en', 'backup:shop-db:verify-failed').length === 1 &&
        has('fr', 'backup:shop-db:verify-failed').length === 1,
    );
    const vf = has('en', 'backup:shop-db:verify-failed')[0]!;
    assert.equal(vf.title, 'Verification of the backup of shop-db failed (nas)');
    assert.match(vf.text, /restore-mismatch: orders: 1200 rows, expected 1210\./);
    assert.equal(
      has('fr', 'backup:shop-db:verify-failed')[0]?.title,
      'La vérification de la sauvegarde de shop-db a échoué (nas)',
    );
    assert.deepEqual(jobs.started.slice(0, 4).sort(), [
      'run files',
      'run logs',
      'run shop-db',
      'verify shop-db',
    ]);
    // A dataset never backed up before is not a breach to alert: it is being backed up.
    assert.equal(has('en', 'backup:shop-db:breach').length, 0);
    // Not run twice: a restart of the schedule's ticks found it backed up a moment ago.
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(jobs.started.filter((s) => s === 'run shop-db').length, 1);

    // The API: auth, 404 with a did-you-mean, 409 while one runs, 202 with the job.
    assert.equal((await getJson(`${d.url}/api/v1/backups`)).status, 401);
    assert.equal((await getJson(`${d.url}/api/v1/backups/shop-db/run`, { method: 'POST' })).status, 401);
    const unknown = await api('/api/v1/backups/shop-bd/run', { method: 'POST' });
    assert.equal(unknown.status, 404);
    assert.match(
      JSON.stringify(unknown.body),
      /BASCULE_E_HTTP_BACKUP_DATASET_UNKNOWN.*did you mean.*shop-db/i,
    );
    const busy = await api('/api/v1/backups/files/run', { method: 'POST' });
    assert.equal(busy.status, 409);
    assert.match(JSON.stringify(busy.body), /BASCULE_E_HTTP_BACKUP_RUNNING/);
    const busyVerify = await api('/api/v1/backups/files/verify', { method: 'POST' });
    assert.equal(busyVerify.status, 409, 'never two jobs of one dataset');

    jobs.failRuns = 1;
    await waitFor(
      'shop-db idle',
      async () =>
        (
          (await api('/api/v1/backups')).body as { datasets: { id: string; running: unknown }[] }
        ).datasets.find((x) => x.id === 'shop-db')?.running === null,
    );
    const started = await api('/api/v1/backups/shop-db/run', { method: 'POST' });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    assert.equal(
      (started.body as { job: { dataset: string; job: string; trigger: string } }).job.trigger,
      'manual',
    );
    await waitFor(
      'run-failed and breach alerts',
      () =>
        has('en', 'backup:shop-db:run-failed').length === 1 &&
        has('fr', 'backup:shop-db:breach').length === 1,
    );
    assert.equal(has('en', 'backup:shop-db:run-failed')[0]?.title, 'Backup of shop-db failed (nas)');
    assert.match(has('en', 'backup:shop-db:run-failed')[0]?.text ?? '', /producer-exit: pg_dump exited 1\./);
    assert.equal(has('fr', 'backup:shop-db:run-failed')[0]?.title, 'La sauvegarde de shop-db a échoué (nas)');
    assert.equal(has('fr', 'backup:shop-db:breach')[0]?.title, 'La sauvegarde de shop-db dépasse son RPO');

    // Back to good: recovered.
    const again = await api('/api/v1/backups/shop-db/run', { method: 'POST' });
    assert.equal(again.status, 202);
    await waitFor('recovered alert', () => has('en', 'backup:shop-db:recovered').length === 1);
    assert.equal(has('en', 'backup:shop-db:recovered')[0]?.kind, 'resolved');
    assert.equal(
      has('fr', 'backup:shop-db:recovered')[0]?.title,
      'La sauvegarde de shop-db respecte de nouveau son RPO',
    );

    // The status: the shape with the schedule.
    const status = (await api('/api/v1/backups', { headers: { 'accept-language': 'fr' } })).body as {
      datasets: {
        id: string;
        status: string;
        rpoSeconds: number;
        lastRun: { ok: boolean } | null;
        targets: { id: string; ageSeconds: number | null; status: string }[];
        rule: { copies: number; verified: boolean };
        reasons: { code: string; text: string }[];
        nextRunAt: string;
        missed: boolean;
        running: { job: string } | null;
      }[];
    };
    const shop = status.datasets.find((x) => x.id === 'shop-db')!;
    assert.equal(shop.status, 'ok', JSON.stringify([jobs.started, alerts('en').map((a) => a.incident)]));
    assert.equal(shop.rpoSeconds, 3600);
    assert.equal(shop.lastRun?.ok, true);
    assert.deepEqual(
      shop.targets.map((t) => [t.id, t.status]),
      [
        ['nas', 'ok'],
        ['s3', 'ok'],
      ],
    );
    assert.equal(shop.rule.copies, 3);
    assert.ok(
      shop.reasons.some((r) => r.code === 'verify-restore' && /restauration/.test(r.text)),
      'reasons worded in French',
    );
    assert.ok(Date.parse(shop.nextRunAt) > Date.now() + 0.9 * H, 'next run an hour after the last start');
    const files = status.datasets.find((x) => x.id === 'files')!;
    assert.equal(files.missed, true);
    assert.equal(files.running?.job, 'run');

    // The history, newest first, limited.
    const history = (await api('/api/v1/backups/shop-db/history?limit=2')).body as {
      runs: { kind: string; ok: boolean; startedAt: string }[];
      checks: unknown[];
      restores: { mismatch?: string }[];
    };
    assert.equal(history.runs.length, 2);
    assert.ok(history.runs[0]!.startedAt >= history.runs[1]!.startedAt);
    assert.equal(history.restores[0]?.mismatch, 'orders: 1200 rows, expected 1210');
    assert.equal((await api('/api/v1/backups/nope/history')).status, 404);

    // Metrics.
    const metrics = (await getJson<string>(`${d.url}/metrics`, { headers: auth })).body;
    assert.match(metrics, /bascule_backup_status\{dataset="shop-db"\} 0\n/);
    assert.match(metrics, /bascule_backup_status\{dataset="files"\} 2\n/);
    assert.match(metrics, /bascule_backup_runs_total\{dataset="shop-db",job="run",result="ok"\} 2\n/);
    assert.match(metrics, /bascule_backup_runs_total\{dataset="shop-db",job="run",result="failed"\} 1\n/);
    assert.match(metrics, /bascule_backup_runs_total\{dataset="shop-db",job="verify",result="failed"\} 1\n/);
    assert.match(metrics, /bascule_backup_missed_runs_total\{dataset="files"\} 1\n/);
    assert.match(metrics, /bascule_backup_run_duration_seconds_count\{dataset="shop-db",job="run"\} 3\n/);
    assert.match(metrics, /bascule_backup_jobs_running 2\n/);
    const last = (await store.backupHeads()).goodRuns.find(
      (r) => r.dataset === 'shop-db' && r.target === 'nas',
    )!;
    assert.match(
      metrics,
      new RegExp(
        `bascule_backup_last_success_timestamp_seconds\\{dataset="shop-db",target="nas"\\} ${last.finishedAt / 1000}\\n`,
      ),
    );
    const age = Number(
      /bascule_backup_snapshot_age_seconds\{dataset="files",target="nas"\} ([\d.e+]+)/.exec(metrics)?.[1],
    );
    assert.ok(age > 7_800 - 5 && age < 7_800 + 60, `files' snapshot about 2 h 10 min old: ${age}`);

    // No secret anywhere: not in alerts, not in the API's answers, not in the metrics.
    const everything = [
      hooks.requests.map((r) => r.body).join('\n'),
      JSON.stringify(status),
      JSON.stringify(history),
      metrics,
    ].join('\n');
    for (const secret of [PW, DB_URL, 'hunter2']) assert.ok(!everything.includes(secret), `${secret} leaked`);

    // Stop: files is aborted by its signal (the job records it); logs ignores it and is recorded by the daemon.
    running = false;
    jobs.closed = false;
    await d.stop();
    jobs.closed = true;
    const after = await openStore('sqlite', dataDir);
    closers.push(() => after.close());
    const [filesRun] = await after.backupRuns({ dataset: 'files', limit: 1 });
    assert.equal(filesRun?.error?.code, 'aborted');
    assert.equal(filesRun?.error?.detail, 'stopped by its signal');
    const [logsRun] = await after.backupRuns({ dataset: 'logs', limit: 1 });
    assert.equal(logsRun?.error?.code, 'aborted');
    assert.equal(logsRun?.error?.detail, 'the daemon stopped before the run ended');
  });
});

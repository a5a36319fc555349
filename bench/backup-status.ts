/**
 * `backup status` over 1,000 datasets with 10 runs each (and a copy, a check and a restore test),
 * in SQLite: how long reading the heads and judging takes, cold (a fresh process opening the file,
 * as the command does) and over the whole command (CLI in process, JSON out). Writes into a
 * temporary directory; bounded: 1,000 datasets, 5 timed reads.
 *   node --import tsx bench/backup-status.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupStatus } from '../src/backup/status.ts';
import { main } from '../src/cli/main.ts';
import { loadConfig } from '../src/model/load.ts';
import { SqliteStore } from '../src/store/sqlite.ts';

const DATASETS = 1_000;
const RUNS = 10;
const READS = 5;
const dir = mkdtempSync(join(tmpdir(), 'bascule-bench-backup-'));
const lines = [
  'version: 1',
  'name: Bench',
  'services:',
  '  app: {criticality: high, rpo: 1h, dependsOn: [db]}',
  'components:',
];
lines.push('  db: {provider: ovh, region: sbg, kind: database}', '  nas: {provider: onprem, region: paris}');
lines.push('  s3: {provider: scaleway, region: fr-par}', 'backups:', '  targets:');
lines.push('    nas: {repository: /srv/restic, password: {env: PW}, component: nas}');
lines.push(
  '    offsite: {repository: "s3:https://s3.fr-par.scw.cloud/b", password: {env: PW}, component: s3}',
);
lines.push('  datasets:');
for (let i = 0; i < DATASETS; i++)
  lines.push(
    `    d${i}: {component: db, paths: [/srv/d${i}], to: [nas, offsite], every: 1h, verify: {every: 1d, restore: true}}`,
  );
writeFileSync(join(dir, 'bascule.yaml'), `${lines.join('\n')}\n`);
const loaded = loadConfig(`${lines.join('\n')}\n`, 'bascule.yaml');
if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics.slice(0, 3)));

const store = new SqliteStore(join(dir, '.bascule', 'bascule.db'));
await store.migrate();
const now = Date.now();
const tw = performance.now();
for (let i = 0; i < DATASETS; i++) {
  for (let r = 0; r < RUNS; r++) {
    const at = now - (RUNS - r) * 3_600_000;
    const base = {
      dataset: `d${i}`,
      startedAt: at,
      finishedAt: at + 30_000,
      ok: true,
      snapshot: `s${i}-${r}`,
    };
    await store.saveBackupRun({ ...base, id: `d${i}@nas@${at}`, target: 'nas', kind: 'backup' });
    await store.saveBackupRun({ ...base, id: `d${i}@offsite@${at}`, target: 'offsite', kind: 'copy' });
  }
  await store.recordBackupEvent({
    type: 'restore',
    dataset: `d${i}`,
    target: 'nas',
    snapshot: 'x',
    at: now - 60_000,
    ok: true,
  });
}
for (const target of ['nas', 'offsite'])
  await store.recordBackupEvent({ type: 'check', target, at: now - 60_000, ok: true });
const writeMs = performance.now() - tw;
await store.close();

const reads: number[] = [];
for (let k = 0; k < READS; k++) {
  const t0 = performance.now();
  const s = new SqliteStore(join(dir, '.bascule', 'bascule.db'));
  await s.migrate();
  const heads = await s.backupHeads();
  const list = backupStatus(loaded.config, heads, Date.now());
  await s.close();
  reads.push(performance.now() - t0);
  if (list.length !== DATASETS) throw new Error('not every dataset');
}
const cli: number[] = [];
for (let k = 0; k < READS; k++) {
  const t0 = performance.now();
  let out = '';
  const code = await main(['backup', 'status', '--format', 'json'], {
    stdout: (t: string) => {
      out += t;
    },
    stderr: () => {},
    env: {},
    cwd: dir,
    color: false,
    interactive: false,
    ask: async () => undefined,
  } as unknown as Parameters<typeof main>[1]);
  cli.push(performance.now() - t0);
  if (code !== 0 || JSON.parse(out).datasets.length !== DATASETS) throw new Error('backup status failed');
}
rmSync(dir, { recursive: true, force: true });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
process.stdout.write(
  `${JSON.stringify({
    datasets: DATASETS,
    runs: DATASETS * RUNS * 2,
    writeMs: Math.round(writeMs),
    readAndJudgeMs: { median: Math.round(median(reads)), max: Math.round(Math.max(...reads)) },
    cliMs: { median: Math.round(median(cli)), max: Math.round(Math.max(...cli)) },
  })}\n`,
);

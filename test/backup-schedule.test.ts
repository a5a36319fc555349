/**
 * The backup schedule, pure and table-driven: when each dataset's next run and verification are
 * due from the records' heads (a restart does not rerun a fresh backup; a daemon down for a day
 * runs once), and the dead man's switch (no good run within `every` plus the grace).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backupSchedule, isDue, missedGrace } from '../src/backup/schedule.ts';
import type { BackupHeads, BackupRun } from '../src/store/backup-records.ts';
import { map } from './helpers/map.ts';

const M = 60_000;
const H = 60 * M;
const NOW = Date.UTC(2027, 0, 5, 12, 0, 0);

const config = map({
  services: { shop: { criticality: 'critical', rpo: '1h', dependsOn: ['db'] } },
  components: {
    db: { provider: 'ovh', region: 'sbg', kind: 'database' },
    nas: { provider: 'onprem', region: 'paris', kind: 'storage' },
    s3: { provider: 'scaleway', region: 'fr-par', kind: 'storage' },
  },
  backups: {
    targets: {
      nas: { repository: '/srv/nas', password: { env: 'PW' }, component: 'nas' },
      s3: { repository: 's3:https://s3.example.net/acme', password: { env: 'PW' }, component: 's3' },
    },
    datasets: {
      'shop-db': {
        component: 'db',
        paths: ['/var/lib/db'],
        to: ['nas', 's3'],
        every: '1h',
        verify: { every: '1d', restore: true },
      },
    },
  },
});

const run = (startedAgo: number, over: Partial<BackupRun> = {}): BackupRun => ({
  id: `shop-db@nas@backup@${NOW - startedAgo}`,
  dataset: 'shop-db',
  target: 'nas',
  kind: 'backup',
  startedAt: NOW - startedAgo,
  finishedAt: NOW - startedAgo + 2 * M,
  ok: true,
  snapshot: 'abcd1234',
  ...over,
});

const heads = (h: Partial<BackupHeads>): BackupHeads => ({
  lastRuns: [],
  goodRuns: [],
  checks: [],
  restores: [],
  proofs: [],
  ...h,
});

describe('the backup schedule', () => {
  it('grace of the dead man’s switch: 10 % of every, at least 5 minutes', () => {
    assert.equal(missedGrace(H), 6 * M);
    assert.equal(missedGrace(10 * M), 5 * M);
    assert.equal(missedGrace(24 * H), 144 * M);
  });

  const cases: {
    name: string;
    heads: BackupHeads;
    /** When the daemon began watching, before NOW. */
    watchingAgo: number;
    runDue: boolean;
    nextRunAt: number;
    missed: boolean;
    verifyDue: boolean;
  }[] = [
    {
      name: 'never backed up, daemon just started: due now, not missed yet',
      heads: heads({}),
      watchingAgo: 0,
      runDue: true,
      nextRunAt: NOW,
      missed: false,
      verifyDue: true,
    },
    {
      name: 'restart a minute after a good backup: not due for 59 minutes',
      heads: heads({ lastRuns: [run(M)], goodRuns: [run(M)] }),
      watchingAgo: 0,
      runDue: false,
      nextRunAt: NOW - M + H,
      missed: false,
      verifyDue: true,
    },
    {
      name: 'a daemon down for a day: one run due, once (the due time is in the past, not 24 of them)',
      heads: heads({ lastRuns: [run(25 * H)], goodRuns: [run(25 * H)] }),
      watchingAgo: 0,
      runDue: true,
      nextRunAt: NOW - 24 * H,
      missed: true,
      verifyDue: true,
    },
    {
      name: 'the last run failed 30 min ago, the last good one 70 min ago: not due, and missed past 66 min',
      heads: heads({
        lastRuns: [run(30 * M, { ok: false, snapshot: undefined, error: { code: 'restic-exit-1' } })],
        goodRuns: [run(72 * M)],
      }),
      watchingAgo: 3 * H,
      runDue: false,
      nextRunAt: NOW + 30 * M,
      missed: true,
      verifyDue: true,
    },
    {
      name: 'good run 60 min ago (finished 58 min ago): due, within the grace, not missed',
      heads: heads({ lastRuns: [run(60 * M)], goodRuns: [run(60 * M)] }),
      watchingAgo: 3 * H,
      runDue: true,
      nextRunAt: NOW,
      missed: false,
      verifyDue: true,
    },
    {
      name: 'never a good run, watching for 67 min (past 1h + 6 min): missed, whatever the jobs said',
      heads: heads({}),
      watchingAgo: 67 * M,
      runDue: true,
      nextRunAt: NOW,
      missed: true,
      verifyDue: true,
    },
    {
      name: 'verified 2 h ago on both targets with a restore test: verification not due',
      heads: heads({
        lastRuns: [run(10 * M)],
        goodRuns: [run(10 * M)],
        checks: [
          { target: 'nas', at: NOW - 2 * H, ok: true },
          { target: 's3', at: NOW - 3 * H, ok: false },
        ],
        restores: [{ dataset: 'shop-db', target: 'nas', snapshot: 'abcd1234', at: NOW - 2 * H, ok: true }],
      }),
      watchingAgo: 0,
      runDue: false,
      nextRunAt: NOW + 50 * M,
      missed: false,
      verifyDue: false,
    },
    {
      name: 'one target checked 25 h ago: verification due',
      heads: heads({
        checks: [
          { target: 'nas', at: NOW - 2 * H, ok: true },
          { target: 's3', at: NOW - 25 * H, ok: true },
        ],
        restores: [{ dataset: 'shop-db', target: 'nas', snapshot: 'abcd1234', at: NOW - 2 * H, ok: true }],
      }),
      watchingAgo: 0,
      runDue: true,
      nextRunAt: NOW,
      missed: false,
      verifyDue: true,
    },
    {
      name: 'no restore test recorded: verification due',
      heads: heads({
        checks: [
          { target: 'nas', at: NOW - 2 * H, ok: true },
          { target: 's3', at: NOW - 2 * H, ok: true },
        ],
      }),
      watchingAgo: 0,
      runDue: true,
      nextRunAt: NOW,
      missed: false,
      verifyDue: true,
    },
    {
      name: 'a copy to the second target does not count as the dataset’s start',
      heads: heads({
        lastRuns: [run(5 * M, { target: 's3', kind: 'copy' }), run(90 * M)],
        goodRuns: [run(90 * M)],
      }),
      watchingAgo: 0,
      runDue: true,
      nextRunAt: NOW - 30 * M,
      missed: true,
      verifyDue: true,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const [s] = backupSchedule(config, c.heads, NOW, NOW - c.watchingAgo);
      assert.ok(s);
      assert.equal(s.nextRunAt, c.nextRunAt, 'next run');
      assert.equal(isDue(s.nextRunAt, NOW), c.runDue, 'run due');
      assert.equal(s.missed, c.missed, 'missed');
      assert.equal(isDue(s.nextVerifyAt, NOW), c.verifyDue, 'verify due');
    });

  it('a dataset without verify has no verification due', () => {
    const c = map({
      components: { db: { kind: 'database' }, nas: { kind: 'storage' } },
      backups: {
        targets: { nas: { repository: '/srv/nas', password: { env: 'PW' }, component: 'nas' } },
        datasets: { d: { component: 'db', paths: ['/x'], to: ['nas'], every: '1d' } },
      },
    });
    const [s] = backupSchedule(c, heads({}), NOW, NOW);
    assert.equal(s?.nextVerifyAt, null);
    assert.equal(s?.deadline, NOW + 24 * H + 144 * M);
  });
});

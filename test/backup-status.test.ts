/**
 * The judgement of backups, pure and table-driven: ok | warn | breach per target and dataset from
 * the records and the RPO (the definition), and the 3-2-1-1-0 verdict on the map with its
 * reasons.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { colocation, judgeRule, type RuleFacts } from '../src/backup/rule.ts';
import { ageState, backupStatus, backupStatusJson } from '../src/backup/status.ts';
import { loadConfig } from '../src/model/load.ts';
import type { Config } from '../src/model/schema.ts';
import type { BackupHeads, BackupRun } from '../src/store/backup-records.ts';

const MAP = `version: 1
name: Acme
services:
  shop: {criticality: critical, rpo: 1h, dependsOn: [db]}
components:
  db: {provider: ovh, region: sbg, kind: database}
  nas: {provider: onprem, region: paris, kind: storage}
  sbg-backup: {provider: ovh, region: sbg, kind: storage}
  gra-backup: {provider: ovh, region: gra, kind: storage}
  s3-scw: {provider: scaleway, region: fr-par, kind: storage}
  vault: {provider: hetzner, region: fsn1, kind: storage}
  floating: {kind: storage}
backups:
  targets:
    nas: {repository: "sftp:backup@nas.local:/volume1/bascule", password: {env: PW}, component: nas}
    offsite: {repository: "s3:https://s3.fr-par.scw.cloud/acme", password: {env: PW}, component: s3-scw}
    vault: {repository: "rest:https://backup.example.net/acme", password: {env: PW}, component: vault, appendOnly: true}
    sbg: {repository: /mnt/backup, password: {env: PW}, component: sbg-backup}
    gra: {repository: /mnt/backup, password: {env: PW}, component: gra-backup}
    nowhere: {repository: /mnt/x, password: {env: PW}, component: floating}
  datasets:
    shop-db:
      component: db
      postgres: {url: {env: SHOP_DB_URL}}
      to: [nas, offsite, vault]
      every: 30m
      verify: {every: 1d, restore: true}
    lonely: {component: db, paths: [/var/lib/x], to: [sbg], every: 1h, rpo: 2h}
`;

function config(): Config {
  const r = loadConfig(MAP, 'bascule.yaml');
  assert.ok(r.ok, JSON.stringify(!r.ok && r.diagnostics));
  return r.config;
}

const H = 3_600_000;
const NOW = Date.UTC(2027, 0, 5, 12, 0, 0);

const run = (target: string, agoMs: number, over: Partial<BackupRun> = {}): BackupRun => ({
  id: `shop-db@${target}@${NOW - agoMs}`,
  dataset: 'shop-db',
  target,
  kind: target === 'nas' ? 'backup' : 'copy',
  startedAt: NOW - agoMs - 60_000,
  finishedAt: NOW - agoMs,
  ok: true,
  snapshot: `snap-${target}`,
  ...over,
});
const heads = (over: Partial<BackupHeads> = {}): BackupHeads => ({
  lastRuns: [],
  goodRuns: [],
  checks: [],
  restores: [],
  proofs: [],
  ...over,
});
/** Each target's last run, good. */
const allGood = (agoMs: number) => {
  const runs = ['nas', 'offsite', 'vault'].map((t) => run(t, agoMs));
  return { lastRuns: runs, goodRuns: runs };
};

describe('backup status: ok within the RPO, warn within twice, breach beyond, or on a failed run or no snapshot', () => {
  it('ages against the RPO at its bounds', () => {
    const table: [number, string][] = [
      [0, 'ok'],
      [H, 'ok'],
      [H + 1, 'warn'],
      [2 * H, 'warn'],
      [2 * H + 1, 'breach'],
    ];
    for (const [age, want] of table) assert.equal(ageState(age, H), want, `${age} ms`);
  });

  const cases: {
    name: string;
    heads: BackupHeads;
    dataset: string;
    targets: string[];
  }[] = [
    {
      name: 'every target fresh',
      heads: heads(allGood(10 * 60_000)),
      dataset: 'ok',
      targets: ['ok', 'ok', 'ok'],
    },
    {
      name: 'one target between one and two RPOs old',
      heads: heads({
        lastRuns: [run('nas', 60_000), run('offsite', 90 * 60_000), run('vault', 60_000)],
        goodRuns: [run('nas', 60_000), run('offsite', 90 * 60_000), run('vault', 60_000)],
      }),
      dataset: 'warn',
      targets: ['ok', 'warn:stale', 'ok'],
    },
    {
      name: 'one target beyond two RPOs',
      heads: heads({
        lastRuns: [run('nas', 60_000), run('offsite', 3 * H), run('vault', 60_000)],
        goodRuns: [run('nas', 60_000), run('offsite', 3 * H), run('vault', 60_000)],
      }),
      dataset: 'breach',
      targets: ['ok', 'breach:stale', 'ok'],
    },
    {
      name: 'the last run failed though a fresh good snapshot exists',
      heads: heads({
        lastRuns: [
          run('nas', 60_000, { ok: false, error: { code: 'producer-exit', detail: 'pg_dump exited 1' } }),
          run('offsite', 5 * 60_000),
          run('vault', 5 * 60_000),
        ],
        goodRuns: [run('nas', 10 * 60_000), run('offsite', 5 * 60_000), run('vault', 5 * 60_000)],
      }),
      dataset: 'breach',
      targets: ['breach:run-failed', 'ok', 'ok'],
    },
    {
      name: 'a target with runs but no good snapshot, one never run',
      heads: heads({
        lastRuns: [run('nas', 60_000), run('offsite', 60_000, { ok: false })],
        goodRuns: [run('nas', 60_000)],
      }),
      dataset: 'breach',
      targets: ['ok', 'breach:run-failed', 'breach:never-run'],
    },
    {
      name: 'no records at all',
      heads: heads(),
      dataset: 'breach',
      targets: ['breach:never-run', 'breach:never-run', 'breach:never-run'],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const [shop] = backupStatus(config(), c.heads, NOW);
      assert.equal(shop!.id, 'shop-db');
      assert.equal(shop!.status, c.dataset);
      assert.deepEqual(
        shop!.targets.map((t) => (t.reason ? `${t.status}:${t.reason}` : t.status)),
        c.targets,
      );
    });

  it('gives the issue’s JSON shape: the RPO from the service, the last run with its error, snapshots and ages', () => {
    const h = heads({
      lastRuns: [
        run('nas', 60_000, { ok: false, error: { code: 'producer-exit', detail: 'pg_dump exited 1' } }),
      ],
      goodRuns: [run('nas', 20 * 60_000)],
    });
    const list = backupStatus(config(), h, NOW);
    assert.deepEqual(list[0]!.rpo.source, { from: 'service', service: 'shop' });
    assert.deepEqual(backupStatusJson(list).datasets[0], {
      id: 'shop-db',
      status: 'breach',
      rpoSeconds: 3600,
      lastRun: {
        ok: false,
        at: new Date(NOW - 60_000).toISOString(),
        error: 'producer-exit: pg_dump exited 1',
      },
      targets: [
        { id: 'nas', snapshot: 'snap-nas', ageSeconds: 1200, status: 'breach' },
        { id: 'offsite', snapshot: null, ageSeconds: null, status: 'breach' },
        { id: 'vault', snapshot: null, ageSeconds: null, status: 'breach' },
      ],
      rule: { copies: 1, media: 0, offsite: 0, immutable: 0, verified: false, ok: false },
    });
    assert.deepEqual(backupStatusJson(list).datasets[1]!.lastRun, null);
  });
});

describe('the 3-2-1-1-0 rule, judged on the map', () => {
  const all: RuleFacts = { current: () => true, proved: () => true, checked: () => true, restored: true };
  const cases: { name: string; facts: Partial<RuleFacts>; verdict: string; reasons: string[] }[] = [
    { name: 'everything holds', facts: {}, verdict: '4 3 3 1 true ok', reasons: [] },
    {
      name: 'only the NAS is current',
      facts: { current: (t) => t === 'nas' },
      verdict: '2 1 1 0 true -',
      reasons: ['copies', 'media', 'immutable-none'],
    },
    {
      name: 'append-only never proved',
      facts: { proved: () => undefined },
      verdict: '4 3 3 0 true -',
      reasons: ['immutable-unproved vault'],
    },
    {
      name: 'append-only disproved: its delete succeeded',
      facts: { proved: () => false },
      verdict: '4 3 3 0 true -',
      reasons: ['immutable-refused vault'],
    },
    {
      name: 'a target’s check failed or is late, and the restore test too',
      facts: { checked: (t) => t !== 'offsite', restored: false },
      verdict: '4 3 3 1 false -',
      reasons: ['verify-check offsite', 'verify-restore'],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const { verdict: v, reasons } = judgeRule(config(), 'shop-db', { ...all, ...c.facts });
      assert.equal(
        `${v.copies} ${v.media} ${v.offsite} ${v.immutable} ${v.verified} ${v.ok ? 'ok' : '-'}`,
        c.verdict,
      );
      assert.deepEqual(
        reasons.map((r) => ('target' in r.params ? `${r.code} ${r.params.target}` : r.code)),
        c.reasons,
      );
    });

  it('a dataset whose only copy is on the same site: too few copies, one medium, none off-site, nothing immutable, no verification', () => {
    const { verdict, reasons } = judgeRule(config(), 'lonely', all);
    assert.deepEqual(verdict, { copies: 2, media: 1, offsite: 0, immutable: 0, verified: false, ok: false });
    assert.deepEqual(
      reasons.map((r) => r.code),
      ['copies', 'media', 'offsite', 'immutable-none', 'verify-none'],
    );
  });

  it('places a copy: the same region (Strasbourg 2021), the same provider, off-site, or not on the map', () => {
    const c = config();
    const table: [string, string][] = [
      ['sbg-backup', 'region'],
      ['gra-backup', 'provider'],
      ['nas', 'offsite'],
      ['floating', 'unplaced'],
    ];
    for (const [target, want] of table) assert.equal(colocation(c, 'db', target), want, target);
  });
});

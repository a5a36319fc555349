/**
 * The analyser's backup findings (issue 14, "the rule, judged on the map"): backup-missing,
 * backup-colocated and rpo-unmet on small maps, one row each; and which data each failure loses
 * (simulate and the outage replays: lost, stale or restorable), in text, JSON and HTML, en and fr.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../src/analysis/analyze.ts';
import { buildGraph } from '../src/analysis/graph.ts';
import { parsePredicate } from '../src/analysis/predicate.ts';
import { simulate } from '../src/analysis/simulate.ts';
import { renderFinding } from '../src/report/findings.ts';
import { runCli } from './helpers/cli.ts';
import { map } from './helpers/map.ts';

const ROOT = new URL('..', import.meta.url).pathname;

const TARGET = { repository: '/srv/restic', password: { file: './restic.pw' } };

/** A shop on a database at OVH Strasbourg; each row adds what it needs. */
function shop(extra: {
  components?: Record<string, unknown>;
  backups?: Record<string, unknown>;
  criticality?: string;
  rpo?: string;
  dependsOn?: unknown[];
}) {
  return map({
    services: {
      shop: {
        criticality: extra.criticality ?? 'critical',
        ...(extra.rpo ? { rpo: extra.rpo } : {}),
        dependsOn: extra.dependsOn ?? ['db'],
      },
    },
    components: {
      db: { provider: 'ovh', region: 'sbg', kind: 'database' },
      ...extra.components,
    },
    ...(extra.backups ? { backups: extra.backups } : {}),
  });
}

const backupKinds = new Set(['backup-missing', 'backup-colocated', 'rpo-unmet']);

/** The backup findings: `severity kind subject…`. */
function found(config: ReturnType<typeof map>): string[] {
  return analyze(config, [], buildGraph(config))
    .findings.filter((f) => backupKinds.has(f.kind))
    .map((f) => [f.severity, f.kind, ...f.subjects].join(' '));
}

describe('backup findings', () => {
  const rows: { name: string; config: ReturnType<typeof map>; want: string[] }[] = [
    { name: 'a critical database with no dataset', config: shop({}), want: ['critical backup-missing db'] },
    {
      name: 'a high service: high',
      config: shop({ criticality: 'high' }),
      want: ['high backup-missing db'],
    },
    { name: 'a medium service: no finding', config: shop({ criticality: 'medium' }), want: [] },
    {
      name: 'kinds as maps write them: postgres, nas, object-storage, file-server',
      config: shop({
        dependsOn: ['db', 'pg', 'box', 'bucket', 'files'],
        components: {
          pg: { provider: 'aws', kind: 'postgres' },
          box: { provider: 'office', kind: 'nas' },
          bucket: { provider: 'aws', kind: 'object-storage' },
          files: { provider: 'office', kind: 'file-server' },
        },
      }),
      want: [
        'critical backup-missing box',
        'critical backup-missing bucket',
        'critical backup-missing db',
        'critical backup-missing files',
        'critical backup-missing pg',
      ],
    },
    {
      name: 'a cache, a search index and compute hold no data to back up',
      config: shop({
        dependsOn: ['redis', 'index', 'app'],
        components: {
          redis: { provider: 'aws', kind: 'cache' },
          index: { provider: 'aws', kind: 'search' },
          app: { provider: 'aws', kind: 'compute' },
        },
      }),
      want: [],
    },
    {
      name: 'replicas with no backup: one finding for the group',
      config: shop({
        dependsOn: [{ anyOf: ['db', 'db2'], name: 'pair' }],
        components: { db2: { provider: 'ovh', region: 'gra', kind: 'database' } },
      }),
      want: ['critical backup-missing shop.dependsOn[0] db db2'],
    },
    {
      name: 'a dataset on one replica protects the group',
      config: shop({
        dependsOn: [{ anyOf: ['db', 'db2'], name: 'pair' }],
        components: {
          db2: { provider: 'ovh', region: 'gra', kind: 'database' },
          vault: { provider: 'scaleway', region: 'fr-par', kind: 'storage' },
        },
        backups: {
          targets: { off: { ...TARGET, component: 'vault' } },
          datasets: { main: { component: 'db2', paths: ['/var/lib/db'], to: ['off'], every: '1h' } },
        },
      }),
      want: [],
    },
    {
      name: 'a copy in the same region (the Strasbourg fire): colocated, as severe as the service',
      config: shop({
        components: { box: { provider: 'ovh', region: 'sbg', kind: 'storage' } },
        backups: {
          targets: { next: { ...TARGET, component: 'box' } },
          datasets: { data: { component: 'db', paths: ['/var/lib/db'], to: ['next'], every: '1h' } },
        },
      }),
      want: ['critical backup-colocated data db next'],
    },
    {
      name: 'copies at the same provider in another region: colocated, one step milder',
      config: shop({
        components: { box: { provider: 'ovh', region: 'gra', kind: 'storage' } },
        backups: {
          targets: { next: { ...TARGET, component: 'box' } },
          datasets: { data: { component: 'db', paths: ['/var/lib/db'], to: ['next'], every: '1h' } },
        },
      }),
      want: ['high backup-colocated data db next'],
    },
    {
      name: 'one copy elsewhere is enough: no finding',
      config: shop({
        components: {
          box: { provider: 'ovh', region: 'sbg', kind: 'storage' },
          vault: { provider: 'scaleway', region: 'fr-par', kind: 'storage' },
        },
        backups: {
          targets: { next: { ...TARGET, component: 'box' }, off: { ...TARGET, component: 'vault' } },
          datasets: {
            data: { component: 'db', paths: ['/var/lib/db'], to: ['next', 'off'], every: '1h' },
          },
        },
      }),
      want: [],
    },
    {
      name: 'a nightly backup against a 1h RPO of the service: rpo-unmet, naming the service',
      config: shop({
        rpo: '1h',
        components: { vault: { provider: 'scaleway', region: 'fr-par', kind: 'storage' } },
        backups: {
          targets: { off: { ...TARGET, component: 'vault' } },
          datasets: { data: { component: 'db', paths: ['/var/lib/db'], to: ['off'], every: '1d' } },
        },
      }),
      want: ['high rpo-unmet data db shop'],
    },
    {
      name: 'the dataset’s own RPO',
      config: shop({
        components: { vault: { provider: 'scaleway', region: 'fr-par', kind: 'storage' } },
        backups: {
          targets: { off: { ...TARGET, component: 'vault' } },
          datasets: {
            data: { component: 'db', paths: ['/var/lib/db'], to: ['off'], every: '6h', rpo: '4h' },
          },
        },
      }),
      want: ['high rpo-unmet data db'],
    },
    {
      name: 'a schedule within the RPO, or no RPO at all: no finding',
      config: shop({
        rpo: '1d',
        components: { vault: { provider: 'scaleway', region: 'fr-par', kind: 'storage' } },
        backups: {
          targets: { off: { ...TARGET, component: 'vault' } },
          datasets: { data: { component: 'db', paths: ['/var/lib/db'], to: ['off'], every: '1d' } },
        },
      }),
      want: [],
    },
  ];
  for (const row of rows) it(row.name, () => assert.deepEqual(found(row.config), row.want));

  it('says each in English and French, with the copies and the place', () => {
    const config = rows.find((r) => r.name.startsWith('a copy in the same region'))!.config;
    const f = analyze(config, [], buildGraph(config)).findings.find((x) => x.kind === 'backup-colocated')!;
    assert.equal(f.id, 'backup-colocated:data');
    assert.match(
      renderFinding('en', f).message,
      /^Every copy of data \(next\) is in ovh\/sbg, like db itself/,
    );
    assert.match(renderFinding('fr', f).message, /^Toutes les copies de data \(next\) sont dans ovh\/sbg/);
    const rpo = rows.find((r) => r.name.startsWith('a nightly backup'))!.config;
    const g = analyze(rpo, [], buildGraph(rpo)).findings.find((x) => x.kind === 'rpo-unmet')!;
    assert.equal(
      renderFinding('en', g).message,
      'data is backed up every 1d, but shop may lose at most 1h of data (its RPO): a loss can cost up to 1d',
    );
    assert.match(renderFinding('fr', g).message, /^data est sauvegardé à intervalle de 1d, mais shop/);
  });

  it('do not change the score', () => {
    const without = analyze(shop({ criticality: 'critical' }), []).score;
    const config = rows.find((r) => r.name.startsWith('a copy in the same region'))!.config;
    assert.equal(analyze(config, []).score.overall, without.overall);
  });
});

describe('which data a failure loses', () => {
  const config = shop({
    rpo: '1h',
    components: {
      box: { provider: 'ovh', region: 'sbg', kind: 'storage' },
      vault: { provider: 'scaleway', region: 'fr-par', kind: 'storage' },
    },
    backups: {
      targets: { next: { ...TARGET, component: 'box' }, off: { ...TARGET, component: 'vault' } },
      datasets: {
        near: { component: 'db', paths: ['/a'], to: ['next'], every: '1h' },
        both: { component: 'db', paths: ['/b'], to: ['next', 'off'], every: '1h' },
        nightly: { component: 'db', paths: ['/c'], to: ['off'], every: '1d' },
        twohourly: { component: 'db', paths: ['/d'], to: ['off'], every: '2h' },
      },
    },
  });
  const graph = buildGraph(config);
  const run = (fail: string) => simulate(graph, [parsePredicate(fail)]).data;

  it('lost, stale, restorable: by what survives and how old it is', () => {
    assert.deepEqual(
      run('provider=ovh,region=sbg').map((d) => [d.dataset, d.outcome, d.targets.join(' ')]),
      [
        ['both', 'restorable', 'off'],
        ['near', 'lost', 'next'],
        ['nightly', 'stale', 'off'],
        // Any copy older than the RPO is stale, not only one twice as old.
        ['twohourly', 'stale', 'off'],
      ],
    );
    // The data itself survives: nothing to say.
    assert.deepEqual(run('provider=scaleway'), []);
  });

  it('the OVH fire replayed on the French SME: the ERP data is lost with its only copy (text, JSON, HTML, en/fr)', async () => {
    const args = ['simulate', '-c', 'examples/pme-ovh.yaml', '--replay', 'ovh-sbg-2021-03-10'];
    const [en, fr, json, html] = await Promise.all([
      runCli([...args, '--lang', 'en'], { cwd: ROOT }),
      runCli([...args, '--lang', 'fr'], { cwd: ROOT }),
      runCli([...args, '--format', 'json', '--lang', 'en'], { cwd: ROOT }),
      runCli([...args, '--format', 'html', '--lang', 'fr'], { cwd: ROOT }),
    ]);
    assert.match(
      en.stdout,
      /Data \(backups\)\nerp-db: lost, its only copy \(sbg-storage\) goes down with it/,
    );
    assert.match(fr.stdout, /erp-db : données perdues, leur seule copie \(sbg-storage\) tombe avec elles/);
    const j = JSON.parse(json.stdout) as { data: { dataset: string; outcome: string; targets: string[] }[] };
    assert.deepEqual(
      j.data.map((d) => [d.dataset, d.outcome, d.targets]),
      [['erp-db', 'lost', ['sbg-storage']]],
    );
    assert.match(html.stdout, /<h2>Données \(sauvegardes\)<\/h2>/);
    assert.match(html.stdout, /class="down" data-dataset="erp-db">erp-db : données perdues/);
  });

  it('the analysis replays say it too, in a column of their own', async () => {
    const r = await runCli(['analyze', '-c', 'examples/pme-ovh.yaml', '--format', 'json'], { cwd: ROOT });
    const a = JSON.parse(r.stdout) as { outages: { id: string; data: { text: string }[] }[] };
    const fire = a.outages.find((o) => o.id === 'ovh-sbg-2021-03-10')!;
    assert.deepEqual(
      fire.data.map((d) => d.text),
      ['erp-db: lost, its only copy (sbg-storage) goes down with it'],
    );
    const html = await runCli(['analyze', '-c', 'examples/pme-ovh.yaml', '--format', 'html'], { cwd: ROOT });
    assert.match(html.stdout, /<th>DATA<\/th>/);
    assert.match(html.stdout, /data-dataset="erp-db">erp-db: lost/);
  });
});

/** The maps in examples/, analysed: their exact scores, findings and outage replays, so any change to the analyser shows. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from './helpers/cli.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Report {
  name: string;
  score: {
    overall: number;
    grade: string;
    singlePointsOfFailure: number;
    services: {
      service: string;
      score: number;
      outagesSurvived: number;
      outagesTotal: number;
      singlePointsOfFailure: number;
    }[];
  };
  findings: { kind: string; severity: string; subjects: string[] }[];
  outages: { id: string; hits: number; servicesDown: string[] }[];
}

interface Example {
  readonly file: string;
  readonly name: string;
  /** `33/100 (E) 8 SPOFs`, as the text report's score line. */
  readonly overall: string;
  /** One row per service, as the text report's table: SERVICE SCORE SURVIVED/TOTAL SPOFS. */
  readonly services: readonly string[];
  /** Every finding, in report order (severity, kind, subjects): `severity kind subject…`. */
  readonly findings: readonly string[];
  /** Every outage of the library that touches the map, with the services it takes down. */
  readonly outages: Readonly<Record<string, readonly string[]>>;
  /** The notices `validate` prints (names read through the provider catalogue): `line:col path code`. */
  readonly notices?: readonly string[];
}

const EXAMPLES: readonly Example[] = [
  {
    file: 'startup-aws.yaml',
    name: 'Startup on AWS',
    overall: '33/100 (E) 8 SPOFs',
    services: ['storefront 50 2/3 3', 'checkout 6 0/3 6', 'api 70 3/3 3', 'back-office 30 1/3 3'],
    findings: [
      // The RDS database behind checkout, api and back-office: no dataset backs it up.
      'critical backup-missing db',
      'critical provider-concentration checkout cloudflare',
      'critical region-concentration checkout aws/eu-west-3',
      // Stripe runs in us-east-1.
      'critical region-concentration checkout aws/us-east-1',
      // Two API tasks in two zones, one Redis: the group dies with the Redis.
      'critical shared-dependency api-tier.dependsOn[1] sessions api-a api-b',
      'critical single-point-of-failure auth0 checkout back-office',
      'critical single-point-of-failure cf-cdn checkout storefront',
      'critical single-point-of-failure cf-dns checkout api storefront',
      // The single-AZ database.
      'critical single-point-of-failure db checkout api back-office',
      'critical single-point-of-failure sessions checkout api',
      'critical single-point-of-failure stripe checkout',
      // Failing over away from AWS through Route 53, which fails with AWS.
      // The static catalogue on Scaleway: a bucket no dataset backs up (true by the rule; if it is
      // rebuilt from db on each deploy, a backup of db covers it, but the map does not say so).
      'high backup-missing static-catalogue',
      'high control-plane-dependency origin-failover route53 aws alb',
      // checkout has no check at all.
      'high monitoring-gap checkout',
      'high provider-concentration api cloudflare',
      'high provider-concentration storefront aws',
      'high provider-concentration storefront cloudflare',
      'high region-concentration api aws/eu-west-3',
      // Two web instances in one zone.
      'high shared-dependency web-tier.dependsOn[2] aws/eu-west-3/eu-west-3a web-a web-b',
      'high single-point-of-failure route53 storefront',
      // api is watched only from a probe on AWS; storefront is watched from GCP.
      'medium monitoring-gap api',
      'low region-concentration back-office aws/eu-west-3',
      'low region-concentration back-office aws/us-east-1',
      'low single-point-of-failure back-office-app back-office',
    ],
    outages: {
      'cloudflare-2025-11-18': ['checkout', 'storefront'],
      // Stripe and Auth0 run in us-east-1.
      'aws-2025-10-20': ['back-office', 'checkout'],
      'aws-2021-12-07': ['back-office', 'checkout'],
    },
  },
  {
    file: 'pme-ovh.yaml',
    name: 'PME industrielle (OVHcloud + Microsoft 365)',
    overall: '52/100 (D) 10 SPOFs',
    services: [
      'erp 40 1/2 3',
      'erp-restore 70 1/2 0',
      'site-web 73 2/2 2',
      'messagerie 40 1/2 3',
      'teams 40 1/2 3',
      'fichiers 40 1/2 3',
      'paie 80 2/2 1',
    ],
    findings: [
      // The ERP database's only copy is on the storage server next door: the OVH SBG 2021 lesson.
      'critical backup-colocated erp-db erp-db sbg-storage',
      'critical region-concentration erp onprem/lyon',
      'critical region-concentration erp ovh/sbg',
      // Two internet uplinks, two operators, one UPS.
      'critical shared-dependency acces-internet.dependsOn[0] onduleur fibre-orange routeur-4g',
      'critical single-point-of-failure erp-app erp',
      'critical single-point-of-failure erp-db erp',
      'critical single-point-of-failure onduleur erp fichiers teams',
      // No checks at all: every critical or high service is unwatched.
      // SharePoint holds the shared files and nothing backs it up (Microsoft's retention is no backup).
      'high backup-missing m365-sharepoint',
      'high monitoring-gap erp',
      'high provider-concentration fichiers azure',
      'high provider-concentration fichiers microsoft',
      'high provider-concentration messagerie azure',
      'high provider-concentration messagerie microsoft',
      // Mail depends on the DNS zone hosted by OVH: no single OVH region, but OVH as a whole.
      'high provider-concentration messagerie ovh',
      'high region-concentration erp-restore ovh/sbg',
      'high region-concentration fichiers onprem/lyon',
      'high region-concentration paie aws/eu-west-3',
      // The database and its backup both in Strasbourg: the OVH SBG 2021 lesson.
      'high shared-dependency erp-restore.dependsOn[0] ovh/sbg erp-db erp-backup',
      'high single-point-of-failure dns-ovh messagerie site-web',
      // Microsoft 365: everything signs in through Entra ID.
      'high single-point-of-failure entra-id fichiers messagerie teams',
      'high single-point-of-failure m365-exchange messagerie',
      'high single-point-of-failure m365-sharepoint fichiers',
      'high single-point-of-failure payfit paie',
      'medium monitoring-gap erp-restore',
      'medium monitoring-gap fichiers',
      'medium monitoring-gap messagerie',
      'medium monitoring-gap paie',
      'medium provider-concentration teams azure',
      'medium provider-concentration teams microsoft',
      // Two VPS in two regions, but the load balancer sits in one of them.
      'medium region-concentration site-web ovh/gra',
      'medium region-concentration teams onprem/lyon',
      'medium single-point-of-failure m365-teams teams',
      'medium single-point-of-failure site-lb site-web',
    ],
    // Payroll runs on AWS Paris, not us-east-1: no AWS outage of the library touches it.
    outages: {
      'azure-afd-2025-10-29': ['fichiers', 'messagerie', 'teams'],
      'ovh-sbg-2021-03-10': ['erp', 'erp-restore'],
    },
  },
  {
    // Written by hand as a manager would, with the names she knows: OVHcloud, Strasbourg,
    // Microsoft 365, Paris. Read through the catalogue, they are hit by the outages they should be.
    file: 'boutique-strasbourg.yaml',
    name: 'Maison Lefèvre — boutique en ligne',
    overall: '67/100 (C) 9 SPOFs',
    services: [
      'boutique 53 3/4 4',
      // The nightly copy on the office NAS survives the Strasbourg fire.
      'commandes-recuperables 100 4/4 0',
      'messagerie 53 3/4 4',
      'documents 55 3/4 3',
      'paie 80 4/4 1',
    ],
    findings: [
      // Stripe runs in two AWS regions (anyOf): only the loss of AWS as a whole takes it.
      'critical provider-concentration boutique aws',
      'critical region-concentration boutique ovh/sbg',
      'critical single-point-of-failure base boutique',
      'critical single-point-of-failure dns boutique messagerie',
      'critical single-point-of-failure site boutique',
      'critical single-point-of-failure stripe boutique',
      'high monitoring-gap boutique',
      // Microsoft 365 runs on Azure, as the catalogue says: no runsOn needed.
      'high provider-concentration messagerie azure',
      'high provider-concentration messagerie microsoft',
      'high provider-concentration messagerie ovh',
      'high region-concentration messagerie orange/strasbourg',
      // "Paris" at AWS is eu-west-3.
      'high region-concentration paie aws/eu-west-3',
      // The nightly copy on the office NAS survives the fire, but loses up to a day of orders: the
      // shop's RPO is 1h.
      'high rpo-unmet base base boutique',
      'high single-point-of-failure entra-id messagerie documents',
      'high single-point-of-failure exchange messagerie',
      'high single-point-of-failure internet-bureau messagerie documents',
      'high single-point-of-failure logiciel-paie paie',
      'medium monitoring-gap commandes-recuperables',
      'medium monitoring-gap messagerie',
      'medium monitoring-gap paie',
      'medium provider-concentration documents azure',
      'medium provider-concentration documents microsoft',
      'medium region-concentration documents orange/strasbourg',
      'medium single-point-of-failure sharepoint documents',
    ],
    outages: {
      'azure-afd-2025-10-29': ['documents', 'messagerie'],
      // Stripe in us-east-1 and us-west-2: touched, nothing down.
      'aws-2025-10-20': [],
      'aws-2021-12-07': [],
      'ovh-sbg-2021-03-10': ['boutique'],
    },
    notices: [
      '44:20 components.site.provider BASCULE_W_CATALOGUE_ALIAS',
      '44:38 components.site.region BASCULE_W_CATALOGUE_ALIAS',
      '45:20 components.base.provider BASCULE_W_CATALOGUE_ALIAS',
      '45:38 components.base.region BASCULE_W_CATALOGUE_ALIAS',
      '46:19 components.dns.provider BASCULE_W_CATALOGUE_ALIAS',
      '58:24 components.entra-id.provider BASCULE_W_CATALOGUE_ALIAS',
      '58:24 components.entra-id.provider BASCULE_W_CATALOGUE_HOSTED_ON',
      '59:24 components.exchange.provider BASCULE_W_CATALOGUE_ALIAS',
      '59:24 components.exchange.provider BASCULE_W_CATALOGUE_HOSTED_ON',
      '60:26 components.sharepoint.provider BASCULE_W_CATALOGUE_ALIAS',
      '60:26 components.sharepoint.provider BASCULE_W_CATALOGUE_HOSTED_ON',
      '66:38 components.logiciel-paie.runsOn[0].region BASCULE_W_CATALOGUE_ALIAS',
      // A nightly copy cannot meet the shop's RPO of 1h.
      '179:14 backups.datasets.base.every BASCULE_W_BACKUP_EVERY_RPO',
    ],
  },
  {
    file: 'multicloud.yaml',
    name: 'Multi-cloud SaaS',
    overall: '69/100 (C) 5 SPOFs',
    services: ['app 73 1/1 2', 'api 80 1/1 1', 'reporting 13 0/1 2'],
    findings: [
      // The API group across clouds is steered by Route 53, which fails with AWS.
      // Three CockroachDB replicas, no backup: replication copies a deletion to all three.
      'critical backup-missing data.dependsOn[0] crdb-aws crdb-gcp-1 crdb-gcp-2',
      'critical control-plane-dependency api-edge aws api.dependsOn[1]',
      'critical provider-concentration api aws',
      // A 2-of-3 quorum with two nodes on GCP does not survive GCP.
      'critical provider-concentration api gcp',
      'critical provider-concentration app gcp',
      'critical region-concentration app aws/eu-west-1',
      // The hidden shared dependency: one Redis on AWS behind both front ends.
      'critical shared-dependency web-tier.dependsOn[0] sessions web-aws web-gcp',
      'critical single-point-of-failure api-edge api',
      'critical single-point-of-failure edge app',
      'critical single-point-of-failure sessions app',
      // app is probed only from the two clouds it runs on; api has a probe outside both.
      'high monitoring-gap app',
      'medium region-concentration reporting gcp/europe-west1',
      'medium single-point-of-failure exports reporting',
      'medium single-point-of-failure reporting-job reporting',
    ],
    // Nothing runs in us-east-1.
    outages: { 'gcp-2025-06-12': ['reporting'] },
  },
  {
    file: 'watch.yaml',
    name: 'Watch demo',
    overall: '80/100 (B) 2 SPOFs',
    services: ['website 80 0/0 1', 'status-api 80 0/0 1'],
    findings: [
      'high provider-concentration website self-hosted',
      'high single-point-of-failure web website',
      // The daemon is the only vantage point, on the same (self-hosted) provider as the website.
      'medium monitoring-gap website',
      'low provider-concentration status-api self-hosted',
      'low single-point-of-failure bascule status-api',
    ],
    outages: {},
  },
];

const reports = new Map<string, Promise<Report>>();

/** The JSON analysis of one example, computed once for all the tests that read it. */
function analyze(file: string): Promise<Report> {
  let report = reports.get(file);
  if (!report) {
    report = runCli(['analyze', '-c', `examples/${file}`, '--format', 'json'], { cwd: ROOT }).then((r) => {
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout) as Report;
    });
    reports.set(file, report);
  }
  return report;
}

for (const x of EXAMPLES) {
  describe(`examples/${x.file}`, () => {
    it('is valid', async () => {
      const r = await runCli(['validate', '-c', `examples/${x.file}`], { cwd: ROOT });
      assert.equal(r.code, 0, r.stderr);
      // The test runner's locale names English, so the map's own `lang:` is not used here.
      const valid = ': valid — ';
      assert.match(r.stdout, new RegExp(`^examples/${x.file.replace('.', '\\.')}${valid}`));
      if (x.notices === undefined) assert.equal(r.stderr, '');
      else {
        const json = await runCli(['validate', '-c', `examples/${x.file}`], {
          cwd: ROOT,
          env: { BASCULE_ERRORS: 'json' },
        });
        const lines = json.stderr
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Record<string, unknown>);
        assert.deepEqual(
          lines.map((d) => `${d.line}:${d.col} ${d.path} ${d.code}`),
          x.notices,
        );
      }
    });

    it(`scores ${x.overall}, and each service as expected`, async () => {
      const r = await analyze(x.file);
      assert.equal(r.name, x.name);
      const { overall, grade, singlePointsOfFailure: spofs } = r.score;
      assert.equal(`${overall}/100 (${grade}) ${spofs} SPOFs`, x.overall);
      assert.deepEqual(
        r.score.services.map(
          (s) => `${s.service} ${s.score} ${s.outagesSurvived}/${s.outagesTotal} ${s.singlePointsOfFailure}`,
        ),
        x.services,
      );
    });

    it(`finds exactly its ${x.findings.length} findings, in order`, async () => {
      const r = await analyze(x.file);
      assert.deepEqual(
        r.findings.map((f) => [f.severity, f.kind, ...f.subjects].join(' ')),
        x.findings,
      );
    });

    it('replays the outages that touch it, with the services each takes down', async () => {
      const r = await analyze(x.file);
      const touching = Object.fromEntries(
        r.outages.filter((o) => o.hits > 0).map((o) => [o.id, o.servicesDown]),
      );
      assert.deepEqual(touching, x.outages);
    });
  });
}

/** What a person reads of each example, in each language: a few sentences written out by hand. */
const SAID: Readonly<Record<string, Readonly<Record<'en' | 'fr', readonly string[]>>>> = {
  'startup-aws.yaml': {
    en: [
      'cf-cdn alone takes down checkout, storefront (checkout ← cf-cdn)',
      'also: a failure of cloudflare takes checkout, storefront down through it',
      '2025-11-18  Cloudflare — core proxy failure (Bot Management feature file)',
    ],
    fr: [
      'cf-cdn suffit à faire tomber checkout, storefront (checkout ← cf-cdn)',
      'aussi : une panne de cloudflare fait tomber checkout, storefront par son intermédiaire',
      'Cloudflare — panne du proxy central (fichier de Bot Management)',
    ],
  },
  'pme-ovh.yaml': {
    en: [
      'A failure of region ovh/sbg takes erp down whole',
      'OVHcloud Strasbourg — data centre fire',
      // The fire takes the ERP database and its only backup, on the same site.
      'erp-db: lost, its only copy (sbg-storage) goes down with it',
      'Every copy of erp-db (sbg-storage) is in ovh/sbg, like erp-db itself',
    ],
    fr: [
      'Une panne de la région ovh/sbg fait tomber erp entièrement',
      'OVHcloud Strasbourg — incendie du site',
      'erp-db : données perdues, leur seule copie (sbg-storage) tombe avec elles',
      'Toutes les copies d’erp-db (sbg-storage) sont dans ovh/sbg, comme erp-db lui-même',
    ],
  },
  'multicloud.yaml': {
    en: ['sessions alone takes down app'],
    fr: ['sessions suffit à faire tomber app'],
  },
  'boutique-strasbourg.yaml': {
    en: [
      'A failure of region ovh/sbg takes boutique down whole (boutique ← site)',
      'also: a failure of aws takes boutique down through it',
      'Azure Front Door — invalid configuration deployed globally',
      'base: restorable from nas (up to 1d old), beyond its RPO of 1h',
    ],
    fr: [
      'Une panne de la région ovh/sbg fait tomber boutique entièrement (boutique ← site)',
      'aussi : une panne d’aws fait tomber boutique par son intermédiaire',
      'Azure Front Door — configuration invalide déployée mondialement',
      'Exportez régulièrement ce que contient logiciel-paie',
      // The copy on the office NAS survives the fire, a day old at worst.
      'base : restaurable depuis nas (copie d’au plus 1d), au-delà de son RPO de 1h',
    ],
  },
};

interface Said {
  findings: { message: string; rootCause?: string }[];
  outages: { title: string; hits: number; servicesDown: string[]; data: { text: string }[] }[];
  actions: { title: string }[];
}

for (const [file, said] of Object.entries(SAID)) {
  for (const lang of ['en', 'fr'] as const) {
    it(`examples/${file} reads in ${lang === 'en' ? 'English' : 'French'}: findings, top actions and replays`, async () => {
      const args = ['analyze', '-c', `examples/${file}`, '--lang', lang];
      const [text, json] = await Promise.all([
        runCli(args, { cwd: ROOT }),
        runCli([...args, '--format', 'json'], { cwd: ROOT }),
      ]);
      assert.equal(text.code, 0, text.stderr);
      const j = JSON.parse(json.stdout) as Said;
      const lines = text.stdout.split('\n').map((l) => l.trim());
      // Every root finding, every top action and every replay that touches the map, as the JSON words it.
      for (const f of j.findings.filter((x) => x.rootCause === undefined))
        assert.ok(lines.includes(f.message), f.message);
      for (const a of j.actions) assert.ok(text.stdout.includes(a.title), a.title);
      for (const o of j.outages.filter((x) => x.hits > 0)) {
        const row = lines.find((l) => l.includes(o.title));
        assert.ok(row, o.title);
        if (o.servicesDown.length > 0) assert.ok(row.includes(o.servicesDown.join(', ')), row);
        // The data it loses, in the row's last column.
        const data = o.data.map((d) => d.text).join('; ');
        if (data) assert.ok(row.endsWith(data), row);
      }
      // And the sentences written out by hand, so that the wording itself is checked.
      for (const sentence of said[lang]) assert.ok(text.stdout.includes(sentence), sentence);
      if (lang === 'fr') assert.doesNotMatch(text.stdout, /\b(takes down|survived|Findings|also:)\b/);
    });
  }
}

describe('README.md', () => {
  it('shows the real analysis of examples/startup-aws.yaml (score line and services table)', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const r = await runCli(['analyze', '-c', 'examples/startup-aws.yaml'], { cwd: ROOT });
    const lines = r.stdout.split('\n');
    const from = lines.findIndex((l) => l.startsWith('Resilience score'));
    const to = lines.findIndex((l, i) => i > from && l.startsWith('FINDINGS'));
    assert.ok(from >= 0 && to > from, r.stdout);
    assert.ok(readme.includes(lines.slice(0, to).join('\n')), lines.slice(0, to).join('\n'));
  });
});

import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from './helpers/cli.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Finding {
  kind: string;
  severity: string;
  subjects: string[];
}
interface Report {
  name: string;
  score: { overall: number; grade: string };
  findings: Finding[];
  outages: { id: string; servicesDown: string[] }[];
}

async function validate(file: string): Promise<void> {
  const r = await runCli(['validate', '-c', `examples/${file}`], { cwd: ROOT });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^examples/${file.replace('.', '\\.')}: valid — `));
  assert.equal(r.stderr, '');
}

async function analyze(file: string): Promise<Report> {
  const r = await runCli(['analyze', '-c', `examples/${file}`, '--format', 'json'], { cwd: ROOT });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Report;
}

/** The subjects of every finding of one kind, as strings, so a failing test shows them all. */
function subjects(report: Report, kind: string): string[] {
  return report.findings.filter((f) => f.kind === kind).map((f) => f.subjects.join(' '));
}

function has(report: Report, kind: string, severity: string, expected: string[]): void {
  const found = report.findings.find(
    (f) => f.kind === kind && JSON.stringify(f.subjects) === JSON.stringify(expected),
  );
  assert.ok(found, `no ${kind} ${JSON.stringify(expected)} in ${JSON.stringify(subjects(report, kind))}`);
  assert.equal(found.severity, severity, `${kind} ${expected.join(' ')}`);
}

function assertScore(report: Report): void {
  assert.equal(typeof report.score.overall, 'number');
  assert.ok(report.score.overall >= 0 && report.score.overall <= 100);
  assert.match(report.score.grade, /^[A-E]$/);
}

describe('examples/startup-aws.yaml', () => {
  it('is valid', () => validate('startup-aws.yaml'));

  it('shows the single-AZ database, the shared session store and the zone, Route 53 and the unwatched checkout', async () => {
    const r = await analyze('startup-aws.yaml');
    assert.equal(r.name, 'Startup on AWS');
    assertScore(r);
    has(r, 'single-point-of-failure', 'critical', ['db', 'checkout', 'api', 'back-office']);
    has(r, 'single-point-of-failure', 'critical', ['sessions', 'checkout', 'api']);
    has(r, 'single-point-of-failure', 'critical', ['stripe', 'checkout']);
    has(r, 'single-point-of-failure', 'high', ['route53', 'storefront']);
    // Two API tasks in two zones, one Redis: the group dies with the Redis.
    has(r, 'shared-dependency', 'critical', ['api-tier.dependsOn[1]', 'sessions', 'api-a', 'api-b']);
    // Two web instances in one zone.
    has(r, 'shared-dependency', 'high', [
      'web-tier.dependsOn[2]',
      'aws/eu-west-3/eu-west-3a',
      'web-a',
      'web-b',
    ]);
    assert.equal(subjects(r, 'shared-dependency').length, 2);
    assert.deepEqual(subjects(r, 'control-plane-dependency'), ['origin-failover route53 aws alb']);
    has(r, 'control-plane-dependency', 'high', ['origin-failover', 'route53', 'aws', 'alb']);
    // checkout has no check; api is watched only from a probe on AWS; storefront is watched from GCP.
    assert.deepEqual(subjects(r, 'monitoring-gap'), ['checkout', 'api']);
    has(r, 'monitoring-gap', 'high', ['checkout']);
    has(r, 'monitoring-gap', 'medium', ['api']);
    has(r, 'region-concentration', 'critical', ['checkout', 'aws/eu-west-3']);
    has(r, 'region-concentration', 'critical', ['checkout', 'aws/us-east-1']);
    has(r, 'provider-concentration', 'high', ['storefront', 'aws']);
    // Stripe and Auth0 run in us-east-1: the October 2025 outage takes checkout and the back office.
    const aws2025 = r.outages.find((o) => o.id === 'aws-2025-10-20');
    assert.ok(aws2025, 'aws-2025-10-20 is replayed');
    assert.deepEqual(aws2025.servicesDown, ['back-office', 'checkout']);
  });
});

describe('examples/pme-ovh.yaml', () => {
  it('is valid', () => validate('pme-ovh.yaml'));

  it('shows the ERP and its backups on one OVH site, OVH DNS, Microsoft 365 and the office UPS', async () => {
    const r = await analyze('pme-ovh.yaml');
    assert.equal(r.name, 'PME industrielle (OVHcloud + Microsoft 365)');
    assertScore(r);
    // The database and its backup both in Strasbourg: the OVH SBG 2021 lesson.
    has(r, 'shared-dependency', 'high', ['erp-restore.dependsOn[0]', 'ovh/sbg', 'erp-db', 'erp-backup']);
    has(r, 'region-concentration', 'critical', ['erp', 'ovh/sbg']);
    has(r, 'region-concentration', 'high', ['erp-restore', 'ovh/sbg']);
    // Two VPS in two regions, but the load balancer sits in one of them.
    has(r, 'region-concentration', 'medium', ['site-web', 'ovh/gra']);
    has(r, 'single-point-of-failure', 'medium', ['site-lb', 'site-web']);
    // Mail depends on the DNS zone hosted by OVH: no single OVH region, but OVH as a whole.
    has(r, 'provider-concentration', 'high', ['messagerie', 'ovh']);
    has(r, 'single-point-of-failure', 'high', ['dns-ovh', 'messagerie', 'site-web']);
    // Microsoft 365: everything signs in through Entra ID.
    has(r, 'single-point-of-failure', 'high', ['entra-id', 'fichiers', 'messagerie', 'teams']);
    has(r, 'provider-concentration', 'high', ['messagerie', 'microsoft']);
    has(r, 'provider-concentration', 'high', ['fichiers', 'azure']);
    // Two internet uplinks, two operators, one UPS.
    has(r, 'shared-dependency', 'critical', [
      'acces-internet.dependsOn[0]',
      'onduleur',
      'fibre-orange',
      'routeur-4g',
    ]);
    has(r, 'single-point-of-failure', 'critical', ['onduleur', 'erp', 'fichiers', 'teams']);
    has(r, 'single-point-of-failure', 'critical', ['erp-app', 'erp']);
    // No checks at all: every critical or high service is unwatched.
    assert.deepEqual(subjects(r, 'monitoring-gap').sort(), [
      'erp',
      'erp-restore',
      'fichiers',
      'messagerie',
      'paie',
    ]);
    has(r, 'monitoring-gap', 'high', ['erp']);
    assert.deepEqual(subjects(r, 'control-plane-dependency'), []);
    // Payroll runs on AWS Paris, not us-east-1.
    assert.deepEqual(r.outages.find((o) => o.id === 'aws-2025-10-20')?.servicesDown, []);
  });
});

describe('examples/multicloud.yaml', () => {
  it('is valid', () => validate('multicloud.yaml'));

  it('names the session store both clouds share, Route 53 steering away from AWS and the quorum on GCP', async () => {
    const r = await analyze('multicloud.yaml');
    assert.equal(r.name, 'Multi-cloud SaaS');
    assertScore(r);
    // The hidden shared dependency: one Redis on AWS behind both front ends.
    assert.deepEqual(subjects(r, 'shared-dependency'), ['web-tier.dependsOn[0] sessions web-aws web-gcp']);
    has(r, 'shared-dependency', 'critical', ['web-tier.dependsOn[0]', 'sessions', 'web-aws', 'web-gcp']);
    has(r, 'single-point-of-failure', 'critical', ['sessions', 'app']);
    has(r, 'region-concentration', 'critical', ['app', 'aws/eu-west-1']);
    // The API group across clouds is steered by Route 53, which fails with AWS.
    assert.deepEqual(subjects(r, 'control-plane-dependency'), ['api-edge aws api.dependsOn[1]']);
    has(r, 'control-plane-dependency', 'critical', ['api-edge', 'aws', 'api.dependsOn[1]']);
    // A 2-of-3 quorum with two nodes on GCP does not survive GCP.
    has(r, 'provider-concentration', 'critical', ['app', 'gcp']);
    has(r, 'provider-concentration', 'critical', ['api', 'gcp']);
    // app is probed only from the two clouds it runs on; api has a probe outside both.
    assert.deepEqual(subjects(r, 'monitoring-gap'), ['app']);
    has(r, 'monitoring-gap', 'high', ['app']);
    // Nothing runs in us-east-1.
    assert.deepEqual(r.outages.find((o) => o.id === 'aws-2025-10-20')?.servicesDown, []);
  });
});

describe('examples/watch.yaml', () => {
  it('is valid', () => validate('watch.yaml'));

  it('links its checks to the map: the website is watched, but only from where it runs', async () => {
    const r = await analyze('watch.yaml');
    assert.equal(r.name, 'Watch demo');
    has(r, 'single-point-of-failure', 'high', ['web', 'website']);
    // The daemon is the only vantage point, on the same (self-hosted) provider as the website.
    assert.deepEqual(subjects(r, 'monitoring-gap'), ['website']);
  });
});

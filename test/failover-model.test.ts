/**
 * failover.<id> in bascule.yaml: the shape run by something else keeps working as before, a group
 * Bascule runs is read with its defaults, and every mistake in a group comes out located, in one run,
 * with the other errors of the map.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic, ErrorCode } from '../src/errors.ts';
import { formatDiagnostic } from '../src/i18n/index.ts';
import { isEndpointAddress } from '../src/model/failover-references.ts';
import { loadConfig } from '../src/model/load.ts';
import { failoverGroups } from '../src/model/schema-failover.ts';

const MAP = `version: 1
name: Test
services:
  api: {dependsOn: [api-tier]}
components:
  api-tier: {dependsOn: [api-aws, api-gcp]}
  api-aws: {provider: aws, region: us-east-1}
  api-gcp: {provider: gcp, region: europe-west1}
  other: {provider: hetzner}
  node: {provider: hetzner, region: fsn1}
checks:
  api-aws: {component: api-aws, tcp: 127.0.0.2:9001}
  api-gcp: {component: api-gcp, tcp: 127.0.0.3:9002}
  other: {component: other, tcp: 127.0.0.4:9003}
  whole: {service: api, tcp: 127.0.0.5:80}
`;

function load(extra: string) {
  return loadConfig(MAP + extra, 'bascule.yaml');
}

function diagnostics(extra: string): Diagnostic[] {
  const r = load(extra);
  assert.equal(r.ok, false, 'expected the map to be rejected');
  return r.ok ? [] : [...r.diagnostics];
}

const GROUP = (endpoints: string, more = '') =>
  `failover:\n  api:\n    service: api\n    endpoints:\n${endpoints}${more}`;
const AWS = '      - {name: aws, address: 127.0.0.2:9001, check: api-aws}\n';
const GCP = '      - {name: gcp, address: 127.0.0.3:9002, check: api-gcp}\n';

describe('failover groups in the map', () => {
  it('reads a group Bascule runs with its policy defaults, runtime.component and runtime.dns', () => {
    const r = load(
      `${GROUP(AWS + GCP, '    proxy: {listen: 127.0.0.1:8080}\n    webhook: {url: https://hooks.example.com/f, secret: {file: ./hook.key}}\n    dns: {zone: example.com, name: api}\n')}runtime: {component: node, dns: {listen: 127.0.0.1:5353}}\n`,
    );
    assert.ok(r.ok, JSON.stringify(!r.ok && r.diagnostics));
    const [[id, g]] = failoverGroups(r.config.failover) as [[string, (typeof r.config.failover)[string]]];
    assert.equal(id, 'api');
    assert.ok('endpoints' in g);
    assert.deepEqual(g.policy, { failback: 'auto', failbackAfter: '60s', minHold: '30s' });
    assert.deepEqual(
      g.endpoints.map((e) => e.name),
      ['aws', 'gcp'],
    );
    assert.equal(g.dns?.ttl, 5);
    assert.equal(r.config.runtime?.component, 'node');
    assert.equal(r.config.runtime?.dns?.listen, '127.0.0.1:5353');
  });

  it('keeps the shape run by something else working as before', () => {
    const r = load('failover:\n  db: {primary: api-aws, secondary: [api-gcp], via: other}\n');
    assert.ok(r.ok);
    assert.deepEqual(r.config.failover.db, { primary: 'api-aws', secondary: ['api-gcp'], via: 'other' });
    const bad = diagnostics('failover:\n  db: {primary: api-aws, secondary: [api-gcq], via: othr}\n');
    assert.deepEqual(
      bad.map((d) => [d.code, d.path]),
      [
        ['BASCULE_E_CONFIG_UNKNOWN_REF', 'failover.db.secondary[0]'],
        ['BASCULE_E_CONFIG_UNKNOWN_REF', 'failover.db.via'],
      ],
    );
    const missing = diagnostics('failover:\n  db: {primary: api-aws, secondary: [api-gcp]}\n');
    assert.deepEqual(
      missing.map((d) => [d.code, d.path]),
      [['BASCULE_E_CONFIG_REQUIRED', 'failover.db.via']],
    );
  });

  const cases: { name: string; body: string; code: ErrorCode; path: string; at: string; text: RegExp }[] = [
    {
      name: 'an unknown service, with a did-you-mean',
      body: GROUP(AWS + GCP).replace('service: api', 'service: apii'),
      code: 'BASCULE_E_CONFIG_UNKNOWN_REF',
      path: 'failover.api.service',
      at: '18:14',
      text: /unknown service "apii" — did you mean "api"\?/,
    },
    {
      name: 'an unknown check, with a did-you-mean',
      body: GROUP(AWS + GCP.replace('check: api-gcp', 'check: api-gcpp')),
      code: 'BASCULE_E_CONFIG_UNKNOWN_REF',
      path: 'failover.api.endpoints[1].check',
      at: '21:53',
      text: /unknown check "api-gcpp" — did you mean "api-gcp"\?/,
    },
    {
      name: 'a check on a component the service does not depend on',
      body: GROUP(AWS + GCP.replace('check: api-gcp', 'check: other')),
      code: 'BASCULE_E_CONFIG_FAILOVER_CHECK',
      path: 'failover.api.endpoints[1].check',
      at: '21:53',
      text: /check "other" watches component "other", which is not a component of service "api"/,
    },
    {
      name: 'a check on the service itself rather than on one of its components',
      body: GROUP(AWS + GCP.replace('check: api-gcp', 'check: whole')),
      code: 'BASCULE_E_CONFIG_FAILOVER_CHECK',
      path: 'failover.api.endpoints[1].check',
      at: '21:53',
      text: /check "whole" watches service "api"/,
    },
    {
      name: 'a single endpoint',
      body: GROUP(AWS),
      code: 'BASCULE_E_CONFIG_FAILOVER_ENDPOINTS',
      path: 'failover.api.endpoints',
      at: '20:7',
      text: /needs at least two endpoints to switch between, and has 1/,
    },
    {
      name: 'two endpoints with one name',
      body: GROUP(AWS + GCP.replace('name: gcp', 'name: aws')),
      code: 'BASCULE_E_CONFIG_FAILOVER_DUPLICATE',
      path: 'failover.api.endpoints[1].name',
      at: '21:16',
      text: /two endpoints are named "aws"/,
    },
    {
      name: 'port 0',
      body: GROUP(AWS + GCP.replace('127.0.0.3:9002', '127.0.0.3:0')),
      code: 'BASCULE_E_CONFIG_FAILOVER_ADDRESS',
      path: 'failover.api.endpoints[1].address',
      at: '21:30',
      text: /invalid endpoint address "127\.0\.0\.3:0": write host:port or \[IPv6\]:port, with a port from 1 to 65535/,
    },
    {
      name: 'a mix of both shapes',
      body: 'failover:\n  api: {primary: api-aws, service: api, endpoints: []}\n',
      code: 'BASCULE_E_CONFIG_FAILOVER_SHAPE',
      path: 'failover.api',
      at: '17:3',
      text: /either \{primary, secondary, via\} .* or \{service, endpoints\} .*not both: here "primary" and "service"/,
    },
    {
      name: 'an unknown runtime.component, with a did-you-mean',
      body: 'runtime: {component: nod}\n',
      code: 'BASCULE_E_CONFIG_UNKNOWN_REF',
      path: 'runtime.component',
      at: '16:22',
      text: /unknown component "nod" — did you mean "node"\?/,
    },
  ];
  for (const c of cases) {
    it(`rejects ${c.name} with ${c.code}, located`, () => {
      const d = diagnostics(c.body).find((x) => x.code === c.code && x.path === c.path);
      assert.ok(d, `no ${c.code} at ${c.path}`);
      assert.equal(`${d.line}:${d.col}`, c.at);
      assert.match(formatDiagnostic('en', d), c.text);
    });
  }

  it('says it in French too, agreeing the words', () => {
    const d = diagnostics(GROUP(AWS + GCP.replace('check: api-gcp', 'check: api-gcpp')));
    assert.match(
      formatDiagnostic('fr', d[0]!),
      /vérification « api-gcpp » inconnue — vouliez-vous dire « api-gcp » \?/,
    );
    const one = diagnostics(GROUP(AWS));
    assert.match(formatDiagnostic('fr', one[0]!), /au moins deux points d’accès .* il en a 1/);
  });

  it('reports every problem of a group in one run, with a schema error elsewhere in it and in the map', () => {
    const body = `${GROUP(
      '      - {name: aws, address: "[1::2::3]:80", check: other}\n      - {name: aws, address: 999.0.0.1:80, check: api-gcpp}\n',
      '    policy: {failback: sometimes}\n',
    )}runtime: {component: nod}\n`;
    const found = diagnostics(body).map((d) => `${d.code} ${d.path}`);
    assert.deepEqual(found, [
      'BASCULE_E_CONFIG_FAILOVER_ADDRESS failover.api.endpoints[0].address',
      'BASCULE_E_CONFIG_FAILOVER_CHECK failover.api.endpoints[0].check',
      'BASCULE_E_CONFIG_FAILOVER_DUPLICATE failover.api.endpoints[1].name',
      'BASCULE_E_CONFIG_FAILOVER_ADDRESS failover.api.endpoints[1].address',
      'BASCULE_E_CONFIG_UNKNOWN_REF failover.api.endpoints[1].check',
      'BASCULE_E_CONFIG_VALUE failover.api.policy.failback',
      'BASCULE_E_CONFIG_UNKNOWN_REF runtime.component',
    ]);
  });

  it('accepts host names, IPv4 and bracketed IPv6 with ports 1 to 65535, and nothing else', () => {
    for (const ok of ['127.0.0.2:9001', 'api.example.com:443', '[::1]:8080', '[2001:db8::1]:1', 'h:65535'])
      assert.equal(isEndpointAddress(ok), true, ok);
    for (const bad of [
      'h:0',
      'h:65536',
      '::1:80',
      '[::1]',
      'h',
      '[1::2::3]:80',
      '999.0.0.1:80',
      '-a.b:80',
      'a..b:80',
      ':80',
    ])
      assert.equal(isEndpointAddress(bad), false, bad);
  });
});

/**
 * `dnsZones:` in bascule.yaml: read with its defaults; every bad value located, in one run, in
 * English and French, with a did-you-mean for a mistyped key or type; a zone named by a failover
 * group exists without `dnsZones`, with a SOA and NS of its own; the plan the server starts from.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dnsPlanOf } from '../src/dns/zones-of-config.ts';
import type { Diagnostic } from '../src/errors.ts';
import { formatDiagnostic } from '../src/i18n/index.ts';
import { loadConfig } from '../src/model/load.ts';

const MAP = `version: 1
name: Test
services:
  api: {dependsOn: [api-tier]}
components:
  api-tier: {dependsOn: [api-aws, api-gcp]}
  api-aws: {provider: aws, region: us-east-1}
  api-gcp: {provider: gcp, region: europe-west1}
checks:
  api-aws: {component: api-aws, tcp: 127.0.0.2:9001}
  api-gcp: {component: api-gcp, tcp: 127.0.0.3:9002}
failover:
  api:
    service: api
    endpoints:
      - {name: aws, address: 127.0.0.2:9001, check: api-aws}
      - {name: gcp, address: 127.0.0.3:9002, check: api-gcp}
    dns: {zone: example.com, name: api, ttl: 5}
runtime:
  dns: {listen: 127.0.0.1:5353}
`;

const ZONES = `dnsZones:
  example.com:
    soa: {mname: ns1.example.com, rname: hostmaster.example.com}
    ns: [ns1.example.com, ns2.other-provider.net]
    records:
      - {name: www, type: CNAME, value: api.example.com}
      - {name: ns1, type: A, value: 192.0.2.53}
      - {name: '@', type: MX, value: 10 mail.example.com}
      - {name: '@', type: CAA, value: '0 issue "letsencrypt.org"'}
    secondaries: [{address: 127.0.0.1:5300, tsig: {name: xfr, algorithm: hmac-sha256, secret: {env: XFR_KEY}}}]
`;

function diagnostics(extra: string): Diagnostic[] {
  const r = loadConfig(MAP + extra, 'bascule.yaml');
  assert.equal(r.ok, false, 'expected the map to be rejected');
  return r.ok ? [] : [...r.diagnostics];
}

describe('dnsZones in the map', () => {
  it('reads the issue’s example, and plans its zone with the records and the secondary’s key', () => {
    const r = loadConfig(MAP + ZONES, 'bascule.yaml');
    assert.ok(r.ok, JSON.stringify(!r.ok && r.diagnostics));
    const plan = dnsPlanOf(r.config, () => Buffer.from('k').toString('base64'))!;
    assert.equal(plan.listen, '127.0.0.1:5353');
    assert.deepEqual(plan.groups, [{ group: 'api', zone: 'example.com', name: 'api.example.com', ttl: 5 }]);
    const z = plan.zones[0]!;
    assert.deepEqual(z.ns, ['ns1.example.com', 'ns2.other-provider.net']);
    assert.equal(z.soa.refresh, 3600);
    assert.deepEqual(
      z.records.map((x) => `${x.name} ${x.type}`),
      ['www.example.com CNAME', 'ns1.example.com A', 'example.com MX', 'example.com CAA'],
    );
    assert.equal(z.secondaries[0]?.tsig?.secret.toString(), 'k');
  });

  it('a zone named by a failover group exists without dnsZones, its SOA and NS made from the zone and listen address', () => {
    const r = loadConfig(MAP, 'bascule.yaml');
    assert.ok(r.ok);
    const z = dnsPlanOf(r.config, () => '')!.zones[0]!;
    assert.equal(z.name, 'example.com');
    assert.equal(z.soa.mname, 'ns1.example.com');
    assert.equal(z.soa.rname, 'hostmaster.example.com');
    assert.deepEqual(z.ns, ['ns1.example.com']);
    assert.deepEqual(z.records, [{ name: 'ns1.example.com', type: 'A', ttl: 3600, data: '127.0.0.1' }]);
  });

  it('reports every bad value at once, located, in English and French', () => {
    const bad = `dnsZones:
  example.com:
    ns: [ns..bad]
    records:
      - {name: ns1, type: A, value: 999.0.0.1}
      - {name: v6, type: AAAA, value: 192.0.2.1}
      - {name: '@', type: MX, value: mail.example.com}
      - {name: api, type: TXT, value: clash}
      - {name: x.other.org., type: A, value: 192.0.2.1}
`;
    const d = diagnostics(bad);
    assert.deepEqual(
      d.map((x) => `${x.code} ${x.path} ${x.line}`),
      [
        'BASCULE_E_CONFIG_DNS_RECORD dnsZones.example.com.ns[0] 23',
        'BASCULE_E_CONFIG_DNS_RECORD dnsZones.example.com.records[0].value 25',
        'BASCULE_E_CONFIG_DNS_RECORD dnsZones.example.com.records[1].value 26',
        'BASCULE_E_CONFIG_DNS_RECORD dnsZones.example.com.records[2].value 27',
        'BASCULE_E_CONFIG_DNS_CONFLICT dnsZones.example.com.records[3].name 28',
        'BASCULE_E_CONFIG_DNS_CONFLICT dnsZones.example.com.records[4].name 29',
      ],
    );
    assert.match(formatDiagnostic('en', d[1]!), /invalid A value "999\.0\.0\.1": write an IPv4 address/);
    assert.match(
      formatDiagnostic('fr', d[1]!),
      /valeur A « 999\.0\.0\.1 » invalide : écrivez une adresse IPv4/,
    );
    assert.match(formatDiagnostic('en', d[4]!), /answered by failover group "api"/);
    assert.match(formatDiagnostic('fr', d[5]!), /n’est pas dans la zone « example\.com »/);
  });

  it('a mistyped key or record type gets a did-you-mean', () => {
    const d = diagnostics(
      'dnsZones:\n  example.com:\n    secondaris: []\n    records: [{name: a, type: AAA, value: ::1}]\n',
    );
    const text = d.map((x) => formatDiagnostic('en', x)).join('\n');
    assert.match(text, /secondaries/);
    assert.match(text, /AAAA/);
  });
});

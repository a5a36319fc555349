/**
 * `dnsZones:` in bascule.yaml: read with its defaults; every bad value located, in one run, in
 * English and French, with a did-you-mean for a mistyped key or type; a zone named by a failover
 * group exists without `dnsZones`, with a SOA and NS of its own; the plan the server starts from.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { dnsPlanOf } from '../src/dns/zones-of-config.ts';
import type { Diagnostic } from '../src/errors.ts';
import { formatDiagnostic } from '../src/i18n/index.ts';
import { loadConfig } from '../src/model/load.ts';
import { runCli } from './helpers/cli.ts';

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

  const secondaries = (list: string[]) =>
    `dnsZones:\n  example.com:\n    records: [{name: ns2, type: A, value: 192.0.2.80}]\n    secondaries:\n${list
      .map((a) => `      - {address: "${a}"}\n`)
      .join('')}`;

  it('a secondary’s address is an IP with an optional port (53 when left out), IPv6 in brackets', () => {
    const r = loadConfig(
      MAP + secondaries(['192.0.2.80', '192.0.2.81:5300', '[2001:DB8:0::1]', '[2001:db8::2]:5353']),
      'bascule.yaml',
    );
    assert.ok(r.ok, JSON.stringify(!r.ok && r.diagnostics));
    const plan = dnsPlanOf(r.config, () => '')!;
    assert.deepEqual(
      plan.zones[0]!.secondaries.map((s) => s.address),
      ['192.0.2.80:53', '192.0.2.81:5300', '[2001:db8::1]:53', '[2001:db8::2]:5353'],
    );
  });

  it('a secondary’s address that is a host name, a bare IPv6 or a bad port is refused, located, with a hint, in English and French', () => {
    const d = diagnostics(
      secondaries([
        'ns2.other-provider.net:53',
        'ns2.example.com:5300',
        '2001:db8::1:53',
        '192.0.2.300:53',
        '192.0.2.80:0',
        '[2001:db8::1]:70000',
        '[2001:db8::1',
      ]),
    );
    assert.deepEqual(
      d.map((x) => `${x.code} ${x.path} ${x.line}:${x.col}`),
      [0, 1, 2, 3, 4, 5, 6].map(
        (i) => `BASCULE_E_CONFIG_DNS_SECONDARY dnsZones.example.com.secondaries[${i}].address ${25 + i}:19`,
      ),
    );
    const en = d.map((x) => formatDiagnostic('en', x));
    const fr = d.map((x) => formatDiagnostic('fr', x));
    assert.match(
      en[0]!,
      /secondary address "ns2\.other-provider\.net:53" is a host name: write the secondary’s IP address, with an optional port \(53 by default\): 192\.0\.2\.80:53, \[2001:db8::1\]:53; the server sends NOTIFY/,
    );
    assert.doesNotMatch(en[0]!, /did you mean/, 'nothing in the map says its address');
    assert.match(
      en[1]!,
      /is a host name.* — did you mean "192\.0\.2\.80:5300"\?$/,
      'the zone’s own A record',
    );
    assert.match(
      en[2]!,
      /an IPv6 address goes in brackets, followed by the port \(if the last group is the port: "\[2001:db8::1\]:53"\) — did you mean "\[2001:db8::1:53\]"\?/,
    );
    assert.match(en[3]!, /"192\.0\.2\.300" is not an IPv4 address/);
    assert.match(en[4]!, /the port must be from 1 to 65535 \(53 when left out\)/);
    assert.match(en[5]!, /the port must be from 1 to 65535/);
    assert.match(
      en[6]!,
      /invalid secondary address "\[2001:db8::1": write an IP address with an optional port/,
    );
    assert.match(
      fr[0]!,
      /l’adresse du secondaire « ns2\.other-provider\.net:53 » est un nom d’hôte : écrivez l’adresse IP du secondaire/,
    );
    assert.match(fr[1]!, /vouliez-vous dire « 192\.0\.2\.80:5300 » \?$/);
    assert.match(
      fr[2]!,
      /une adresse IPv6 s’écrit entre crochets, suivie du port \(si le dernier groupe est le port : « \[2001:db8::1\]:53 »\)/,
    );
    assert.match(fr[3]!, /« 192\.0\.2\.300 » n’est pas une adresse IPv4/);
    assert.match(fr[4]!, /le port doit être compris entre 1 et 65535 \(53 s’il est omis\)/);
    assert.match(fr[6]!, /est invalide : écrivez une adresse IP, suivie ou non d’un port/);
  });

  it('bascule validate exits 2 on a secondary named by host, with the code and no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bascule-dns-model-'));
    writeFileSync(join(dir, 'bascule.yaml'), MAP + secondaries(['ns2.other-provider.net']));
    const r = await runCli(['validate', '-c', join(dir, 'bascule.yaml')], {
      env: { LANG: 'en_US.UTF-8', BASCULE_ERRORS: 'json' },
    });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /BASCULE_E_CONFIG_DNS_SECONDARY/);
    assert.match(r.stderr, /bascule\.yaml/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  });
});

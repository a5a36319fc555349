/**
 * `failover.<id>.rfc2136` and `failover.<id>.haproxy` in bascule.yaml: read with their defaults;
 * every mistake located, worded in English and French: an unsupported TSIG algorithm, a secret
 * written in the file, a server that is not host:port, an endpoint that is not an IP address (the
 * record is an A or AAAA), HAProxy with both or neither of socket and address, a server mapping
 * for an endpoint the group does not have.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../src/errors.ts';
import { formatDiagnostic } from '../src/i18n/index.ts';
import { loadConfig } from '../src/model/load.ts';
import { failoverGroups } from '../src/model/schema-failover.ts';

const MAP = `version: 1
name: Test
services:
  api: {dependsOn: [api-tier]}
components:
  api-tier: {dependsOn: [api-aws, api-gcp]}
  api-aws: {provider: aws}
  api-gcp: {provider: gcp}
checks:
  api-aws: {component: api-aws, tcp: 127.0.0.2:9001}
  api-gcp: {component: api-gcp, tcp: 127.0.0.3:9002}
failover:
  api:
    service: api
    endpoints:
      - {name: aws, address: 127.0.0.2:9001, check: api-aws}
      - {name: gcp, address: "[2001:db8::3]:9002", check: api-gcp}
`;
const RFC =
  '    rfc2136: {server: 127.0.0.1:5300, zone: example.com, name: api, tsig: {name: bascule, algorithm: hmac-sha256, secret: {file: ./tsig.key}}}\n';
const HAPROXY = '    haproxy: {socket: /run/haproxy/admin.sock, backend: api, servers: {aws: aws1}}\n';

function diagnostics(text: string): Diagnostic[] {
  const r = loadConfig(text, 'bascule.yaml');
  assert.equal(r.ok, false, 'expected the map to be rejected');
  return r.ok ? [] : [...r.diagnostics];
}

function one(text: string, code: string, path: string) {
  const d = diagnostics(text).find((x) => x.code === code && x.path === path);
  assert.ok(d, `no ${code} at ${path}: ${JSON.stringify(diagnostics(text))}`);
  return { at: `${d.line}:${d.col}`, en: formatDiagnostic('en', d), fr: formatDiagnostic('fr', d) };
}

describe('rfc2136 and haproxy in the map', () => {
  it('reads both with their defaults', () => {
    const r = loadConfig(MAP + RFC + HAPROXY, 'bascule.yaml');
    assert.ok(r.ok, JSON.stringify(!r.ok && r.diagnostics));
    const g = failoverGroups(r.config.failover)[0]![1];
    assert.deepEqual(g.rfc2136, {
      server: '127.0.0.1:5300',
      zone: 'example.com',
      name: 'api',
      ttl: 5,
      tsig: { name: 'bascule', algorithm: 'hmac-sha256', secret: { file: './tsig.key' } },
    });
    assert.deepEqual(g.haproxy, {
      socket: '/run/haproxy/admin.sock',
      backend: 'api',
      servers: { aws: 'aws1' },
    });
    const tcp = loadConfig(`${MAP}    haproxy: {address: 127.0.0.1:9999, backend: api}\n`, 'bascule.yaml');
    assert.ok(tcp.ok);
  });

  it('an unsupported TSIG algorithm, with the ones supported and a did-you-mean', () => {
    const d = one(
      MAP + RFC.replace('hmac-sha256', 'hmac-sha265'),
      'BASCULE_E_CONFIG_VALUE',
      'failover.api.rfc2136.tsig.algorithm',
    );
    assert.match(d.en, /"hmac-sha265".*hmac-sha256, hmac-sha512, hmac-sha1.*did you mean "hmac-sha256"/);
    const md5 = one(
      MAP + RFC.replace('hmac-sha256', 'hmac-md5'),
      'BASCULE_E_CONFIG_VALUE',
      'failover.api.rfc2136.tsig.algorithm',
    );
    assert.equal(md5.at, '18:102');
  });

  it('a secret written in the file, and a server that is not host:port', () => {
    const secret = one(
      MAP + RFC.replace('{file: ./tsig.key}', 'c2VjcmV0'),
      'BASCULE_E_CONFIG_SECRET_VALUE',
      'failover.api.rfc2136.tsig.secret',
    );
    // The key itself is never echoed.
    assert.ok(!secret.en.includes('c2VjcmV0') && !secret.fr.includes('c2VjcmV0'), secret.en);
    const d = one(
      MAP + RFC.replace('127.0.0.1:5300', '127.0.0.1'),
      'BASCULE_E_CONFIG_FORMAT',
      'failover.api.rfc2136.server',
    );
    assert.equal(d.at, '18:23');
  });

  it('an endpoint whose host is a name, not an IP address, only with rfc2136', () => {
    const named = MAP.replace('127.0.0.2:9001, check', 'api.aws.example:9001, check');
    assert.ok(loadConfig(named, 'bascule.yaml').ok, 'fine without rfc2136');
    const d = one(named + RFC, 'BASCULE_E_CONFIG_FAILOVER_IP', 'failover.api.endpoints[0].address');
    assert.equal(d.at, '16:30');
    assert.match(
      d.en,
      /endpoint "aws" has the address "api\.aws\.example:9001": with rfc2136 its host must be an IP address/,
    );
    assert.match(
      d.fr,
      /le point d’accès « aws » a l’adresse « api\.aws\.example:9001 » : avec rfc2136, son hôte doit être une adresse IP/,
    );
  });

  it('haproxy with both or neither of socket and address; a server name for an endpoint the group lacks', () => {
    for (const body of [
      '    haproxy: {socket: /run/h.sock, address: 127.0.0.1:9999, backend: api}\n',
      '    haproxy: {backend: api}\n',
    ]) {
      const d = one(MAP + body, 'BASCULE_E_CONFIG_FAILOVER_HAPROXY', 'failover.api.haproxy');
      assert.equal(d.at, '18:5');
      assert.match(d.en, /haproxy needs exactly one of socket .* and address/);
      assert.match(d.fr, /haproxy demande exactement un de socket .* et address/);
    }
    const s = one(
      MAP + HAPROXY.replace('aws: aws1', 'awz: aws1'),
      'BASCULE_E_CONFIG_FAILOVER_SERVER',
      'failover.api.haproxy.servers.awz',
    );
    assert.match(s.en, /"awz" is not an endpoint of this group — did you mean "aws"\?/);
    assert.match(s.fr, /« awz » n’est pas un point d’accès de ce groupe — vouliez-vous dire « aws » \?/);
    one(
      MAP + HAPROXY.replace('/run/haproxy/admin.sock', 'x').replace('socket: x', 'address: nope'),
      'BASCULE_E_CONFIG_FORMAT',
      'failover.api.haproxy.address',
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ErrorCode } from '../src/errors.ts';
import { formatDiagnostic } from '../src/i18n/index.ts';
import { formatDuration, parseDuration } from '../src/model/duration.ts';
import { loadConfig } from '../src/model/load.ts';

const HEAD = 'version: 1\nname: Test\n';

function errors(body: string) {
  const r = loadConfig(HEAD + body, 'bascule.yaml');
  assert.equal(r.ok, false, 'expected the config to be rejected');
  return r.ok ? [] : r.diagnostics;
}

describe('bascule.yaml validation', () => {
  const cases: { name: string; body: string; code: ErrorCode; at: string; text?: RegExp }[] = [
    {
      name: 'unknown key with a did-you-mean',
      body: 'components:\n  web:\n    provder: aws\n',
      code: 'BASCULE_E_CONFIG_UNKNOWN_KEY',
      at: '5:5',
      text: /components\.web\.provder: unknown key "provder" — did you mean "provider"\?/,
    },
    {
      name: 'unknown top-level key',
      body: 'servics: {}\n',
      code: 'BASCULE_E_CONFIG_UNKNOWN_KEY',
      at: '3:1',
      text: /did you mean "services"/,
    },
    {
      name: 'unknown reference with a did-you-mean',
      body: 'components:\n  db: {provider: aws}\n  web:\n    provider: aws\n    dependsOn: [db, dbb]\n',
      code: 'BASCULE_E_CONFIG_UNKNOWN_REF',
      at: '7:21',
      text: /components\.web\.dependsOn\[1\]: unknown component "dbb" — did you mean "db"\?/,
    },
    {
      name: 'component depending on a service',
      body: 'services:\n  shop: {}\ncomponents:\n  web: {provider: aws, dependsOn: [shop]}\n',
      code: 'BASCULE_E_CONFIG_SERVICE_REF',
      at: '6:36',
    },
    {
      name: 'duplicate ids in one section',
      body: 'components:\n  web: {provider: aws}\n  web: {provider: gcp}\n',
      code: 'BASCULE_E_YAML_DUPLICATE_KEY',
      at: '5:3',
    },
    {
      name: 'an id used by a service and a component',
      body: 'services:\n  web: {}\ncomponents:\n  web: {provider: aws}\n',
      code: 'BASCULE_E_CONFIG_DUPLICATE_ID',
      at: '6:3',
    },
    {
      name: 'a dependency cycle, printed',
      body: 'components:\n  a: {provider: x, dependsOn: [b]}\n  b: {provider: x, dependsOn: [c]}\n  c: {provider: x, dependsOn: [a]}\n',
      code: 'BASCULE_E_CONFIG_CYCLE',
      at: '6:32',
      text: /dependency cycle: a → b → c → a/,
    },
    {
      name: 'a cycle through a redundancy group',
      body: 'components:\n  a: {provider: x, dependsOn: [{anyOf: [b, c]}]}\n  b: {provider: x, dependsOn: [a]}\n  c: {provider: x}\n',
      code: 'BASCULE_E_CONFIG_CYCLE',
      at: '5:32',
      text: /a → b → a/,
    },
    {
      name: 'a cycle closed by a member of a group, located at that member',
      body: 'components:\n  a: {provider: x, dependsOn: [c]}\n  c: {provider: x, dependsOn: [{anyOf: [b, a]}]}\n  b: {provider: x}\n',
      code: 'BASCULE_E_CONFIG_CYCLE',
      at: '5:44',
      text: /components\.c\.dependsOn\[0\]\.anyOf\[1\]: .*a → c → a/,
    },
    {
      name: 'quorum need above the group size',
      body: 'components:\n  a: {provider: x}\n  b: {provider: x}\n  c: {provider: x, dependsOn: [{quorum: {need: 3, of: [a, b]}}]}\n',
      code: 'BASCULE_E_CONFIG_GROUP_NEED',
      at: '6:48',
      text: /need must be between 1 and 2 .* got 3/,
    },
    {
      name: 'quorum need below 1',
      body: 'components:\n  a: {provider: x}\n  c: {provider: x, dependsOn: [{quorum: {need: 0, of: [a]}}]}\n',
      code: 'BASCULE_E_CONFIG_GROUP_NEED',
      at: '5:48',
    },
    {
      name: 'an empty group',
      body: 'components:\n  c: {provider: x, dependsOn: [{anyOf: []}]}\n',
      code: 'BASCULE_E_CONFIG_GROUP_EMPTY',
      at: '4:40',
    },
    {
      name: 'a member listed twice',
      body: 'components:\n  a: {provider: x}\n  c: {provider: x, dependsOn: [{anyOf: [a, a]}]}\n',
      code: 'BASCULE_E_CONFIG_GROUP_DUPLICATE',
      at: '5:44',
    },
    {
      name: 'a bad duration',
      body: 'services:\n  shop: {rto: 15 minutes}\n',
      code: 'BASCULE_E_CONFIG_DURATION',
      at: '4:15',
      text: /invalid duration "15 minutes"/,
    },
    {
      name: 'a duration without unit',
      body: 'services:\n  shop: {rpo: 15}\n',
      code: 'BASCULE_E_CONFIG_TYPE',
      at: '4:15',
    },
    {
      name: 'a bad criticality with a did-you-mean',
      body: 'services:\n  shop: {criticality: hihg}\n',
      code: 'BASCULE_E_CONFIG_VALUE',
      at: '4:23',
      text: /expected one of critical, high, medium, low — did you mean "high"\?/,
    },
    {
      name: 'a dependsOn entry of the wrong shape',
      body: 'components:\n  a: {provider: x, dependsOn: [{all: [b]}]}\n',
      code: 'BASCULE_E_CONFIG_DEPENDENCY',
      at: '4:32',
    },
    {
      name: 'a quorum with a mistyped key',
      body: 'components:\n  a: {provider: x}\n  c: {provider: x, dependsOn: [{quorum: {need: 1, off: [a]}}]}\n',
      code: 'BASCULE_E_CONFIG_UNKNOWN_KEY',
      at: '5:51',
      text: /did you mean "of"/,
    },
    {
      name: 'an id with spaces',
      body: 'components:\n  my web: {provider: x}\n',
      code: 'BASCULE_E_CONFIG_ID',
      at: '4:3',
    },
    {
      name: 'a check with two probes',
      body: 'components:\n  a: {provider: x}\nchecks:\n  c: {component: a, http: "http://127.0.0.1/", tcp: "127.0.0.1:1"}\n',
      code: 'BASCULE_E_CONFIG_CHECK_PROBE',
      at: '6:6',
    },
    {
      name: 'an http-only option on a tcp check',
      body: 'components:\n  a: {provider: x}\nchecks:\n  c:\n    component: a\n    tcp: 127.0.0.1:5432\n    expect: {bodyContains: ok}\n',
      code: 'BASCULE_E_CONFIG_CHECK_OPTION',
      at: '9:14',
      text: /"expect\.bodyContains" applies to http checks only, not to a tcp check/,
    },
    {
      name: 'a timeout longer than the interval',
      body: 'components:\n  a: {provider: x}\nchecks:\n  c: {component: a, http: "http://127.0.0.1/", interval: 5s, timeout: 10s}\n',
      code: 'BASCULE_E_CONFIG_CHECK_TIMEOUT',
      at: '6:71',
      text: /the timeout \(10s\) is longer than the interval \(5s\)/,
    },
    {
      name: 'an interval under a second',
      body: 'components:\n  a: {provider: x}\nchecks:\n  c: {component: a, http: "http://127.0.0.1/", interval: 500ms}\n',
      code: 'BASCULE_E_CONFIG_CHECK_INTERVAL',
      at: '6:58',
      text: /interval 500ms is too short: the minimum is 1s/,
    },
    {
      name: 'a header the probe sets itself',
      body: 'components:\n  a: {provider: x}\nchecks:\n  c: {component: a, http: "http://127.0.0.1/", headers: {Connection: keep-alive}}\n',
      code: 'BASCULE_E_CONFIG_HEADER',
      at: '6:58',
      text: /header "Connection": set by the probe itself/,
    },
    {
      name: 'a header value with a line break',
      body: 'components:\n  a: {provider: x}\nchecks:\n  c: {component: a, http: "http://127.0.0.1/", headers: {X-A: "b\\r\\nX-Injected: 1"}}\n',
      code: 'BASCULE_E_CONFIG_HEADER',
      at: '6:63',
      text: /header "X-A": its value has a line break/,
    },
    {
      name: 'a header name with a space',
      body: 'components:\n  a: {provider: x}\nchecks:\n  c: {component: a, http: "http://127.0.0.1/", headers: {"X A": b}}\n',
      code: 'BASCULE_E_CONFIG_HEADER',
      at: '6:58',
      text: /not a valid header name/,
    },
    {
      name: 'a tcp target without a port',
      body: 'components:\n  a: {provider: x}\nchecks:\n  c: {component: a, tcp: db.internal}\n',
      code: 'BASCULE_E_CONFIG_FORMAT',
      at: '6:26',
      text: /expected host:port/,
    },
    {
      name: 'a listen address whose port is out of range',
      body: 'components:\n  a: {provider: x}\nruntime:\n  listen: 127.0.0.1:99999\n',
      code: 'BASCULE_E_CONFIG_FORMAT',
      at: '6:11',
      text: /invalid value "?127\.0\.0\.1:99999"?: expected host:port/,
    },
    {
      name: 'a check from an unknown vantage point',
      body: 'components:\n  a: {provider: x}\nvantages:\n  office: {provider: onprem}\nchecks:\n  c: {component: a, tcp: "db:5432", from: [ofice]}\n',
      code: 'BASCULE_E_CONFIG_UNKNOWN_REF',
      at: '8:44',
      text: /did you mean "office"/,
    },
    {
      name: 'an alert channel with two kinds',
      body: 'notify:\n  ops: {slack: "https://hooks.example/x", discord: "https://discord.example/y"}\n',
      code: 'BASCULE_E_CONFIG_NOTIFY_CHANNEL',
      at: '4:8',
      text: /needs exactly one of webhook, slack, discord, teams, ntfy, email$/,
    },
    {
      name: 'an ntfy token on a slack channel',
      body: 'notify:\n  team:\n    slack: "https://hooks.example/x"\n    token: {env: T}\n',
      code: 'BASCULE_E_CONFIG_NOTIFY_OPTION',
      at: '6:5',
      text: /^bascule\.yaml:6:5: notify\.team\.token: "token" applies to ntfy channels only, not to a slack channel$/,
    },
    {
      name: 'a webhook secret on an ntfy channel',
      body: 'notify:\n  push: {ntfy: "https://ntfy.example/t", secret: {env: S}}\n',
      code: 'BASCULE_E_CONFIG_NOTIFY_OPTION',
      at: '4:42',
      text: /"secret" applies to webhook channels only, not to a ntfy channel/,
    },
    {
      name: 'a check without a probe',
      body: 'components:\n  a: {provider: x}\nchecks:\n  c: {component: a}\n',
      code: 'BASCULE_E_CONFIG_CHECK_PROBE',
      at: '6:6',
      text: /needs exactly one probe, one of: http, tcp, tls, dns$/,
    },
    {
      name: 'a secret written as a plain string',
      body: 'notify:\n  ops: {webhook: "http://127.0.0.1:9/h", secret: hunter2}\n',
      code: 'BASCULE_E_CONFIG_SECRET_VALUE',
      at: '4:50',
      // Never the value: it is the secret (test/secret-values.test.ts covers every secret of the map).
      text: /^(?!.*hunter2).*notify\.ops\.secret: secret is a secret: write \{env: VARIABLE\} or \{file: PATH\}/,
    },
    {
      name: 'a failover through an unknown component',
      body: 'components:\n  a: {provider: x}\n  b: {provider: y}\nfailover:\n  f: {primary: a, secondary: [b], via: dsn}\n',
      code: 'BASCULE_E_CONFIG_UNKNOWN_REF',
      at: '7:40',
    },
  ];
  it('follows the component of an id written in both sections, not the service (one error, no cycle)', () => {
    const diags = errors(
      'services:\n  s1: {dependsOn: [web]}\n  web: {dependsOn: [s1]}\ncomponents:\n  web: {provider: x}\n',
    );
    assert.deepEqual(
      diags.map((d) => d.code),
      ['BASCULE_E_CONFIG_DUPLICATE_ID'],
    );
  });

  for (const c of cases) {
    it(`rejects ${c.name} with ${c.code} at its line and column`, () => {
      const diags = errors(c.body);
      const d = diags.find((x) => x.code === c.code);
      assert.ok(d, `no ${c.code} in ${JSON.stringify(diags)}`);
      assert.equal(`${d.line}:${d.col}`, c.at);
      const text = formatDiagnostic('en', d);
      assert.match(text, /^bascule\.yaml:\d+:\d+: /);
      if (c.text) assert.match(text, c.text);
    });
  }

  it('reports every structural error at once, not only the first', () => {
    const diags = errors('services:\n  a: {criticality: nope, rto: x}\ncomponents:\n  b: {provder: aws}\n');
    assert.deepEqual(
      diags.map((d) => d.code),
      ['BASCULE_E_CONFIG_VALUE', 'BASCULE_E_CONFIG_DURATION', 'BASCULE_E_CONFIG_UNKNOWN_KEY'],
    );
  });

  it('rejects YAML syntax errors with their position', () => {
    const r = loadConfig('version: 1\nname: [oops\n', 'x.yaml');
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.deepEqual(
        r.diagnostics.map((d) => [d.code, d.line, d.col]),
        [['BASCULE_E_YAML_BRACKET', 2, 7]],
      );
    }
  });

  it('rejects an empty file and an unsupported version', () => {
    const empty = loadConfig('', 'x.yaml');
    assert.equal(!empty.ok && empty.diagnostics[0]!.code, 'BASCULE_E_CONFIG_EMPTY');
    const v2 = loadConfig('version: 2\nname: x\n', 'x.yaml');
    assert.equal(!v2.ok && v2.diagnostics[0]!.code, 'BASCULE_E_CONFIG_VERSION');
  });

  it('speaks French when asked', () => {
    const d = errors('components:\n  web:\n    provder: aws\n')[0]!;
    assert.match(formatDiagnostic('fr', d), /clé inconnue « provder » — vouliez-vous dire « provider » \?/);
    const option = errors('notify:\n  team: {slack: "https://hooks.example/x", token: {env: T}}\n')[0]!;
    assert.equal(
      formatDiagnostic('fr', option),
      'bascule.yaml:4:44: notify.team.token: « token » ne s’applique qu’aux canaux ntfy, pas à un canal slack',
    );
  });

  it('accepts each channel with the options and secrets its type declares', () => {
    const r = loadConfig(
      `${HEAD}notify:\n  hook: {webhook: "https://h.example/x", secret: {env: S}}\n` +
        '  push: {ntfy: "https://ntfy.example/t", token: {file: t.key}}\n' +
        '  mail: {email: {host: smtp.example, from: a@example.com, to: [b@example.com], user: u, password: {env: P}}}\n',
      'bascule.yaml',
    );
    assert.ok(r.ok, JSON.stringify(!r.ok && r.diagnostics));
  });

  it('accepts a full map and freezes it', () => {
    const r = loadConfig(
      `${HEAD}services:\n  shop: {criticality: critical, rto: 15m, rpo: 5m, dependsOn: [web]}\ncomponents:\n` +
        '  web: {provider: aws, region: eu-west-3, zone: eu-west-3a, kind: compute, service: ec2,\n' +
        '        dependsOn: [{anyOf: [db1, db2]}, {quorum: {need: 2, of: [c1, c2, c3]}}]}\n' +
        '  db1: {provider: aws}\n  db2: {provider: gcp}\n  c1: {provider: x}\n  c2: {provider: x}\n  c3: {provider: x}\n',
      'x.yaml',
    );
    assert.ok(r.ok);
    if (r.ok) {
      assert.equal(r.config.services.shop!.criticality, 'critical');
      assert.equal(r.config.components.c1!.dependsOn.length, 0);
      assert.ok(Object.isFrozen(r.config.components.web!.dependsOn));
      // Frozen all the way down: the groups in a list, their objects and their member lists.
      const quorum = r.config.components.web!.dependsOn[1] as { quorum: { of: string[] } };
      assert.ok(
        Object.isFrozen(quorum) && Object.isFrozen(quorum.quorum) && Object.isFrozen(quorum.quorum.of),
      );
    }
  });
});

describe('durations', () => {
  for (const [text, ms] of [
    ['30s', 30_000],
    ['15m', 900_000],
    ['4h', 14_400_000],
    ['2d', 172_800_000],
    ['1h30m', 5_400_000],
    ['800ms', 800],
  ] as const) {
    it(`reads ${text}`, () => {
      assert.equal(parseDuration(text), ms);
      assert.equal(formatDuration(ms), text);
    });
  }
  for (const bad of ['', '15', 'm', '1.5h', '15 m', '1m1h']) {
    it(`refuses "${bad}"`, () => assert.equal(parseDuration(bad), undefined));
  }
});

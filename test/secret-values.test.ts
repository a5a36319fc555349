/**
 * A secret written as a value (`password: hunter2` where {env}/{file} is expected) is refused without
 * the value ever reaching the message, for every secret of the map; an alert channel's address (its
 * secret, for Slack, Discord, Teams) is refused without being shown either. The table is checked
 * against the schema: a secret key added to the schema without a line here fails the test.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { configSchema } from '../src/model/schema.ts';
import { runCli } from './helpers/cli.ts';

/** Every secret, its path (`*` for an id), and where the map below writes it as a plain value. */
const SECRETS: readonly { readonly pattern: string; readonly path: string; readonly value: string }[] = [
  { pattern: 'vantages.*.token', path: 'vantages.paris.token', value: 'vantage-token-1' },
  { pattern: 'runtime.token', path: 'runtime.token', value: 'operator-token-2' },
  { pattern: 'notify.*.secret', path: 'notify.hook.secret', value: 'hmac-secret-3' },
  { pattern: 'notify.*.token', path: 'notify.phone.token', value: 'ntfy-token-4' },
  { pattern: 'notify.*.email.password', path: 'notify.mail.email.password', value: 'smtp-pass-5' },
  {
    pattern: 'failover.*.webhook.secret',
    path: 'failover.api.webhook.secret',
    value: 'failover-hmac-6',
  },
  {
    pattern: 'failover.*.rfc2136.tsig.secret',
    path: 'failover.api.rfc2136.tsig.secret',
    value: 'c2VjcmV0LXRzaWctNw==',
  },
  {
    pattern: 'dnsZones.*.secondaries.*.tsig.secret',
    path: 'dnsZones.example.com.secondaries[0].tsig.secret',
    value: 'eGZyLXNlY3JldC04',
  },
  { pattern: 'backups.targets.*.password', path: 'backups.targets.nas.password', value: 'hunter2' },
  {
    pattern: 'backups.targets.*.env.*',
    path: 'backups.targets.nas.env.AWS_SECRET_ACCESS_KEY',
    value: 'aws-secret-9',
  },
  {
    pattern: 'backups.datasets.*.postgres.url',
    path: 'backups.datasets.shop-db.postgres.url',
    value: 'postgres://shop:pg-pass-10@db/shop',
  },
];

/** Channels whose address is their secret, written as something that is not a URL. */
const ADDRESSES = [
  { path: 'notify.chat.slack', value: 'hooks.slack.com/services/T00/B00/slack-secret-11' },
  { path: 'notify.game.discord', value: 'discord.com/api/webhooks/1/discord-secret-12' },
  { path: 'notify.office.teams', value: 'teams-secret-13' },
];

const MAP = `version: 1
name: Secrets
services:
  shop: {criticality: high, dependsOn: [db]}
components:
  db: {provider: aws, region: eu-west-3, kind: database}
  nas-box: {provider: office, region: lyon, kind: nas}
vantages:
  paris: {provider: ovh, token: vantage-token-1}
checks:
  web: {component: db, tcp: "192.0.2.1:443", from: [paris]}
runtime:
  token: operator-token-2
notify:
  hook: {webhook: "https://hooks.example/alert", secret: hmac-secret-3}
  phone: {ntfy: "https://ntfy.sh/shop", token: ntfy-token-4}
  mail: {email: {host: smtp.example.com, user: bascule, password: smtp-pass-5, from: bascule@example.com, to: [ops@example.com]}}
  chat: {slack: "hooks.slack.com/services/T00/B00/slack-secret-11"}
  game: {discord: "discord.com/api/webhooks/1/discord-secret-12"}
  office: {teams: teams-secret-13}
failover:
  api:
    service: shop
    endpoints:
      - {name: a, address: "192.0.2.1:443", check: web}
      - {name: b, address: "192.0.2.2:443", check: web}
    webhook: {url: "https://hooks.example/failover", secret: failover-hmac-6}
    rfc2136:
      server: "192.0.2.53:53"
      zone: example.com
      name: api
      tsig: {name: upd, algorithm: hmac-sha256, secret: "c2VjcmV0LXRzaWctNw=="}
dnsZones:
  example.com:
    secondaries:
      - {address: "192.0.2.80:53", tsig: {name: xfr, secret: "eGZyLXNlY3JldC04"}}
backups:
  targets:
    nas:
      repository: "sftp:backup@nas.local:/volume1/bascule"
      password: hunter2
      component: nas-box
      env: {AWS_SECRET_ACCESS_KEY: aws-secret-9}
  datasets:
    shop-db:
      component: db
      postgres: {url: "postgres://shop:pg-pass-10@db/shop"}
      to: [nas]
      every: 1h
`;

/** The paths at which the schema expects a secret ({env} or {file}), ids as `*`. */
function secretPatterns(schema: z.ZodType, at = ''): string[] {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable)
      s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else if (s instanceof z.ZodLazy) s = s.unwrap() as z.ZodType;
    else break;
  }
  const join = (key: string) => (at ? `${at}.${key}` : key);
  if (s instanceof z.ZodUnion) {
    const options = s.options as z.ZodType[];
    const keys = options.map((o) => (o instanceof z.ZodObject ? Object.keys(o.shape).join() : ''));
    if (keys.length === 2 && keys.includes('env') && keys.includes('file')) return [at];
    return [...new Set(options.flatMap((o) => secretPatterns(o, at)))];
  }
  if (s instanceof z.ZodObject)
    return Object.entries(s.shape as Record<string, z.ZodType>).flatMap(([k, v]) =>
      secretPatterns(v, join(k)),
    );
  if (s instanceof z.ZodRecord) return secretPatterns(s.valueType as z.ZodType, join('*'));
  if (s instanceof z.ZodArray) return secretPatterns(s.element as z.ZodType, join('*'));
  return [];
}

interface Line {
  readonly code: string;
  readonly path: string;
  readonly line: number;
}

describe('a secret written as a value', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bascule-secrets-'));
  const file = join(dir, 'bascule.yaml');
  writeFileSync(file, MAP);

  it('the table names every secret of the schema', () => {
    assert.deepEqual([...secretPatterns(configSchema)].sort(), SECRETS.map((x) => x.pattern).sort());
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`is refused at its path, never shown (${lang})`, async () => {
      const r = await runCli(['validate', '-c', file, '--lang', lang]);
      assert.equal(r.code, 2, r.stderr);
      for (const x of [...SECRETS, ...ADDRESSES]) {
        assert.ok(!r.stderr.includes(x.value), `${x.path} shown: ${r.stderr}`);
        assert.ok(!r.stdout.includes(x.value), `${x.path} shown: ${r.stdout}`);
      }
      for (const x of SECRETS) assert.ok(r.stderr.includes(`${x.path}: `), `${x.path} not said`);
      assert.match(
        r.stderr,
        lang === 'en' ? /password is a secret: write/ : /password est un secret : écrivez/,
      );
    });
  }

  it('each with its own code and line (BASCULE_ERRORS=json)', async () => {
    const r = await runCli(['validate', '-c', file], { env: { BASCULE_ERRORS: 'json' } });
    assert.equal(r.code, 2);
    const lines = r.stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    const byPath = new Map(lines.map((l) => [l.path, l]));
    const mapLines = MAP.split('\n');
    for (const x of SECRETS) {
      const d = byPath.get(x.path);
      assert.equal(d?.code, 'BASCULE_E_CONFIG_SECRET_VALUE', x.path);
      assert.ok(mapLines[d.line - 1]!.includes(x.value), `${x.path} located at line ${d.line}`);
    }
    for (const x of ADDRESSES) assert.equal(byPath.get(x.path)?.code, 'BASCULE_E_CONFIG_CHANNEL_URL', x.path);
    // Nothing else is wrong with the map: these are all its errors.
    assert.equal(lines.length, SECRETS.length + ADDRESSES.length, r.stderr);
    assert.ok(!r.stderr.includes('hunter2'));
  });
});

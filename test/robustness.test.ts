import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ERRORS } from '../src/errors.ts';
import { loadConfig } from '../src/model/load.ts';
import { tempDir } from './helpers/cli.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'bascule.js');

const VALID = `version: 1
name: Acme
services:
  checkout: {criticality: critical, rto: 15m, dependsOn: [web, {anyOf: [pay-a, pay-b]}]}
components:
  web: {provider: aws, region: eu-west-3, dependsOn: [db, {quorum: {need: 2, of: [c1, c2, c3]}}]}
  db: {provider: aws, region: eu-west-3}
  c1: {provider: aws}
  c2: {provider: gcp}
  c3: {provider: ovh}
  pay-a: {provider: stripe, runsOn: [{provider: aws, region: us-east-1}]}
  pay-b: {provider: adyen}
`;

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

describe('bad input never crashes', () => {
  it('answers 2,000 random mutations of a valid map with a result or located diagnostics', () => {
    const random = rng(7);
    const alphabet = ' :-[]{},\n#&*!|>\'"%@`abc1\t';
    for (let i = 0; i < 2_000; i++) {
      const chars = [...VALID];
      const edits = 1 + Math.floor(random() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * chars.length);
        const op = random();
        if (op < 0.4) chars.splice(at, 1);
        else if (op < 0.8) chars.splice(at, 0, alphabet[Math.floor(random() * alphabet.length)]!);
        else chars[at] = alphabet[Math.floor(random() * alphabet.length)]!;
      }
      const text = chars.join('');
      const r = loadConfig(text, 'fuzz.yaml');
      if (!r.ok) {
        assert.ok(r.diagnostics.length > 0, text);
        for (const d of r.diagnostics) {
          assert.ok(d.code in ERRORS, d.code);
          assert.ok((d.line ?? 0) >= 1, `${d.code} without a line for:\n${text}`);
        }
      }
    }
  });
});

describe('the bascule executable', () => {
  before(() => {
    if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
      execFileSync(
        process.execPath,
        [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
        {
          cwd: ROOT,
        },
      );
    }
  });

  const run = (args: string[], cwd: string) =>
    spawnSync(process.execPath, [BIN, ...args], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, LANG: 'C' },
    });

  it('exits 2 with one located line, and no stack trace, on a broken map', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'bascule.yaml'),
      'version: 1\nname: x\ncomponents:\n  web: {provider: aws, dependsOn: [db]}\n',
    );
    const r = run(['validate'], dir);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'bascule.yaml:4:36: components.web.dependsOn[0]: unknown component "db"\n');
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/);
  });

  it('exits 0 and analyses a valid map end to end', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bascule.yaml'), VALID);
    const r = run(['analyze', '--format', 'json'], dir);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { singlePointsOfFailure: { component: string }[] };
    assert.deepEqual(
      out.singlePointsOfFailure.map((s) => s.component),
      ['web', 'db'],
    );
  });

  it('exits 2 on a binary file instead of YAML', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bascule.yaml'), Buffer.from([0, 1, 2, 255, 254, 10, 58, 58, 0]));
    const r = run(['validate'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^bascule\.yaml:\d+:\d+: /);
  });
});
